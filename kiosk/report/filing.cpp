#include "kiosk/report/filing.hpp"

#include <algorithm>

namespace shogo::report {

Filing filing_for(survey::System system) {
  constexpr std::string_view kSubtitle = "アクセスログ調査報告書";
  if (system == survey::System::koseki) return {"戸籍事務関係書類", kSubtitle};
  return {"住民基本台帳関係書類", kSubtitle};
}

survey::Date retention_end(survey::Date reported) {
  survey::Date end{reported.year + 1, reported.month, reported.day};
  end.day = std::min(end.day, survey::days_in_month(end.year, end.month));  // 29 Feb → 28 Feb
  return end;
}

}  // namespace shogo::report
