#include "kiosk/ui/screens/follow_up_screen.hpp"

#include <cstdio>
#include <cstring>

#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using survey::Conclusion;

const char* conclusion_label(Conclusion c) {
  switch (c) {
    case Conclusion::pending: return tr("Not concluded yet");
    case Conclusion::business: return tr("Access for business");
    case Conclusion::mistyped_search: return tr("Mistyped search");
    case Conclusion::not_business: return tr("Not for business");
  }
  return "";
}

std::string text_of(const std::array<char, 1024>& field) { return std::string(field.data()); }

}  // namespace

void FollowUpForm::clear() {
  held_on.clear();
  report_on.clear();
  for (auto* f : {&account, &manager_check, &cause, &measures}) f->fill('\0');
}

const char* FollowUpScreen::help() const {
  return tr("Follow up every access without a document: an interview, or the contractor's report.");
}

const char* FollowUpScreen::explanation() const {
  return tr(
      "The list holds the accesses the investigators found no document for. For a staff "
      "member, record the interview: its date, the reason the operator gave, and your "
      "conclusion. For a contractor's employee, record when you asked the contractor's general "
      "manager, when the report came, its summary and your check of it. When the conclusion is "
      "\"not for business\", record the cause and the measures against recurrence: the survey "
      "is then kept on hold and its sheets are not destroyed until you decide on an additional "
      "investigation. Write no resident's name, kana or birth date: the appliance refuses such "
      "text, because it goes into the report.");
}

void FollowUpScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  error_.clear();
  notice_.clear();
  form_.clear();
  chosen_.reset();
  reload(ctx);
}

void FollowUpScreen::forget(ScreenContext&) {
  form_.clear();
  wipe_text_input_state();
}

void FollowUpScreen::reload(ScreenContext& ctx) {
  items_.clear();
  hold_.reset();
  if (!ctx.sitting.vault_open()) return;
  survey::Vault& vault = *ctx.sitting.vault();
  board_.load(vault, ctx.survey_id);
  if (ctx.survey_id.empty()) return;
  auto items = survey::follow_up_list(vault, ctx.survey_id);
  if (!items) {
    error_ = items.error().message;
    return;
  }
  items_ = std::move(*items);
  if (auto p = survey::load_phrases(vault, survey::PhraseKind::reason)) reasons_ = std::move(*p);
  if (auto p = survey::load_phrases(vault, survey::PhraseKind::measure)) measures_ = std::move(*p);
  auto hold = survey::hold_of(vault, ctx.survey_id);
  if (hold && *hold && (*hold)->active()) hold_ = **hold;
  if (chosen_ && *chosen_ < items_.size()) {
    auto h = survey::follow_up_history(vault, ctx.survey_id, items_[*chosen_].system,
                                       items_[*chosen_].group_id);
    if (h) history_ = std::move(*h);
  }
}

void FollowUpScreen::choose(ScreenContext& ctx, std::size_t index) {
  if (index >= items_.size()) return;
  chosen_ = index;
  form_.clear();
  error_.clear();
  notice_.clear();
  history_.clear();
  auto h = survey::follow_up_history(*ctx.sitting.vault(), ctx.survey_id, items_[index].system,
                                     items_[index].group_id);
  if (h) history_ = std::move(*h);
  conclusion_ = Conclusion::pending;
  form_.held_on.set(ctx.today);
  if (!history_.empty()) {  // the record in force, to correct or complete
    const auto& r = history_.back();
    conclusion_ = r.conclusion;
    form_.held_on.set(r.held_on);
    form_.report_on.set(r.report_on);
    set_field(form_.account, r.account);
    set_field(form_.manager_check, r.manager_check);
  }
}

void FollowUpScreen::view(ScreenContext& ctx, Out<FollowUpIntent>& out) {
  FollowUpModel m;
  m.picker = board_.picker(ctx.survey_id);
  m.today = ctx.today;
  for (const auto& i : items_) {
    FollowUpLine l;
    l.system = system_label(i.system);
    char when[64];
    std::snprintf(when, sizeof when, "%d/%d %02d:%02d:%02d", i.date.month, i.date.day, i.time.hour,
                  i.time.minute, i.time.second);
    l.when = when;
    l.terminal = i.terminal_id;
    l.operator_id = i.operator_id;
    l.operator_name = i.operator_name;
    l.kind = i.operator_kind ? operator_kind_label(*i.operator_kind) : tr("not in the roster");
    l.conclusion = i.record ? conclusion_label(i.conclusion) : tr("Not followed up yet");
    l.finding = i.finding;
    m.lines.push_back(std::move(l));
  }
  m.chosen = chosen_;
  if (chosen_ && *chosen_ < items_.size()) {
    const auto& i = items_[*chosen_];
    m.contractor = i.kind == survey::FollowUpKind::contractor;
    m.conclusion = conclusion_;
    m.can_find = i.conclusion == Conclusion::not_business && i.record.has_value();
    m.has_finding = i.finding;
    for (const auto& r : history_) {
      m.history.push_back(format_date(r.held_on) + "  " + conclusion_label(r.conclusion) + "  (" +
                          r.recorded_by + ")");
    }
  }
  for (const auto& p : reasons_) m.reasons.push_back(p.text);
  for (const auto& p : measures_) m.measures.push_back(p.text);
  m.held = hold_.has_value();
  if (hold_) m.additional = hold_->additional;
  if (!error_.empty()) m.error = tr(error_.c_str());
  m.notice = notice_;
  follow_up_view(m, form_, out);
}

