#pragma once
// A large synthetic 住基アクセスログ sheet for the benchmarks (never real
// people): the ward's JUKI access-log rows, repeated to `rows`, with times
// spread evenly over [08:30, 17:15) of the ward's day so that a designation
// of that window on every JUKI terminal keeps every one. With
// `distinct_persons`, each repetition's residents are born a day later: other
// persons, so the sheet has as many access groups as a real one of its size
// (without it, a repeated person's rows merge into a few long series).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"

namespace shogo::bench_sheets {

inline constexpr survey::TimeOfDay kOpens{8, 30, 0};    // the ward's operating day (P6.3.b)
inline constexpr survey::TimeOfDay kCloses{17, 15, 0};  // excluded: the window is half-open

inline bool write_juki_sheet(const std::filesystem::path& file, std::uint64_t rows,
                             const survey::synthetic::Ward& ward, bool distinct_persons = false) {
  constexpr auto kind = storage::import::SheetKind::juki_access_log;
  std::vector<const survey::AccessLogRow*> source;
  for (const auto& r : ward.access_log) {
    if (survey::synthetic::sheet_kind_for(r) == kind) source.push_back(&r);
  }
  if (source.empty()) {
    std::fprintf(stderr, "bench: the synthetic ward has no JUKI access rows\n");
    return false;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "bench: cannot write %s\n", file.c_str());
    return false;
  }
  out << "\xEF\xBB\xBF";
  survey::synthetic::write_sheet_header(out, kind);
  const auto day = static_cast<std::uint64_t>(kCloses.seconds_since_midnight() -
                                              kOpens.seconds_since_midnight());
  for (std::uint64_t n = 0; n < rows; ++n) {
    survey::AccessLogRow row = *source[n % source.size()];
    const auto t = static_cast<int>(static_cast<std::uint64_t>(kOpens.seconds_since_midnight()) +
                                    n * day / rows);
    row.date = survey::synthetic::WardOptions{}.day;
    if (distinct_persons) {
      row.resident_birth =
          add_days(row.resident_birth, -(static_cast<std::int64_t>(n / source.size()) % 3000));
    }
    row.time = survey::TimeOfDay{t / 3600, t / 60 % 60, t % 60};
    survey::synthetic::write_sheet_row(out, kind, row, n + 1);
  }
  out.close();
  if (!out.good()) std::fprintf(stderr, "bench: cannot write %s\n", file.c_str());
  return out.good();
}

}  // namespace shogo::bench_sheets
