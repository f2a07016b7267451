#include "kiosk/survey/designation.hpp"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <iterator>
#include <set>
#include <utility>

#include "kiosk/survey/holidays.hpp"

namespace shogo::survey {

namespace {

bool is_valid(Date d) { return is_valid_date(d); }

bool is_valid(TimeOfDay t) {
  return t.hour >= 0 && t.hour <= 24 && t.minute >= 0 && t.minute < 60 && t.second >= 0 &&
         t.second < 60 && (t.hour < 24 || (t.minute == 0 && t.second == 0));
}

// The same day `months` months earlier; the 31st becomes the month's last day.
Date months_before(Date d, int months) {
  int index = d.year * 12 + (d.month - 1) - months;
  Date out{index / 12, index % 12 + 1, d.day};
  out.day = std::min(out.day, days_in_month(out.year, out.month));
  return out;
}

const Site* find_site(const std::vector<Site>& sites, const std::string& id) {
  auto it = std::find_if(sites.begin(), sites.end(), [&](const Site& s) { return s.id == id; });
  return it == sites.end() ? nullptr : &*it;
}

const Terminal* find_terminal(const std::vector<Terminal>& terminals, const std::string& id) {
  auto it = std::find_if(terminals.begin(), terminals.end(),
                         [&](const Terminal& t) { return t.id == id; });
  return it == terminals.end() ? nullptr : &*it;
}

void add_once(std::vector<Error>& list, const char* code, const char* message) {
  for (const Error& e : list) {
    if (e.code == code) return;
  }
  list.push_back(Error{code, message});
}

// Sites holding at least one terminal of `system`, in the order of `sites`.
std::vector<const Site*> sites_of(System system, const std::vector<Site>& sites,
                                  const std::vector<Terminal>& terminals) {
  std::vector<const Site*> out;
  for (const Site& site : sites) {
    if (std::any_of(terminals.begin(), terminals.end(), [&](const Terminal& t) {
          return t.system == system && t.site_id == site.id;
        })) {
      out.push_back(&site);
    }
  }
  return out;
}

}  // namespace

DesignationCheck check_designation(const Designation& designation, System system,
                                   const std::vector<Site>& sites,
                                   const std::vector<Terminal>& terminals, Date today) {
  DesignationCheck check;
  auto& errors = check.errors;

  // P6.3.a: only a past day has complete logs.
  if (!is_valid(designation.date)) {
    add_once(errors, "designation.invalid_date", N_("The designated date is not a valid date."));
  } else if (!(designation.date < today)) {
    add_once(errors, "designation.date_not_past",
             N_("The designated date must be before today, because the logs of today may not "
                "be complete yet."));
  }

  // P6.3.b
  const int from_s = designation.from.seconds_since_midnight();
  const int to_s = designation.to.seconds_since_midnight();
  if (!is_valid(designation.from) || !is_valid(designation.to) ||
      to_s - from_s < kMinWindowMinutes * 60) {
    add_once(errors, "designation.short_window",
             N_("The designated window must last at least 15 minutes."));
  }

  // P6.3.c and the terminals themselves.
  std::set<std::string> covered_sites;
  for (const std::string& id : designation.terminal_ids) {
    const Terminal* terminal = find_terminal(terminals, id);
    if (terminal == nullptr) {
      add_once(errors, "designation.unknown_terminal",
               N_("A designated terminal is not a known terminal."));
      continue;
    }
    if (terminal->system != system) {
      add_once(errors, "designation.wrong_system",
               N_("A designated terminal belongs to another system."));
      continue;
    }
    const Site* site = find_site(sites, terminal->site_id);
    if (site == nullptr) {
      add_once(errors, "designation.unknown_site",
               N_("A designated terminal is at a site that is not known."));
      continue;
    }
    covered_sites.insert(site->id);
    if (designation.from < site->opens || site->closes < designation.to) {
      add_once(errors, "designation.outside_hours",
               N_("The designated window is outside the operating hours of a site whose terminal "
                  "is designated."));
    }
  }
  const auto required = sites_of(system, sites, terminals);
  if (required.empty()) {
    add_once(errors, "designation.no_terminals", N_("This system has no terminals to designate."));
  }
  for (const Site* site : required) {
    if (!covered_sites.contains(site->id)) {
      add_once(errors, "designation.site_not_covered",
               N_("At least one terminal must be designated at every site."));
    }
  }

  // P6.3.a: a day the terminals operated. A weekend, a public holiday or the
  // new-year closing is most likely not one; a ward that opened may go on.
  if (is_valid(designation.date) && is_closing_day(designation.date)) {
    add_once(check.warnings, "designation.closing_day",
             N_("The date is a Saturday, a Sunday, a public holiday or in the new-year closing: "
                "the terminals may not have operated that day."));
  }

  // P6.3 note: KOSEKI notifications for residents registered elsewhere may
  // be gone after a month, so the reconciliation could not be complete.
  if (system == System::koseki && is_valid(designation.date) && is_valid(today) &&
      designation.date < months_before(today, kKosekiNotificationMonths)) {
    add_once(check.warnings, "designation.koseki_old_date",
             N_("The date is more than one month ago: some family register notifications may no "
                "longer be kept at the ward."));
  }
  return check;
}

SodiumRandom::SodiumRandom() {
  [[maybe_unused]] const int rc = sodium_init();
  assert(rc >= 0 && "SodiumRandom: libsodium could not be initialised");
}

std::uint32_t SodiumRandom::uniform(std::uint32_t upper_bound) {
  assert(upper_bound > 0 && "SodiumRandom::uniform() called with an empty range");
  return randombytes_uniform(upper_bound);
}

Result<Designation> draw_designation(System system, const std::vector<Site>& sites,
                                     const std::vector<Terminal>& terminals, Date today,
                                     const std::vector<Date>& operating_days, RandomSource& random,
                                     int window_minutes) {
  window_minutes = std::max(window_minutes, kMinWindowMinutes);

  // Distinct and sorted, so each day has the same chance whatever the input order.
  std::set<Date> past;
  for (Date d : operating_days) {
    if (is_valid(d) && d < today) past.insert(d);
  }
  if (system == System::koseki) {
    std::set<Date> recent;
    const Date limit = months_before(today, kKosekiNotificationMonths);
    for (Date d : past) {
      if (!(d < limit)) recent.insert(d);
    }
    if (!recent.empty()) past = std::move(recent);
  }
  if (past.empty()) {
    return Error{"designation.no_operating_day",
                 N_("There is no operating day before today to draw the date from.")};
  }

  const auto covered = sites_of(system, sites, terminals);
  if (covered.empty()) {
    return Error{"designation.no_terminals", N_("This system has no terminals to designate.")};
  }
  int opens_s = 0;
  int closes_s = 24 * 3600;
  for (const Site* site : covered) {
    opens_s = std::max(opens_s, site->opens.seconds_since_midnight());
    closes_s = std::min(closes_s, site->closes.seconds_since_midnight());
  }
  const int first_start = (opens_s + 59) / 60;  // minutes since midnight
  const int last_start = closes_s / 60 - window_minutes;
  if (last_start < first_start) {
    return Error{"designation.no_common_hours",
                 N_("The sites have no common operating hours long enough for the window.")};
  }

  Designation out;
  out.drawn = true;
  auto day = past.begin();
  std::advance(day, random.uniform(static_cast<std::uint32_t>(past.size())));
  out.date = *day;
  const int start =
      first_start +
      static_cast<int>(random.uniform(static_cast<std::uint32_t>(last_start - first_start + 1)));
  const int end = start + window_minutes;
  out.from = TimeOfDay{start / 60, start % 60, 0};
  out.to = TimeOfDay{end / 60, end % 60, 0};
  for (const Site* site : covered) {
    std::vector<const Terminal*> candidates;
    for (const Terminal& t : terminals) {
      if (t.system == system && t.site_id == site->id) candidates.push_back(&t);
    }
    const auto pick = random.uniform(static_cast<std::uint32_t>(candidates.size()));
    out.terminal_ids.push_back(candidates[pick]->id);
  }
  return out;
}

bool in_window(const DesignationSet& set, System system, Date date, TimeOfDay time,
               const std::string& terminal_id) {
  return std::any_of(set.history.begin(), set.history.end(), [&](const SystemDesignation& entry) {
    const Designation& d = entry.designation;
    return entry.system == system && d.date == date && !(time < d.from) && time < d.to &&
           std::find(d.terminal_ids.begin(), d.terminal_ids.end(), terminal_id) !=
               d.terminal_ids.end();
  });
}

}  // namespace shogo::survey
