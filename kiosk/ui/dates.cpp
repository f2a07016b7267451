#include "kiosk/ui/dates.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "kiosk/survey/holidays.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"
#include "storage/import/japanese_date.hpp"

namespace shogo::ui {
namespace {

using survey::Date;

// 元号 — an era: its name, its letter, the Western year of its 元年, and the
// first day it names (dates.hpp). Newest first.
struct Era {
  std::string_view name;
  char letter;
  int base;
  Date first;
};
constexpr std::array<Era, 5> kEras{{
    {"令和", 'R', 2019, {2019, 5, 1}},
    {"平成", 'H', 1989, {1989, 1, 8}},
    {"昭和", 'S', 1926, {1926, 12, 25}},
    {"大正", 'T', 1912, {1912, 7, 30}},
    {"明治", 'M', 1868, {1873, 1, 1}},  // Gregorian from 明治6年 (dates.hpp)
}};

constexpr std::array<std::string_view, 7> kWeekdaysJa{"日", "月", "火", "水", "木", "金", "土"};
constexpr std::array<std::string_view, 7> kWeekdaysEn{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonthsEn{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool english() { return language() == Language::english; }

const Era* era_of(Date d) {
  for (const Era& era : kEras) {
    if (!(d < era.first)) return &era;
  }
  return nullptr;
}

int era_year(const Era& era, int year) { return year - era.base + 1; }

// 令和8年, 令和元年, 1872年: a year as the long forms write it, in the era of `d`.
std::string japanese_year(Date d) {
  const Era* era = era_of(d);
  if (era == nullptr) return std::to_string(d.year) + "年";
  const int n = era_year(*era, d.year);
  return std::string(era->name) + (n == 1 ? std::string("元") : std::to_string(n)) + "年";
}

std::string kanji_date(Date d) {  // 令和8年11月18日
  return japanese_year(d) + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string letter_date(Date d) {  // R8.11.18; the Western year before 明治
  const Era* era = era_of(d);
  if (era == nullptr) return format_date(d);
  return era->letter + std::to_string(era_year(*era, d.year)) + "." + std::to_string(d.month) +
         "." + std::to_string(d.day);
}

std::string english_date(Date d) {  // 18 Nov 2026
  return std::to_string(d.day) + " " +
         std::string(kMonthsEn[static_cast<std::size_t>(d.month - 1)].substr(0, 3)) + " " +
         std::to_string(d.year);
}

std::size_t weekday_of(Date d) { return static_cast<std::size_t>(survey::weekday(d)); }

// ---- Reading what a person typed -------------------------------------------------

enum class Problem : unsigned char { none, form, no_such_day, outside_era };
struct Reading {
  std::optional<Date> date;
  Problem problem = Problem::form;
};

std::string_view trim(std::string_view s) {
  for (;;) {
    if (s.starts_with(' ') || s.starts_with('\t')) {
      s.remove_prefix(1);
    } else if (s.starts_with("\u3000")) {
      s.remove_prefix(3);
    } else if (s.ends_with(' ') || s.ends_with('\t')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\u3000")) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// Takes a weekday off the end — （水）, (水), （水曜日）, (水曜) — if there is
// one. False when the text ends in a bracket that holds something else.
bool drop_weekday(std::string_view& s) {
  if (s.ends_with(")")) {
    s.remove_suffix(1);
  } else if (s.ends_with("）")) {
    s.remove_suffix(std::string_view("）").size());
  } else {
    return true;
  }
  const std::size_t half = s.rfind('(');
  const std::size_t full = s.rfind("（");
  std::size_t open = half;
  std::size_t open_size = 1;
  if (full != std::string_view::npos && (half == std::string_view::npos || full > half)) {
    open = full;
    open_size = std::string_view("（").size();
  }
  if (open == std::string_view::npos) return false;
  std::string_view inside = s.substr(open + open_size);
  if (inside.ends_with("曜日")) {
    inside.remove_suffix(std::string_view("曜日").size());
  } else if (inside.ends_with("曜")) {
    inside.remove_suffix(std::string_view("曜").size());
  }
  if (std::find(kWeekdaysJa.begin(), kWeekdaysJa.end(), inside) == kWeekdaysJa.end()) return false;
  s = trim(s.substr(0, open));
  return true;
}

bool same_letters(std::string_view a, std::string_view b) {  // ASCII, case ignored
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int number(std::string_view s, std::size_t min_digits, std::size_t max_digits) {  // -1: not one
  if (s.size() < min_digits || s.size() > max_digits) return -1;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// The English form wareki_date() writes, with or without its weekday: "Wed 18
// Nov 2026", "18 November 2026" (case ignored, a comma after the weekday
// allowed). nullopt when `s` is not written so.
std::optional<Reading> read_english(std::string_view s) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t end = std::min(s.find_first_of(" ,", i), s.size());
    if (end > i) words.push_back(s.substr(i, end - i));
    i = end + 1;
  }
  if (words.size() == 4) {
    const auto is_weekday = [&](std::string_view w) { return same_letters(w, words[0]); };
    if (std::none_of(kWeekdaysEn.begin(), kWeekdaysEn.end(), is_weekday)) return std::nullopt;
    words.erase(words.begin());
  }
  if (words.size() != 3) return std::nullopt;
  int month = 0;
  for (std::size_t m = 0; m < kMonthsEn.size(); ++m) {
    if (same_letters(words[1], kMonthsEn[m]) || same_letters(words[1], kMonthsEn[m].substr(0, 3))) {
      month = static_cast<int>(m) + 1;
    }
  }
  const int day = number(words[0], 1, 2);
  const int year = number(words[2], 4, 4);
  if (month == 0 || day < 0 || year < 0) return std::nullopt;
  const Date d{year, month, day};
  if (!is_valid_date(d)) return Reading{std::nullopt, Problem::no_such_day};
  return Reading{d, Problem::none};
}

Reading read_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return {};
  if (auto english_reading = read_english(s)) return *english_reading;
  if (!drop_weekday(s)) return {};
  // The import's reader (P6.4) knows the Western and era forms, full-width
  // digits and the eras' days: one reading of a date for sheets and forms.
  auto parsed = storage::import::parse_date(s);
  if (parsed) return {*parsed, Problem::none};
  if (parsed.error().code == "import.invalid_date") return {std::nullopt, Problem::no_such_day};
  if (parsed.error().code == "import.date_outside_era") return {std::nullopt, Problem::outside_era};
  return {};
}

// ---- The field and its calendar --------------------------------------------------

constexpr float kFieldWidth = 280.0f;  // 令和10年12月31日（金） fits
constexpr float kCell = 60.0f;         // a day of the grid, square: above theme::kMinTarget
constexpr float kCellGap = 8.0f;       // room for the highlighted day's focus ring
constexpr const char* kPopup = "##calendar";
constexpr ImU32 kSundayText = theme::kRed900;      // Sundays and public holidays
constexpr ImU32 kSaturdayText = theme::kBlue1000;  // as printed calendars colour them

bool pressed(ImGuiKey key, bool repeat) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

Date moved_days(Date d, int days) {
  const Date out = add_days(d, days);
  return is_valid_date(out) ? out : d;
}

Date moved_months(Date d, int months) {  // the same day, or the month's last
  const int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, 1};
  if (out.year < 1 || out.year > 9999) return d;
  out.day = std::min(d.day, days_in_month(out.year, out.month));
  return out;
}

// 令和8年11月 / November 2026. A month in which an era began is named by its
// last day (平成元年1月, not 昭和64年1月), as its year is.
std::string month_title(Date d) {
  if (english()) {
    return std::string(kMonthsEn[static_cast<std::size_t>(d.month - 1)]) + " " +
           std::to_string(d.year);
  }
  const Date last{d.year, d.month, days_in_month(d.year, d.month)};
  return japanese_year(last) + std::to_string(d.month) + "月";
}

ImU32 weekday_colour(Date d, int column) {
  if (column == 0 || survey::is_public_holiday(d)) return kSundayText;
  if (column == 6) return kSaturdayText;
  return theme::kText;
}

std::string forms_hint(Date today) {
  const std::string examples =
      english() ? english_date(today) + ", " + format_date(today) + ", " + letter_date(today)
                : kanji_date(today) + "、" + letter_date(today) + "、" + format_date(today);
  char line[512];
  // TRANSLATORS: %s lists examples of the accepted forms, built from today's
  // date: "令和8年11月18日、R8.11.18、2026-11-18".
  std::snprintf(line, sizeof line, tr("Type the date in one of these forms: %s."),
                examples.c_str());
  return line;
}

// Under the field when its text cannot be read: what is wrong when that is
// known, and the forms accepted. Muted while it is being typed.
void reading_problem(Problem problem, Date today, bool editing) {
  std::string message;
  if (problem == Problem::no_such_day) {
    message = tr("That day is not in the calendar. Check the month and the day.");
  } else if (problem == Problem::outside_era) {
    message = tr("That day is not in the years of the era written. Check the era and the year.");
  }
  // Sentences follow each other with no space in Japanese, one in English
  // (and while a msgid is untranslated).
  if (!message.empty() && !message.ends_with("。")) message += ' ';
  message += forms_hint(today);
  if (editing) {
    wrapped_text(message, kBodyLineHeight, theme::kTextMuted);
  } else {
    error_text(noted(message));
  }
}

bool day_cell(Date d, int column, bool highlighted, bool chosen, bool today) {
  const std::string iso = format_date(d);
  const std::string label = std::to_string(d.day) + "##" + iso;
  if (chosen) {
    theme::push_primary_button();
  } else {
    ImGui::PushStyleColor(ImGuiCol_Button, highlighted ? theme::kSelected : theme::kBackground);
    ImGui::PushStyleColor(ImGuiCol_Text, weekday_colour(d, column));
  }
  const bool clicked = ImGui::Button(noted(label), ImVec2(kCell, kCell));
  if (chosen) {
    theme::pop_primary_button();
  } else {
    ImGui::PopStyleColor(2);
  }
  record_last_item("day:" + iso);
  ImDrawList& list = *ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  if (today) {
    list.AddRect(ImVec2(min.x + 4, min.y + 4), ImVec2(max.x - 4, max.y - 4),
                 chosen ? theme::kOnPrimary : theme::kPrimary, theme::kFrameRounding, 0, 2.0f);
  }
  if (highlighted) theme::draw_focus_ring(list, min, max);
  return clicked;
}

// A button `width` wide at `x` (window coordinates) on the current line.
bool button_at(float x, const char* label, float width) {
  ImGui::SameLine(x);
  return button(label, ImVec2(width, theme::kMinTarget));
}

float button_width(const char* label) {
  return std::max(ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x,
                  theme::kMinTarget);
}

// The calendar, while open. Returns the day picked this frame.
std::optional<Date> calendar(DatePickerState& picker, const std::optional<Date>& value,
                             Date today) {
  // Modal: nothing behind it takes the keys, and a click outside does not
  // close it (やめる does), so Escape is ours alone.
  if (picker.open && !ImGui::IsPopupOpen(kPopup)) picker.open = false;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  // NoNavInputs: the arrows move the highlighted day, not ImGui's focus.
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNavInputs;
  if (!ImGui::BeginPopupModal(kPopup, nullptr, kFlags)) return std::nullopt;
  std::optional<Date> picked;
  bool close = false;
  Date& cursor = picker.cursor;
  // Not on the frame it opens: the key or click that opened it is not for it.
  if (!ImGui::IsWindowAppearing()) {
    if (pressed(ImGuiKey_LeftArrow, true)) cursor = moved_days(cursor, -1);
    if (pressed(ImGuiKey_RightArrow, true)) cursor = moved_days(cursor, 1);
    if (pressed(ImGuiKey_UpArrow, true)) cursor = moved_days(cursor, -7);
    if (pressed(ImGuiKey_DownArrow, true)) cursor = moved_days(cursor, 7);
    if (pressed(ImGuiKey_PageUp, true)) cursor = moved_months(cursor, -1);
    if (pressed(ImGuiKey_PageDown, true)) cursor = moved_months(cursor, 1);
    if (pressed(ImGuiKey_Enter, false) || pressed(ImGuiKey_KeyPadEnter, false) ||
        pressed(ImGuiKey_Space, false)) {
      picked = cursor;
    }
    if (pressed(ImGuiKey_Escape, false)) close = true;
  }

  const float left = ImGui::GetCursorPosX();
  const float grid_width = 7 * kCell + 6 * kCellGap;
  const std::string title = month_title(cursor);
  ImGui::PushFont(fonts().title);
  ImGui::SetCursorPosX(left + (grid_width - ImGui::CalcTextSize(noted(title)).x) * 0.5f);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();

  const char* previous = tr("Previous month");
  const char* this_month = tr("Today");
  const char* next = tr("Next month");
  if (button(previous, ImVec2(button_width(previous), theme::kMinTarget))) {
    cursor = moved_months(cursor, -1);
  }
  if (button_at(left + (grid_width - button_width(this_month)) * 0.5f, this_month,
                button_width(this_month))) {
    cursor = today;
  }
  if (button_at(left + grid_width - button_width(next), next, button_width(next))) {
    cursor = moved_months(cursor, 1);
  }

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(kCellGap, kCellGap));
  const Date first{cursor.year, cursor.month, 1};
  for (int column = 0; column < 7; ++column) {
    const auto w = static_cast<std::size_t>(column);
    const char* name = verbatim(english() ? kWeekdaysEn[w].data() : kWeekdaysJa[w].data());
    const float x = left + static_cast<float>(column) * (kCell + kCellGap) +
                    (kCell - ImGui::CalcTextSize(name).x) * 0.5f;
    if (column == 0) {
      ImGui::SetCursorPosX(x);
    } else {
      ImGui::SameLine(x);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, column == 0   ? kSundayText
                                         : column == 6 ? kSaturdayText
                                                       : theme::kText);
    ImGui::TextUnformatted(name);
    ImGui::PopStyleColor();
  }
  // Six weeks always, so the calendar keeps its size from month to month.
  const int lead = survey::weekday(first);
  const int days = days_in_month(cursor.year, cursor.month);
  for (int cell = 0; cell < 42; ++cell) {
    const int column = cell % 7;
    if (column == 0) {
      ImGui::SetCursorPosX(left);
    } else {
      ImGui::SameLine();
    }
    const int day = cell - lead + 1;
    if (day < 1 || day > days) {
      ImGui::Dummy(ImVec2(kCell, kCell));
      continue;
    }
    const Date d{cursor.year, cursor.month, day};
    if (day_cell(d, column, d == cursor, value == d, d == today)) picked = d;
  }
  ImGui::PopStyleVar();

  ImGui::Spacing();
  const char* cancel = tr("Cancel");
  ImGui::SetCursorPosX(left + grid_width - button_width(cancel));
  if (button(cancel, ImVec2(button_width(cancel), theme::kMinTarget))) close = true;

  if (picked || close) {
    picker.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return picked;
}

}  // namespace

std::string wareki_date(Date d, bool weekday) {
  assert(is_valid_date(d) && "wareki_date() called with an invalid date");
  if (!is_valid_date(d)) return {};
  const std::size_t w = weekday_of(d);
  if (english())
    return (weekday ? std::string(kWeekdaysEn[w]) + " " : std::string()) + english_date(d);
  return kanji_date(d) + (weekday ? "（" + std::string(kWeekdaysJa[w]) + "）" : std::string());
}

std::string moment_text(std::int64_t unix_seconds) {
  const auto at = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&at, &tm);
  char text[64];
  std::snprintf(text, sizeof text, tr("%d/%d %02d:%02d"), tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min);
  return text;
}

std::string short_date(Date d) {
  assert(is_valid_date(d) && "short_date() called with an invalid date");
  if (!is_valid_date(d)) return {};
  return english() ? format_date(d) : letter_date(d);
}

std::string fiscal_year_label(int fiscal_year) {
  if (english()) return "FY" + std::to_string(fiscal_year);
  if (fiscal_year < 1 || fiscal_year > 9999) return std::to_string(fiscal_year) + "年度";
  // Named as its first calendar year is at that year's end (dates.hpp): 令和元年度.
  return japanese_year(Date{fiscal_year, 12, 31}) + "度";
}

int fiscal_year_of(Date d) { return survey::fiscal_year_of(d); }

std::optional<Date> parse_date_text(std::string_view text) { return read_date(text).date; }

void DateFieldState::set(std::optional<Date> date) {
  value = date;
  set_field(text, date ? wareki_date(*date, false) : std::string());
  picker.open = false;
}

void DateFieldState::clear() {
  text.fill('\0');
  value.reset();
  picker = DatePickerState{};
}

bool date_field(const char* id, DateFieldState& state, Date today) {
  ImGui::PushID(id);
  bool changed = false;
  ImGui::SetNextItemWidth(kFieldWidth);
  if (ImGui::InputText("##text", state.text.data(), state.text.size(),
                       ImGuiInputTextFlags_AutoSelectAll)) {
    const std::optional<Date> read = parse_date_text(state.text.data());
    changed = read != state.value;
    state.value = read;
  }
  const bool editing = ImGui::IsItemActive();
  record_last_item(id);
  (void)noted(std::string(state.text.data()));  // what was typed, for the atlas

  ImGui::SameLine();
  const char* open_label = tr("Calendar");
  if (button(open_label, ImVec2(button_width(open_label), theme::kMinTarget))) {
    state.picker.open = true;
    state.picker.cursor = state.value.value_or(today);
    ImGui::OpenPopup(kPopup);
  }
  if (state.value) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    plain_text(wareki_date(*state.value));
  } else if (state.text[0] != '\0') {
    reading_problem(read_date(state.text.data()).problem, today, editing);
  }

  if (const std::optional<Date> picked = calendar(state.picker, state.value, today)) {
    changed = changed || picked != state.value;
    state.set(picked);
  }
  ImGui::PopID();
  return changed;
}

}  // namespace shogo::ui
