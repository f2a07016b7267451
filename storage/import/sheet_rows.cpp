#include "storage/import/sheet_rows.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

namespace shogo::storage::import {

namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

// Column index of each canonical field in the header row (kAbsent: not there).
struct Positions {
  std::size_t when = kAbsent, date = kAbsent, time = kAbsent, terminal_id = kAbsent,
              operator_id = kAbsent, operation = kAbsent, detail = kAbsent, reference = kAbsent,
              resident_name = kAbsent, resident_kana = kAbsent, resident_birth = kAbsent,
              resident_address = kAbsent, resident_honseki = kAbsent, search_condition = kAbsent;
};

bool is_blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& f) { return trim_cell(f).empty(); });
}

bool is_totals(const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    const auto cell = trim_cell(f);
    if (cell.empty()) continue;
    return cell == "合計" || cell == "計" || cell == "総計" || cell == "小計";
  }
  return false;
}

bool within_hours(const TimeOfDay& t, const WindowFilter& f) {
  if (f.from && t < *f.from) return false;
  if (f.to && (f.to_excluded ? t >= *f.to : t > *f.to)) return false;
  return true;
}

// 0: kept; 1: outside on date; 2: on time; 3: on terminal (the furthest test
// any window passed decides the reason).
int drop_reason(const std::vector<WindowFilter>& windows, const Date& date, const TimeOfDay& time,
                const std::string& terminal) {
  if (windows.empty()) return 0;
  int best = 1;
  for (const auto& f : windows) {
    if (f.date && date != *f.date) continue;
    if (!within_hours(time, f)) {
      best = std::max(best, 2);
      continue;
    }
    if (!f.terminals.empty() &&
        std::find(f.terminals.begin(), f.terminals.end(), terminal) == f.terminals.end()) {
      best = 3;
      continue;
    }
    return 0;
  }
  return best;
}

// `to` = text when `present`, nullopt otherwise, reusing `to`'s string.
// C0 controls and DEL; with `line_breaks`, tab, LF and CR are text.
bool has_control(std::string_view text, bool line_breaks) {
  return std::any_of(text.begin(), text.end(), [&](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    if (line_breaks && (b == '\t' || b == '\n' || b == '\r')) return false;
    return b < 0x20 || b == 0x7F;
  });
}

Error control_character() {
  return Error{"import.control_character",
               N_("This cell holds a control character, which is not text. Correct the cell "
                  "in the sheet, or import without the rows that could not be read.")};
}

void assign_optional(std::optional<std::string>& to, bool present, std::string_view text) {
  if (!present) {
    to.reset();
  } else if (to) {
    to->assign(text);
  } else {
    to.emplace(text);
  }
}

}  // namespace

struct SheetReader::State {
  std::optional<CsvReader> csv;  // exactly one of csv and xlsx
  std::optional<XlsxReader> xlsx;
  CsvError xlsx_error;  // an XLSX error's position, in CsvError's terms
  Profile profile;
  std::vector<WindowFilter> windows;
  Positions at;
  SheetCounts counts;
  std::vector<std::string> fields;
  CanonicalRow current;  // the row being read (see next())
};

SheetReader::SheetReader(std::unique_ptr<State> state) : s_(std::move(state)) {}
SheetReader::SheetReader(SheetReader&&) noexcept = default;
SheetReader& SheetReader::operator=(SheetReader&&) noexcept = default;
SheetReader::~SheetReader() = default;

const SheetCounts& SheetReader::counts() const { return s_->counts; }
const Profile& SheetReader::profile() const { return s_->profile; }
Encoding SheetReader::encoding() const { return s_->csv ? s_->csv->encoding() : Encoding::utf8; }
bool SheetReader::is_xlsx() const { return s_->xlsx.has_value(); }
const CsvError& SheetReader::csv_error_position() const {
  return s_->csv ? s_->csv->last_error_position() : s_->xlsx_error;
}

