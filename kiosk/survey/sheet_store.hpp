#pragma once
// Rows of confirmation sheets in a survey's own file (PERSONAL DATA: only ever
// in surveys/<id>.db). The import (sheet_import.hpp) writes through this; the
// demo writes the synthetic ward's access log.

#include <string_view>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

// Applies the survey file's migrations (a new file gets the current schema).
[[nodiscard]] Status prepare_survey_file(storage::Database& db);
// In one transaction: all rows, or none.
[[nodiscard]] Status store_access_rows(storage::Database& db,
                                       const std::vector<AccessLogRow>& rows);
[[nodiscard]] Result<std::vector<AccessLogRow>> load_access_rows(storage::Database& db);

// The stored forms "YYYY-MM-DD" and "HH:MM:SS", read without allocating (a
// lent sheet reads a million of them). False when the text is not such.
bool parse_stored_date(std::string_view stored, Date& out);
bool parse_stored_time(std::string_view stored, TimeOfDay& out);

}  // namespace shogo::survey
