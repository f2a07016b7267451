#include <catch2/catch.hpp>

#include "kiosk/report/filing.hpp"

using namespace shogo;
using survey::System;

TEST_CASE("P9.1 reports are filed per system in the procedure's binders") {
  CHECK(report::filing_for(System::koseki).binder == "戸籍事務関係書類");
  CHECK(report::filing_for(System::juki).binder == "住民基本台帳関係書類");
  CHECK(report::filing_for(System::jukinet).binder == "住民基本台帳関係書類");
  for (System s : survey::kAllSystems) {
    CHECK(report::filing_for(s).subtitle == "アクセスログ調査報告書");
  }
}

TEST_CASE("P9.1 reports are kept one year") {
  CHECK(report::retention_end({2026, 4, 1}) == survey::Date{2027, 4, 1});
  CHECK(report::retention_end({2028, 2, 29}) == survey::Date{2029, 2, 28});
  CHECK(report::retention_end({2027, 2, 28}) == survey::Date{2028, 2, 28});
}
