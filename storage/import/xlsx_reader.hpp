#pragma once
// XlsxReader — a streaming, hardened reader of the Excel workbooks (.xlsx) the
// confirmation sheets arrive in (P6.4.a/b): one row at a time, in bounded
// memory, refusing anything it cannot read safely.
//
//   XlsxOptions ................ limits
//   XlsxPosition ............... where the last error was found
//   XlsxReader::open() ......... opens the zip, reads the workbook, its rels,
//                                styles and shared strings
//   XlsxReader::sheet_names() .. sheets in workbook order (hidden ones too)
//   XlsxReader::date1904() ..... the workbook counts dates from 1904
//   XlsxReader::select_sheet() . which sheet next() reads (default 0; restarts)
//   XlsxReader::next() ......... the next row's cells as UTF-8 text; false at the end
//   XlsxReader::row_number() ... the sheet row number (r=) of the row last returned
//   XlsxReader::is_date() ...... a cell of that row is a number with a date format
//   looks_like_zip() ........... the file starts with "PK\x03\x04"
//   looks_like_ole2() .......... the file starts with D0 CF 11 E0 (an old .xls)
//
// Rows. Only the rows the sheet holds are returned, in order; row_number() is
// the row number a spreadsheet user sees (the r= attribute; previous + 1 when
// absent). Rows Excel did not write (gaps) are NOT returned as empty records.
// A written row whose cells all lack a value (formatting only) is returned as
// an empty record (fields.empty()). Row numbers must increase.
//
// Cells. fields[i] is column i (A = 0), placed by the cell reference (r="C5";
// previous + 1 when absent); a column without a value is "". fields ends at
// the last cell that has a value. Columns must increase within a row. Values:
//   t="s"          shared string; rich-text runs (<r><t>) concatenated,
//                  phonetic runs (<rPh>, furigana) left out
//   t="inlineStr"  <is> text, the same way
//   t="str"        a formula's text result
//   t="b"          "TRUE" or "FALSE"
//   t="e"          the error text as Excel shows it ("#N/A")
//   t="d"          the ISO 8601 text as written (openpyxl, strict OOXML)
//   number         the literal text of <v> ("46113.387500000001"). Dates are
//                  NOT converted: parse serials with date_time_from_excel_serial(
//                  value, date1904()) (japanese_date.hpp); is_date() says whether
//                  the cell's number format is a date or time format.
// Text: XML entities (&amp; &#x3042;) are decoded by the XML parser; Excel's
// _xHHHH_ escapes become that UTF-16 unit (surrogate pairs joined; _x005F_ is
// "_"; a lone surrogate or _x0000_ is kept as written). Without
// xml:space="preserve", leading and trailing XML spaces of a <t> are dropped,
// as Excel does. Formulas (<f>) are never read, only their cached values.
//
// Parts. The workbook is xl/workbook.xml; its sheets and shared strings and
// styles are found through xl/_rels/workbook.xml.rels. Targets are relative to
// xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml") and
// matched case-insensitively (OPC part names). A target with a backslash, a
// '..' leaving the package, or resolving outside xl/, or an external target,
// is never followed (import.xlsx_bad_path). Percent-escapes are not decoded.
//
// Safety (each is a test in tests/storage/xlsx_reader_test.cpp):
//   - the file over max_file_bytes                 → import.file_too_large
//   - not a zip                                    → import.xlsx_not_zip; an OLE2
//     file (old .xls, or an .xlsx Excel encrypted with a password)
//                                                  → import.xlsx_legacy_format
//   - a damaged zip (cut short, CRC, same entry name twice)
//                                                  → import.xlsx_bad_zip
//   - more than max_entries entries                → import.xlsx_too_many_entries
//   - an entry over max_part_bytes (the sheet) or max_shared_strings_bytes
//     (shared strings, and the workbook, rels and styles, which are held in
//     memory too), by its declared size           → import.xlsx_part_too_large
//   - an entry over 1 MiB expanding more than max_compression_ratio times its
//     compressed size, or inflating to more than it declared (counted while
//     inflating: the header is never trusted)     → import.xlsx_bomb
//   - an encrypted entry                           → import.xlsx_encrypted
//   - compression other than stored or deflate    → import.xlsx_unsupported_compression
//   - a part named by the rels but absent          → import.xlsx_missing_part
//   - XML with a DOCTYPE (no DTD, so no entity expansion, internal or
//     external)                                    → import.xlsx_dtd
//   - XML not well-formed, nested deeper than 128, or a single tag, comment
//     or other token over 4 MiB                    → import.xlsx_bad_xml
//   - a bad cell or row reference, rows or columns out of order, a shared
//     string index out of range, a boolean not 0/1 → import.xlsx_bad_cell
//   - a cell over max_field_bytes                  → import.xlsx_field_too_large
//   - a value in a column past max_fields          → import.xlsx_too_many_fields
//   - select_sheet() out of range                  → import.xlsx_no_such_sheet
//   - the sheet is a chart sheet                   → import.xlsx_not_worksheet
//   - open failures                                → import.cannot_open
// Memory: the sheet XML is inflated 64 KiB at a time into the XML parser, which
// is paused after each row: one chunk, the parser's buffers and one row are
// held, never the sheet. Shared strings live in memory (that is how XLSX
// works), bounded by max_shared_strings_bytes.
// Error messages are generic (no file content: it is PERSONAL DATA); where it
// happened is in last_error_position(). After an error, next() keeps
// returning it until select_sheet() is called.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "storage/base/result.hpp"

