#include "kiosk/ui/screens/ledger_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <utility>

#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

constexpr survey::System kSystems[] = {survey::System::koseki, survey::System::juki,
                                       survey::System::jukinet};

const char* return_text(const survey::Lending& l) {
  if (!l.return_kind) return "";
  switch (*l.return_kind) {
    case survey::ReturnKind::returned: return tr("Returned");
    case survey::ReturnKind::end_of_day:
      return tr("Returned by the appliance at the end of the day");
    case survey::ReturnKind::sitting_closed:
      return tr("Returned by the appliance when the sitting closed");
  }
  return "";
}

}  // namespace

const char* LedgerScreen::help() const {
  return tr("Borrow a sheet to reconcile it, and give it back; the manager confirms each.");
}

const char* LedgerScreen::explanation() const {
  return tr(
      "A sheet is one system's rows of a survey. The manager lends it to one investigator at "
      "a time, until the end of the working day; both are at the terminal: the investigator "
      "signed in chooses the sheet, the manager types their passphrase. The investigator sees "
      "only the sheets lent to them. At the end of the day, or when the manager closes the "
      "sitting, every sheet comes back, and the ledger says who returned it. The ledger keeps "
      "every lending and holds no personal data.");
}

void LedgerScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  pending_.reset();
  slip_.reset();
  error_.clear();
  notice_.clear();
  wipe_form();
  reload(ctx);
}

void LedgerScreen::forget(ScreenContext& ctx) {
  if (checking_) {
    ctx.tasks.stop();  // what it did is in the ledger; its slip is not shown
    checking_ = false;
  }
  pending_.reset();
  wipe_form();
}

void LedgerScreen::wipe_form() {
  form_.passphrase.wipe();
  wipe_text_input_state();
}

void LedgerScreen::reload(ScreenContext& ctx) { reload(ctx.sitting, ctx.survey_id); }

void LedgerScreen::reload(survey::WorkSitting& sitting, std::string& survey_id) {
  if (!sitting.vault_open()) return;
  survey::Vault& vault = *sitting.vault();
  board_.load(vault, survey_id);
  ledger_.clear();
  if (survey_id.empty()) return;
  auto ledger = survey::load_ledger(vault, survey_id);
  if (!ledger) {
    error_ = ledger.error().message;
    return;
  }
  ledger_ = std::move(*ledger);
  // Progress (P6.5): the decisions in force, per sheet and per investigator.
  decided_.clear();
  decided_by_.clear();
  if (auto d = survey::load_decisions(vault, survey_id)) {
    for (const auto& x : *d) {
      ++decided_[x.system];
      ++decided_by_[x.decided_by];
    }
  }
}

