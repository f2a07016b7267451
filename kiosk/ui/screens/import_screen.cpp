#include "kiosk/ui/screens/import_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>

#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/labels.hpp"

namespace shogo::ui {

namespace imp = storage::import;

namespace {

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

const char* ImportScreen::help() const {
  return tr("Read a confirmation sheet from the import folder, check the preview, then import it.");
}

const char* ImportScreen::explanation() const {
  return tr(
      "1. Choose the survey, the kind of sheet and the file. 2. Press Preview: nothing is "
      "stored yet; the screen shows how many rows are inside the designation and which "
      "rows could not be read. 3. Press Import: the rows inside the designation are stored "
      "in the survey in one step, and the same file cannot be imported twice. Rows "
      "outside the designation are only counted, so the survey holds no more personal "
      "data than it needs.");
}

void ImportScreen::set_folders(std::filesystem::path import_folder,
                               std::filesystem::path profile_folder) {
  import_folder_ = std::move(import_folder);
  profile_folder_ = std::move(profile_folder);
}

void ImportScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  board_.load(*ctx.sitting.vault(), ctx.survey_id);
  clear_result();
  rescan();
}

void ImportScreen::forget(ScreenContext& ctx) {
  if (job_) {
    ctx.tasks.stop();  // the worker's rows leave with it
    job_.reset();
  }
  preview_.reset();
  accept_problems_ = false;
}

void ImportScreen::clear_result() {
  asking_.reset();
  preview_.reset();
  accept_problems_ = false;
  imported_.reset();
  counts_after_.clear();
  error_.clear();
  failed_at_ = {};
}

void ImportScreen::rescan() {
  files_ = survey::list_sheet_files(import_folder_);
  if (std::find(files_.begin(), files_.end(), file_) == files_.end()) file_.clear();
  profiles_ = survey::load_site_profiles(profile_folder_);
  if (chosen_profile() == nullptr) profile_.clear();
}

const imp::Profile* ImportScreen::chosen_profile() const {
  if (profile_.empty()) return nullptr;
  for (const auto& p : profiles_) {
    if (p.name == profile_) return p.profile && p.profile->kind == kind_ ? &*p.profile : nullptr;
  }
  return nullptr;
}

void ImportScreen::view(ScreenContext& ctx, Out<ImportIntent>& out) {
  ImportModel m;
  m.allowed = ctx.may(survey::Action::import_sheet);
  m.picker = board_.picker(ctx.survey_id);
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
  m.busy = job_.has_value();
  m.busy_importing = job_ == Job::import;
  m.rows_read = m.busy ? ctx.tasks.progress().done : 0;
  if (!error_.empty()) {
    m.error = tr(error_.c_str());
    if (failed_at_.row > 0) {
      char where[128];
      std::snprintf(where, sizeof where, tr("Where: row %llu, column %u."),
                    static_cast<unsigned long long>(failed_at_.row), failed_at_.column);
      m.error += '\n';
      m.error += where;
    }
  }
  if (asking_ && preview_) {
    char line[256];
    std::snprintf(line, sizeof line, tr("%llu rows of %s are stored in survey %s."),
                  static_cast<unsigned long long>(preview_->counts.kept),
                  system_label(preview_->system), ctx.survey_id.c_str());
    m.confirm.emplace_back(line);
    if (preview_->counts.problems > 0) {
      std::snprintf(line, sizeof line, tr("%llu rows that could not be read are left out."),
                    static_cast<unsigned long long>(preview_->counts.problems));
      m.confirm.emplace_back(line);
    }
    m.confirm.emplace_back(
        tr("An import cannot be undone, and the same file cannot be imported "
           "again."));
  }
  if (imported_) {
    m.imported = true;
    m.stored = imported_->stored;
    m.already_stored = imported_->already_stored;
    m.counts = SurveyBoard::count_rows(counts_after_);
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
      m.preview.push_back({short_date(row.date) + " " + survey::format_time(row.time),
                           system_label(row.system), row.terminal_id, row.operator_id,
                           operation_label(row.operation), row.detail, row.resident_name,
                           row.resident_kana, short_date(row.resident_birth)});
    }
  }
  m.scroll_to_result = std::exchange(scroll_to_result_, false);
  import_view(m, out);
}