namespace shogo::storage::import {

struct XlsxOptions {
  std::uint64_t max_file_bytes = 512ull << 20;            // the .xlsx file, as stored
  std::uint64_t max_part_bytes = 1ull << 30;              // one sheet's XML, inflated
  std::uint64_t max_shared_strings_bytes = 256ull << 20;  // sharedStrings.xml (and other
                                                          // parts held in memory), inflated
  std::uint32_t max_compression_ratio = 200;              // inflated / compressed, per entry
  std::size_t max_field_bytes = 64u << 10;                // one cell, in UTF-8
  std::size_t max_fields = 512;                           // columns in one row
  std::uint32_t max_entries = 10000;                      // entries in the zip
};

// Where an error was found: the sheet row (r=, 1-based; 0 outside a row),
// the column (1-based; 0 outside a cell) and the sheet's name ("" when the
// error is not in a sheet, e.g. at open).
struct XlsxPosition {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
  std::string sheet;
};

class XlsxReader {
 public:
  // Opens the workbook: checks the file and the zip, reads the sheet list,
  // styles and shared strings. Selects sheet 0.
  [[nodiscard]] static Result<XlsxReader> open(const std::filesystem::path& file,
                                               XlsxOptions options = {});

  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;
  XlsxReader(XlsxReader&&) noexcept;
  XlsxReader& operator=(XlsxReader&&) noexcept;
  ~XlsxReader();

  const std::vector<std::string>& sheet_names() const;  // workbook order
  bool date1904() const;                                // <workbookPr date1904="1"/>

  // Starts reading sheet `index` from its first row (again, if it was read).
  // Clears an error of the previous sheet.
  [[nodiscard]] Status select_sheet(std::size_t index);

  // Replaces `fields` with the next row's cells: true, or false at the end of the sheet.
  [[nodiscard]] Result<bool> next(std::vector<std::string>& fields);

  std::uint64_t row_number() const;  // r= of the row last returned by next(); 0 before
  // fields[column] of the row last returned is a number whose format is a date
  // or time format (builtin 14–22, 27–36, 45–47, 50–58, or a custom format with
  // y, m, d, h or s outside quotes and brackets). False otherwise.
  bool is_date(std::size_t column) const;
  const XlsxPosition& last_error_position() const;  // valid after next() or select_sheet() failed

 private:
  struct State;
  explicit XlsxReader(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

// The file starts with a zip local file header ("PK\x03\x04"). False when it
// cannot be read.
bool looks_like_zip(const std::filesystem::path& file);
// The file starts with the OLE2 signature of an old .xls workbook.
bool looks_like_ole2(const std::filesystem::path& file);

}  // namespace shogo::storage::import
