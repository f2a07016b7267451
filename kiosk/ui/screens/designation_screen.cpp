#include "kiosk/ui/screens/designation_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "kiosk/survey/designation.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

const char* DesignationScreen::help() const {
  return tr("Choose the date, the time window and the terminals whose access logs are checked.");
}

const char* DesignationScreen::explanation() const {
  return tr(
      "Choose a system, then type a past date on which the terminals were used, a window "
      "of at least 15 minutes within the operating hours, and at least one terminal at "
      "every site. Or let Shogo draw them at random. A designation cannot be undone: when "
      "a system has too few viewed persons, designate again and the new designation is "
      "added to the earlier ones.");
}

void DesignationScreen::open(ScreenContext& ctx, const ScreenArgs& args) {
  asking_.reset();
  board_.load(*ctx.sitting.vault(), ctx.survey_id);
  reset_form(ctx);
  if (args.system) system_ = *args.system;  // P6.3.d from the overview: this system again
  form_.focus_date = true;
}

void DesignationScreen::reset_form(const ScreenContext& ctx) {
  checked_.clear();
  acknowledged_.clear();
  outcome_.reset();
  error_.clear();
  const auto days = survey::operating_days(ctx.today);
  form_.date.set(days.empty() ? std::nullopt : std::optional<survey::Date>(days.back()));
  set_field(form_.from, "09:00");
  set_field(form_.to, "09:30");
}

void DesignationScreen::view(ScreenContext& ctx, Out<DesignationIntent>& out) {
  DesignationModel m;
  m.allowed = ctx.may(survey::Action::designate);
  m.picker = board_.picker(ctx.survey_id);
  m.system = system_;
  m.today = ctx.today;
  for (const auto& site : board_.sites) {
    SiteChoice choice{
        site.name, survey::format_hh_mm(site.opens) + "–" + survey::format_hh_mm(site.closes), {}};
    for (const auto& t : board_.terminals) {
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
      char line[400];
      std::snprintf(line, sizeof line,
                    d.drawn ? tr("Drawn by lots and stored as designation no. %d of this survey: "
                                 "%s, date %s, from %s to %s, terminals %s.")
                            : tr("Stored as designation no. %d of this survey: %s, date %s, from "
                                 "%s to %s, terminals %s."),
                    outcome_->seq, system_label(system_), wareki_date(d.date).c_str(),
                    survey::format_hh_mm(d.from).c_str(), survey::format_hh_mm(d.to).c_str(),
                    joined_ids(d.terminal_ids).c_str());
      m.stored = line;
    }
  }
  if (!error_.empty()) {
    m.error = tr(error_.c_str());
  } else if (!board_.error.empty()) {
    m.error = tr(board_.error.c_str());
  }
  m.history = board_.designation_rows();
  if (asking_) {
    char line[256];
    const int next = static_cast<int>(board_.designations.history.size()) + 1;
    if (asking_->typed) {
      const auto& d = asking_->designation;
      m.confirm_title = tr("Designate this?");
      m.confirm.push_back(system_label(asking_->system));
      std::snprintf(line, sizeof line, tr("Date %s, from %s to %s"), wareki_date(d.date).c_str(),
                    survey::format_hh_mm(d.from).c_str(), survey::format_hh_mm(d.to).c_str());
      m.confirm.emplace_back(line);
      std::snprintf(line, sizeof line, tr("Terminals: %s"), joined_ids(d.terminal_ids).c_str());
      m.confirm.emplace_back(line);
    } else {
      m.confirm_title = tr("Designate by drawing lots?");
      m.confirm.push_back(system_label(asking_->system));
      m.confirm.emplace_back(
          tr("Shogo draws a past operating day, a window of at least 15 "
             "minutes and at least one terminal at every site, at random."));
    }
    std::snprintf(line, sizeof line,
                  tr("It is stored as designation no. %d of this survey and cannot be undone."),
                  next);
    m.confirm.emplace_back(line);
  }
  designation_view(m, form_, out);
}

