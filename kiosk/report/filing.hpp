#pragma once
// Where a printed report is filed and how long it is kept (P9.1).
//
//   KOSEKI            → binder 戸籍事務関係書類,   subtitle アクセスログ調査報告書
//   JUKI and JUKINET  → binder 住民基本台帳関係書類, subtitle アクセスログ調査報告書
//   kept one year from the report's date.
//
// The report module's input types hold no personal fields at all (P10.4.b);
// the PDF itself is not built yet (P7, docs/procedure.md).

#include <string_view>

#include "kiosk/survey/domain.hpp"

namespace shogo::report {

struct Filing {
  std::string_view binder;    // 簿冊
  std::string_view subtitle;  // 副題
};

Filing filing_for(survey::System system);           // P9.1
survey::Date retention_end(survey::Date reported);  // P9.1: one year later (29 Feb → 28 Feb)

}  // namespace shogo::report
