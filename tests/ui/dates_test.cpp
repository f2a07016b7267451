// Dates as a ward writes them (kiosk/ui/dates.hpp): the era forms, fiscal
// years, what a person may type, and the date field's calendar driven
// headless through ImGui with the harness's fonts.

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/shell/font_book.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"
#include "tests/support/ui_harness.hpp"

namespace Catch {
template <>
struct StringMaker<shogo::Date> {
  static std::string convert(const shogo::Date& d) { return shogo::format_date(d); }
};
}  // namespace Catch

namespace {

using shogo::survey::Date;
namespace ui = shogo::ui;

std::string iso(Date d) { return shogo::survey::format_date(d); }

// Restores Japanese, the kiosk's default, when a test switched to English.
struct LanguageScope {
  explicit LanguageScope(ui::Language language) { ui::set_language(language); }
  ~LanguageScope() { ui::set_language(ui::Language::japanese); }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;
};

}  // namespace

TEST_CASE("dates are written in the era of the day, both sides of every era's first day",
          "[dates]") {
  ui::set_language(ui::Language::japanese);
  struct Case {
    Date date;
    const char* wareki = nullptr;
    const char* short_form = nullptr;
  };
  const Case cases[] = {
      {{2026, 11, 18}, "令和8年11月18日（水）", "R8.11.18"},
      {{2020, 1, 1}, "令和2年1月1日（水）", "R2.1.1"},
      {{2019, 5, 1}, "令和元年5月1日（水）", "R1.5.1"},  // 令和's first day
      {{2019, 4, 30}, "平成31年4月30日（火）", "H31.4.30"},
      {{1990, 1, 1}, "平成2年1月1日（月）", "H2.1.1"},
      {{1989, 1, 8}, "平成元年1月8日（日）", "H1.1.8"},  // 平成's first day
      {{1989, 1, 7}, "昭和64年1月7日（土）", "S64.1.7"},
      {{1985, 1, 1}, "昭和60年1月1日（火）", "S60.1.1"},
      {{1926, 12, 25}, "昭和元年12月25日（土）", "S1.12.25"},  // 昭和's first day
      {{1926, 12, 24}, "大正15年12月24日（金）", "T15.12.24"},
      {{1912, 7, 30}, "大正元年7月30日（火）", "T1.7.30"},  // 大正's first day
      {{1912, 7, 29}, "明治45年7月29日（月）", "M45.7.29"},
      {{1873, 1, 1}, "明治6年1月1日（水）", "M6.1.1"},         // the Gregorian calendar's first day
      {{1872, 12, 31}, "1872年12月31日（火）", "1872-12-31"},  // lunisolar then: Western year
      {{1868, 1, 25}, "1868年1月25日（土）", "1868-01-25"},
  };
  for (const Case& c : cases) {
    INFO(iso(c.date));
    CHECK(ui::wareki_date(c.date) == c.wareki);
    CHECK(ui::short_date(c.date) == c.short_form);
  }
  CHECK(ui::wareki_date({2026, 11, 18}, false) == "令和8年11月18日");
  CHECK(ui::wareki_date({2019, 5, 1}, false) == "令和元年5月1日");

  const LanguageScope english(ui::Language::english);
  CHECK(ui::wareki_date({2026, 11, 18}) == "Wed 18 Nov 2026");
  CHECK(ui::wareki_date({2026, 11, 18}, false) == "18 Nov 2026");
  CHECK(ui::wareki_date({2019, 5, 1}) == "Wed 1 May 2019");
  CHECK(ui::wareki_date({1872, 12, 31}) == "Tue 31 Dec 1872");
  CHECK(ui::short_date({2026, 11, 18}) == "2026-11-18");
  CHECK(ui::short_date({2019, 5, 1}) == "2019-05-01");
}

