#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/survey/access_groups.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"

using namespace shogo::survey;
using namespace shogo::survey::synthetic;

namespace {

constexpr Date kDay{2026, 11, 18};

AccessLogRow row(TimeOfDay time, std::string op = "K10001", std::string terminal = "JK-S01-01",
                 std::string name = "架空　一郎", Date birth = {1980, 4, 1},
                 System system = System::juki) {
  AccessLogRow r;
  r.system = system;
  r.date = kDay;
  r.time = time;
  r.terminal_id = std::move(terminal);
  r.operator_id = std::move(op);
  r.resident_name = std::move(name);
  r.resident_kana = "カクウ　イチロウ";
  r.resident_birth = birth;
  return r;
}

std::size_t persons(const std::vector<AccessLogRow>& rows, System system = System::juki) {
  return count_viewed_persons(group_accesses(rows)).at(system);
}

}  // namespace

TEST_CASE("P6.2 one series counts as one person") {
  const std::vector<AccessLogRow> rows = {row({9, 0, 0}), row({9, 0, 40}), row({9, 2, 10})};
  const auto groups = group_accesses(rows);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].rows == std::vector<std::size_t>{0, 1, 2});
  CHECK(groups[0].operator_id == "K10001");
  CHECK(groups[0].terminal_id == "JK-S01-01");
  const auto counts = count_viewed_persons(groups);
  CHECK(counts.at(System::juki) == 1);
  CHECK(counts.at(System::koseki) == 0);
  CHECK(counts.at(System::jukinet) == 0);
}

TEST_CASE("P6.2 rows are put in time order inside a series") {
  const std::vector<AccessLogRow> rows = {row({9, 2, 0}), row({9, 0, 0}), row({9, 1, 0})};
  const auto groups = group_accesses(rows);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].rows == std::vector<std::size_t>{1, 2, 0});
}

TEST_CASE("P6.2 a gap longer than the maximum splits a series") {
  SECTION("exactly 15 minutes keeps one series") {
    CHECK(group_accesses({row({9, 0, 0}), row({9, 15, 0})}).size() == 1);
  }
  SECTION("15 minutes and 1 second splits it") {
    const std::vector<AccessLogRow> rows = {row({9, 0, 0}), row({9, 15, 1}), row({9, 16, 0})};
    const auto groups = group_accesses(rows);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].rows == std::vector<std::size_t>{0});
    CHECK(groups[1].rows == std::vector<std::size_t>{1, 2});
    CHECK(persons(rows) == 1);  // still one person
  }
  SECTION("the gap is measured from the previous row, not the first") {
    CHECK(group_accesses({row({9, 0, 0}), row({9, 10, 0}), row({9, 20, 0})}).size() == 1);
  }
  SECTION("another maximum") {
    CHECK(group_accesses({row({9, 0, 0}), row({9, 5, 0})}, 3).size() == 2);
  }
  SECTION("another date splits it") {
    auto next = row({9, 0, 0});
    next.date = {2026, 11, 19};
    CHECK(group_accesses({row({9, 0, 0}), next}).size() == 2);
  }
}

TEST_CASE("P6.2 another operator or terminal or system splits a series") {
  CHECK(group_accesses({row({9, 0, 0}), row({9, 1, 0}, "K10002")}).size() == 2);
  CHECK(group_accesses({row({9, 0, 0}), row({9, 1, 0}, "K10001", "JK-S01-02")}).size() == 2);
  const std::vector<AccessLogRow> rows = {
      row({9, 0, 0}),
      row({9, 1, 0}, "K10001", "JK-S01-01", "架空　一郎", {1980, 4, 1}, System::koseki)};
  CHECK(group_accesses(rows).size() == 2);
  const auto counts = count_viewed_persons(group_accesses(rows));
  CHECK(counts.at(System::juki) == 1);
  CHECK(counts.at(System::koseki) == 1);
}

TEST_CASE("P6.2 the same person in two series counts once") {
  const std::vector<AccessLogRow> rows = {row({9, 0, 0}), row({9, 1, 0}, "K10002"),
                                          row({11, 0, 0}, "K10001", "JK-S02-01")};
  CHECK(group_accesses(rows).size() == 3);
  CHECK(persons(rows) == 1);
}

