#pragma once
// 帳票の貸出 (P6.4.c, P10.3) — the lending ledger of a survey. An investigator
// borrows a system's sheet and gives it back, the manager confirming each
// with their passphrase on this terminal (a two-person act); a manager
// declares the sheets made (P6.4), sees every lending with the overdue and
// automatically returned ones in red, and takes a sheet back. After each
// lending or return the slip shows survey, system, investigator, times and
// the audit chain's head. No personal data: ids, names of staff, times.
//
// The passphrase lives in the form's guarded buffer, moves to its own when
// sent to the task runner (Argon2id, ~0.7 s), and is wiped with ImGui's copy.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

class LedgerScreen;
struct RequestBorrow {
  survey::System system;
};
struct RequestGiveBack {
  std::int64_t lending_id = 0;
};
struct RequestCompleteSheets {};
struct ConfirmerChosen {
  std::string user_id;
};
struct RequestConfirm {};        // the confirmer's passphrase is in the form
struct RequestCancelConfirm {};  // the panel closes, nothing done
struct RequestCloseSlip {};
using LedgerIntent =
    std::variant<SurveyChosen<LedgerScreen>, RequestBorrow, RequestGiveBack, RequestCompleteSheets,
                 ConfirmerChosen, RequestConfirm, RequestCancelConfirm, RequestCloseSlip>;

struct LedgerForm {
  crypto::SecureBuffer passphrase{256};
  bool focus_passphrase = false;
};

struct LedgerSheetView {  // one system's sheet of the chosen survey, for the user signed in
  survey::System system = survey::System::koseki;
  std::string system_name, status;  // translated
  bool status_has_name = false;     // status names the holder: drawn in the name font
  std::string progress;             // translated: accesses decided of all, what remains
  bool mine = false;                // lent to this user, readable now: it opens
  bool can_borrow = false;
  std::int64_t lending_id = 0;  // mine: the open lending
};
struct LedgerRowView {  // one lending, for the manager
  std::string system, investigator, lent_by, lent_at, due_at, returned;
  bool open = false, overdue = false, automatic = false;
  std::int64_t id = 0;
};
struct SlipView {  // 貸出票 / 返却票 on screen
  std::string title, survey, system, investigator, manager, lent_at, due_at, returned_at, anchor;
};
struct ConfirmView {
  std::string title;                    // translated: what is confirmed
  std::vector<std::string> confirmers;  // user ids who may confirm
  std::string chosen;                   // user id
  const char* who = nullptr;            // translated: "The manager confirms"
  bool checking = false;
};

struct LedgerModel {
  bool investigator = false, manager = false;
  SurveyPicker picker;
  std::string survey_line;  // translated: title and state
  bool can_complete = false;
  std::vector<LedgerSheetView> sheets;
  std::vector<LedgerRowView> ledger;
  std::vector<std::string> by_investigator;  // translated: each investigator's decisions
  std::optional<ConfirmView> confirm;
  std::optional<SlipView> slip;
  std::string error, notice;  // translated
};

class LedgerScreen : public ScreenOf<LedgerIntent> {
 public:
  ScreenId id() const override { return ScreenId::ledger; }
  const char* title() const override { return tr("Lending of sheets"); }
  std::optional<survey::Action> needs() const override { return survey::Action::see_ledger; }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void forget(ScreenContext& ctx) override;
  void apply(const LedgerIntent& intent, ScreenContext& ctx) override;

 protected:
  void view(ScreenContext& ctx, Out<LedgerIntent>& out) override;

 private:
  enum class Act : unsigned char { borrow, give_back, complete_sheets };
  struct Pending {
    Act act = Act::borrow;
    survey::System system = survey::System::koseki;
    std::int64_t lending_id = 0;
    std::string confirmer;
  };
  struct Outcome {
    Act act = Act::borrow;
    Status status = ok_status();
    std::optional<survey::Lending> lending;
    std::string anchor;  // the audit chain's head after it
  };
  void reload(ScreenContext& ctx);
  void start(ScreenContext& ctx, crypto::SecureBuffer passphrase);
  void finish(survey::WorkSitting& sitting, std::string& survey_id, Outcome outcome);
  void reload(survey::WorkSitting& sitting, std::string& survey_id);
  void wipe_form();

  SurveyBoard board_;
  std::vector<survey::Lending> ledger_;
  std::map<survey::System, std::size_t> decided_;  // accesses decided, per sheet
  std::map<std::string, std::size_t> decided_by_;  // per investigator
  std::optional<Pending> pending_;                 // the confirmation panel is open
  bool checking_ = false;
  std::optional<SlipView> slip_;
  std::string error_;   // msgid
  std::string notice_;  // translated
  LedgerForm form_;
};

void ledger_view(const LedgerModel& model, LedgerForm& form, Out<LedgerIntent>& out);

}  // namespace shogo::ui