void FollowUpScreen::apply(const FollowUpIntent& intent, ScreenContext& ctx) {
  if (!ctx.sitting.vault_open() || ctx.user == nullptr) return;
  survey::Vault& vault = *ctx.sitting.vault();
  auto done = [&](const Status& s, const char* notice) {
    if (!s) {
      error_ = s.error().message;
      return;
    }
    error_.clear();
    notice_ = notice;
    reload(ctx);
  };
  dispatch(
      intent,
      [&](const SurveyChosen<FollowUpScreen>& c) {
        ctx.survey_id = c.survey_id;
        chosen_.reset();
        form_.clear();
        reload(ctx);
      },
      [&](const FollowUpChosen& c) { choose(ctx, c.index); },
      [&](const ConclusionChosen& c) { conclusion_ = c.conclusion; },
      [&](const RequestSaveFollowUp&) {
        if (!chosen_ || *chosen_ >= items_.size()) return;
        const auto& i = items_[*chosen_];
        survey::FollowUpRecord r;
        r.survey_id = ctx.survey_id;
        r.system = i.system;
        r.group_id = i.group_id;
        r.kind = i.kind;
        r.held_on = form_.held_on.value.value_or(survey::Date{});
        r.report_on = form_.report_on.value;
        r.account = text_of(form_.account);
        r.manager_check = text_of(form_.manager_check);
        r.conclusion = conclusion_;
        auto saved = survey::record_follow_up(vault, ctx.user->id, r);
        done(saved ? ok_status() : Status(saved.error()), tr("The follow-up is recorded."));
      },
      [&](const RequestSaveFinding&) {
        if (!chosen_ || *chosen_ >= items_.size()) return;
        const auto& i = items_[*chosen_];
        survey::Finding f;
        f.survey_id = ctx.survey_id;
        f.system = i.system;
        f.group_id = i.group_id;
        f.cause = text_of(form_.cause);
        f.measures = text_of(form_.measures);
        auto saved = survey::record_finding(vault, ctx.user->id, f);
        done(saved ? ok_status() : Status(saved.error()),
             tr("The finding is recorded. The survey is on hold: its sheets are kept."));
      },
      [&](const RequestAdditional& a) {
        done(survey::decide_additional(vault, ctx.user->id, ctx.survey_id, a.additional),
             a.additional ? tr("An additional investigation is recorded; the hold stays.")
                          : tr("No additional investigation: the hold is released."));
      },
      [&](const RequestEndAdditional&) {
        done(survey::end_additional(vault, ctx.user->id, ctx.survey_id),
             tr("The additional investigation has ended: the hold is released."));
      },
      [&](const PhraseChosen& p) {
        const auto& list = p.kind == survey::PhraseKind::reason ? reasons_ : measures_;
        if (p.index >= list.size()) return;
        auto& field = p.kind == survey::PhraseKind::reason ? form_.account : form_.measures;
        std::string text = text_of(field);
        if (!text.empty()) text += "。";
        text += list[p.index].text;
        set_field(field, text);
      },
      [&](const RequestAddPhrase& p) {
        const auto& field = p.kind == survey::PhraseKind::reason ? form_.account : form_.measures;
        auto added = survey::add_phrase(vault, ctx.user->id, p.kind, text_of(field));
        done(added ? ok_status() : Status(added.error()), tr("The phrase is kept in the list."));
      },
      [&](const RequestRemovePhrase& p) {
        const auto& list = p.kind == survey::PhraseKind::reason ? reasons_ : measures_;
        if (p.index >= list.size()) return;
        done(survey::remove_phrase(vault, ctx.user->id, list[p.index].id),
             tr("The phrase is removed from the list."));
      });
}

}  // namespace shogo::ui
