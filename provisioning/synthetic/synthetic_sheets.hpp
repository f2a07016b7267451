#pragma once
// The synthetic ward's access log written as the four reference confirmation
// sheets (P6.4), as a ward's systems would export them: CSV in UTF-8 with a
// BOM, a title block above the header row, CRLF line ends. For tests, the demo
// and the import benchmark — never real people.
//
//   write_sheet_header()  title block and the reference profile's header row
//   write_sheet_row()     one access row in the kind's layout
//   sheet_kind_for()      which sheet a row belongs to
//   write_reference_sheets()  all four files of a ward into a folder
//
// Which sheet holds a row: KOSEKI → 証明書発行管理一覧; JUKI confirmation prints
// → 住基オンライン帳票内部監査, other JUKI rows → 住基アクセスログ内部監査;
// JUKINET → CS端末操作履歴. Birth dates of KOSEKI rows are written in the
// Japanese era (昭和45年1月1日), the others as 1970/01/01.
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "storage/base/result.hpp"
#include "storage/import/profile.hpp"

namespace shogo::survey::synthetic {

storage::import::SheetKind sheet_kind_for(const AccessLogRow& row);
void write_sheet_header(std::ostream& out, storage::import::SheetKind kind);
void write_sheet_row(std::ostream& out, storage::import::SheetKind kind, const AccessLogRow& row,
                     std::uint64_t reference_number);

struct SheetFile {
  storage::import::SheetKind kind = storage::import::SheetKind::koseki_issuance;
  std::filesystem::path file;
  std::size_t rows = 0;
};
// <dir>/<kind id>.csv for each kind, rows in the ward's order.
[[nodiscard]] Result<std::vector<SheetFile>> write_reference_sheets(
    const std::vector<AccessLogRow>& rows, const std::filesystem::path& dir);

}  // namespace shogo::survey::synthetic
