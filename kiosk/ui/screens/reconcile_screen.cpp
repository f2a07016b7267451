#include "kiosk/ui/screens/reconcile_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <set>

#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using survey::LentSheet;
using survey::Outcome;
using survey::RowText;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Code points of UTF-8 text (NFKC is not needed here: both sides come from
// the same access log).
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

// P6.5.b: two search conditions that differ by one or two characters (a
// digit of a birth date, a character of a name, a kana variant).
bool near_identical(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a == b) return !a.empty() && a == b;
  const auto x = code_points(a), y = code_points(b);
  if (x.size() > y.size() + 2 || y.size() > x.size() + 2) return false;
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()] <= 2;
}

const char* outcome_text(const survey::Decision& d) {
  switch (d.outcome) {
    case Outcome::document: return tr(survey::document_info(*d.document).label);
    case Outcome::mistyped_search: return tr("Mistyped search");
    case Outcome::not_found: return tr("Not found");
    case Outcome::withdrawn: return tr("Taken back");
  }
  return "";
}

}  // namespace

const char* ReconcileScreen::help() const {
  return tr("Match each access with its document: choose its kind, type its reference, save.");
}

const char* ReconcileScreen::explanation() const {
  return tr(
      "The list shows the sheet's accesses in the order of the paper (by reception number, "
      "else by time); rows of one series on one person form one access. For each, find the "
      "document, choose its kind by its number, type its reference (reception number, or book "
      "and page) and save: the next undecided access comes. When no document is found, say "
      "so: the manager follows it up. A mistyped search is corrected by the access next to "
      "it. The keys for each step are listed at the bottom of the screen. Every decision is "
      "kept in the audit log; a correction keeps the earlier one.");
}

void ReconcileScreen::open(ScreenContext& ctx, const ScreenArgs& args) {
  forget(ctx);
  error_.clear();
  notice_.clear();
  if (!ctx.sitting.vault_open() || ctx.user == nullptr || !args.system) {
    error_ = N_("Choose a sheet lent to you on the lending screen.");
    return;
  }
  survey::Vault& vault = *ctx.sitting.vault();
  auto sheet = survey::open_lent_sheet(vault, ctx.user->id, ctx.survey_id, *args.system);
  if (!sheet) {
    error_ = sheet.error().message;
    return;
  }
  // Residents' rows reach the screen from now on: recorded first, or not shown.
  auto viewed = ctx.sitting.record(survey::AuditAction::view_personal_data,
                                   survey::AuditObjects()
                                       .add("screen", "reconcile")
                                       .add("survey", ctx.survey_id)
                                       .add("system", survey::system_id(*args.system)));
  if (!viewed) {
    error_ = viewed.error().message;
    return;
  }
  sheet_ = std::move(*sheet);
  survey_title_ = ctx.survey_id;
  if (auto s = survey::find_survey(vault, ctx.survey_id)) survey_title_ = s->title;
  survey_title_ += " — ";
  survey_title_ += system_label(*args.system);
  std::set<std::string> ops;
  for (const auto& g : sheet_->groups()) {
    ops.insert(std::string(sheet_->text(sheet_->row(g.rows.front()), RowText::operator_id)));
  }
  operators_.assign(ops.begin(), ops.end());
  one_date_ = true;
  for (std::size_t i = 1; i < sheet_->row_count(); ++i) {
    if (sheet_->row(i).date != sheet_->row(0).date) one_date_ = false;
  }
  if (one_date_ && sheet_->row_count() > 0) {
    survey_title_ += "  ";
    survey_title_ += wareki_date(sheet_->row(0).date);
  }
  filter_ = GroupFilter::all;
  operator_filter_.clear();
  refilter();
  // Where its holder left off: the first undecided access (the first one when all are).
  const std::size_t n = sheet_->groups().size();
  std::size_t first = 0;
  while (first < n && sheet_->decision(first) != nullptr) ++first;
  select(first < n ? first : 0);
}

void ReconcileScreen::forget(ScreenContext&) {
  sheet_.reset();  // the guarded buffer wipes itself
  visible_.clear();
  visible_.shrink_to_fit();
  operators_.clear();
  neighbours_.clear();
  history_.clear();
  clear_choice();
  wipe_text_input_state();
}

void ReconcileScreen::clear_choice() {
  document_.reset();
  choosing_neighbour_ = false;
  asking_differs_ = false;
  form_.reference.fill('\0');
}