TEST_CASE("P6.1 fiscal years run April to March and fiscal 2019 is 令和元年度", "[dates]") {
  ui::set_language(ui::Language::japanese);
  struct Day {
    Date date;
    int fiscal_year = 0;
  };
  const Day days[] = {
      {{2026, 4, 1}, 2026},  {{2026, 11, 18}, 2026}, {{2026, 12, 31}, 2026},
      {{2027, 1, 1}, 2026},  {{2027, 3, 31}, 2026},  {{2026, 3, 31}, 2025},
      {{2019, 4, 30}, 2019}, {{2020, 3, 31}, 2019},  {{1989, 1, 8}, 1988},
  };
  for (const Day& d : days) {
    INFO(iso(d.date));
    CHECK(ui::fiscal_year_of(d.date) == d.fiscal_year);
  }
  struct Label {
    int fiscal_year = 0;
    const char* label = nullptr;
  };
  const Label labels[] = {
      {2026, "令和8年度"},  {2020, "令和2年度"},  {2019, "令和元年度"}, {2018, "平成30年度"},
      {1989, "平成元年度"}, {1988, "昭和63年度"}, {1927, "昭和2年度"},  {1925, "大正14年度"},
      {1873, "明治6年度"},  {1872, "1872年度"},
  };
  for (const Label& l : labels) {
    INFO(l.fiscal_year);
    CHECK(ui::fiscal_year_label(l.fiscal_year) == l.label);
  }
  // January to March belong to the fiscal year that began the April before.
  CHECK(ui::fiscal_year_label(ui::fiscal_year_of({2027, 2, 1})) == "令和8年度");
  CHECK(ui::fiscal_year_label(ui::fiscal_year_of({2020, 2, 1})) == "令和元年度");
  CHECK(ui::fiscal_year_label(ui::fiscal_year_of({2019, 4, 1})) == "令和元年度");

  const LanguageScope english(ui::Language::english);
  CHECK(ui::fiscal_year_label(2026) == "FY2026");
  CHECK(ui::fiscal_year_label(2019) == "FY2019");
}

TEST_CASE("a date is read from what a person types, and a day that does not exist is refused",
          "[dates]") {
  struct Accepted {
    const char* text = nullptr;
    Date date;
  };
  const Accepted accepted[] = {
      {"2026-11-18", {2026, 11, 18}},
      {"2026/11/18", {2026, 11, 18}},
      {"2026.11.18", {2026, 11, 18}},
      {"20261118", {2026, 11, 18}},
      {"2026/4/1", {2026, 4, 1}},
      {"  2026-11-18  ", {2026, 11, 18}},
      {"\u30002026-11-18\u3000", {2026, 11, 18}},
      {"令和8年11月18日", {2026, 11, 18}},
      {"令和8年11月18日（水）", {2026, 11, 18}},
      {"令和8年11月18日 (水)", {2026, 11, 18}},
      {"令和8年11月18日（水曜日）", {2026, 11, 18}},
      {"令和8年11月18日（木）", {2026, 11, 18}},  // the weekday is not checked
      {"R8.11.18", {2026, 11, 18}},
      {"R8/11/18", {2026, 11, 18}},
      {"r8.11.18", {2026, 11, 18}},
      {"R08.11.18", {2026, 11, 18}},
      {"Ｒ８．１１．１８", {2026, 11, 18}},
      {"H31.4.30", {2019, 4, 30}},
      {"S60.1.1", {1985, 1, 1}},
      {"令和元年5月1日", {2019, 5, 1}},
      {"R1.5.1", {2019, 5, 1}},
      {"平成元年1月8日", {1989, 1, 8}},
      {"昭和64年1月7日", {1989, 1, 7}},
      {"大正15年12月25日", {1926, 12, 25}},  // 昭和元年12月25日 by its older name
      {"明治45年7月30日", {1912, 7, 30}},    // 大正元年7月30日 by its older name
      {"２０２６年１１月１８日", {2026, 11, 18}},
      {"2026年11月18日", {2026, 11, 18}},
      {"Wed 18 Nov 2026", {2026, 11, 18}},
      {"18 Nov 2026", {2026, 11, 18}},
      {"wed, 18 november 2026", {2026, 11, 18}},
      {"2024-02-29", {2024, 2, 29}},
  };
  for (const Accepted& a : accepted) {
    INFO(a.text);
    const std::optional<Date> read = ui::parse_date_text(a.text);
    REQUIRE(read.has_value());
    CHECK(*read == a.date);
  }
  const char* const refused[] = {
      "",
      "   ",
      "令和1年4月30日",    // before 令和 began
      "R1.4.30",           // the same
      "平成31年5月1日",    // 平成 had ended
      "昭和65年1月1日",    // the same for 昭和
      "明治3年4月1日",     // lunisolar Meiji: no Gregorian day of that name
      "2026年2月30日",     // no such day
      "2026-02-30",        // the same
      "2025-02-29",        // not a leap year
      "31 Feb 2026",       // the same in English
      "2026-13-01",        // no such month
      "2026-11-18x",       // trailing garbage
      "令和8年11月18日x",  // the same
      "令和8年11月18日（水）x",
      "令和8年11月18日（犬）",  // not a weekday
      "令和8年11月18日（水",    // an open bracket
      "2026-11",
      "R8.11",
      "令和8年11月",
      "2026-11/18",  // two separators
      "Wed 18 Foo 2026",
      "tomorrow",
  };
  for (const char* text : refused) {
    INFO("\"" << text << "\"");
    CHECK_FALSE(ui::parse_date_text(text).has_value());
  }
}

