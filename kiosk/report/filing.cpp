#include "kiosk/report/filing.hpp"

namespace shogo::report {

Filing filing_for(survey::System system) {
  constexpr std::string_view kSubtitle = "アクセスログ調査報告書";
  if (system == survey::System::koseki) return {"戸籍事務関係書類", kSubtitle};
  return {"住民基本台帳関係書類", kSubtitle};
}

survey::Date retention_end(survey::Date reported) {
  survey::Date end{reported.year + 1, reported.month, reported.day};
  const bool leap = (end.year % 4 == 0 && end.year % 100 != 0) || end.year % 400 == 0;
  if (end.month == 2 && end.day == 29 && !leap) end.day = 28;
  return end;
}

}  // namespace shogo::report
