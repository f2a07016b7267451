#include "kiosk/ui/screens/survey_board.hpp"

#include <algorithm>

#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/labels.hpp"

namespace shogo::ui {

std::string joined_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

void SurveyBoard::load_counts(survey::Vault& vault, const std::string& survey_id) {
  counts.clear();
  if (survey_id.empty()) return;
  if (auto c = survey::count_survey(vault, survey_id); c) {
    counts = std::move(*c);
  } else {
    error = c.error().message;
  }
}

void SurveyBoard::load(survey::Vault& vault, std::string& survey_id) {
  *this = {};
  if (!vault.is_open()) return;
  auto list = survey::list_surveys(vault);
  if (!list) {
    error = list.error().message;
    return;
  }
  surveys = std::move(*list);
  if (find(survey_id) == nullptr) {
    auto it = std::find_if(surveys.begin(), surveys.end(), [](const auto& s) {
      return s.state == survey::SurveyState::designated;
    });
    survey_id = it != surveys.end() ? it->id : surveys.empty() ? std::string() : surveys[0].id;
  }
  if (auto s = survey::load_sites(vault); s) sites = std::move(*s);
  if (auto t = survey::load_terminals(vault); t) terminals = std::move(*t);
  if (survey_id.empty()) return;
  if (auto set = survey::load_designations(vault, survey_id); set) {
    designations = std::move(*set);
  } else {
    error = set.error().message;
  }
  load_counts(vault, survey_id);
}

const survey::SurveySummary* SurveyBoard::find(const std::string& survey_id) const {
  auto it = std::find_if(surveys.begin(), surveys.end(),
                         [&](const auto& s) { return s.id == survey_id; });
  return it == surveys.end() ? nullptr : &*it;
}

SurveyPicker SurveyBoard::picker(const std::string& survey_id) const {
  SurveyPicker p;
  p.selected_id = survey_id;
  for (const auto& s : surveys) {
    p.surveys.push_back({s.id, fiscal_year_label(s.fiscal_year), s.title, state_label(s.state)});
  }
  return p;
}

std::vector<DesignationRowView> SurveyBoard::designation_rows() const {
  std::vector<DesignationRowView> rows;
  for (const auto& h : designations.history) {
    const auto& d = h.designation;
    rows.push_back({system_label(h.system), wareki_date(d.date),
                    survey::format_hh_mm(d.from) + "–" + survey::format_hh_mm(d.to),
                    joined_ids(d.terminal_ids), d.drawn ? tr("Drawn by lots") : tr("Typed in")});
  }
  return rows;
}

std::vector<SystemCountView> SurveyBoard::count_rows(
    const std::vector<survey::SystemCount>& counts) {
  std::vector<SystemCountView> rows;
  for (const auto& c : counts) {
    rows.push_back({c.system, c.designated, c.imported, c.rows, c.accesses, c.persons, c.required,
                    c.enough(), c.unknown_operators, c.conflicted_investigators});
  }
  return rows;
}

}  // namespace shogo::ui