void ImportScreen::start(ScreenContext& ctx, Job job, bool accept_problems) {
  survey::ImportRequest request;
  request.survey_id = ctx.survey_id;
  request.kind = kind_;
  request.file = import_folder_ / file_;
  if (!profile_.empty()) {
    const imp::Profile* profile = chosen_profile();
    if (profile == nullptr) return;
    request.profile = *profile;  // the site's own layout, for the preview and the import
  }
  request.accept_problems = job == Job::import && accept_problems;
  clear_result();
  accept_problems_ = accept_problems;
  job_ = job;
  survey_of_job_ = ctx.survey_id;
  survey::Vault& vault = *ctx.sitting.vault();
  survey::WorkSitting& sitting = ctx.sitting;
  const std::string actor = ctx.user->id;
  auto shared = std::make_shared<survey::ImportRequest>(std::move(request));
  ctx.tasks.start<Outcome>(
      job == Job::preview ? "preview" : "import",
      [&vault, job, actor, shared](survey::TaskControl& control) {
        survey::ImportRequest req = *shared;
        req.progress = [&control](std::uint64_t rows) {
          control.report(rows);
          return !control.cancelled();
        };
        Outcome o{job, Error{}, {}};
        o.report = job == Job::preview ? survey::preview_import(vault, req, &o.failed_at)
                                       : survey::import_sheet(vault, actor, req, &o.failed_at);
        return o;
      },
      [this, &sitting](Outcome o) { finish(sitting, std::move(o)); });
}

void ImportScreen::finish(survey::WorkSitting& sitting, Outcome outcome) {
  job_.reset();
  scroll_to_result_ = true;
  if (!outcome.report) {
    error_ = outcome.report.error().message;  // import.cancelled says so too
    failed_at_ = outcome.failed_at;
    return;
  }
  if (outcome.job == Job::preview) {
    preview_ = std::move(*outcome.report);
    if (!preview_->preview.empty()) {  // residents' rows are on screen from now on
      auto viewed = sitting.record(survey::AuditAction::view_personal_data,
                                   survey::AuditObjects()
                                       .add("screen", "import")
                                       .add("survey", survey_of_job_)
                                       .add("sheet", imp::sheet_kind_id(kind_)));
      if (!viewed) {  // not recorded: not shown
        preview_.reset();
        error_ = viewed.error().message;
      }
    }
    return;
  }
  imported_ = std::move(*outcome.report);
  imported_->preview.clear();
  imported_->preview.shrink_to_fit();
  preview_.reset();
  accept_problems_ = false;
  if (sitting.vault_open()) board_.load(*sitting.vault(), survey_of_job_);
  counts_after_ = board_.counts;
}

void ImportScreen::apply(const ImportIntent& intent, ScreenContext& ctx) {
  if (!ctx.sitting.vault_open()) return;
  const bool busy = job_.has_value() || ctx.tasks.busy();
  dispatch(
      intent,
      [&](const SurveyChosen<ImportScreen>& r) {
        if (busy) return;
        ctx.survey_id = r.survey_id;
        board_.load(*ctx.sitting.vault(), ctx.survey_id);
        clear_result();
      },
      [&](const SheetKindChosen& r) {
        if (busy) return;
        kind_ = r.kind;
        profile_.clear();  // a profile reads one kind of sheet
        clear_result();
      },
      [&](const FileChosen& r) {
        if (busy) return;
        if (std::find(files_.begin(), files_.end(), r.name) != files_.end()) file_ = r.name;
        clear_result();
      },
      [&](const ProfileChosen& r) {
        if (busy) return;
        const std::string before = profile_;
        profile_ = r.name;
        if (chosen_profile() == nullptr) profile_.clear();  // unreadable, another kind, or gone
        if (profile_ != before) clear_result();
      },
      [&](const RequestRescan&) {
        if (busy) return;
        std::optional<imp::Profile> before;
        if (const auto* p = chosen_profile()) before = *p;
        rescan();
        // A preview holds only for the profile it was read with.
        const auto* after = chosen_profile();
        if (before.has_value() != (after != nullptr) || (after != nullptr && *after != *before)) {
          clear_result();
        }
      },
      [&](const RequestPreview& r) {
        if (!ctx.may(survey::Action::import_sheet) || busy || ctx.survey_id.empty()) return;
        if (r.kind != kind_ || r.file != file_ || r.file.empty() || r.profile != profile_) return;
        start(ctx, Job::preview, accept_problems_);
      },
      [&](const RequestImport& r) {
        if (!ctx.may(survey::Action::import_sheet) || busy || ctx.survey_id.empty()) return;
        if (r.kind != kind_ || r.file != file_ || r.file.empty() || r.profile != profile_) return;
        if (!preview_ || (preview_->counts.problems > 0 && !r.accept_problems)) return;
        if (preview_->counts.kept == 0) return;  // nothing to import
        asking_ = r;                             // the dialog asks first
      },
      [&](const Confirmed<ImportScreen>&) {
        if (!asking_ || !ctx.may(survey::Action::import_sheet) || busy) return;
        const RequestImport r = *std::exchange(asking_, std::nullopt);
        if (r.kind != kind_ || r.file != file_ || r.profile != profile_ || !preview_) return;
        start(ctx, Job::import, r.accept_problems);
      },
      [&](const NotConfirmed<ImportScreen>&) { asking_.reset(); },
      [&](const AcceptProblemsChanged& r) { accept_problems_ = r.accept; },
      [&](const RequestCancelWork&) {
        if (job_) ctx.tasks.cancel();
      });
}

}  // namespace shogo::ui
