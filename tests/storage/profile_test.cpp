// Sheet profiles of the confirmation sheets (P6.4): the four reference
// profiles, compiled in and shipped as storage/import/profiles/*.toml, and the
// errors a hand-edited profile gets.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "storage/import/profile.hpp"

namespace imp = shogo::storage::import;
using imp::SheetKind;
using shogo::OperationKind;
using shogo::System;

namespace {

const std::filesystem::path kRepositoryRoot =
    std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small valid profile; tests replace one line of it.
constexpr std::string_view kMinimal = R"(kind = "juki-access-log"
system = "JUKI"
[columns]
date = "日付"
time = "時刻"
terminal_id = "端末"
operator_id = "操作者"
operation = "区分"
detail = "業務"
resident_name = "氏名"
resident_kana = "カナ"
resident_birth = "生年月日"
[operations]
default = "inquiry"
)";

std::string replaced(std::string_view from, std::string_view to) {
  std::string text(kMinimal);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

std::string error_code(const std::string& toml, std::string* where = nullptr) {
  auto profile = imp::parse_profile(toml, where);
  REQUIRE_FALSE(profile);
  return profile.error().code;
}

}  // namespace

TEST_CASE("P6.4 each reference profile parses and equals its toml file") {
  for (auto kind : imp::kAllSheetKinds) {
    const auto id = std::string(imp::sheet_kind_id(kind));
    INFO(id);
    const auto file = read_text(kRepositoryRoot / "storage/import/profiles" / (id + ".toml"));
    CHECK(file == imp::reference_profile(kind));
    std::string where;
    auto profile = imp::parse_profile(file, &where);
    INFO(where);
    REQUIRE(profile);
    CHECK(profile->kind == kind);
    CHECK_FALSE(profile->required_headers().empty());
    CHECK(profile->columns.when.size() > 0);
  }
}

TEST_CASE("P6.4 the reference profiles map the reference headers") {
  auto koseki = imp::parse_profile(imp::reference_profile(SheetKind::koseki_issuance));
  REQUIRE(koseki);
  CHECK(koseki->system == System::koseki);
  CHECK(koseki->columns.when == "発行日時");
  CHECK(koseki->columns.reference == "受付番号");
  CHECK(koseki->columns.resident_honseki == "本籍");
  CHECK(koseki->columns.resident_address.empty());
  CHECK(koseki->operation_for("確認用") == OperationKind::confirmation_print);
  CHECK(koseki->operation_for(" 本人 ") == OperationKind::certificate_issue);
  CHECK(koseki->operation_for("") == OperationKind::certificate_issue);

  auto access = imp::parse_profile(imp::reference_profile(SheetKind::juki_access_log));
  REQUIRE(access);
  CHECK(access->system == System::juki);
  CHECK(access->columns.detail == "業務名");
  CHECK(access->columns.reference.empty());
  CHECK(access->operation_for("証明書発行") == OperationKind::certificate_issue);
  CHECK(access->operation_for("見たことのない区分") == OperationKind::inquiry);

  auto forms = imp::parse_profile(imp::reference_profile(SheetKind::juki_online_forms));
  REQUIRE(forms);
  CHECK(forms->operation_for("住民票の写し") == OperationKind::certificate_issue);
  CHECK(forms->default_operation == OperationKind::confirmation_print);

  auto cs = imp::parse_profile(imp::reference_profile(SheetKind::cs_operations));
  REQUIRE(cs);
  CHECK(cs->system == System::jukinet);
  CHECK(cs->operation_map.empty());
  CHECK(cs->operation_for("広域交付") == OperationKind::cs_operation);
}

TEST_CASE("P6.4 sheet kinds are read by id or by their Japanese name") {
  CHECK(imp::parse_sheet_kind("koseki-issuance") == SheetKind::koseki_issuance);
  CHECK(imp::parse_sheet_kind("証明書発行管理一覧") == SheetKind::koseki_issuance);
  CHECK(imp::parse_sheet_kind("住基アクセスログ内部監査") == SheetKind::juki_access_log);
  CHECK(imp::parse_sheet_kind("住基オンライン帳票内部監査") == SheetKind::juki_online_forms);
  CHECK(imp::parse_sheet_kind("CS端末操作履歴") == SheetKind::cs_operations);
  CHECK(imp::parse_sheet_kind("CS 端末操作履歴") == SheetKind::cs_operations);
  CHECK_FALSE(imp::parse_sheet_kind("koseki"));
  for (auto kind : imp::kAllSheetKinds)
    CHECK(imp::parse_sheet_kind(imp::sheet_kind_name(kind)) == kind);
}