void ReconcileScreen::refilter() {
  visible_.clear();
  if (!sheet_) return;
  const auto& groups = sheet_->groups();
  visible_.reserve(groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (!operator_filter_.empty() && sheet_->text(sheet_->row(groups[i].rows.front()),
                                                  RowText::operator_id) != operator_filter_) {
      continue;
    }
    const survey::Decision* d = sheet_->decision(i);
    const bool keep =
        filter_ == GroupFilter::all || (filter_ == GroupFilter::undecided && d == nullptr) ||
        (filter_ == GroupFilter::decided && d != nullptr) ||
        (filter_ == GroupFilter::not_found && d != nullptr && d->outcome == Outcome::not_found);
    if (keep) visible_.push_back(static_cast<std::uint32_t>(i));
  }
  locate();
}

void ReconcileScreen::locate() {
  const auto at = std::find(visible_.begin(), visible_.end(), current_group_);
  current_position_ =
      at == visible_.end() ? kNone : static_cast<std::size_t>(at - visible_.begin());
}

void ReconcileScreen::select(std::size_t group) {
  if (!sheet_ || group >= sheet_->groups().size()) return;
  current_group_ = group;
  locate();
  scroll_ = true;
  clear_choice();
  const auto& g = sheet_->groups()[group];
  allowed_ = survey::allowed_documents(g.operation, g.operator_kind);
  // P6.5.b the accesses just before and after: the four nearest on each side
  // (a busy terminal has hundreds within 30 minutes; nine keys pick one).
  neighbours_ = sheet_->neighbours(group);
  {
    const auto t = sheet_->row(sheet_->groups()[group].rows.front()).time.seconds_since_midnight();
    std::vector<std::size_t> before, after;
    for (std::size_t n : neighbours_) {
      const auto u = sheet_->row(sheet_->groups()[n].rows.front()).time.seconds_since_midnight();
      (u < t || (u == t && n < group) ? before : after).push_back(n);
    }
    if (before.size() > 4) before.erase(before.begin(), before.end() - 4);
    if (after.size() > 4) after.resize(4);
    neighbours_ = std::move(before);
    neighbours_.insert(neighbours_.end(), after.begin(), after.end());
  }
  history_of_.reset();
}

void ReconcileScreen::next_undecided() {
  if (!sheet_) return;
  const std::size_t n = sheet_->groups().size();
  for (std::size_t k = 1; k <= n; ++k) {
    const std::size_t i = (current_group_ + k) % n;
    if (sheet_->decision(i) == nullptr) {
      select(i);
      return;
    }
  }
  if (n > 0 && sheet_->decision(current_group_) == nullptr) select(current_group_);
}

RowLine ReconcileScreen::build_row(const void* self, std::size_t k) {
  const auto& me = *static_cast<const ReconcileScreen*>(self);
  const LentSheet& sheet = *me.sheet_;
  const auto& r = sheet.row(sheet.groups()[me.current_group_].rows[k]);
  RowLine line;
  line.date = r.date;
  line.time = r.time;
  line.birth = r.birth;
  line.terminal = sheet.text(r, RowText::terminal);
  line.operator_id = sheet.text(r, RowText::operator_id);
  line.detail = sheet.text(r, RowText::detail);
  line.name = sheet.text(r, RowText::name);
  line.kana = sheet.text(r, RowText::kana);
  line.address = sheet.text(r, RowText::address);
  line.reference = sheet.text(r, RowText::reference);
  line.search = sheet.text(r, RowText::search_condition);
  line.operation = operation_label(r.operation);
  return line;
}

GroupLine ReconcileScreen::build_line(const void* self, std::size_t position) {
  const auto& me = *static_cast<const ReconcileScreen*>(self);
  const LentSheet& sheet = *me.sheet_;
  GroupLine l;
  l.group = me.visible_[position];
  const auto& g = sheet.groups()[l.group];
  const auto& first = sheet.row(g.rows.front());
  l.date = first.date;
  l.time = first.time;
  l.birth = first.birth;
  l.operator_id = sheet.text(first, RowText::operator_id);
  l.name = sheet.text(first, RowText::name);
  l.kana = sheet.text(first, RowText::kana);
  l.operation = operation_label(g.operation);
  l.rows = static_cast<int>(g.rows.size());
  l.unknown_operator = !g.operator_kind.has_value();
  if (const survey::Decision* d = sheet.decision(l.group)) {
    l.decided = true;
    l.not_found = d->outcome == Outcome::not_found;
    l.decision = outcome_text(*d);
    if (d->document) {
      l.clause = survey::document_info(*d->document).clause;
      l.reference = d->reference;
    }
  }
  return l;
}

