#pragma once
// 監査ログ — the appliance's own log, newest first, in plain words: who, as
// what, did what to what, and how it ended (managers, supervisors). Filters
// are picked, never typed: a person, an action, a survey, a date range.
// Opening it is audited, and the chain's continuity is checked (the paper
// seed is for shogo-admin audit verify). No personal data, by construction.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/survey/audit_actions.hpp"
#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct AuditFilter {  // empty / nullopt: everything
  std::string person;
  std::optional<survey::AuditAction> action;
  std::string survey;
  std::optional<survey::Date> from, to;  // inclusive
  bool operator==(const AuditFilter&) const = default;
};
struct AuditFilterChanged {
  AuditFilter filter;
};
using AuditLogIntent = std::variant<AuditFilterChanged>;

struct AuditRowView {  // display strings, translated; no personal data
  std::string seq, when, actor, role, action, objects, outcome;
  bool failed = false;
  bool by_system = false;  // Shogo's own administration: actor is words, not a person's name
};

struct AuditLogModel {
  std::vector<AuditRowView> rows;  // already filtered
  std::size_t total = 0;           // events in the log
  std::string chain_status;        // translated: does the chain hold
  bool chain_ok = true;
  AuditFilter filter;
  // What the pickers offer, from the log itself.
  std::vector<std::string> people, surveys;
  std::vector<std::pair<survey::AuditAction, std::string>> actions;  // with their labels
  std::vector<survey::Date> dates;                                   // newest first
};

class AuditLogScreen : public ScreenOf<AuditLogIntent> {
 public:
  ScreenId id() const override { return ScreenId::audit_log; }
  const char* title() const override { return tr("Audit log"); }
  const char* help() const override;
  const char* explanation() const override;
  std::optional<survey::Action> needs() const override { return survey::Action::read_audit_log; }
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const AuditLogIntent& intent, ScreenContext& ctx) override;
  void forget(ScreenContext&) override;

 protected:
  void view(ScreenContext& ctx, Out<AuditLogIntent>& out) override;

 private:
  struct Row {
    AuditRowView view;
    survey::Date date;
    std::string actor;
    std::optional<survey::AuditAction> action;
    std::vector<std::string> surveys;  // the survey ids it names
  };
  std::vector<Row> rows_;  // newest first
  std::string status_;     // msgid or a verify() sentence
  bool ok_ = true;
  AuditFilter filter_;
};

void audit_log_view(const AuditLogModel& model, Out<AuditLogIntent>& out);

// The objects of an event in plain words: 「調査：fy2026-1、帳票：…」.
std::string describe_audit_objects(std::string_view objects);
const char* audit_action_label(survey::AuditAction action);
std::string audit_outcome_label(std::string_view outcome);

}  // namespace shogo::ui