TEST_CASE(
    "every day from 昭和元年 to 2040 reads back from what wareki_date() and short_date() write",
    "[dates]") {
  const Date first{1926, 12, 25};
  const Date last{2040, 12, 31};
  int days = 0;
  int wrong = 0;
  for (Date d = first; d <= last; d = shogo::add_days(d, 1), ++days) {
    ui::set_language(ui::Language::japanese);
    const std::string written[] = {ui::wareki_date(d), ui::wareki_date(d, false),
                                   ui::short_date(d)};
    ui::set_language(ui::Language::english);
    const std::string english[] = {ui::wareki_date(d), ui::short_date(d)};
    const auto check = [&](const std::string& text) {
      if (ui::parse_date_text(text) == d) return;
      if (++wrong <= 5) FAIL_CHECK(text << " does not read back as " << iso(d));  // the first few
    };
    for (const std::string& text : written) check(text);
    for (const std::string& text : english) check(text);
  }
  ui::set_language(ui::Language::japanese);
  CHECK(days == 41646);
  CHECK(wrong == 0);
}

// ---- The date field, headless ---------------------------------------------------

namespace {

// The date field alone in a window, frame by frame through ImGui as the
// shell runs it (the atlas rebuilt and the frame drawn again when new
// characters were met), with the harness's context and real fonts.
class DateFieldDriver {
 public:
  explicit DateFieldDriver(Date today, ImVec2 display = ImVec2(1280, 800))
      : harness_(display), today_(today) {}

  ui::DateFieldState state;
  int changes = 0;  // frames in which date_field() returned true

  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    for (int attempt = 0; attempt < 3; ++attempt) {
      ui::GlyphRegistry& registry = ui::glyphs();
      if (registry.changed() || !io.Fonts->IsBuilt()) {
        REQUIRE(harness_.font_book().rebuild(*io.Fonts, registry));
      }
      ImGui::NewFrame();
      ui::recorded_items().clear();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(io.DisplaySize);
      ImGui::Begin("##form", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
      ImGui::PushFont(ui::fonts().ui);
      changes += ui::date_field("date", state, today_) ? 1 : 0;
      ImGui::PopFont();
      ImGui::End();
      items_ = ui::recorded_items();
      ImGui::Render();
      if (!registry.changed()) break;
    }
    read_back();
  }

  void press(ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    frame();
    io.KeysDown[io.KeyMap[key]] = false;
    frame();
  }