TEST_CASE("P6.2 the same name with another birth date is two people") {
  const std::vector<AccessLogRow> rows = {
      row({9, 0, 0}), row({9, 0, 30}, "K10001", "JK-S01-01", "架空　一郎", {1981, 4, 1})};
  CHECK(group_accesses(rows).size() == 2);
  CHECK(persons(rows) == 2);
}

TEST_CASE("P6.2 half-width kana and spaces normalise to one person") {
  const Date birth{1950, 1, 2};
  const auto key = normalise_person_key("架空　一郎", "カクウ　イチロウ", birth);
  CHECK(normalise_person_key("架空 一郎", "ｶｸｳ ｲﾁﾛｳ", birth) == key);
  CHECK(normalise_person_key("架空一郎", "カクウイチロウ", birth) == key);
  CHECK(normalise_person_key(" 架空\u3000\u3000一郎 ", "ｶｸｳｲﾁﾛｳ", birth) == key);
  CHECK(normalise_person_key("ﾀﾞｲｽｹ", "", birth) == normalise_person_key("ダイスケ", "", birth));
  CHECK(normalise_person_key("ＡＢＣ", "", birth) == normalise_person_key("ABC", "", birth));
  CHECK(normalise_person_key("架空　一郎", "カクウ　イチロウ", {1950, 1, 3}) != key);
  CHECK(normalise_person_key("架空　二郎", "カクウ　イチロウ", birth) != key);

  auto typed = row({9, 0, 30});
  typed.resident_name = "架空 一郎";
  typed.resident_kana = "ｶｸｳ ｲﾁﾛｳ";
  CHECK(group_accesses({row({9, 0, 0}), typed}).size() == 1);
}

TEST_CASE("P6.2 variation selectors and private-use characters are kept") {
  const Date birth{1970, 7, 7};
  const std::string ivs = "\u845B\U000E0102";  // 葛 with an IVS
  const auto with_ivs = normalise_person_key(ivs + "　太郎", "カツラ　タロウ", birth);
  const auto plain = normalise_person_key("\u845B　太郎", "カツラ　タロウ", birth);
  CHECK(with_ivs != plain);
  CHECK(with_ivs.find(ivs) == 0);
  CHECK(normalise_person_key("\u845B\U000E0100", "", birth) !=
        normalise_person_key(ivs, "", birth));
  // 外字 (private use), 﨑 U+FA11 (no decomposition) and 𠮷 outside the BMP stay as they are.
  for (const std::string s : {"\uE0A1", "\uFA11", "\U00020BB7", "\u9AD9", "\u9089"}) {
    INFO(s);
    CHECK(normalise_person_key(s, "", birth).find(s) == 0);
  }
  for (std::string_view hard : hard_names()) {
    const std::string key = normalise_person_key(hard, "", birth);
    const std::string name = key.substr(0, key.find('\x1f'));
    std::string expected(hard);
    expected.erase(expected.find("\u3000"), 3);
    CHECK(name == expected);
  }
}

TEST_CASE("P6.2 every system of the default ward has 10 persons in a 15-minute morning window") {
  // Windows start on every minute: on the default ward only about 1 in 15 of them reaches 10.
  const Ward ward = generate_ward();
  for (System system : kAllSystems) {
    std::size_t best = 0;
    for (int start = 8 * 60 + 30; start + 15 <= 12 * 60; ++start) {
      const TimeOfDay from{start / 60, start % 60, 0};
      const TimeOfDay to{(start + 15) / 60, (start + 15) % 60, 0};
      std::vector<AccessLogRow> rows;
      for (const auto& r : ward.access_log) {
        if (r.system == system && !(r.time < from) && r.time < to) rows.push_back(r);
      }
      best = std::max(best, count_viewed_persons(group_accesses(rows)).at(system));
    }
    INFO(system_id(system));
    CHECK(best >= 10);
  }
}

TEST_CASE("P6.2 the whole default ward day counts fewer persons than rows") {
  const Ward ward = generate_ward();
  const auto groups = group_accesses(ward.access_log);
  std::size_t grouped = 0;
  for (const auto& g : groups) grouped += g.rows.size();
  CHECK(grouped == ward.access_log.size());
  const auto counts = count_viewed_persons(groups);
  for (System system : kAllSystems) {
    INFO(system_id(system));
    CHECK(counts.at(system) >= 10);
    CHECK(counts.at(system) < ward.access_log.size());
  }
}
