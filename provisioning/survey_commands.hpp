#pragma once
// shogo-admin commands of "a survey begins" (P6.3, P6.4): the ward's sites and
// terminals, surveys, designations and importing a sheet into a survey.
//
//   site add      --as MANAGER --id S01 --name 本庁舎 --opens 08:30 --closes 17:15
//   terminal add  --as MANAGER --id KS-S01-01 --site S01 --system KOSEKI
//   survey create --as MANAGER --id ID --fiscal-year 2026 --title TEXT
//                 [--min-persons 10] [--gap-minutes 15]         (P6.2)
//   survey designate --as SUPERVISOR --id ID --system S --date YYYY-MM-DD
//                 --window HH:MM-HH:MM --terminals A,B [--acknowledge CODE]…
//   survey draw   --as SUPERVISOR --id ID --system S [--minutes 15]
//   survey show   --as USER --id ID        designations and counts (P6.2)
//   import --vault DIR --as MANAGER --survey ID --system S --sheet KIND FILE
//          [--accept-problems] [--profile FILE.toml]
//
// Every command signs in with a passphrase from the terminal or
// --passphrase-fd, and every change is an audit event. Exit status: 0 done;
// 1 refused or failed (the reason on stderr, in one plain line); 2 usage.
// `import` prints a summary (counts, never row content) and lists each
// problem row by row and column.
#include <filesystem>
#include <string>
#include <vector>

#include "provisioning/commands.hpp"

namespace shogo::provisioning {

struct DesignateArgs {
  std::string survey_id, system, date, window, terminals;
  std::vector<std::string> acknowledged;
  int minutes = 15;  // draw only
};

int run_site_add(const std::filesystem::path& vault, const std::string& as, const std::string& id,
                 const std::string& name, const std::string& opens, const std::string& closes,
                 AdminIo& io);
int run_terminal_add(const std::filesystem::path& vault, const std::string& as,
                     const std::string& id, const std::string& site, const std::string& system,
                     AdminIo& io);
int run_survey_create(const std::filesystem::path& vault, const std::string& as,
                      const std::string& id, int fiscal_year, const std::string& title,
                      int min_persons, int gap_minutes, AdminIo& io);
int run_survey_designate(const std::filesystem::path& vault, const std::string& as,
                         const DesignateArgs& args, bool draw, AdminIo& io);
// P4: the operator roster from a CSV or XLSX file (a manager), and shown.
int run_roster_import(const std::filesystem::path& vault, const std::string& as,
                      const std::string& file, const std::string& profile, AdminIo& io);
int run_roster_show(const std::filesystem::path& vault, const std::string& as, AdminIo& io);
int run_survey_show(const std::filesystem::path& vault, const std::string& as,
                    const std::string& id, AdminIo& io);

struct VaultImportArgs {
  std::string survey_id, system, sheet, file;
  std::string profile;  // "" or a site's profile file
  bool accept_problems = false;
};
int run_vault_import(const std::filesystem::path& vault, const std::string& as,
                     const VaultImportArgs& args, AdminIo& io);

}  // namespace shogo::provisioning