  // Hover, press and release at the item's centre (a click in ImGui 1.86).
  bool click(std::string_view label) {
    const ui::ItemRecord* target = item(label);
    if (target == nullptr) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos =
        ImVec2((target->min.x + target->max.x) * 0.5f, (target->min.y + target->max.y) * 0.5f);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    return true;
  }

  void type(std::string_view text) {
    ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
    frame();
  }

  const ui::ItemRecord* item(std::string_view label) const {
    for (const ui::ItemRecord& it : items_) {
      if (it.label == label) return &it;
    }
    return nullptr;
  }
  const std::vector<ui::ItemRecord>& items() const { return items_; }
  bool calendar_shown() const { return days_shown() > 0; }
  int days_shown() const {
    int n = 0;
    for (const ui::ItemRecord& it : items_) n += it.label.starts_with("day:") ? 1 : 0;
    return n;
  }
  bool drew(std::string_view text) const { return drawn_.find(text) != std::string::npos; }
  // As drew(), wherever the window's width wrapped the text.
  bool drew_wrapped(std::string_view text) const {
    std::string joined;
    for (char c : drawn_) {
      if (c != '\n') joined += c;
    }
    return joined.find(text) != std::string::npos;
  }
  const std::string& drawn() const { return drawn_; }

 private:
  // What reached the draw data, glyph by glyph: a space for a gap, a new
  // line where the pen moved to another line. No glyph may be the atlas's fallback.
  void read_back() {
    drawn_.clear();
    float line_y = -1e9f;
    float next_x = -1e9f;
    int fallbacks = 0;
    for (const shogo::test::DrawnGlyph& g : shogo::test::drawn_glyphs(ImGui::GetDrawData())) {
      if (std::fabs(g.origin.y - line_y) > 0.5f) {
        drawn_ += '\n';
      } else if (g.origin.x > next_x + g.size * 0.15f) {
        drawn_ += ' ';  // a gap: a space, or the next item on the line
      }
      line_y = g.origin.y;
      next_x = g.origin.x + g.glyph->AdvanceX * g.scale;
      ui::append_utf8(drawn_, g.code);
      fallbacks += g.code == shogo::shell::kFallbackCode ? 1 : 0;
    }
    INFO("drawn: " << drawn_);
    CHECK(fallbacks == 0);
  }

  shogo::test::UiHarness harness_;  // first: the context and fonts outlive the rest
  Date today_;
  std::vector<ui::ItemRecord> items_;
  std::string drawn_;
};

constexpr Date kToday{2026, 11, 18};  // a Wednesday

}  // namespace

TEST_CASE("the calendar opens on today: Right twice and Enter picks the day after tomorrow",
          "[dates]") {
  DateFieldDriver f(kToday);
  f.frame();
  REQUIRE(f.click(ui::tr("Calendar")));
  f.frame();
  REQUIRE(f.calendar_shown());
  CHECK(f.drew("令和8年11月"));
  CHECK(f.drew("日 月 火 水 木 金 土"));
  CHECK(f.days_shown() == 30);
  CHECK(f.item("day:2026-11-01") != nullptr);
  CHECK(f.item("day:2026-11-30") != nullptr);
  // Every target of the field and its calendar is at least 44 px square.
  for (const ui::ItemRecord& it : f.items()) {
    INFO(it.label);
    CHECK(it.max.x - it.min.x >= ui::theme::kMinTarget);
    CHECK(it.max.y - it.min.y >= ui::theme::kMinTarget);
  }
  // November 2026 starts on a Sunday: the 1st is in the first column, the
  // 7th (Saturday) in the last, the 8th under the 1st.
  const ui::ItemRecord* first = f.item("day:2026-11-01");
  const ui::ItemRecord* seventh = f.item("day:2026-11-07");
  const ui::ItemRecord* eighth = f.item("day:2026-11-08");
  REQUIRE((first && seventh && eighth));
  CHECK(seventh->min.y == first->min.y);
  CHECK(seventh->min.x > first->min.x);
  CHECK(eighth->min.x == first->min.x);
  CHECK(eighth->min.y > first->min.y);

  f.press(ImGuiKey_RightArrow);
  f.press(ImGuiKey_RightArrow);
  CHECK(f.state.picker.cursor == Date{2026, 11, 20});
  CHECK_FALSE(f.state.value.has_value());
  CHECK(f.changes == 0);
  f.press(ImGuiKey_Enter);
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == shogo::add_days(kToday, 2));
  CHECK(f.changes == 1);
  CHECK(std::string(f.state.text.data()) == "令和8年11月20日");
  CHECK_FALSE(f.calendar_shown());
  CHECK(f.drew("令和8年11月20日（金）"));
}