TEST_CASE("P6.4 a profile's system is KOSEKI, JUKI or JUKINET, written exactly") {
  for (const auto& [text, system] :
       {std::pair{"KOSEKI", System::koseki}, std::pair{"JUKI", System::juki},
        std::pair{"JUKINET", System::jukinet}}) {
    INFO(text);
    auto profile = imp::parse_profile(replaced("\"JUKI\"", "\"" + std::string(text) + "\""));
    REQUIRE(profile);
    CHECK(profile->system == system);
  }
  for (const char* text : {"", "juki", "Juki", " JUKI", "JUKI ", "JUKI\u3000", "ＪＵＫＩ", "住基",
                           "JUKI-NET", "JUKINETT"}) {
    INFO(text);
    std::string where;
    CHECK(error_code(replaced("\"JUKI\"", "\"" + std::string(text) + "\""), &where) ==
          "import.profile_unknown_system");
    CHECK(where == "system");
  }
}

TEST_CASE("P6.4 a profile with separate date and time columns parses") {
  auto profile = imp::parse_profile(kMinimal);
  REQUIRE(profile);
  CHECK(profile->columns.date == "日付");
  CHECK(profile->columns.time == "時刻");
  CHECK(profile->required_headers().size() == 9);
}

TEST_CASE("P6.4 profile errors name the offending key") {
  std::string where;
  SECTION("an unknown top-level field") {
    CHECK(error_code("colour = \"red\"\n" + std::string(kMinimal), &where) ==
          "import.profile_unknown_field");
    CHECK(where == "colour");
  }
  SECTION("a misspelt column") {
    CHECK(error_code(replaced("detail =", "detial ="), &where) == "import.profile_unknown_field");
    CHECK(where == "columns.detial");
  }
  SECTION("an unknown operations field") {
    CHECK(error_code(std::string(kMinimal) + "fallback = \"inquiry\"\n", &where) ==
          "import.profile_unknown_field");
    CHECK(where == "operations.fallback");
  }
  SECTION("a missing required column") {
    CHECK(error_code(replaced("resident_birth = \"生年月日\"\n", ""), &where) ==
          "import.profile_missing_field");
    CHECK(where == "columns.resident_birth");
  }
  SECTION("a date without a time") {
    CHECK(error_code(replaced("time = \"時刻\"\n", ""), &where) == "import.profile_missing_field");
    CHECK(where == "columns.time");
  }
  SECTION("no kind") {
    CHECK(error_code(replaced("kind = \"juki-access-log\"\n", ""), &where) ==
          "import.profile_missing_field");
    CHECK(where == "kind");
  }
  SECTION("no default operation") {
    CHECK(error_code(replaced("default = \"inquiry\"\n", ""), &where) ==
          "import.profile_missing_field");
    CHECK(where == "operations.default");
  }
  SECTION("an unknown kind") {
    CHECK(error_code(replaced("juki-access-log", "juki-access"), &where) ==
          "import.profile_unknown_kind");
    CHECK(where == "kind");
  }
  SECTION("an unknown system") {
    CHECK(error_code(replaced("\"JUKI\"", "\"JUKINETT\"")) == "import.profile_unknown_system");
  }
  SECTION("an unknown operation kind") {
    CHECK(error_code(replaced("default = \"inquiry\"", "default = \"certificate_issue\"")) ==
          "import.profile_unknown_operation");
  }
  SECTION("both when and date") {
    CHECK(error_code(replaced("date = \"日付\"", "when = \"日時\"\ndate = \"日付\"")) ==
          "import.profile_conflicting_columns");
  }
  SECTION("a column that is not a text") {
    CHECK(error_code(replaced("detail = \"業務\"", "detail = 3"), &where) ==
          "import.profile_bad_value");
    CHECK(where == "columns.detail");
  }
  SECTION("an empty header") {
    CHECK(error_code(replaced("detail = \"業務\"", "detail = \"　\"")) ==
          "import.profile_bad_value");
  }
  SECTION("not TOML") {
    CHECK(error_code("kind = \n", &where) == "import.profile_syntax");
    CHECK(where == "line 1");
  }
}

TEST_CASE("P6.4 profile error messages are plain sentences without the sheet text") {
  auto profile = imp::parse_profile(replaced("detail =", "detial ="));
  REQUIRE_FALSE(profile);
  CHECK(profile.error().message.find("detial") == std::string::npos);
  CHECK(profile.error().message.back() == '.');
}