void ReconcileScreen::view(ScreenContext& ctx, Out<ReconcileIntent>& out) {
  ReconcileModel m;
  // The lending ended (end of the day) while the sheet was open: it goes.
  if (sheet_ && !sheet_->lending().readable(ctx.wall)) {
    forget(ctx);
    error_ =
        N_("The end of the day has come: the sheet is due back. Give it back to the "
           "manager.");
  }
  if (!error_.empty()) m.error = tr(error_.c_str());
  m.notice = notice_;
  if (!sheet_) {
    reconcile_view(m, form_, out);
    return;
  }
  const LentSheet& sheet = *sheet_;
  m.open = true;
  m.title = survey_title_;
  m.groups = sheet.groups().size();
  m.decided = sheet.decided();
  m.rows = sheet.row_count();
  m.filter = filter_;
  m.operators = operators_;
  m.operator_filter = operator_filter_;
  m.visible = visible_.size();
  m.has_search_conditions = sheet.has_search_conditions();
  m.one_date = one_date_;
  m.current = current_position_;
  m.scroll_to_current = std::exchange(scroll_, false);
  m.sheet = this;
  m.line = &ReconcileScreen::build_line;
  if (current_group_ < sheet.groups().size()) {
    const auto& g = sheet.groups()[current_group_];
    m.has_group = true;
    m.unknown_operator = !g.operator_kind;
    const auto& first = sheet.row(g.rows.front());
    char heading[512];
    std::snprintf(heading, sizeof heading, tr("Operator: %s (%s) — %s, %d rows"),
                  std::string(sheet.text(first, RowText::operator_id)).c_str(),
                  g.operator_kind ? operator_kind_label(*g.operator_kind) : tr("not in the roster"),
                  operation_label(g.operation), static_cast<int>(g.rows.size()));
    m.group_heading = heading;
    if (!g.operator_name.empty()) m.group_heading += "  " + g.operator_name;
    m.group_rows = g.rows.size();
    m.row_line = &ReconcileScreen::build_row;
    m.first_search = sheet.text(first, RowText::search_condition);
    for (survey::DocumentKind k : allowed_) {
      m.documents.push_back(tr(survey::document_info(k).label));
    }
    m.document = document_;
    if (const survey::Decision* d = sheet.decision(current_group_)) {
      m.current_decision = outcome_text(*d);
      if (!d->reference.empty()) m.current_decision += "  " + d->reference;
      m.current_decision += "  (" + d->decided_by + ", " + moment_text(d->decided_at) + ")";
    }
    if (history_of_ != current_group_ && ctx.sitting.vault_open()) {
      history_of_ = current_group_;
      history_.clear();
      auto h = survey::decision_history(*ctx.sitting.vault(), sheet.lending().survey_id,
                                        sheet.lending().system, g.id);
      if (h && h->size() > 1) {
        for (const auto& d : *h) {
          std::string line = moment_text(d.decided_at) + "  " + outcome_text(d);
          if (!d.reference.empty()) line += "  " + d.reference;
          line += "  (" + d.decided_by + ")";
          history_.push_back(std::move(line));
        }
      }
    }
    m.history = history_;
    m.choosing_neighbour = choosing_neighbour_;
    const std::string_view own = sheet.text(first, RowText::search_condition);
    for (std::size_t n : choosing_neighbour_ ? neighbours_ : std::vector<std::size_t>{}) {
      const auto& r = sheet.row(sheet.groups()[n].rows.front());
      NeighbourLine line;
      line.date = r.date;
      line.time = r.time;
      line.birth = r.birth;
      line.name = sheet.text(r, RowText::name);
      line.kana = sheet.text(r, RowText::kana);
      line.search = sheet.text(r, RowText::search_condition);
      line.similar = near_identical(own, line.search);
      m.neighbours.push_back(line);
    }
    if (asking_differs_) {
      std::string theirs;
      for (std::uint32_t i : g.rows) {
        const auto ref = sheet.text(sheet.row(i), RowText::reference);
        if (!ref.empty()) theirs = std::string(ref);
      }
      char q[512];
      std::snprintf(q, sizeof q,
                    tr("The sheet gives reception number %s, you typed %s. Keep what you typed "
                       "only if the sheet is wrong."),
                    theirs.c_str(), form_.reference.data());
      m.differs = q;
    }
  }
  reconcile_view(m, form_, out);
}

