#include "kiosk/ui/survey_screens.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/designation.hpp"

namespace shogo::ui {

namespace imp = storage::import;

namespace {

const char* state_label(survey::SurveyState state) {
  switch (state) {
    case survey::SurveyState::draft: return tr("Not designated yet");
    case survey::SurveyState::designated: return tr("Designated");
    case survey::SurveyState::sheets_made: return tr("Sheets made");
    case survey::SurveyState::reconciling: return tr("Reconciling");
    case survey::SurveyState::follow_up: return tr("Following up");
    case survey::SurveyState::reported: return tr("Reported");
    case survey::SurveyState::approved: return tr("Approved");
    case survey::SurveyState::recheck: return tr("Checking again");
    case survey::SurveyState::on_hold: return tr("Sheets kept (on hold)");
    case survey::SurveyState::wiped: return tr("Sheets destroyed");
    case survey::SurveyState::retained: return tr("Report kept");
    case survey::SurveyState::purged: return tr("Ended");
  }
  return "";
}

const char* sheet_operation_label(survey::OperationKind op) {
  switch (op) {
    case survey::OperationKind::certificate_issue: return tr("Certificate issued");
    case survey::OperationKind::confirmation_print: return tr("Confirmation print");
    case survey::OperationKind::inquiry: return tr("Inquiry");
    case survey::OperationKind::cs_operation: return tr("CS terminal operation");
  }
  return "";
}

template <std::size_t N>
void set_field(std::array<char, N>& field, const std::string& text) {
  field.fill('\0');
  std::memcpy(field.data(), text.data(), std::min(text.size(), N - 1));
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string civil(const survey::Date& d) {
  return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Plain words for a site profile that cannot be used (P6.4), with where
// parse_profile() stopped: 「この定義ファイルは読めません（3 行目）」.
std::string profile_problem(const Error& error, const std::string& where) {
  char text[512];
  if (error.code == "import.profile_syntax" && where.rfind("line ", 0) == 0) {
    std::snprintf(text, sizeof text, tr("This profile file cannot be read (line %s)."),
                  where.substr(5).c_str());
  } else if (!where.empty()) {
    std::snprintf(text, sizeof text, tr("This profile file cannot be read (%s): %s"), where.c_str(),
                  tr(error.message.c_str()));
  } else {
    return tr(error.message.c_str());
  }
  return text;
}

}  // namespace

int fiscal_year_of(survey::Date date) { return date.month >= 4 ? date.year : date.year - 1; }

std::string propose_survey_id(int fiscal_year, const std::vector<std::string>& existing) {
  const std::string prefix = "fy" + std::to_string(fiscal_year) + "-";
  long highest = 0;
  for (const std::string& id : existing) {
    if (id.rfind(prefix, 0) != 0) continue;
    const std::string number = id.substr(prefix.size());
    if (number.size() > 6 || !all_digits(number)) continue;  // "fy2026-1a" is not numbered
    highest = std::max(highest, std::stol(number));
  }
  return prefix + std::to_string(highest + 1);
}

bool valid_survey_id_text(const std::string& id) {
  return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

SurveyScreens::SurveyScreens(survey::Vault* vault, std::filesystem::path import_folder,
                             std::filesystem::path profile_folder)
    : vault_(vault),
      import_folder_(std::move(import_folder)),
      desk_(vault != nullptr ? std::make_unique<ImportDesk>(*vault) : nullptr),
      profile_folder_(std::move(profile_folder)) {}

SurveyScreens::~SurveyScreens() { stop(); }

void SurveyScreens::stop() {
  if (!desk_) return;
  desk_->cancel();
  desk_->wait();
  (void)desk_->take_result();
}

void SurveyScreens::forget() {
  preview_.reset();
  accept_problems_ = false;
}

void SurveyScreens::load_counts() {
  counts_.clear();
  if (selected_.empty()) return;
  if (auto counts = survey::count_survey(*vault_, selected_); counts) {
    counts_ = std::move(*counts);
  } else {
    load_error_ = counts.error().message;
  }
}

void SurveyScreens::load_register() {
  load_error_.clear();
  designations_ = {};
  counts_.clear();
  if (vault_ == nullptr || !vault_->is_open()) return;
  auto surveys = survey::list_surveys(*vault_);
  if (!surveys) {
    load_error_ = surveys.error().message;
    return;
  }
  surveys_ = std::move(*surveys);
  const auto known = [&](const std::string& id) {
    return std::any_of(surveys_.begin(), surveys_.end(), [&](const auto& s) { return s.id == id; });
  };
  if (!known(selected_)) {
    // The survey under way: the first designated one, else the first.
    auto it = std::find_if(surveys_.begin(), surveys_.end(), [](const auto& s) {
      return s.state == survey::SurveyState::designated;
    });
    selected_ = it != surveys_.end() ? it->id : surveys_.empty() ? std::string() : surveys_[0].id;
  }
  if (selected_.empty()) return;
  if (auto set = survey::load_designations(*vault_, selected_); set) {
    designations_ = std::move(*set);
  } else {
    load_error_ = set.error().message;
  }
  load_counts();
  if (auto sites = survey::load_sites(*vault_); sites) sites_ = std::move(*sites);
  if (auto terminals = survey::load_terminals(*vault_); terminals) {
    terminals_ = std::move(*terminals);
  }
}

void SurveyScreens::scan_import_folder() {
  // Only regular *.csv and *.xlsx files directly in the import folder: never
  // a link, a sub-folder or any other path (design: no file dialog).
  files_.clear();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(import_folder_, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->symlink_status(ec).type() != std::filesystem::file_type::regular) continue;
    const std::string ext = lower(it->path().extension().string());
    if (ext == ".csv" || ext == ".xlsx") files_.push_back(it->path().filename().string());
  }
  std::sort(files_.begin(), files_.end());
  if (std::find(files_.begin(), files_.end(), file_) == files_.end()) file_.clear();
}

void SurveyScreens::scan_profile_folder() {
  // Like the import folder: regular *.toml files directly in the folder. A
  // missing folder holds none; a file that cannot be read is listed with why.
  profiles_.clear();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(profile_folder_, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code type_ec;
    if (it->symlink_status(type_ec).type() != std::filesystem::file_type::regular) continue;
    if (lower(it->path().extension().string()) != ".toml") continue;
    SiteProfile p;
    p.name = it->path().filename().string();
    std::ifstream in(it->path(), std::ios::binary);
    std::string text(kMaxProfileBytes + 1, '\0');
    if (in) in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in && !in.eof()) {
      p.error = Error{"profile.unreadable", N_("This profile file could not be opened.")};
    } else if (static_cast<std::size_t>(in.gcount()) > kMaxProfileBytes) {
      p.error = Error{"profile.too_large",
                      N_("This profile file is larger than 64 KiB and is not read.")};
    } else {
      text.resize(static_cast<std::size_t>(in.gcount()));
      if (auto parsed = imp::parse_profile(text, &p.where); parsed) {
        p.profile = std::move(*parsed);
      } else {
        p.error = parsed.error();
      }
    }
    profiles_.push_back(std::move(p));
  }
  std::sort(profiles_.begin(), profiles_.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  if (chosen_profile() == nullptr) profile_.clear();
}

const imp::Profile* SurveyScreens::chosen_profile() const {
  if (profile_.empty()) return nullptr;
  for (const auto& p : profiles_) {
    if (p.name == profile_) return p.profile && p.profile->kind == kind_ ? &*p.profile : nullptr;
  }
  return nullptr;
}

std::string SurveyScreens::next_survey_id(int fiscal_year) const {
  std::vector<std::string> ids;
  ids.reserve(surveys_.size());
  for (const auto& s : surveys_) ids.push_back(s.id);
  return propose_survey_id(fiscal_year, ids);
}

void SurveyScreens::reset_new_survey(survey::Date today) {
  new_error_.clear();
  const int year = fiscal_year_of(today);
  proposed_id_ = next_survey_id(year);
  set_field(new_year_, std::to_string(year));
  set_field(new_title_, "");
  set_field(new_id_, proposed_id_);
}

void SurveyScreens::create_survey(const survey::User& user) {
  new_error_.clear();
  const std::string year_text = new_year_.data();
  const int year = all_digits(year_text) && year_text.size() == 4 ? std::stoi(year_text) : 0;
  const std::string title(imp::trim_cell(new_title_.data()));
  const std::string id = new_id_.data();
  if (year < 2000) {
    new_error_ = N_("Please type the fiscal year in four digits, for example 2026.");
    return;
  }
  if (title.empty()) {
    new_error_ = N_("Please type a title for the survey.");
    return;
  }
  if (!valid_survey_id_text(id)) {
    new_error_ = N_("A survey id uses letters, digits and '-' only.");
    return;
  }
  // create_survey() records "survey_create" and gives the file its schema.
  auto db = vault_->create_survey(user.id, id, year, title);
  if (!db) {
    new_error_ = db.error().message;
    return;
  }
  db->close();
  new_open_ = false;
  created_id_ = id;
  selected_ = id;
  load_register();
}

void SurveyScreens::reset_form(survey::Date today) {
  checked_.clear();
  acknowledged_.clear();
  outcome_.reset();
  design_error_.clear();
  const auto days = survey::operating_days(today);
  set_field(date_, days.empty() ? std::string() : survey::format_date(days.back()));
  set_field(from_, "09:00");
  set_field(to_, "09:30");
}

void SurveyScreens::clear_import() {
  forget();
  imported_.reset();
  counts_after_.clear();
  import_error_.clear();
  failed_at_ = {};
}

void SurveyScreens::open(Screen screen, survey::Date today) {
  if (screen != Screen::surveys && screen != Screen::designation &&
      screen != Screen::sheet_import) {
    return;
  }
  load_register();
  if (screen == Screen::surveys) {
    new_open_ = false;
    created_id_.clear();
    reset_new_survey(today);
  }
  if (screen == Screen::designation) reset_form(today);
  if (screen == Screen::sheet_import) {
    clear_import();
    scan_import_folder();
    scan_profile_folder();
  }
}

void SurveyScreens::poll(const Audit& audit) {
  if (!desk_ || desk_->busy()) return;
  auto outcome = desk_->take_result();
  if (!outcome) return;
  if (!outcome->report) {
    import_error_ = outcome->report.error().message;  // import.cancelled says so too
    failed_at_ = outcome->failed_at;
    return;
  }
  if (outcome->job == ImportDesk::Job::preview) {
    preview_ = std::move(*outcome->report);
    accept_problems_ = false;
    if (!preview_->preview.empty()) {  // residents' rows are on screen from now on
      auto objects =
          crypto::audit::format_objects({{"screen", "import"},
                                         {"survey", selected_},
                                         {"sheet", std::string(imp::sheet_kind_id(kind_))}});
      if (objects) audit("view_personal_data", *objects);
    }
  } else {
    imported_ = std::move(*outcome->report);
    imported_->preview.clear();
    imported_->preview.shrink_to_fit();
    forget();
    load_register();
    counts_after_ = counts_;
  }
}

SurveyPicker SurveyScreens::picker() const {
  SurveyPicker p;
  p.selected_id = selected_;
  for (const auto& s : surveys_) {
    p.surveys.push_back({s.id, std::to_string(s.fiscal_year), s.title, state_label(s.state)});
  }
  return p;
}

std::vector<DesignationRowView> SurveyScreens::designation_rows(
    std::optional<survey::System> only) const {
  std::vector<DesignationRowView> rows;
  for (const auto& h : designations_.history) {
    if (only && h.system != *only) continue;
    const auto& d = h.designation;
    rows.push_back({system_label(h.system), survey::format_date(d.date),
                    survey::format_hh_mm(d.from) + "–" + survey::format_hh_mm(d.to),
                    joined(d.terminal_ids), d.drawn ? tr("Drawn by lots") : tr("Typed in")});
  }
  return rows;
}

std::vector<SystemCountView> SurveyScreens::count_rows(
    const std::vector<survey::SystemCount>& counts) const {
  std::vector<SystemCountView> rows;
  for (const auto& c : counts) {
    rows.push_back({c.system, c.designated, c.rows, c.accesses, c.persons, c.required, c.enough()});
  }
  return rows;
}

SurveyOverviewModel SurveyScreens::overview_model(const survey::User& user) {
  SurveyOverviewModel m;
  m.picker = picker();
  NewSurveyForm& f = m.new_survey;
  f.offered = user.role == survey::Role::manager;  // P5: the manager makes surveys
  f.open = f.offered && new_open_;
  f.fiscal_year = new_year_.data();
  f.fiscal_year_capacity = new_year_.size();
  f.title = new_title_.data();
  f.title_capacity = new_title_.size();
  f.id = new_id_.data();
  f.id_capacity = new_id_.size();
  if (!new_error_.empty()) f.error = tr(new_error_.c_str());
  if (!created_id_.empty()) {
    char text[256];
    std::snprintf(text, sizeof text,
                  tr("Made the survey %s. Next, the supervisor designates the date, window and "
                     "terminals (P6.3)."),
                  created_id_.c_str());
    f.created = text;
  }
  m.designations = designation_rows(std::nullopt);
  m.counts = count_rows(counts_);
  m.may_designate = user.role == survey::Role::supervisor;
  if (!load_error_.empty()) m.error = tr(load_error_.c_str());
  return m;
}

DesignationModel SurveyScreens::designation_model(const survey::User& user) {
  DesignationModel m;
  m.allowed = user.role == survey::Role::supervisor;
  m.picker = picker();
  m.system = system_;
  m.date = date_.data();
  m.from = from_.data();
  m.to = to_.data();
  m.field_capacity = date_.size();
  for (const auto& site : sites_) {
    SiteChoice choice{
        site.name, survey::format_hh_mm(site.opens) + "–" + survey::format_hh_mm(site.closes), {}};
    for (const auto& t : terminals_) {
      if (t.site_id == site.id && t.system == system_) {
        choice.terminals.push_back({t.id, checked_.count(t.id) > 0});
      }
    }
    if (!choice.terminals.empty()) m.sites.push_back(std::move(choice));
  }
  if (outcome_) {
    for (const Error& e : outcome_->check.errors) m.errors.emplace_back(tr(e.message.c_str()));
    if (!outcome_->stored) {
      for (const Error& w : outcome_->check.warnings) {
        m.warnings.push_back({w.code, tr(w.message.c_str()), acknowledged_.count(w.code) > 0});
      }
    } else {
      const auto& d = outcome_->designation;
      char line[200];
      std::snprintf(line, sizeof line,
                    d.drawn ? tr("Drawn by lots and stored as designation no. %d of this survey:")
                            : tr("Stored as designation no. %d of this survey:"),
                    outcome_->seq);
      m.stored = std::string(line) + " " + system_label(system_) + "  " +
                 survey::format_date(d.date) + "  " + survey::format_hh_mm(d.from) + "–" +
                 survey::format_hh_mm(d.to) + "  " + joined(d.terminal_ids);
    }
  }
  if (!design_error_.empty())
    m.error = tr(design_error_.c_str());
  else if (!load_error_.empty())
    m.error = tr(load_error_.c_str());
  m.history = designation_rows(std::nullopt);
  return m;
}

ImportModel SurveyScreens::import_model(const survey::User& user) {
  ImportModel m;
  m.allowed = user.role == survey::Role::manager;
  m.picker = picker();
  m.kind = kind_;
  m.folder = import_folder_.string();
  m.files = files_;
  m.file = file_;
  m.profile_folder = profile_folder_.string();
  for (const auto& p : profiles_) {
    if (p.profile && p.profile->kind != kind_) continue;  // unreadable ones: under every kind
    m.profiles.push_back({p.name, p.profile ? std::string() : profile_problem(p.error, p.where)});
  }
  if (chosen_profile() != nullptr) m.profile = profile_;
  m.busy = busy();
  m.busy_importing = m.busy && desk_->job() == ImportDesk::Job::import;
  m.rows_read = desk_ ? desk_->rows_read() : 0;
  m.may_designate = false;  // the manager asks the supervisor (P6.3.d)
  if (!import_error_.empty()) {
    m.error = tr(import_error_.c_str());
    if (failed_at_.row > 0) {
      char where[96];
      std::snprintf(where, sizeof where, tr("(row %llu, column %u)"),
                    static_cast<unsigned long long>(failed_at_.row), failed_at_.column);
      m.error += " ";
      m.error += where;
    }
  }
  if (imported_) {
    m.imported = true;
    m.stored = imported_->stored;
    m.already_stored = imported_->already_stored;
    m.counts = count_rows(counts_after_);
  }
  if (preview_) {
    const auto& r = *preview_;
    m.has_preview = true;
    m.preview_system = system_label(r.system);
    m.rows = r.counts.rows;
    m.kept = r.counts.kept;
    m.problems = r.counts.problems;
    m.blank = r.counts.blank;
    m.totals = r.counts.totals;
    m.dropped_date = r.counts.dropped_date;
    m.dropped_time = r.counts.dropped_time;
    m.dropped_terminal = r.counts.dropped_terminal;
    m.accept_problems = accept_problems_;
    for (const auto& p : r.problems) {
      m.problem_rows.push_back({std::to_string(p.row), p.column, tr(p.error.message.c_str())});
    }
    m.preview.reserve(r.preview.size());
    for (const auto& row : r.preview) {  // PERSONAL DATA, only while shown
      m.preview.push_back({civil(row.date) + " " + two(row.time.hour) + ":" + two(row.time.minute) +
                               ":" + two(row.time.second),
                           std::string(survey::system_id(row.system)), row.terminal_id,
                           row.operator_id, sheet_operation_label(row.operation), row.detail,
                           row.resident_name, row.resident_kana, civil(row.resident_birth)});
    }
  }
  return m;
}

bool SurveyScreens::apply(const Intent& intent, const survey::User& user, survey::Date today,
                          Screen& screen) {
  if (vault_ == nullptr || !vault_->is_open()) return false;
  if (const auto* r = std::get_if<RequestSelectSurvey>(&intent)) {
    if (busy()) return true;
    selected_ = r->survey_id;
    load_register();
    reset_form(today);
    clear_import();
    return true;
  }
  if (const auto* r = std::get_if<RequestNewSurveyForm>(&intent)) {
    if (user.role != survey::Role::manager) return true;
    new_open_ = r->open;
    created_id_.clear();
    reset_new_survey(today);
    return true;
  }
  if (std::holds_alternative<RequestNewSurveyYear>(intent)) {
    // The proposal follows the year until the manager edits the id.
    const std::string year = new_year_.data();
    if (new_id_.data() == proposed_id_ && year.size() == 4 && all_digits(year)) {
      proposed_id_ = next_survey_id(std::stoi(year));
      set_field(new_id_, proposed_id_);
    }
    return true;
  }
  if (std::holds_alternative<RequestCreateSurvey>(intent)) {
    // Vault::create_survey() refuses anyone but a manager too (P6.1).
    if (user.role != survey::Role::manager || !new_open_ || busy()) return true;
    create_survey(user);
    return true;
  }
  if (const auto* r = std::get_if<RequestRedesignate>(&intent)) {
    if (user.role != survey::Role::supervisor) return true;
    screen = Screen::designation;
    load_register();
    reset_form(today);
    system_ = r->system;
    return true;
  }
  if (const auto* r = std::get_if<RequestDesignationSystem>(&intent)) {
    system_ = r->system;
    checked_.clear();
    acknowledged_.clear();
    outcome_.reset();
    design_error_.clear();
    return true;
  }
  if (const auto* r = std::get_if<RequestToggleTerminal>(&intent)) {
    if (!checked_.erase(r->terminal_id)) checked_.insert(r->terminal_id);
    return true;
  }
  if (const auto* r = std::get_if<RequestAcknowledgeWarning>(&intent)) {
    if (!acknowledged_.erase(r->code)) acknowledged_.insert(r->code);
    return true;
  }
  if (std::holds_alternative<RequestDesignate>(intent) ||
      std::holds_alternative<RequestDrawDesignation>(intent)) {
    if (user.role != survey::Role::supervisor || selected_.empty()) return true;
    design_error_.clear();
    const bool draw = std::holds_alternative<RequestDrawDesignation>(intent);
    const auto date = survey::parse_iso_date(date_.data());
    const auto from = survey::parse_hh_mm(from_.data());
    const auto to = survey::parse_hh_mm(to_.data());
    if (!draw && (!date || !from || !to)) {
      outcome_.reset();
      design_error_ = N_("Please type the date as YYYY-MM-DD and the times as HH:MM.");
      return true;
    }
    auto result = [&]() -> Result<survey::DesignationOutcome> {
      if (draw) {
        survey::SodiumRandom random;  // the appliance's CSPRNG (P6.3 by the appliance)
        return survey::draw_and_designate(*vault_, user.id, selected_, system_, today, random);
      }
      survey::Designation d{*date, *from, *to, {}, false};
      for (const auto& t : terminals_) {
        if (t.system == system_ && checked_.count(t.id) > 0) d.terminal_ids.push_back(t.id);
      }
      const std::vector<std::string> acknowledged(acknowledged_.begin(), acknowledged_.end());
      return survey::designate(*vault_, user.id, selected_, system_, d, acknowledged, today);
    }();
    if (!result) {
      outcome_.reset();
      design_error_ = result.error().message;
      return true;
    }
    outcome_ = std::move(*result);
    if (outcome_->stored) {
      acknowledged_.clear();
      load_register();
    }
    return true;
  }
  if (const auto* r = std::get_if<RequestImportKind>(&intent)) {
    if (busy()) return true;
    kind_ = r->kind;
    profile_.clear();  // a profile reads one kind of sheet
    clear_import();
    return true;
  }
  if (const auto* r = std::get_if<RequestImportProfile>(&intent)) {
    if (busy()) return true;
    const std::string before = profile_;
    profile_ = r->name;
    if (chosen_profile() == nullptr) profile_.clear();  // unreadable, another kind, or gone
    if (profile_ != before) clear_import();
    return true;
  }
  if (const auto* r = std::get_if<RequestImportFile>(&intent)) {
    if (busy()) return true;
    if (std::find(files_.begin(), files_.end(), r->name) != files_.end()) file_ = r->name;
    clear_import();
    return true;
  }
  if (std::holds_alternative<RequestRefreshImportFolder>(intent)) {
    if (busy()) return true;
    scan_import_folder();
    std::optional<imp::Profile> before;
    if (const auto* p = chosen_profile()) before = *p;
    scan_profile_folder();
    // A preview holds only for the profile it was read with.
    const auto* after = chosen_profile();
    if (before.has_value() != (after != nullptr) || (after != nullptr && *after != *before)) {
      clear_import();
    }
    return true;
  }
  if (std::holds_alternative<RequestPreview>(intent) ||
      std::holds_alternative<RequestImport>(intent)) {
    if (user.role != survey::Role::manager || busy() || file_.empty() || selected_.empty()) {
      return true;
    }
    const bool importing = std::holds_alternative<RequestImport>(intent);
    if (importing && (!preview_ || (preview_->counts.problems > 0 && !accept_problems_))) {
      return true;
    }
    survey::ImportRequest request;
    request.survey_id = selected_;
    request.kind = kind_;
    request.file = import_folder_ / file_;
    if (!profile_.empty()) {
      const imp::Profile* profile = chosen_profile();
      if (profile == nullptr) return true;
      request.profile = *profile;  // the site's own layout, for the preview and the import
    }
    request.accept_problems = importing && accept_problems_;
    const bool accepted = accept_problems_;
    clear_import();
    accept_problems_ = accepted;
    desk_->start(importing ? ImportDesk::Job::import : ImportDesk::Job::preview, user.id,
                 std::move(request));
    return true;
  }
  if (std::holds_alternative<RequestAcceptProblems>(intent)) {
    accept_problems_ = !accept_problems_;
    return true;
  }
  if (std::holds_alternative<RequestCancelWork>(intent)) {
    if (desk_) desk_->cancel();
    return true;
  }
  return false;
}

}  // namespace shogo::ui
