// libFuzzer target: SheetReader (storage/import/sheet_rows.hpp) on arbitrary CSV.
//
// Input byte 0 picks the reference profile (bits 0–1: the sheet kind) and the
// WindowFilter (bits 2–5: date, hours, terminals, hours half-open); the rest
// is the CSV file.
// The reader is opened and read to the end or to its first error.
// Invariants (a violation traps):
//   - counts.rows is the sum of kept, problems, blank, totals and dropped_*;
//   - a kept row has a valid date and birth date, a time in range, a terminal,
//     operator and name, lies inside the filter, and has the profile's kind;
//   - a problem names one of the profile's columns and an import.* code;
//   - row numbers increase, and all follow the header row.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "storage/import/sheet_rows.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

using shogo::Date;
using shogo::is_valid_date;
using shogo::TimeOfDay;
using shogo::storage::import::CanonicalRow;
using shogo::storage::import::kAllSheetKinds;
using shogo::storage::import::parse_profile;
using shogo::storage::import::Profile;
using shogo::storage::import::reference_profile;
using shogo::storage::import::RowProblem;
using shogo::storage::import::SheetCounts;
using shogo::storage::import::SheetItem;
using shogo::storage::import::SheetReader;
using shogo::storage::import::WindowFilter;

const Profile& profile_for(std::uint8_t selector) {
  static const auto profiles = [] {
    std::vector<Profile> out;
    for (const auto kind : kAllSheetKinds) {
      auto p = parse_profile(reference_profile(kind));
      SHOGO_FUZZ_CHECK(p.ok());
      out.push_back(std::move(*p));
    }
    return out;
  }();
  return profiles[selector % profiles.size()];
}

WindowFilter filter_for(std::uint8_t selector) {
  WindowFilter f;
  if (selector & 0x04) f.date = Date{2026, 4, 1};
  if (selector & 0x08) {
    f.from = TimeOfDay{9, 0, 0};
    f.to = TimeOfDay{17, 0, 0};
  }
  if (selector & 0x10) f.terminals = {"KT-01", "JK-11", "JK-21", "CS-01"};
  f.to_excluded = (selector & 0x20) != 0;
  return f;
}

// Compared as seconds, not with TimeOfDay's own order, which the reader uses.
int seconds(const TimeOfDay& t) { return t.seconds_since_midnight(); }

bool valid_time(const TimeOfDay& t) {
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second <= 59;
}

bool is_profile_column(const Profile& p, const std::string& column) {
  const auto& c = p.columns;
  for (const auto* h :
       {&c.when, &c.date, &c.time, &c.terminal_id, &c.operator_id, &c.operation, &c.detail,
        &c.reference, &c.resident_name, &c.resident_kana, &c.resident_birth, &c.resident_address,
        &c.resident_honseki, &c.search_condition})
    if (!h->empty() && *h == column) return true;
  return false;
}

void check_counts(const SheetCounts& c) {
  SHOGO_FUZZ_CHECK(c.rows == c.kept + c.problems + c.blank + c.totals + c.dropped_date +
                                 c.dropped_time + c.dropped_terminal);
}

void check_row(const CanonicalRow& r, const Profile& p, const WindowFilter& f) {
  SHOGO_FUZZ_CHECK(r.kind == p.kind && r.system == p.system);
  SHOGO_FUZZ_CHECK(is_valid_date(r.date) && is_valid_date(r.resident_birth));
  SHOGO_FUZZ_CHECK(valid_time(r.time));
  SHOGO_FUZZ_CHECK(!r.terminal_id.empty() && !r.operator_id.empty() && !r.resident_name.empty());
  SHOGO_FUZZ_CHECK(r.operation == p.operation_for(r.operation_text));
  if (f.date) SHOGO_FUZZ_CHECK(r.date == *f.date);
  if (f.from) SHOGO_FUZZ_CHECK(seconds(r.time) >= seconds(*f.from));
  if (f.to && f.to_excluded) SHOGO_FUZZ_CHECK(seconds(r.time) < seconds(*f.to));
  if (f.to) SHOGO_FUZZ_CHECK(seconds(r.time) <= seconds(*f.to));
  if (!f.terminals.empty()) {
    bool listed = false;
    for (const auto& t : f.terminals) listed = listed || t == r.terminal_id;
    SHOGO_FUZZ_CHECK(listed);
  }
  // Optional columns are read only when the profile names them (and the sheet has them).
  if (r.resident_address) SHOGO_FUZZ_CHECK(!p.columns.resident_address.empty());
  if (r.resident_honseki) SHOGO_FUZZ_CHECK(!p.columns.resident_honseki.empty());
  if (r.reference) SHOGO_FUZZ_CHECK(!p.columns.reference.empty());
  if (r.search_condition) SHOGO_FUZZ_CHECK(!p.columns.search_condition.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  auto& file = shogo::fuzz::input_file();
  file.write(data + 1, size - 1);

  const Profile& profile = profile_for(selector);
  const WindowFilter filter = filter_for(selector);
  auto reader = SheetReader::open(file.path(), profile, filter);
  if (!reader) {
    SHOGO_FUZZ_CHECK(reader.error().code.starts_with("import."));
    return 0;
  }
  const std::uint64_t header_row = reader->counts().header_row;
  SHOGO_FUZZ_CHECK(header_row >= 1);
  std::uint64_t last_row = header_row;
  SheetItem item;
  while (true) {
    auto more = reader->next(item);
    if (!more) {
      SHOGO_FUZZ_CHECK(more.error().code.starts_with("import."));
      break;
    }
    check_counts(reader->counts());
    if (!*more) break;
    if (const auto* row = std::get_if<CanonicalRow>(&item)) {
      check_row(*row, profile, filter);
      SHOGO_FUZZ_CHECK(row->row > last_row);
      last_row = row->row;
    } else {
      const auto& problem = std::get<RowProblem>(item);
      SHOGO_FUZZ_CHECK(problem.row > last_row);
      SHOGO_FUZZ_CHECK(is_profile_column(profile, problem.column));
      SHOGO_FUZZ_CHECK(problem.error.code.starts_with("import."));
      last_row = problem.row;
    }
  }
  return 0;
}