TEST_CASE("the calendar fits a 1024 by 768 screen, in Japanese and in English", "[dates]") {
  for (const ui::Language language : {ui::Language::japanese, ui::Language::english}) {
    DateFieldDriver f(kToday, ImVec2(1024, 768));
    const LanguageScope scope(language);
    f.frame();
    REQUIRE(f.click(ui::tr("Calendar")));
    f.frame();
    REQUIRE(f.calendar_shown());
    for (const ui::ItemRecord& it : f.items()) {
      INFO(it.label);
      CHECK(it.min.x >= 0.0f);
      CHECK(it.min.y >= 0.0f);
      CHECK(it.max.x <= 1024.0f);
      CHECK(it.max.y <= 768.0f);
    }
    // The calendar's own targets (after the field and its button) never overlap.
    const std::vector<ui::ItemRecord>& items = f.items();
    REQUIRE(items.size() > 2);
    for (std::size_t i = 2; i < items.size(); ++i) {
      for (std::size_t j = i + 1; j < items.size(); ++j) {
        const ui::ItemRecord& a = items[i];
        const ui::ItemRecord& b = items[j];
        INFO(a.label << " and " << b.label);
        CHECK(
            (a.max.x <= b.min.x || b.max.x <= a.min.x || a.max.y <= b.min.y || b.max.y <= a.min.y));
      }
    }
  }
}

TEST_CASE("the calendar's arrows move a day or a week and Space picks", "[dates]") {
  DateFieldDriver f(kToday);
  f.frame();
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_DownArrow);  // 11-25
  f.press(ImGuiKey_LeftArrow);  // 11-24
  f.press(ImGuiKey_UpArrow);    // 11-17
  f.press(ImGuiKey_UpArrow);    // 11-10
  f.press(ImGuiKey_UpArrow);    // 11-03
  f.press(ImGuiKey_UpArrow);    // 10-27: the grid follows into October
  CHECK(f.drew("令和8年10月"));
  CHECK(f.item("day:2026-10-27") != nullptr);
  CHECK(f.item("day:2026-11-18") == nullptr);
  f.press(ImGuiKey_Space);
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == Date{2026, 10, 27});
}

TEST_CASE("Escape closes the calendar and leaves the date as it was", "[dates]") {
  DateFieldDriver f(kToday);
  f.state.set(Date{2026, 11, 1});
  f.frame();
  CHECK(f.drew("令和8年11月1日（日）"));
  REQUIRE(f.click(ui::tr("Calendar")));
  CHECK(f.state.picker.cursor == Date{2026, 11, 1});  // opens on the field's date
  f.press(ImGuiKey_RightArrow);
  f.press(ImGuiKey_Escape);
  CHECK_FALSE(f.calendar_shown());
  CHECK_FALSE(f.state.picker.open);
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == Date{2026, 11, 1});
  CHECK(std::string(f.state.text.data()) == "令和8年11月1日");
  CHECK(f.changes == 0);
  // やめる does the same.
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_LeftArrow);
  REQUIRE(f.click(ui::tr("Cancel")));
  f.frame();
  CHECK_FALSE(f.calendar_shown());
  CHECK(*f.state.value == Date{2026, 11, 1});
  CHECK(f.changes == 0);
}