void ReconcileScreen::decide(ScreenContext& ctx, const survey::DecisionInput& input) {
  if (!sheet_ || !ctx.sitting.vault_open()) return;
  auto d = survey::decide(*ctx.sitting.vault(), *sheet_, ctx.user->id, current_group_, input);
  if (!d) {
    if (d.error().code == "decision.reference_differs") {
      asking_differs_ = true;
      error_.clear();
      return;
    }
    error_ = d.error().message;
    if (d.error().code == "ledger.not_holder") forget(ctx);
    return;
  }
  error_.clear();
  notice_.clear();
  refilter();
  history_of_.reset();
  next_undecided();
  if (sheet_->decided() == sheet_->groups().size()) {
    notice_ = tr("Every access of this sheet is decided. Give the sheet back when you are done.");
  }
}

void ReconcileScreen::apply(const ReconcileIntent& intent, ScreenContext& ctx) {
  if (!sheet_) return;
  dispatch(
      intent,
      [&](const GroupChosen& c) {
        if (c.position < visible_.size()) select(visible_[c.position]);
      },
      [&](const RequestNextUndecided&) { next_undecided(); },
      [&](const DocumentChosen& c) {
        if (c.index >= allowed_.size()) return;
        choosing_neighbour_ = false;
        asking_differs_ = false;
        document_ = c.index;
        form_.focus_reference = true;
        error_.clear();
      },
      [&](const RequestSaveDocument&) {
        if (!document_) return;
        survey::DecisionInput in;
        in.outcome = Outcome::document;
        in.document = allowed_[*document_];
        in.reference = form_.reference.data();
        decide(ctx, in);
        if (asking_differs_ || !error_.empty()) form_.focus_reference = !asking_differs_;
      },
      [&](const RequestKeepReference&) {
        if (!document_ || !asking_differs_) return;
        survey::DecisionInput in;
        in.outcome = Outcome::document;
        in.document = allowed_[*document_];
        in.reference = form_.reference.data();
        in.keep_differing_reference = true;
        asking_differs_ = false;
        decide(ctx, in);
      },
      [&](const RequestNotFound&) {
        survey::DecisionInput in;
        in.outcome = Outcome::not_found;
        decide(ctx, in);
      },
      [&](const RequestMistyped&) {
        clear_choice();
        choosing_neighbour_ = true;
        if (neighbours_.empty()) {
          choosing_neighbour_ = false;
          error_ =
              N_("No access by the same operator at the same terminal is near this one: "
                 "it cannot be a mistyped search.");
        }
      },
      [&](const NeighbourChosen& c) {
        if (!choosing_neighbour_ || c.index >= neighbours_.size()) return;
        survey::DecisionInput in;
        in.outcome = Outcome::mistyped_search;
        in.related_group = sheet_->groups()[neighbours_[c.index]].id;
        decide(ctx, in);
      },
      [&](const RequestCancelChoice&) {
        clear_choice();
        error_.clear();
      },
      [&](const RequestUndo&) {
        if (!ctx.sitting.vault_open()) return;
        auto g = survey::undo_last_decision(*ctx.sitting.vault(), *sheet_, ctx.user->id);
        if (!g) {
          error_ = g.error().message;
          return;
        }
        error_.clear();
        notice_ = tr("The last decision was undone.");
        refilter();
        select(*g);
      },
      [&](const FilterChosen& f) {
        filter_ = f.filter;
        refilter();
        if (!visible_.empty() &&
            std::find(visible_.begin(), visible_.end(), current_group_) == visible_.end()) {
          select(visible_.front());
        }
      },
      [&](const OperatorFilterChosen& f) {
        operator_filter_ = f.operator_id;
        refilter();
        if (!visible_.empty() &&
            std::find(visible_.begin(), visible_.end(), current_group_) == visible_.end()) {
          select(visible_.front());
        }
      });
}

}  // namespace shogo::ui
