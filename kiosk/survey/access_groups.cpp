#include "kiosk/survey/access_groups.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cassert>
#include <numeric>
#include <set>
#include <tuple>

namespace shogo::survey {

namespace {

// NFKC, then every white-space code point removed (P6.2 key).
std::string normalise_text(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  assert(U_SUCCESS(status) && "ICU has no NFKC data");
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString normal = nfkc->normalize(source, status);
  assert(U_SUCCESS(status) && "ICU NFKC normalisation failed");
  icu::UnicodeString kept;
  for (int32_t i = 0; i < normal.length();) {
    const UChar32 c = normal.char32At(i);
    if (!u_isUWhiteSpace(c)) kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace

std::string normalise_person_key(std::string_view name, std::string_view kana, Date birth) {
  return normalise_text(name) + '\x1f' + normalise_text(kana) + '\x1f' + format_date(birth);
}

std::vector<std::vector<std::size_t>> group_series(const std::vector<SeriesFields>& rows,
                                                   int max_gap_minutes) {
  // Who did what to whom, then when; the index breaks ties so the order is stable.
  auto series_of = [&](std::size_t i) {
    const SeriesFields& r = rows[i];
    return std::tie(r.system, r.operator_id, r.terminal_id, r.person_key);
  };
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tuple_cat(series_of(a), std::tie(rows[a].date, rows[a].time, a)) <
           std::tuple_cat(series_of(b), std::tie(rows[b].date, rows[b].time, b));
  });

  const int max_gap_s = max_gap_minutes * 60;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    bool joins = false;
    if (k > 0) {
      const std::size_t prev = order[k - 1];
      joins = series_of(prev) == series_of(i) && rows[prev].date == rows[i].date &&
              rows[i].time.seconds_since_midnight() - rows[prev].time.seconds_since_midnight() <=
                  max_gap_s;
    }
    if (!joins) groups.emplace_back();
    groups.back().push_back(i);
  }

  auto first = [&](const std::vector<std::size_t>& g) {
    const SeriesFields& r = rows[g.front()];
    return std::tie(r.system, r.date, r.time, r.terminal_id, r.operator_id, r.person_key);
  };
  std::sort(groups.begin(), groups.end(),
            [&](const auto& a, const auto& b) { return first(a) < first(b); });
  return groups;
}

std::vector<AccessGroup> group_accesses(const std::vector<AccessLogRow>& rows,
                                        int max_gap_minutes) {
  std::vector<std::string> keys;
  keys.reserve(rows.size());
  for (const AccessLogRow& row : rows) {
    keys.push_back(normalise_person_key(row.resident_name, row.resident_kana, row.resident_birth));
  }
  std::vector<SeriesFields> fields;
  fields.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AccessLogRow& r = rows[i];
    fields.push_back({r.system, r.operator_id, r.terminal_id, keys[i], r.date, r.time});
  }
  std::vector<AccessGroup> groups;
  for (auto& series : group_series(fields, max_gap_minutes)) {
    const std::size_t i = series.front();
    groups.push_back(AccessGroup{rows[i].system, rows[i].operator_id, rows[i].terminal_id, keys[i],
                                 std::move(series)});
  }
  return groups;
}

std::map<System, std::size_t> count_viewed_persons(const std::vector<AccessGroup>& groups) {
  std::map<System, std::set<std::string_view>> persons;
  for (System s : kAllSystems) persons[s];
  for (const AccessGroup& g : groups) persons[g.system].insert(g.person_key);
  std::map<System, std::size_t> out;
  for (const auto& [system, keys] : persons) out[system] = keys.size();
  return out;
}

}  // namespace shogo::survey
