#pragma once
// Survey widgets — the pieces the survey screens share: which survey, the
// designations, the P6.2 counts, confirmation-sheet rows, labelled text
// fields. They draw display strings and return what was clicked; the
// screen's view turns that into its own intent.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"

namespace shogo::ui {

struct SurveyRowView {
  std::string id, fiscal_year, title, state;
};
struct SurveyPicker {
  std::vector<SurveyRowView> surveys;
  std::string selected_id;
};
struct DesignationRowView {  // no personal data: dates, windows, terminal ids
  std::string system, date, window, terminals, how;  // how: drawn or typed in
};
struct SystemCountView {  // P6.2 for one system
  survey::System system = survey::System::koseki;
  bool designated = false;
  bool imported = false;  // its sheet was imported (else no verdict yet)
  std::size_t rows = 0, accesses = 0, persons = 0;
  int required = 10;
  bool enough = false;
  std::vector<std::string> unknown_operators;         // P4: ids the roster does not know
  std::vector<std::string> conflicted_investigators;  // P5.3.c: users (staff, not residents)
};
struct AccessRowView {  // PERSONAL DATA, display strings only
  std::string when, system, terminal, operator_id, operation, detail, name, kana, birth;
};

void heading(const char* text);  // a section: spacing, text, separator
void table_cell(const std::string& text);
// Which survey the screen is about; recorded as "survey:<id>". Returns the
// id clicked, if another than the selected one.
std::optional<std::string> survey_picker(const SurveyPicker& picker);
void designations_table(const std::vector<DesignationRowView>& rows);
// P6.2 per system, with P6.3.d when a system falls short; `may_designate`
// offers "designate again" per short system and returns the system clicked.
std::optional<survey::System> counts_table(const std::vector<SystemCountView>& counts,
                                           bool may_designate);
// PERSONAL DATA. Confirmation-sheet rows as a scrolling table filling the rest
// of the window: time, [system,] terminal, operator, operation, name, kana,
// birth date (names through name_text()); only the visible rows are drawn.
void access_rows_table(const char* id, const std::vector<AccessRowView>& rows, bool with_system);
// A labelled one-line text field (not secret); true when edited this frame.
// What is typed is noted for the font atlas.
bool text_field(const char* label, const char* id, char* buffer, std::size_t capacity, float width,
                int flags = 0);
// The same for text typed in Japanese (text_entry.hpp): the かな/英数 button
// follows the field.
bool japanese_text_field(const char* label, const char* id, char* buffer, std::size_t capacity,
                         float width, int flags = 0);

}  // namespace shogo::ui
