#pragma once
// SheetReader — reads a confirmation sheet of P6.4 through its Profile: finds
// the header row, then turns each data row into a CanonicalRow or a RowProblem.
//
//   CanonicalRow ........ one access, in canonical fields (PERSONAL DATA)
//   RowProblem .......... a data row that could not be read: row, column, error
//   WindowFilter ........ P6.2 minimisation: keep only one day, hours, terminals
//   SheetCounts ......... what happened to every row after the header
//   SheetReader::open() . opens the CSV and finds the header row
//   SheetReader::next() . the next kept row or problem; false at the end
//
// Header row: the first record, among the first kMaxHeaderSearchRows, holding
// every header of Profile::required_headers() (cells trimmed). Records above
// it (a title block) are skipped. Not found → import.header_not_found; a
// header named twice in that row → import.duplicate_header.
//
// Each record after the header is exactly one of (SheetCounts):
//   blank     no cell holds anything but spaces
//   totals    the first non-blank cell is 合計, 計, 総計 or 小計 (a totals line)
//   problem   a RowProblem (never dropped silently):
//               the date/time cell does not parse (import.bad_date, ...),
//               the birth date does not parse, or a required value is blank
//               (import.missing_value: when, terminal, operator, name, birth)
//   dropped   outside the WindowFilter, counted by the first reason found:
//               date, then time, then terminal
//   kept      a CanonicalRow
// The date/time and terminal are read before the rest, so a row outside the
// window is dropped without its personal fields being parsed. A row with
// fewer cells than the header reads the missing ones as blank.
//
// The file is CSV, or XLSX when it starts like a zip (looks_like_zip()): then
// the first worksheet, in workbook order, whose first rows hold the header is
// read (chart sheets are skipped), row numbers are the sheet's own, and a cell
// holding a number in a date or time format is read as an Excel serial in the
// workbook's date system (1900 or 1904); any other cell is parsed as text.
//
// CSV and XLSX errors (syntax, encoding, limits, zip and XML defences) end the
// reading: next() returns the error, and csv_error_position() says where.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "storage/base/result.hpp"
#include "storage/import/csv_reader.hpp"
#include "storage/import/japanese_date.hpp"
#include "storage/import/profile.hpp"
#include "storage/import/xlsx_reader.hpp"

namespace shogo::storage::import {

inline constexpr std::uint64_t kMaxHeaderSearchRows = 20;

// One access as the sheet records it, in canonical fields. PERSONAL DATA.
struct CanonicalRow {
  std::uint64_t row = 0;  // CSV record number (1-based, as CsvReader counts)
  SheetKind kind = SheetKind::koseki_issuance;
  System system = System::koseki;
  Date date;
  TimeOfDay time;
  std::string terminal_id;
  std::string operator_id;
  OperationKind operation = OperationKind::inquiry;
  std::string operation_text;  // as the sheet writes it
  std::string detail;
  std::optional<std::string> reference;  // nullopt: no such column in the profile or sheet
  std::string resident_name;
  std::string resident_kana;
  Date resident_birth;
  std::optional<std::string> resident_address;  // nullopt: no such column
  std::optional<std::string> resident_honseki;  // nullopt: no such column
  // 検索条件: what the operator typed to find the person (P6.5.b). PERSONAL
  // DATA (a name, a birth date). nullopt: no such column.
  std::optional<std::string> search_condition;
  friend bool operator==(const CanonicalRow&, const CanonicalRow&) = default;
};

// A data row that could not be read. `column` is the profile's header text.
struct RowProblem {
  std::uint64_t row = 0;
  std::string column;
  Error error;
};

using SheetItem = std::variant<CanonicalRow, RowProblem>;

// P6.2 minimisation: rows outside are counted and dropped. Unset parts keep all.
// SheetReader::open() takes one window, or several (a survey's designations,
// P6.3.d): a row is kept when any window holds it; a dropped row is counted
// by the furthest test any window passed (date, then time, then terminal).
struct WindowFilter {
  std::optional<Date> date;
  std::optional<TimeOfDay> from;       // inclusive
  std::optional<TimeOfDay> to;         // inclusive, or excluded when to_excluded
  bool to_excluded = false;            // a designation's window is half-open (P6.3.b)
  std::vector<std::string> terminals;  // empty: every terminal
};

struct SheetCounts {
  std::uint64_t header_row = 0;  // record number of the header row
  std::uint64_t rows = 0;        // records after the header = the sum of the others
  std::uint64_t kept = 0;
  std::uint64_t problems = 0;
  std::uint64_t blank = 0;
  std::uint64_t totals = 0;
  std::uint64_t dropped_date = 0;
  std::uint64_t dropped_time = 0;
  std::uint64_t dropped_terminal = 0;
};

class SheetReader {
 public:
  // Opens the CSV and reads up to the header row. On a CSV error, *position
  // (when given) says where.
  [[nodiscard]] static Result<SheetReader> open(const std::filesystem::path& file, Profile profile,
                                                WindowFilter filter = {}, CsvOptions options = {},
                                                CsvError* position = nullptr);
  // Several windows (empty: keep every row).
  [[nodiscard]] static Result<SheetReader> open(const std::filesystem::path& file, Profile profile,
                                                std::vector<WindowFilter> windows,
                                                CsvOptions options = {},
                                                CsvError* position = nullptr);

  SheetReader(SheetReader&&) noexcept;
  SheetReader& operator=(SheetReader&&) noexcept;
  ~SheetReader();

  // The next kept row or problem: true, or false at the end of the file.
  [[nodiscard]] Result<bool> next(SheetItem& item);

  const SheetCounts& counts() const;
  const Profile& profile() const;
  Encoding encoding() const;
  const CsvError& csv_error_position() const;  // valid after next() failed (CSV or XLSX)
  bool is_xlsx() const;                        // the file is an XLSX workbook

  struct State;  // internal

 private:
  explicit SheetReader(std::unique_ptr<State> state);
  [[nodiscard]] static Result<bool> find_header(State& state, CsvError* position);
  std::unique_ptr<State> s_;
};

}  // namespace shogo::storage::import