void DesignationScreen::ask_typed(ScreenContext& ctx, const RequestDesignate& typed) {
  error_.clear();
  outcome_.reset();
  const auto date = survey::parse_iso_date(typed.date);
  const auto from = survey::parse_hh_mm(typed.from);
  const auto to = survey::parse_hh_mm(typed.to);
  if (!date || !from || !to) {
    error_ = N_("Please choose the date, and type the times as 09:00.");
    form_.focus_date = true;
    return;
  }
  survey::Designation d{*date, *from, *to, {}, false};
  for (const auto& t : board_.terminals) {
    const bool chosen = std::find(typed.terminal_ids.begin(), typed.terminal_ids.end(), t.id) !=
                        typed.terminal_ids.end();
    if (t.system == typed.system && chosen) d.terminal_ids.push_back(t.id);
  }
  // The same checks designate() makes, before asking: what must be corrected
  // or acknowledged is shown on the page, the dialog only for what will be stored.
  survey::DesignationCheck check =
      survey::check_designation(d, typed.system, board_.sites, board_.terminals, ctx.today);
  const bool unacknowledged =
      std::any_of(check.warnings.begin(), check.warnings.end(), [&](const Error& w) {
        return std::find(typed.acknowledged.begin(), typed.acknowledged.end(), w.code) ==
               typed.acknowledged.end();
      });
  if (!check.ok() || unacknowledged) {
    outcome_ = survey::DesignationOutcome{false, 0, std::move(check), d};
    return;
  }
  asking_ = Asking{typed, typed.system, d};
}

void DesignationScreen::designate(ScreenContext& ctx, const RequestDesignate* typed,
                                  survey::System system) {
  error_.clear();
  survey::Vault& vault = *ctx.sitting.vault();
  auto result = [&]() -> Result<survey::DesignationOutcome> {
    if (typed == nullptr) {
      survey::SodiumRandom random;  // the appliance's CSPRNG (P6.3 by the appliance)
      return survey::draw_and_designate(vault, ctx.user->id, ctx.survey_id, system, ctx.today,
                                        random);
    }
    const auto date = survey::parse_iso_date(typed->date);
    const auto from = survey::parse_hh_mm(typed->from);
    const auto to = survey::parse_hh_mm(typed->to);
    if (!date || !from || !to) {
      return Error{"designation.format",
                   N_("Please type the date as YYYY-MM-DD and the times as HH:MM.")};
    }
    survey::Designation d{*date, *from, *to, {}, false};
    for (const auto& t : board_.terminals) {
      const bool chosen = std::find(typed->terminal_ids.begin(), typed->terminal_ids.end(), t.id) !=
                          typed->terminal_ids.end();
      if (t.system == system && chosen) d.terminal_ids.push_back(t.id);
    }
    return survey::designate(vault, ctx.user->id, ctx.survey_id, system, d, typed->acknowledged,
                             ctx.today);
  }();
  if (!result) {
    outcome_.reset();
    error_ = result.error().message;
    return;
  }
  outcome_ = std::move(*result);
  if (outcome_->stored) {
    acknowledged_.clear();
    board_.load(vault, ctx.survey_id);
  }
}

void DesignationScreen::apply(const DesignationIntent& intent, ScreenContext& ctx) {
  if (!ctx.sitting.vault_open() || ctx.tasks.busy()) return;
  dispatch(
      intent,
      [&](const SurveyChosen<DesignationScreen>& r) {
        ctx.survey_id = r.survey_id;
        board_.load(*ctx.sitting.vault(), ctx.survey_id);
        reset_form(ctx);
      },
      [&](const SystemChosen& r) {
        system_ = r.system;
        checked_.clear();
        acknowledged_.clear();
        outcome_.reset();
        error_.clear();
      },
      [&](const TerminalToggled& r) {
        if (!checked_.erase(r.terminal_id)) checked_.insert(r.terminal_id);
      },
      [&](const WarningAcknowledged& r) {
        if (!acknowledged_.erase(r.code)) acknowledged_.insert(r.code);
      },
      [&](const RequestDesignate& r) {
        if (!ctx.may(survey::Action::designate) || ctx.survey_id.empty()) return;
        ask_typed(ctx, r);
      },
      [&](const RequestDraw& r) {
        if (!ctx.may(survey::Action::designate) || ctx.survey_id.empty()) return;
        asking_ = Asking{std::nullopt, r.system, {}};
      },
      [&](const Confirmed<DesignationScreen>&) {
        if (!asking_ || !ctx.may(survey::Action::designate) || ctx.survey_id.empty()) return;
        const Asking a = *std::exchange(asking_, std::nullopt);
        designate(ctx, a.typed ? &*a.typed : nullptr, a.system);
      },
      [&](const NotConfirmed<DesignationScreen>&) { asking_.reset(); });
}

}  // namespace shogo::ui
