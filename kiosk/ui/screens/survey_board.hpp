#pragma once
// SurveyBoard — what the survey screens (overview, designation, import) load
// from the register when they open: the surveys, the chosen one's
// designations and P6.2 counts, the sites and terminals. Loaded on open() and
// after a change, never per frame; no personal data.

#include <optional>
#include <string>
#include <vector>

#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/survey_widgets.hpp"

namespace shogo::ui {

// A survey was chosen in the picker of `Screen` (one type per screen: the app
// routes intents by type).
template <class Screen>
struct SurveyChosen {
  std::string survey_id;
};

struct SurveyBoard {
  std::vector<survey::SurveySummary> surveys;
  survey::DesignationSet designations;  // of the chosen survey
  std::vector<survey::SystemCount> counts;
  std::vector<survey::Site> sites;
  std::vector<survey::Terminal> terminals;
  std::string error;  // msgid

  // Loads everything; `survey_id` becomes a known survey (the one under way —
  // the first designated, else the first — when it was not one).
  void load(survey::Vault& vault, std::string& survey_id);
  void load_counts(survey::Vault& vault, const std::string& survey_id);
  const survey::SurveySummary* find(const std::string& survey_id) const;

  SurveyPicker picker(const std::string& survey_id) const;
  std::vector<DesignationRowView> designation_rows() const;
  static std::vector<SystemCountView> count_rows(const std::vector<survey::SystemCount>& counts);
};

std::string joined_ids(const std::vector<std::string>& ids);  // "A, B"

}  // namespace shogo::ui
