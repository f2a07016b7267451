#pragma once
// 監査ログ — the appliance's own log, newest first, filtered by person,
// action, survey and date (managers, supervisors). Opening it is audited,
// and the chain's continuity is checked (the paper seed is for
// shogo-admin audit verify). No personal data, by construction.

#include <array>
#include <string>
#include <vector>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct AuditRowView {  // ids and actions only: the audit log holds no personal data
  std::string seq, when, actor, role, action, objects, outcome;
};

struct AuditLogForm {  // the filters (plain text, not secret)
  std::array<char, 64> person{}, action{}, survey{}, date{};
};

struct AuditLogModel {
  std::vector<AuditRowView> rows;  // already filtered
  std::size_t total = 0;           // events in the log
  std::string chain_status;        // translated: does the chain hold
  bool chain_ok = true;
};

class AuditLogScreen : public ScreenOf<NoIntent<AuditLogScreen>> {
 public:
  ScreenId id() const override { return ScreenId::audit_log; }
  const char* title() const override { return tr("Audit log"); }
  std::optional<survey::Action> needs() const override { return survey::Action::read_audit_log; }
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const Intent&, ScreenContext&) override {}
  void forget(ScreenContext&) override;

 protected:
  void view(ScreenContext& ctx, Out<Intent>& out) override;

 private:
  std::vector<AuditRowView> rows_;  // newest first
  std::string status_;              // msgid or a verify() sentence
  bool ok_ = true;
  AuditLogForm form_;
};

void audit_log_view(const AuditLogModel& model, AuditLogForm& form);

}  // namespace shogo::ui
