// The operator roster (storage/import/roster.hpp): its reference profile, a
// roster in UTF-8 and in CP932, and each error naming its row and column.
#include <catch2/catch.hpp>
#include <iconv.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "storage/import/roster.hpp"
#include "tests/support/temp_dir.hpp"

namespace imp = shogo::storage::import;
using shogo::OperatorKind;

namespace {

const std::filesystem::path kRepositoryRoot =
    std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::filesystem::path write(const shogo::test::TempDir& dir, const std::string& bytes) {
  const auto file = dir / "roster.csv";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  return file;
}

std::string to_cp932(const std::string& utf8) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in = utf8, out(utf8.size() * 2, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size(), room = out.size();
  REQUIRE(iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

imp::RosterProfile reference() {
  auto p = imp::parse_roster_profile(imp::reference_roster_profile());
  REQUIRE(p);
  return *p;
}

// A made-up ward's roster, below a title line, with a blank row.
const std::string kRoster =
    "令和8年度 操作者名簿\n"
    "操作者ID,氏名,区分,所属,Shogo利用者\n"
    "S0101,架空 一郎,職員,市民課,\n"
    "S0102,髙木 誠,職員,市民課,髙木 誠\n"
    ",,,,\n"
    "T0201,例示 花子,他課,税務課,\n"
    "C0301,見本 次郎,委託,見本サービス株式会社,\n";

}  // namespace

TEST_CASE("P4 the reference roster profile parses and equals its toml file") {
  const auto file = read_text(kRepositoryRoot / "storage/import/profiles/roster.toml");
  CHECK(file == imp::reference_roster_profile());
  const auto p = reference();
  CHECK(p.operator_id == "操作者ID");
  CHECK(p.user == "Shogo利用者");
  CHECK(p.kinds.size() == 3);
}

TEST_CASE("P4 a roster in UTF-8 or CP932: each operator id with its name, kind and affiliation") {
  shogo::test::TempDir dir;
  for (const std::string& bytes : {kRoster, to_cp932(kRoster)}) {
    auto roster = imp::read_roster(write(dir, bytes), reference());
    REQUIRE(roster);
    REQUIRE(roster->size() == 4);
    const auto& a = (*roster)[0];
    CHECK(a.row == 3);
    CHECK(a.operator_id == "S0101");
    CHECK(a.name == "架空 一郎");
    CHECK(a.kind == OperatorKind::staff);
    CHECK(a.affiliation == "市民課");
    CHECK(a.user.empty());
    CHECK((*roster)[1].user == "髙木 誠");  // P5.3.c: an investigator's or manager's own id
    CHECK((*roster)[2].kind == OperatorKind::other_division);
    CHECK((*roster)[3].kind == OperatorKind::contractor);
    CHECK((*roster)[3].affiliation == "見本サービス株式会社");
    CHECK((*roster)[3].row == 7);
  }
}

TEST_CASE("P4 a roster's error names its row and column, and nothing is read") {
  shogo::test::TempDir dir;
  const std::string header = "操作者ID,氏名,区分,所属\n";
  struct Case {
    std::string rows, code;
    std::uint64_t row;
    std::string column;
  };
  const Case cases[] = {
      {"S1,架空 一郎,職員,市民課\nS2,架空 二郎,正職員,市民課\n", "roster.unknown_kind", 3, "区分"},
      {"S1,架空 一郎,職員,市民課\nS2,,職員,市民課\n", "roster.missing_value", 3, "氏名"},
      {"S1,架空 一郎,職員,市民課\nS1,架空 二郎,職員,市民課\n", "roster.duplicate_id", 3,
       "操作者ID"},
      {"S1,架空\x1b[2J,職員,市民課\n", "roster.control_character", 2, "氏名"},
      {"", "roster.empty", 0, ""},
  };
  for (const Case& c : cases) {
    INFO(c.code);
    imp::RosterPosition at;
    auto roster = imp::read_roster(write(dir, header + c.rows), reference(), &at);
    REQUIRE_FALSE(roster);
    CHECK(roster.error().code == c.code);
    CHECK(at.row == c.row);
    CHECK(at.column == c.column);
  }
  imp::RosterPosition at;
  auto none = imp::read_roster(write(dir, "番号,名前\n1,架空\n"), reference(), &at);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == "roster.header_not_found");
}

TEST_CASE("P4 a roster profile with a typo, a missing column or an unknown kind is refused") {
  std::string where;
  auto typo = imp::parse_roster_profile(
      "kind = \"roster\"\n[columns]\noperator = \"ID\"\n[kinds]\n\"職員\" = \"staff\"\n", &where);
  REQUIRE_FALSE(typo);
  CHECK(typo.error().code == "roster.profile_unknown_field");
  CHECK(where == "columns.operator");
  auto missing = imp::parse_roster_profile(
      "kind = \"roster\"\n[columns]\noperator_id = \"ID\"\n[kinds]\n\"職員\" = \"staff\"\n",
      &where);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "roster.profile_missing_field");
  CHECK(where == "columns.name");
  auto kind = imp::parse_roster_profile(
      "kind = \"roster\"\n[columns]\noperator_id = \"ID\"\nname = \"N\"\nkind = \"K\"\n"
      "affiliation = \"A\"\n[kinds]\n\"職員\" = \"employee\"\n",
      &where);
  REQUIRE_FALSE(kind);
  CHECK(kind.error().code == "roster.profile_unknown_kind");
  CHECK(where == "kinds.職員");
  auto syntax = imp::parse_roster_profile("kind = \"roster\n", &where);
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().code == "roster.profile_syntax");
}