void LedgerScreen::view(ScreenContext& ctx, Out<LedgerIntent>& out) {
  LedgerModel m;
  m.investigator = ctx.may(survey::Action::borrow_sheet);
  m.manager = ctx.may(survey::Action::keep_ledger);
  m.picker = board_.picker(ctx.survey_id);
  const survey::SurveySummary* s = board_.find(ctx.survey_id);
  const std::int64_t now = ctx.wall;
  if (s != nullptr) {
    m.survey_line = s->title + " — " + state_label(s->state);
    m.can_complete = m.manager && s->state == survey::SurveyState::designated;
    const bool lendable = s->state == survey::SurveyState::sheets_made ||
                          s->state == survey::SurveyState::reconciling ||
                          s->state == survey::SurveyState::follow_up;
    for (survey::System system : kSystems) {
      const survey::SystemCount* count = nullptr;
      for (const auto& c : board_.counts) {
        if (c.system == system) count = &c;
      }
      if (count == nullptr || count->rows == 0) continue;
      LedgerSheetView v;
      v.system = system;
      v.system_name = system_label(system);
      const survey::Lending* open = nullptr;
      for (const auto& l : ledger_) {
        if (l.system == system && l.open()) open = &l;
      }
      // P5.3.c an operator of any of the survey's sheets borrows none of them.
      const bool conflicted =
          ctx.user != nullptr &&
          std::any_of(board_.counts.begin(), board_.counts.end(), [&](const auto& c) {
            return std::find(c.conflicted_investigators.begin(), c.conflicted_investigators.end(),
                             ctx.user->id) != c.conflicted_investigators.end();
          });
      char line[256];
      if (open != nullptr && ctx.user != nullptr && open->investigator == ctx.user->id &&
          open->readable(now)) {
        v.mine = true;
        v.lending_id = open->id;
        std::snprintf(line, sizeof line, tr("Lent to you until %s."),
                      moment_text(open->due_at).c_str());
        v.status = line;
      } else if (open != nullptr) {
        std::snprintf(line, sizeof line, tr("Lent to %s until %s."), open->investigator.c_str(),
                      moment_text(open->due_at).c_str());
        v.status = line;
        v.status_has_name = true;
      } else if (!lendable) {
        v.status = s->state == survey::SurveyState::designated
                       ? tr("Not lent before the manager declares the sheets made.")
                       : tr("Not lent in this state of the survey.");
      } else if (m.investigator && conflicted) {
        v.status =
            tr("Your own operator ID appears in this survey's sheets: you may not "
               "reconcile them (conflict of interest).");
      } else {
        v.status = tr("In the manager's keeping.");
        v.can_borrow = m.investigator;
      }
      char progress[256];
      const std::size_t done = decided_.count(system) ? decided_.at(system) : 0;
      std::snprintf(progress, sizeof progress, tr("%zu of %zu accesses decided; %zu remain."), done,
                    count->accesses, count->accesses > done ? count->accesses - done : 0);
      v.progress = progress;
      m.sheets.push_back(std::move(v));
    }
  }
  if (m.manager) {
    for (const auto& [who, n] : decided_by_) {
      char line[256];
      std::snprintf(line, sizeof line, tr("%s: %zu accesses decided"), who.c_str(), n);
      m.by_investigator.emplace_back(line);
    }
    for (const auto& l : ledger_) {
      LedgerRowView r;
      r.id = l.id;
      r.system = system_label(l.system);
      r.investigator = l.investigator;
      r.lent_by = l.lent_by;
      r.lent_at = moment_text(l.lent_at);
      r.due_at = moment_text(l.due_at);
      r.open = l.open();
      r.overdue = l.open() && now >= l.due_at;
      r.automatic = l.returned_automatically();
      if (l.returned_at) r.returned = moment_text(*l.returned_at) + " " + return_text(l);
      m.ledger.push_back(std::move(r));
    }
  }
  if (pending_) {
    ConfirmView c;
    switch (pending_->act) {
      case Act::borrow:
        c.title = std::string(tr("Lend this sheet: ")) + system_label(pending_->system);
        c.who = tr("The manager confirms with their passphrase.");
        break;
      case Act::give_back:
        c.title = tr("Return this sheet");
        c.who = tr("The manager confirms with their passphrase.");
        break;
      case Act::complete_sheets:
        c.title = tr("Declare the sheets made although a system has too few viewed persons");
        c.who = tr("The supervisor accepts the shortfall with their passphrase.");
        break;
    }
    const survey::Role role =
        pending_->act == Act::complete_sheets ? survey::Role::supervisor : survey::Role::manager;
    for (const auto& u : ctx.sitting.vault()->users().all()) {
      if (!u.disabled && u.role == role) c.confirmers.push_back(u.id);
    }
    c.chosen = pending_->confirmer;
    c.checking = checking_;
    m.confirm = std::move(c);
  }
  m.slip = slip_;
  if (!error_.empty()) m.error = tr(error_.c_str());
  m.notice = notice_;
  ledger_view(m, form_, out);
}

