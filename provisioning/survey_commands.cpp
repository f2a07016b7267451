#include "provisioning/survey_commands.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "kiosk/survey/access_groups.hpp"
#include "kiosk/survey/designation.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "provisioning/commands.hpp"
#include "provisioning/import_command.hpp"

namespace shogo::provisioning {

namespace {

namespace fs = std::filesystem;
namespace imp = storage::import;

int usage(AdminIo& io, const char* text) {
  std::fprintf(io.err, "shogo-admin: %s\n", text);
  return 2;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = imp::trim_cell(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

void print_check(AdminIo& io, const survey::DesignationCheck& check) {
  for (const Error& e : check.errors)
    std::fprintf(io.err, "  refused  %-34s %s\n", e.code.c_str(), e.message.c_str());
  for (const Error& w : check.warnings)
    std::fprintf(io.err, "  warning  %-34s %s\n", w.code.c_str(), w.message.c_str());
}

}  // namespace

int run_site_add(const fs::path& vault_dir, const std::string& as, const std::string& id,
                 const std::string& name, const std::string& opens, const std::string& closes,
                 AdminIo& io) {
  const auto from = survey::parse_hh_mm(opens), to = survey::parse_hh_mm(closes);
  if (!from || !to) return usage(io, "--opens and --closes are HH:MM.");
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  survey::Site site{id, name, *from, *to};
  if (auto s = survey::add_site(**vault, as, site); !s) return refuse(io, s.error());
  std::fprintf(io.out, "Site %s added.\n", id.c_str());
  return 0;
}

namespace {

Result<storage::import::RosterProfile> roster_profile(const std::string& file) {
  namespace imp = storage::import;
  if (file.empty()) return imp::parse_roster_profile(imp::reference_roster_profile());
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Error{"roster.profile_unreadable", "The profile file " + file + " could not be read."};
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.size() > 64 * 1024) {
    return Error{"roster.profile_too_large", "The profile file " + file + " is over 64 KiB."};
  }
  std::string where;
  auto p = imp::parse_roster_profile(text, &where);
  if (!p) {
    return Error{p.error().code,
                 "The profile file " + file + ", at " + where + ": " + p.error().message};
  }
  return p;
}

}  // namespace

int run_roster_import(const fs::path& vault_dir, const std::string& as, const std::string& file,
                      const std::string& profile_file, AdminIo& io) {
  auto profile = roster_profile(profile_file);
  if (!profile) return refuse(io, profile.error());
  storage::import::RosterPosition at;
  auto entries = storage::import::read_roster(file, *profile, &at);
  if (!entries) {
    std::string where = file;
    if (at.row > 0) where += ", row " + std::to_string(at.row);
    if (!at.column.empty()) where += ", column " + at.column;
    return refuse(io, Error{entries.error().code, where + ": " + entries.error().message});
  }
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  std::uint64_t bad_row = 0;
  if (auto s = survey::replace_roster(**vault, as, *entries, &bad_row); !s) {
    const std::string where = bad_row > 0 ? file + ", row " + std::to_string(bad_row) + ": " : "";
    return refuse(io, Error{s.error().code, where + s.error().message});
  }
  std::size_t by_kind[3] = {};
  for (const auto& e : *entries) ++by_kind[static_cast<std::size_t>(e.kind)];
  std::fprintf(io.out,
               "Roster imported: %zu operators (%zu staff, %zu of other divisions, %zu "
               "contractors' employees).\n",
               entries->size(), by_kind[0], by_kind[1], by_kind[2]);
  return 0;
}

int run_roster_show(const fs::path& vault_dir, const std::string& as, AdminIo& io) {
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  auto roster = survey::load_roster(**vault);
  if (!roster) return refuse(io, roster.error());
  std::fprintf(io.out, "operator id\tname\tkind\taffiliation\tShogo user\n");
  for (const auto& o : *roster) {
    std::fprintf(io.out, "%s\t%s\t%s\t%s\t%s\n", o.id.c_str(), o.name.c_str(),
                 std::string(survey::operator_kind_id(o.kind)).c_str(), o.affiliation.c_str(),
                 o.user_id.c_str());
  }
  std::fprintf(io.out, "%zu operators.\n", roster->size());
  return 0;
}

int run_terminal_add(const fs::path& vault_dir, const std::string& as, const std::string& id,
                     const std::string& site, const std::string& system, AdminIo& io) {
  const auto sys = survey::parse_system(system);
  if (!sys) return usage(io, "--system is KOSEKI, JUKI or JUKINET.");
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  if (auto s = survey::add_terminal(**vault, as, survey::Terminal{id, site, *sys}); !s)
    return refuse(io, s.error());
  std::fprintf(io.out, "Terminal %s added.\n", id.c_str());
  return 0;
}

int run_survey_create(const fs::path& vault_dir, const std::string& as, const std::string& id,
                      int fiscal_year, const std::string& title, int min_persons, int gap_minutes,
                      AdminIo& io) {
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  const survey::VaultUser* user = (*vault)->users().find(as);
  if (user == nullptr || user->role != survey::Role::manager)
    return refuse(io, Error{"admin.not_manager", "Only a manager (調査責任者) may do this."});
  auto db = (*vault)->surveys().create(as, id, fiscal_year, title);
  if (!db) return refuse(io, db.error());
  db->close();
  if (min_persons != 10 || gap_minutes != survey::kSeriesGapMinutes) {
    if (auto s = survey::set_counting_rules(**vault, as, id, min_persons, gap_minutes); !s)
      return refuse(io, s.error());
  }
  std::fprintf(io.out,
               "Survey %s created (draft): at least %d persons per system, series %d min.\n",
               id.c_str(), min_persons, gap_minutes);
  return 0;
}

int run_survey_designate(const fs::path& vault_dir, const std::string& as,
                         const DesignateArgs& args, bool draw, AdminIo& io) {
  const auto system = survey::parse_system(args.system);
  if (!system) return usage(io, "--system is KOSEKI, JUKI or JUKINET.");
  survey::Designation d;
  if (!draw) {
    const auto date = survey::parse_iso_date(args.date);
    const auto dash = args.window.find('-');
    const auto from = survey::parse_hh_mm(args.window.substr(0, dash));
    const auto to = dash == std::string::npos ? std::nullopt
                                              : survey::parse_hh_mm(args.window.substr(dash + 1));
    if (!date) return usage(io, "--date is YYYY-MM-DD.");
    if (!from || !to) return usage(io, "--window is HH:MM-HH:MM.");
    d.date = *date;
    d.from = *from;
    d.to = *to;
    d.terminal_ids = split_list(args.terminals);
  }
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  const auto today = survey::local_today();
  survey::SodiumRandom random;
  auto outcome =
      draw ? survey::draw_and_designate(**vault, as, args.survey_id, *system, today, random,
                                        args.minutes)
           : survey::designate(**vault, as, args.survey_id, *system, d, args.acknowledged, today);
  if (!outcome) return refuse(io, outcome.error());
  if (!outcome->stored) {
    std::fprintf(io.err, "shogo-admin: the designation was not stored.\n");
    print_check(io, outcome->check);
    if (outcome->check.ok())
      std::fprintf(io.err, "  Acknowledge each warning with --acknowledge CODE to go on.\n");
    return 1;
  }
  const auto& x = outcome->designation;
  std::string terminals;
  for (const auto& t : x.terminal_ids) terminals += (terminals.empty() ? "" : ",") + t;
  std::fprintf(io.out, "Designation %d of %s: %s %s %s-%s terminals %s%s\n", outcome->seq,
               args.survey_id.c_str(), args.system.c_str(), survey::format_date(x.date).c_str(),
               survey::format_hh_mm(x.from).c_str(), survey::format_hh_mm(x.to).c_str(),
               terminals.c_str(), x.drawn ? " (drawn)" : "");
  return 0;
}

int run_survey_show(const fs::path& vault_dir, const std::string& as, const std::string& id,
                    AdminIo& io) {
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  auto summary = survey::find_survey(**vault, id);
  if (!summary) return refuse(io, summary.error());
  std::fprintf(io.out, "Survey %s  fiscal year %d  state %s  \"%s\"\n", summary->id.c_str(),
               summary->fiscal_year, std::string(survey::survey_state_id(summary->state)).c_str(),
               printable(summary->title).c_str());
  auto set = survey::load_designations(**vault, id);
  if (!set) return refuse(io, set.error());
  int n = 0;
  for (const auto& sd : set->history) {
    const auto& x = sd.designation;
    std::string terminals;
    for (const auto& t : x.terminal_ids) terminals += (terminals.empty() ? "" : ",") + t;
    std::fprintf(io.out, "  designation %d: %-8s %s %s-%s %s%s\n", ++n,
                 std::string(survey::system_id(sd.system)).c_str(),
                 survey::format_date(x.date).c_str(), survey::format_hh_mm(x.from).c_str(),
                 survey::format_hh_mm(x.to).c_str(), terminals.c_str(), x.drawn ? " (drawn)" : "");
  }
  auto counts = survey::count_survey(**vault, id);
  if (!counts) return refuse(io, counts.error());
  for (const auto& c : *counts) {
    std::fprintf(io.out, "  %-8s rows %6zu  accesses %5zu  persons %4zu of %d%s\n",
                 std::string(survey::system_id(c.system)).c_str(), c.rows, c.accesses, c.persons,
                 c.required,
                 !c.designated ? "  (not designated)"
                 : c.enough()  ? ""
                               : "  SHORT: designate again (P6.3.d)");
  }
  return 0;
}

int run_vault_import(const fs::path& vault_dir, const std::string& as, const VaultImportArgs& args,
                     AdminIo& io) {
  const auto kind = imp::parse_sheet_kind(args.sheet);
  if (!kind) {
    return usage(io,
                 "unknown sheet kind (koseki-issuance, juki-access-log, juki-online-forms, "
                 "cs-operations, or the sheet's Japanese name).");
  }
  auto profile = load_profile(*kind, args.profile);
  if (!profile) return refuse(io, profile.error());
  if (survey::system_id(profile->system) != args.system)
    return usage(io, "the sheet kind does not belong to --system.");
  auto vault = open_as(vault_dir, as, io);
  if (!vault) return refuse(io, vault.error());
  survey::ImportRequest request;
  request.survey_id = args.survey_id;
  request.kind = *kind;
  request.file = args.file;
  request.accept_problems = args.accept_problems;
  request.profile = *profile;
  survey::ImportFailure at;
  auto report = survey::import_sheet(**vault, as, request, &at);
  if (!report) {
    if (report.error().code == "import.has_problems") {
      // Show which rows, so the manager can decide (P6.4: never dropped silently).
      auto preview = survey::preview_import(**vault, request);
      if (preview) {
        for (const auto& p : preview->problems)
          std::fprintf(io.err, "  %s, row %llu, column %s: %s\n", args.file.c_str(),
                       static_cast<unsigned long long>(p.row), p.column.c_str(),
                       p.error.message.c_str());
      }
      std::fprintf(io.err,
                   "  Correct the file, or import the readable rows with --accept-problems.\n");
    }
    if (at.row > 0) {
      std::fprintf(io.err, "shogo-admin: %s, row %llu, column %u: %s\n", args.file.c_str(),
                   static_cast<unsigned long long>(at.row), at.column,
                   report.error().message.c_str());
      return 1;
    }
    return refuse(io, report.error());
  }
  const auto& c = report->counts;
  std::fprintf(io.out,
               "Imported %s into %s: %llu rows stored (%llu already stored), %llu kept of %llu; "
               "outside the designation: %llu by date, %llu by time, %llu by terminal; "
               "%llu blank, %llu totals, %llu problems.\nSHA-256 %s, %llu bytes.\n",
               std::string(imp::sheet_kind_id(*kind)).c_str(), args.survey_id.c_str(),
               static_cast<unsigned long long>(report->stored),
               static_cast<unsigned long long>(report->already_stored),
               static_cast<unsigned long long>(c.kept), static_cast<unsigned long long>(c.rows),
               static_cast<unsigned long long>(c.dropped_date),
               static_cast<unsigned long long>(c.dropped_time),
               static_cast<unsigned long long>(c.dropped_terminal),
               static_cast<unsigned long long>(c.blank), static_cast<unsigned long long>(c.totals),
               static_cast<unsigned long long>(c.problems), report->sha256.c_str(),
               static_cast<unsigned long long>(report->size));
  return 0;
}

}  // namespace shogo::provisioning
