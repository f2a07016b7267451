#pragma once
// shogo-admin import — reads a confirmation sheet of P6.4 through its
// reference profile (storage/import/profiles/) and, with --dry-run --json,
// prints what it would import. No vault is opened.
//
//   import --dry-run --json --system KOSEKI|JUKI|JUKINET --sheet KIND FILE
//          [--window YYYY-MM-DD/HH:MM-HH:MM] [--terminals A,B] [--profile FILE.toml]
//
// KIND is a sheet kind id (koseki-issuance, juki-access-log,
// juki-online-forms, cs-operations) or its Japanese name. The sheet kind must
// belong to --system. Output (docs/import-formats.md, "Dry-run JSON output"):
// one JSON object per kept row, then one {"summary":{…}} line. The rows are
// PERSONAL DATA: the command exists to show them to the person importing.
//
// Exit status: 0 read through without problems; 1 the sheet could not be read,
// or some rows are problems (they are in the summary); 2 wrong usage. Without
// --dry-run the import goes into a survey: provisioning/survey_commands.hpp.

#include <string>

#include "provisioning/commands.hpp"
#include "storage/import/profile.hpp"

namespace shogo::provisioning {

struct ImportArgs {
  bool dry_run = false;
  bool json = false;
  std::string system;  // KOSEKI, JUKI, JUKINET
  std::string sheet;   // kind id or Japanese sheet name
  std::string file;
  std::string window;     // "" or YYYY-MM-DD/HH:MM-HH:MM
  std::string terminals;  // "" or A,B,…
  std::string profile;    // "" (the kind's reference profile) or a site's profile file (TOML)
};

// The profile to read a sheet of `kind` with: the reference profile, or the
// site's own file (at most 64 KiB, docs/import-formats.md "Profiles"), which
// must be for the same kind. On an error, the message says which file and,
// for a parse error, where in it.
[[nodiscard]] Result<storage::import::Profile> load_profile(storage::import::SheetKind kind,
                                                            const std::string& profile_file);

int run_import(const ImportArgs& args, AdminIo& io);

}  // namespace shogo::provisioning