void LedgerScreen::apply(const LedgerIntent& intent, ScreenContext& ctx) {
  if (!ctx.sitting.vault_open() || ctx.user == nullptr) return;
  survey::Vault& vault = *ctx.sitting.vault();
  dispatch(
      intent,
      [&](const SurveyChosen<LedgerScreen>& c) {
        if (checking_) return;
        ctx.survey_id = c.survey_id;
        pending_.reset();
        slip_.reset();
        error_.clear();
        reload(ctx);
      },
      [&](const RequestBorrow& r) {
        if (checking_ || !ctx.may(survey::Action::borrow_sheet)) return;
        pending_ = Pending{Act::borrow, r.system, 0, {}};
        slip_.reset();
        error_.clear();
        notice_.clear();
      },
      [&](const RequestGiveBack& r) {
        if (checking_) return;
        survey::System system = survey::System::koseki;
        for (const auto& l : ledger_) {
          if (l.id == r.lending_id) system = l.system;
        }
        pending_ = Pending{Act::give_back, system, r.lending_id, {}};
        // A manager taking a sheet back confirms it themselves.
        if (ctx.may(survey::Action::keep_ledger)) pending_->confirmer = ctx.user->id;
        form_.focus_passphrase = !pending_->confirmer.empty();
        slip_.reset();
        error_.clear();
        notice_.clear();
      },
      [&](const RequestCompleteSheets&) {
        if (checking_ || !ctx.may(survey::Action::keep_ledger)) return;
        slip_.reset();
        notice_.clear();
        error_.clear();
        const bool short_of_persons =
            std::any_of(board_.counts.begin(), board_.counts.end(),
                        [](const survey::SystemCount& c) { return c.imported && !c.enough(); });
        if (short_of_persons) {
          pending_ = Pending{Act::complete_sheets, survey::System::koseki, 0, {}};
          return;
        }
        const Status done = survey::complete_sheets(vault, ctx.user->id, ctx.survey_id);
        if (!done) {
          error_ = done.error().message;
          return;
        }
        notice_ = tr("The sheets are made. They can now be lent to the investigators.");
        reload(ctx);
      },
      [&](const ConfirmerChosen& c) {
        if (!pending_ || checking_) return;
        pending_->confirmer = c.user_id;
        form_.focus_passphrase = true;
      },
      [&](const RequestConfirm&) {
        if (!pending_ || checking_ || ctx.tasks.busy()) return;
        const auto* field = reinterpret_cast<const char*>(form_.passphrase.data());
        const std::size_t length = strnlen(field, form_.passphrase.size());
        crypto::SecureBuffer passphrase(length);
        if (length > 0) std::memcpy(passphrase.data(), field, length);
        wipe_form();
        if (pending_->confirmer.empty()) {
          error_ = N_("Choose who confirms.");
          return;
        }
        if (length == 0) {
          error_ = N_("Please type the passphrase.");
          form_.focus_passphrase = true;
          return;
        }
        start(ctx, std::move(passphrase));
      },
      [&](const RequestCancelConfirm&) {
        if (checking_) return;
        pending_.reset();
        wipe_form();
      },
      [&](const RequestCloseSlip&) { slip_.reset(); });
}

void LedgerScreen::start(ScreenContext& ctx, crypto::SecureBuffer passphrase) {
  const Pending p = *pending_;
  checking_ = true;
  error_.clear();
  survey::Vault& vault = *ctx.sitting.vault();
  const std::string actor = ctx.user->id;
  const std::string survey_id = ctx.survey_id;
  auto secret = std::make_shared<crypto::SecureBuffer>(std::move(passphrase));
  ctx.tasks.start<Outcome>(
      "ledger",
      [&vault, p, actor, survey_id, secret](survey::TaskControl&) {
        Outcome o;
        o.act = p.act;
        switch (p.act) {
          case Act::borrow: {
            auto l = survey::lend(vault, actor, survey_id, p.system, p.confirmer, *secret);
            if (l)
              o.lending = *l;
            else
              o.status = l.error();
            break;
          }
          case Act::give_back: {
            auto l = survey::return_sheet(vault, actor, p.lending_id, p.confirmer, *secret);
            if (l)
              o.lending = *l;
            else
              o.status = l.error();
            break;
          }
          case Act::complete_sheets:
            o.status = survey::complete_sheets(vault, actor, survey_id,
                                               survey::Shortfall{p.confirmer, secret.get()});
            break;
        }
        secret->wipe();
        if (o.status) {
          auto anchor = survey::audit_anchor(vault);
          if (anchor) o.anchor = *anchor;
        }
        return o;
      },
      [this, &sitting = ctx.sitting, &shown = ctx.survey_id](Outcome o) {
        finish(sitting, shown, std::move(o));
      });
}

void LedgerScreen::finish(survey::WorkSitting& sitting, std::string& survey_id, Outcome o) {
  checking_ = false;
  if (!o.status) {
    error_ = o.status.error().message;
    form_.focus_passphrase = true;
    return;
  }
  pending_.reset();
  reload(sitting, survey_id);
  if (o.act == Act::complete_sheets) {
    notice_ = tr("The sheets are made. They can now be lent to the investigators.");
    return;
  }
  const survey::Lending& l = *o.lending;
  SlipView slip;
  slip.title = o.act == Act::borrow ? tr("Lending slip") : tr("Return slip");
  const survey::SurveySummary* s = board_.find(l.survey_id);
  slip.survey = s != nullptr ? s->title + " (" + l.survey_id + ")" : l.survey_id;
  slip.system = system_label(l.system);
  slip.investigator = l.investigator;
  slip.manager = o.act == Act::borrow ? l.lent_by : l.returned_by;
  slip.lent_at = moment_text(l.lent_at);
  slip.due_at = moment_text(l.due_at);
  if (l.returned_at) slip.returned_at = moment_text(*l.returned_at);
  slip.anchor = o.anchor;
  slip_ = std::move(slip);
}

}  // namespace shogo::ui