TEST_CASE("PageDown and PageUp move the calendar a month, as its buttons do", "[dates]") {
  DateFieldDriver f(kToday);
  f.frame();
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_PageDown);
  CHECK(f.drew("令和8年12月"));
  CHECK(f.state.picker.cursor == Date{2026, 12, 18});
  CHECK(f.item("day:2026-12-31") != nullptr);
  CHECK(f.item("day:2026-11-18") == nullptr);
  f.press(ImGuiKey_PageDown);
  CHECK(f.drew("令和9年1月"));
  f.press(ImGuiKey_PageUp);
  f.press(ImGuiKey_PageUp);
  f.press(ImGuiKey_PageUp);
  CHECK(f.drew("令和8年10月"));
  REQUIRE(f.click(ui::tr("Next month")));
  f.frame();
  CHECK(f.drew("令和8年11月"));
  REQUIRE(f.click(ui::tr("Next month")));
  f.frame();
  CHECK(f.drew("令和8年12月"));
  REQUIRE(f.click(ui::tr("Previous month")));
  f.frame();
  CHECK(f.drew("令和8年11月"));
  f.press(ImGuiKey_Enter);
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == kToday);
  // A month keeps the day where it can, else takes the month's last day.
  f.state.set(Date{2027, 1, 31});
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_PageDown);
  CHECK(f.state.picker.cursor == Date{2027, 2, 28});
}

TEST_CASE("a click on a day picks it, and 今日 goes back to today's month", "[dates]") {
  DateFieldDriver f(kToday);
  f.frame();
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_PageUp);
  REQUIRE(f.click(ui::tr("Today")));
  CHECK(f.state.picker.cursor == kToday);
  CHECK_FALSE(f.state.value.has_value());
  REQUIRE(f.click("day:2026-11-05"));
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == Date{2026, 11, 5});
  CHECK(f.changes == 1);
  f.frame();
  CHECK_FALSE(f.calendar_shown());
  // Picking the day it already holds is no change.
  REQUIRE(f.click(ui::tr("Calendar")));
  f.press(ImGuiKey_Enter);
  CHECK(*f.state.value == Date{2026, 11, 5});
  CHECK(f.changes == 1);
}

TEST_CASE("typing R8.11.18 sets the date and shows it as the ward writes it", "[dates]") {
  DateFieldDriver f(kToday);
  f.frame();
  REQUIRE(f.click("date"));
  f.type("R8.11.18");
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == Date{2026, 11, 18});
  CHECK(f.changes == 1);
  f.frame();
  CHECK(f.drew("令和8年11月18日（水）"));
  // The calendar opens on the typed day.
  REQUIRE(f.click(ui::tr("Calendar")));
  CHECK(f.state.picker.cursor == Date{2026, 11, 18});
  f.press(ImGuiKey_Escape);

  // Text that is not a date: no value, and the forms accepted are shown.
  REQUIRE(f.click("date"));
  f.type("令和1年4月30日");
  CHECK_FALSE(f.state.value.has_value());
  CHECK(f.changes == 2);
  f.frame();
  CHECK(f.drew_wrapped("令和8年11月18日、R8.11.18、2026-11-18"));
  CHECK(f.drew_wrapped(
      ui::tr("That day is not in the years of the era written. Check the era and the year.")));
  REQUIRE(f.click("date"));
  f.type("２０２６年１１月１８日");
  REQUIRE(f.state.value.has_value());
  CHECK(*f.state.value == Date{2026, 11, 18});
  CHECK(f.changes == 3);
}

TEST_CASE("the date field and its calendar in English", "[dates]") {
  DateFieldDriver f(kToday);
  const LanguageScope english(ui::Language::english);
  f.frame();
  REQUIRE(f.click("Calendar"));
  CHECK(f.drew("November 2026"));
  CHECK(f.drew("Sun"));
  CHECK(f.drew("Sat"));
  REQUIRE(f.click("day:2026-11-05"));
  CHECK(std::string(f.state.text.data()) == "5 Nov 2026");
  f.frame();
  CHECK(f.drew("Thu 5 Nov 2026"));
}
