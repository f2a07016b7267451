#pragma once
// shogo-admin's commands as functions (the executable is a thin CLI11 main).
// Each returns the process exit status — 0 done, 1 refused or failed (the
// reason in one plain sentence on `err`), 2 wrong usage — and never prints a
// secret, except what a command exists to print once (the recovery key at
// init; a demo vault's passphrases and, with --print-keys, its raw keys).
//
//   selftest                        crypto known-answer tests, SQLCipher probe
//   ward --seed N                   counts of the synthetic ward
//   init --vault D --manager M --supervisor S     a new vault; prints the recovery sheet
//   user add --vault D --as M --name N --role R   needs a manager's passphrase
//   user disable --vault D --as M --name N        removes N's key slot
//   user passwd --vault D --name N [--recovery]   N's passphrase, or the recovery key
//   doctor --vault D [--as N]       permissions, keyslots, files, core dumps, integrity
//   demo --vault D [--print-keys]   a demo vault from the synthetic ward
//   audit verify --vault D --as N [--seed-file F] [--anchor SEQ:HASH]…
//                                   the chain as it was before this command
//                                   signed in (with the seed, every MAC; with
//                                   anchors, the paper) and the saved state
//                                   against it (with the seed, its key too);
//                                   then records the sign-in and the result:
//                                   0 holds, 1 names the first bad event
//   audit export --vault D --as N --format jsonl|csv   for the system division

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/passphrase_input.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::provisioning {

// Text from the vault (a survey's title, a user's name) as a terminal may
// print it: C0 and C1 control characters and DEL become visible escapes
// (\x1b, \u009b), so no escape sequence reaches the terminal.
std::string printable(std::string_view text);
// One CSV cell, quoted; a cell a spreadsheet would read as a formula
// (beginning with = + - @, a tab or a carriage return) gets a leading '.
std::string csv_cell(std::string_view text);

struct AdminIo {
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  crypto::PassphraseSource passphrases = crypto::PassphraseSource::terminal();
};

int run_selftest(std::FILE* out, std::FILE* err);
int run_ward(std::uint64_t seed, std::FILE* out);
int run_init(const std::filesystem::path& vault, const std::string& manager,
             const std::string& supervisor, double kdf_seconds, AdminIo& io);
int run_user_add(const std::filesystem::path& vault, const std::string& as, const std::string& name,
                 const std::string& role, AdminIo& io);
int run_user_disable(const std::filesystem::path& vault, const std::string& as,
                     const std::string& name, AdminIo& io);
int run_user_passwd(const std::filesystem::path& vault, const std::string& name, bool recovery,
                    AdminIo& io);
int run_doctor(const std::filesystem::path& vault, const std::string& as, AdminIo& io);
int run_demo(const std::filesystem::path& vault, std::uint64_t seed, bool print_keys,
             const std::filesystem::path& import_dir, AdminIo& io);
int run_audit_verify(const std::filesystem::path& vault, const std::string& as,
                     const std::filesystem::path& seed_file,
                     const std::vector<std::string>& anchors, AdminIo& io);
int run_audit_export(const std::filesystem::path& vault, const std::string& as,
                     const std::string& format, AdminIo& io);

// Shared by the commands: print a refusal ("shogo-admin: <message>") and
// return 1; open the vault and sign `as` in with a passphrase from io (with
// UnlockEvents::hold, the sign-in's events wait for the command's own; with
// StateCheck::report, a vault whose tables differ from its log opens, for
// doctor and audit verify to name the differences).
int refuse(AdminIo& io, const Error& e);
[[nodiscard]] Result<std::unique_ptr<survey::Vault>> open_as(
    const std::filesystem::path& dir, const std::string& as, AdminIo& io,
    survey::Vault::UnlockEvents events = survey::Vault::UnlockEvents::append,
    survey::Vault::StateCheck check = survey::Vault::StateCheck::refuse);
// One line per difference between the chain's replay and the tables, and
// between each survey file and its imports' digests ("PROBLEM  …" lines from
// doctor, "FAILED" lines from audit verify). The number of faults.
int print_state_faults(survey::Vault& vault, const char* prefix, AdminIo& io);

}  // namespace shogo::provisioning
