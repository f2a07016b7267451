#pragma once
// Access groups — counting viewed persons (被閲覧者の数え方, P6.2).
//
// Index
//   normalise_person_key()  one key per viewed person, however the name was typed
//   AccessGroup             one series of operations on one person (一連の操作)
//   group_accesses()        log rows → series
//   count_viewed_persons()  distinct persons per system (P6.2: at least 10 each)
//
// Pure functions: no database, no UI.
//
// The person key. Name and kana are NFKC-normalised (ICU), which turns
// half-width katakana and full-width ASCII into their usual forms, and then
// every white-space character (ASCII space, U+3000, …) is removed, so "山田　太郎"
// and "山田 太郎" are one person. NFKC leaves ideographic variation selectors
// (U+E0100–U+E01EF) and private-use 外字 untouched, so 葛 U+845B U+E0102 and 葛
// stay two different keys: the register treats them as different characters.
// The birth date is part of the key: the same name born on another day is
// another person. A key is PERSONAL DATA.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/survey/domain.hpp"

namespace shogo::survey {

inline constexpr int kSeriesGapMinutes = 15;  // P6.2: rows closer than this form one series

// PERSONAL DATA. "name␟kana␟YYYY-MM-DD" after NFKC and white-space removal.
// Malformed UTF-8 becomes U+FFFD.
std::string normalise_person_key(std::string_view name, std::string_view kana, Date birth);

// PERSONAL DATA (person_key). AccessGroup — one series of operations (一連の操作)
// on one viewed person: same system, operator, terminal and person key, each
// row at most max_gap after the previous one (P6.2).
struct AccessGroup {
  System system = System::koseki;
  std::string operator_id;
  std::string terminal_id;
  std::string person_key;
  std::vector<std::size_t> rows;  // indices into the input, in time order (ties: input order)
};

// Splits rows into series. Rows are ordered by date and time inside a group; a
// gap larger than max_gap_minutes, or another date, starts a new group (a
// series never crosses midnight). Groups come sorted by system, then first row
// (date, time), then terminal, operator and key.
std::vector<AccessGroup> group_accesses(const std::vector<AccessLogRow>& rows,
                                        int max_gap_minutes = kSeriesGapMinutes);

// The same rule over rows held elsewhere (the lent sheet's arena): one entry
// per row, its texts viewed, not copied. Returns the series as row indices
// (each in time order), sorted as group_accesses() sorts its groups.
struct SeriesFields {  // PERSONAL DATA (person_key)
  System system = System::koseki;
  std::string_view operator_id, terminal_id, person_key;
  Date date;
  TimeOfDay time;
};
std::vector<std::vector<std::size_t>> group_series(const std::vector<SeriesFields>& rows,
                                                   int max_gap_minutes = kSeriesGapMinutes);

// P6.2: distinct person keys per system; the same person in two groups counts
// once. Every system of kAllSystems is in the map, with 0 when it has no group.
std::map<System, std::size_t> count_viewed_persons(const std::vector<AccessGroup>& groups);

}  // namespace shogo::survey