namespace {

// The next record of whichever reader the sheet is in.
Result<bool> next_record(SheetReader::State& s) {
  if (s.csv) return s.csv->next(s.fields);
  auto more = s.xlsx->next(s.fields);
  if (!more) {
    const auto& at = s.xlsx->last_error_position();
    s.xlsx_error = CsvError{at.row, at.column, 0};
  }
  return more;
}

std::uint64_t record_number(const SheetReader::State& s) {
  return s.csv ? s.csv->row_number() : s.xlsx->row_number();
}

// An XLSX cell holding a number in a date or time format: its serial.
std::optional<double> excel_serial(const SheetReader::State& s, std::size_t column,
                                   std::string_view text) {
  if (!s.xlsx || !s.xlsx->is_date(column)) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<SheetReader> SheetReader::open(const std::filesystem::path& file, Profile profile,
                                      WindowFilter filter, CsvOptions options, CsvError* position) {
  return open(file, std::move(profile), std::vector<WindowFilter>{std::move(filter)}, options,
              position);
}

Result<SheetReader> SheetReader::open(const std::filesystem::path& file, Profile profile,
                                      std::vector<WindowFilter> windows, CsvOptions options,
                                      CsvError* position) {
  auto state = std::make_unique<State>();
  state->profile = std::move(profile);
  state->windows = std::move(windows);
  if (looks_like_zip(file) || looks_like_ole2(file)) {  // an .xls: XlsxReader says to save it again
    XlsxOptions xo;
    xo.max_file_bytes = options.max_file_bytes;
    xo.max_field_bytes = options.max_field_bytes;
    xo.max_fields = options.max_fields;
    auto xlsx = XlsxReader::open(file, xo);
    if (!xlsx) return xlsx.error();
    state->xlsx.emplace(std::move(*xlsx));
    // The first sheet, in workbook order, whose first rows hold the header.
    const std::size_t sheets = state->xlsx->sheet_names().size();
    for (std::size_t i = 0; i < sheets; ++i) {
      if (auto s = state->xlsx->select_sheet(i); !s) {
        if (s.error().code == "import.xlsx_not_worksheet") continue;
        if (position) {
          const auto& at = state->xlsx->last_error_position();
          *position = CsvError{at.row, at.column, 0};
        }
        return s.error();
      }
      auto found = find_header(*state, position);
      if (!found) return found.error();
      if (*found) return SheetReader(std::move(state));
    }
  } else {
    auto csv = CsvReader::open(file, options);
    if (!csv) return csv.error();
    state->csv.emplace(std::move(*csv));
    auto found = find_header(*state, position);
    if (!found) return found.error();
    if (*found) return SheetReader(std::move(state));
  }
  return Error{"import.header_not_found",
               N_("The header row of the sheet was not found in its first 20 rows.")};
}

Result<bool> SheetReader::find_header(State& st, CsvError* position) {
  auto* state = &st;
  const auto required = state->profile.required_headers();
  auto& fields = state->fields;
  for (std::uint64_t n = 0; n < kMaxHeaderSearchRows; ++n) {
    auto more = next_record(*state);
    if (!more) {
      if (position) *position = state->csv ? state->csv->last_error_position() : state->xlsx_error;
      return more.error();
    }
    if (!*more) break;
    std::vector<std::string_view> cells;
    for (const auto& f : fields) cells.push_back(trim_cell(f));
    const bool all = std::all_of(required.begin(), required.end(), [&](const std::string& h) {
      return std::find(cells.begin(), cells.end(), h) != cells.end();
    });
    if (!all) continue;
    const auto& c = state->profile.columns;
    auto& at = state->at;
    const std::pair<const std::string*, std::size_t*> slots[] = {
        {&c.when, &at.when},
        {&c.date, &at.date},
        {&c.time, &at.time},
        {&c.terminal_id, &at.terminal_id},
        {&c.operator_id, &at.operator_id},
        {&c.operation, &at.operation},
        {&c.detail, &at.detail},
        {&c.reference, &at.reference},
        {&c.resident_name, &at.resident_name},
        {&c.resident_kana, &at.resident_kana},
        {&c.resident_birth, &at.resident_birth},
        {&c.resident_address, &at.resident_address},
        {&c.resident_honseki, &at.resident_honseki},
        {&c.search_condition, &at.search_condition},
    };
    for (const auto& [header, slot] : slots) {
      if (header->empty()) continue;
      const auto count = std::count(cells.begin(), cells.end(), *header);
      if (count > 1)
        return Error{"import.duplicate_header",
                     N_("A column header of the sheet appears twice in the header row.")};
      if (count == 1)
        *slot = static_cast<std::size_t>(std::find(cells.begin(), cells.end(), *header) -
                                         cells.begin());
    }
    state->counts.header_row = record_number(*state);
    return true;
  }
  return false;
}

Result<bool> SheetReader::next(SheetItem& item) {
  auto& s = *s_;
  const auto& c = s.profile.columns;
  while (true) {
    auto more = next_record(s);
    if (!more) return more.error();
    if (!*more) return false;
    ++s.counts.rows;
    const auto row = record_number(s);
    if (is_blank(s.fields)) {
      ++s.counts.blank;
      continue;
    }
    if (is_totals(s.fields)) {
      ++s.counts.totals;
      continue;
    }
    auto cell = [&](std::size_t i) -> std::string_view {
      if (i == kAbsent || i >= s.fields.size()) return {};
      return trim_cell(s.fields[i]);
    };
    auto problem = [&](const std::string& column, Error error) {
      ++s.counts.problems;
      item = RowProblem{row, column, std::move(error)};
      return true;
    };
    auto missing = [&](const std::string& column) {
      return problem(column,
                     Error{"import.missing_value", N_("A cell the sheet must fill in is blank.")});
    };

    // Filled in place: its strings keep their capacity from row to row, and
    // copying it into `item` reuses the capacity of the row `item` held.
    CanonicalRow& out = s.current;
    out.row = row;
    out.kind = s.profile.kind;
    out.system = s.profile.system;
    if (!c.when.empty()) {
      const auto text = cell(s.at.when);
      if (text.empty()) return missing(c.when);
      const auto serial = excel_serial(s, s.at.when, text);
      auto when =
          serial ? date_time_from_excel_serial(*serial, s.xlsx->date1904()) : parse_date_time(text);
      if (!when) return problem(c.when, when.error());
      out.date = when->first;
      out.time = when->second;
    } else {
      const auto date_text = cell(s.at.date), time_text = cell(s.at.time);
      if (date_text.empty()) return missing(c.date);
      const auto date_serial = excel_serial(s, s.at.date, date_text);
      auto date = date_serial ? date_from_excel_serial(*date_serial, s.xlsx->date1904())
                              : parse_date(date_text);
      if (!date) return problem(c.date, date.error());
      if (time_text.empty()) return missing(c.time);
      const auto time_serial = excel_serial(s, s.at.time, time_text);
      auto time = time_serial ? time_from_excel_fraction(*time_serial - std::floor(*time_serial))
                              : parse_time(time_text);
      if (!time) return problem(c.time, time.error());
      out.date = *date;
      out.time = *time;
    }
    out.terminal_id.assign(cell(s.at.terminal_id));
    if (out.terminal_id.empty()) return missing(c.terminal_id);

    // P6.2 minimisation: outside the window, stop before the personal fields.
    switch (drop_reason(s.windows, out.date, out.time, out.terminal_id)) {
      case 1: ++s.counts.dropped_date; continue;
      case 2: ++s.counts.dropped_time; continue;
      case 3: ++s.counts.dropped_terminal; continue;
      default: break;
    }

    out.operator_id.assign(cell(s.at.operator_id));
    if (out.operator_id.empty()) return missing(c.operator_id);
    out.operation_text.assign(cell(s.at.operation));
    out.operation = s.profile.operation_for(out.operation_text);
    out.detail.assign(cell(s.at.detail));
    assign_optional(out.reference, s.at.reference != kAbsent, cell(s.at.reference));
    out.resident_name.assign(cell(s.at.resident_name));
    if (out.resident_name.empty()) return missing(c.resident_name);
    out.resident_kana.assign(cell(s.at.resident_kana));
    const auto birth_text = cell(s.at.resident_birth);
    if (birth_text.empty()) return missing(c.resident_birth);
    const auto birth_serial = excel_serial(s, s.at.resident_birth, birth_text);
    auto birth = birth_serial ? date_from_excel_serial(*birth_serial, s.xlsx->date1904())
                              : parse_date(birth_text);
    if (!birth) return problem(c.resident_birth, birth.error());
    out.resident_birth = *birth;
    assign_optional(out.resident_address, s.at.resident_address != kAbsent,
                    cell(s.at.resident_address));
    assign_optional(out.resident_honseki, s.at.resident_honseki != kAbsent,
                    cell(s.at.resident_honseki));
    assign_optional(out.search_condition, s.at.search_condition != kAbsent,
                    cell(s.at.search_condition));
    // A control character is not text: a NUL would cut a name short, an ESC
    // would reach a terminal. A line break may stand in an address or a
    // detail (Alt+Enter in Excel), never in a name or an id.
    const std::pair<const std::string*, const std::string*> single_line[] = {
        {&out.terminal_id, &c.terminal_id},
        {&out.operator_id, &c.operator_id},
        {&out.resident_name, &c.resident_name},
        {&out.resident_kana, &c.resident_kana}};
    for (const auto& [value, column] : single_line) {
      if (has_control(*value, false)) return problem(*column, control_character());
    }
    const std::pair<const std::string*, const std::string*> multi_line[] = {
        {&out.operation_text, &c.operation},
        {&out.detail, &c.detail},
        {out.reference ? &*out.reference : nullptr, &c.reference},
        {out.resident_address ? &*out.resident_address : nullptr, &c.resident_address},
        {out.resident_honseki ? &*out.resident_honseki : nullptr, &c.resident_honseki},
        {out.search_condition ? &*out.search_condition : nullptr, &c.search_condition}};
    for (const auto& [value, column] : multi_line) {
      if (value != nullptr && has_control(*value, true)) {
        return problem(*column, control_character());
      }
    }
    ++s.counts.kept;
    item = out;
    return true;
  }
}

}  // namespace shogo::storage::import
