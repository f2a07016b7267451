#include "kiosk/ui/screens/audit_log_screen.hpp"

#include <ctime>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/audit_log.hpp"

namespace shogo::ui {

namespace {

bool contains_text(const std::string& haystack, const char* needle) {
  return needle[0] == '\0' || haystack.find(needle) != std::string::npos;
}

}  // namespace

void AuditLogScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  rows_.clear();
  ok_ = true;
  status_.clear();
  if (!ctx.sitting.vault_open()) return;
  ctx.sitting.record(survey::AuditAction::audit_view);  // the view itself, shown below
  auto events = survey::load_audit_events(ctx.sitting.vault()->database());
  if (!events) {
    ok_ = false;
    status_ = events.error().message;
    return;
  }
  // Continuity only: the seed k0 is on paper, for shogo-admin audit verify.
  const auto report = crypto::audit::verify(*events, nullptr, {});
  ok_ = report.ok;
  status_ =
      report.ok ? N_("The chain of the audit log holds (continuity checked).") : report.message;
  // Display rows are made once here; each frame only filters them.
  rows_.reserve(events->size());
  for (auto it = events->rbegin(); it != events->rend(); ++it) {  // newest first
    const crypto::audit::Event& e = *it;
    const std::time_t wall = static_cast<std::time_t>(e.at_utc_ms / 1000);
    std::tm tm{};
    localtime_r(&wall, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    rows_.push_back({std::to_string(e.seq), when, e.actor, e.role, e.action,
                     survey::decode_audit_objects(e.objects), e.outcome});
  }
}

void AuditLogScreen::forget(ScreenContext&) {
  rows_.clear();
  form_ = {};
}

void AuditLogScreen::view(ScreenContext&, Out<Intent>&) {
  AuditLogModel m;
  m.total = rows_.size();
  m.chain_ok = ok_;
  m.chain_status = status_.empty() ? std::string() : std::string(tr(status_.c_str()));
  const std::string survey_filter =
      form_.survey[0] == '\0' ? std::string() : "survey=" + std::string(form_.survey.data());
  for (const AuditRowView& r : rows_) {
    if (contains_text(r.actor, form_.person.data()) &&
        contains_text(r.action, form_.action.data()) &&
        contains_text(r.objects, survey_filter.c_str()) &&
        std::string_view(r.when).rfind(form_.date.data(), 0) == 0) {
      m.rows.push_back(r);
    }
  }
  audit_log_view(m, form_);
}

}  // namespace shogo::ui
