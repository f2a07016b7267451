// shogo-admin — provisioning and maintenance from the command line.
//
// Links provisioning, survey, storage and crypto; never ui, shell, ImGui, GLFW
// or GL (tests/provisioning checks the binary). Commands: provisioning/commands.hpp.
// Passphrases come from the terminal (no echo) or --passphrase-fd N, one per
// line — never from argv or the environment.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "crypto/startup.hpp"
#include "provisioning/commands.hpp"
#include "provisioning/import_command.hpp"
#include "provisioning/survey_commands.hpp"
#include "storage/zeroing_allocator.hpp"

namespace {

int run(int argc, char** argv) {
  using namespace shogo;
  CLI::App cli{"shogo-admin — provisioning and maintenance of a Shogo appliance"};
  cli.require_subcommand(1);
  std::string vault = "/var/lib/shogo";
  int passphrase_fd = -1;
  auto vault_option = [&](CLI::App* sub) {
    sub->add_option("--vault", vault, "The vault folder")->capture_default_str();
    sub->add_option("--passphrase-fd", passphrase_fd,
                    "Read passphrases from this file descriptor, one per line")
        ->check(CLI::NonNegativeNumber);
  };

  auto* selftest = cli.add_subcommand("selftest", "Run the start-up self-tests and report");
  std::uint64_t seed = 20261128;
  auto* ward = cli.add_subcommand("ward", "Summarise the synthetic ward used by the demo");
  ward->add_option("--seed", seed, "Seed of the generator");

  std::string manager, supervisor;
  double kdf_seconds = 0.7;
  auto* init = cli.add_subcommand("init", "Make a new vault with its first manager and supervisor");
  vault_option(init);
  init->add_option("--manager", manager, "Name of the first manager (調査責任者)")->required();
  init->add_option("--supervisor", supervisor, "Name of the supervisor (調査総括責任者)")
      ->required();
  init->add_option("--kdf-seconds", kdf_seconds, "Target time of one passphrase check")
      ->check(CLI::Range(0.5, 1.0));

  auto* user = cli.add_subcommand("user", "Add or disable a user, or change a passphrase");
  user->require_subcommand(1);
  std::string as, name, role;
  bool recovery = false;
  auto* add = user->add_subcommand("add", "Add a user (a manager's passphrase is asked)");
  vault_option(add);
  add->add_option("--as", as, "The manager doing it")->required();
  add->add_option("--name", name, "The new user's name as shown on the lock screen")->required();
  add->add_option("--role", role, "supervisor, manager or investigator")->required();
  auto* disable = user->add_subcommand("disable", "Disable a user and remove their key slot");
  vault_option(disable);
  disable->add_option("--as", as, "The manager doing it")->required();
  disable->add_option("--name", name, "The user to disable")->required();
  auto* passwd = user->add_subcommand("passwd", "Change a user's passphrase");
  vault_option(passwd);
  passwd->add_option("--name", name, "Whose passphrase")->required();
  passwd->add_flag("--recovery", recovery,
                   "Open with the recovery key instead of the current passphrase");

  auto* doctor = cli.add_subcommand("doctor", "Check the vault and say what is wrong");
  vault_option(doctor);
  doctor->add_option("--as", as, "Also open the vault as this user and check integrity");

  bool print_keys = false;
  std::string import_dir;
  auto* demo = cli.add_subcommand("demo", "Make a demo vault from the synthetic ward");
  vault_option(demo);
  demo->add_option("--seed", seed, "Seed of the synthetic ward");
  demo->add_option("--import-dir", import_dir,
                   "Also write the four synthetic sheets here, for the kiosk's import screen");
  demo->add_flag("--print-keys", print_keys, "Print the raw database keys (demo vaults only)");

  auto* audit = cli.add_subcommand("audit", "Verify or export the appliance's audit log");
  audit->require_subcommand(1);
  std::string seed_file, format = "jsonl";
  std::vector<std::string> anchors;
  auto* verify = audit->add_subcommand("verify", "Check the chain, the MACs and paper anchors");
  vault_option(verify);
  verify->add_option("--as", as, "Open the vault as this user")->required();
  verify->add_option("--seed-file", seed_file, "File with the printed seed k0 (64 hex digits)");
  verify->add_option("--anchor", anchors, "SEQ:HASH from a printed report or slip");
  auto* exp = audit->add_subcommand("export", "Print the events (no personal data)");
  vault_option(exp);
  exp->add_option("--as", as, "Open the vault as this user")->required();
  exp->add_option("--format", format, "jsonl or csv")->check(CLI::IsMember({"jsonl", "csv"}));

  // The ward's sites and terminals (P6.3.b/c).
  std::string id, site_name, opens, closes, site, system;
  auto* site_cmd = cli.add_subcommand("site", "Add a site (拠点) with its operating hours");
  site_cmd->require_subcommand(1);
  auto* site_add = site_cmd->add_subcommand("add", "Add a site");
  vault_option(site_add);
  site_add->add_option("--as", as, "The manager doing it")->required();
  site_add->add_option("--id", id, "Site id, e.g. S01")->required();
  site_add->add_option("--name", site_name, "Site name, e.g. 本庁舎")->required();
  site_add->add_option("--opens", opens, "Opening time HH:MM")->required();
  site_add->add_option("--closes", closes, "Closing time HH:MM")->required();
  auto* terminal_cmd = cli.add_subcommand("terminal", "Add a terminal (端末) of a site");
  terminal_cmd->require_subcommand(1);
  auto* terminal_add = terminal_cmd->add_subcommand("add", "Add a terminal");
  vault_option(terminal_add);
  terminal_add->add_option("--as", as, "The manager doing it")->required();
  terminal_add->add_option("--id", id, "Terminal id as the system logs it")->required();
  terminal_add->add_option("--site", site, "Its site id")->required();
  terminal_add->add_option("--system", system, "KOSEKI, JUKI or JUKINET")->required();

  // The operator roster (P4).
  std::string roster_file, roster_profile;
  auto* roster_cmd = cli.add_subcommand("roster", "Import or show the operator roster (P4)");
  roster_cmd->require_subcommand(1);
  auto* roster_import = roster_cmd->add_subcommand(
      "import", "Replace the roster with a CSV (UTF-8 or CP932) or XLSX file (a manager)");
  vault_option(roster_import);
  roster_import->add_option("--as", as, "The manager doing it")->required();
  roster_import->add_option("FILE", roster_file, "The roster, as CSV or XLSX")->required();
  roster_import->add_option("--profile", roster_profile,
                            "A site's roster profile (TOML) instead of the reference one");
  auto* roster_show = roster_cmd->add_subcommand("show", "Print the roster");
  vault_option(roster_show);
  roster_show->add_option("--as", as, "Who reads it")->required();

  // Surveys and their designations (P6.1, P6.3).
  int fiscal_year = 0;
  std::string title;
  provisioning::DesignateArgs designate_args;
  auto* survey_cmd = cli.add_subcommand("survey", "Create, designate, draw or show a survey");
  survey_cmd->require_subcommand(1);
  auto* survey_create = survey_cmd->add_subcommand("create", "Create a survey (a manager)");
  vault_option(survey_create);
  survey_create->add_option("--as", as, "The manager doing it")->required();
  survey_create->add_option("--id", id, "Survey id: letters, digits, '-'")->required();
  survey_create->add_option("--fiscal-year", fiscal_year, "Fiscal year, e.g. 2026")->required();
  survey_create->add_option("--title", title, "Title")->required();
  int min_persons = 10, gap_minutes = 15;
  survey_create->add_option("--min-persons", min_persons, "Viewed persons needed per system (P6.2)")
      ->capture_default_str();
  survey_create
      ->add_option("--gap-minutes", gap_minutes,
                   "Rows at most this far apart form one series (P6.2)")
      ->capture_default_str();
  auto* survey_designate =
      survey_cmd->add_subcommand("designate", "Designate date, window and terminals (supervisor)");
  vault_option(survey_designate);
  survey_designate->add_option("--as", as, "The supervisor")->required();
  survey_designate->add_option("--id", designate_args.survey_id, "Survey id")->required();
  survey_designate->add_option("--system", designate_args.system, "KOSEKI, JUKI or JUKINET")
      ->required();
  survey_designate->add_option("--date", designate_args.date, "YYYY-MM-DD")->required();
  survey_designate->add_option("--window", designate_args.window, "HH:MM-HH:MM")->required();
  survey_designate
      ->add_option("--terminals", designate_args.terminals, "A,B,… one per site at least")
      ->required();
  survey_designate->add_option("--acknowledge", designate_args.acknowledged,
                               "A warning code the supervisor acknowledges");
  auto* survey_draw =
      survey_cmd->add_subcommand("draw", "Let the appliance draw the designation (supervisor)");
  vault_option(survey_draw);
  survey_draw->add_option("--as", as, "The supervisor")->required();
  survey_draw->add_option("--id", designate_args.survey_id, "Survey id")->required();
  survey_draw->add_option("--system", designate_args.system, "KOSEKI, JUKI or JUKINET")->required();
  survey_draw->add_option("--minutes", designate_args.minutes, "Window length (at least 15)");
  auto* survey_show = survey_cmd->add_subcommand("show", "Designations and counts (P6.2)");
  vault_option(survey_show);
  survey_show->add_option("--as", as, "Who opens the vault")->required();
  survey_show->add_option("--id", id, "Survey id")->required();

  provisioning::ImportArgs import_args;
  provisioning::VaultImportArgs vault_import;
  bool import_into_vault = false;
  auto* import = cli.add_subcommand(
      "import", "Import a confirmation sheet into a survey (P6.4), or --dry-run --json");
  import->add_flag("--dry-run", import_args.dry_run, "Read and print; import nothing");
  import->add_flag("--json", import_args.json, "Print one JSON object per row, then a summary");
  import->add_option("--system", import_args.system, "KOSEKI, JUKI or JUKINET")->required();
  import->add_option("--sheet", import_args.sheet, "Sheet kind id or its Japanese name")
      ->required();
  import->add_option("FILE", import_args.file, "The sheet, as CSV or XLSX")->required();
  import->add_option("--window", import_args.window,
                     "Keep one day's hours: YYYY-MM-DD/HH:MM-HH:MM");
  import->add_option("--terminals", import_args.terminals, "Keep these terminals: A,B");
  import->add_option("--profile", import_args.profile,
                     "A site's column profile (TOML) instead of the reference one");
  import->add_option("--vault", vault, "The vault folder (an import into a survey)");
  import
      ->add_option("--passphrase-fd", passphrase_fd,
                   "Read passphrases from this file descriptor, one per line")
      ->check(CLI::NonNegativeNumber);
  import->add_option("--as", as, "The manager importing");
  import->add_option("--survey", vault_import.survey_id, "Survey id");
  import->add_flag("--accept-problems", vault_import.accept_problems,
                   "Store the readable rows; rows that could not be read are listed");

  CLI11_PARSE(cli, argc, argv);

  for (auto step :
       {&crypto::harden_process, &crypto::initialise, &storage::install_zeroing_allocator}) {
    if (auto s = step(); !s) {
      std::fprintf(stderr, "shogo-admin: %s\n", s.error().message.c_str());
      return 1;
    }
  }
  provisioning::AdminIo io;
  if (passphrase_fd >= 0) io.passphrases = crypto::PassphraseSource::fd(passphrase_fd);
  if (selftest->parsed()) return provisioning::run_selftest(stdout, stderr);
  if (ward->parsed()) return provisioning::run_ward(seed, stdout);
  if (init->parsed()) return provisioning::run_init(vault, manager, supervisor, kdf_seconds, io);
  if (add->parsed()) return provisioning::run_user_add(vault, as, name, role, io);
  if (disable->parsed()) return provisioning::run_user_disable(vault, as, name, io);
  if (passwd->parsed()) return provisioning::run_user_passwd(vault, name, recovery, io);
  if (doctor->parsed()) return provisioning::run_doctor(vault, as, io);
  if (demo->parsed()) return provisioning::run_demo(vault, seed, print_keys, import_dir, io);
  if (site_add->parsed())
    return provisioning::run_site_add(vault, as, id, site_name, opens, closes, io);
  if (roster_import->parsed())
    return provisioning::run_roster_import(vault, as, roster_file, roster_profile, io);
  if (roster_show->parsed()) return provisioning::run_roster_show(vault, as, io);
  if (terminal_add->parsed())
    return provisioning::run_terminal_add(vault, as, id, site, system, io);
  if (survey_create->parsed())
    return provisioning::run_survey_create(vault, as, id, fiscal_year, title, min_persons,
                                           gap_minutes, io);
  if (survey_designate->parsed())
    return provisioning::run_survey_designate(vault, as, designate_args, false, io);
  if (survey_draw->parsed())
    return provisioning::run_survey_designate(vault, as, designate_args, true, io);
  if (survey_show->parsed()) return provisioning::run_survey_show(vault, as, id, io);
  if (verify->parsed()) return provisioning::run_audit_verify(vault, as, seed_file, anchors, io);
  if (exp->parsed()) return provisioning::run_audit_export(vault, as, format, io);
  if (import->parsed()) {
    import_into_vault = !import_args.dry_run;
    if (!import_into_vault) return provisioning::run_import(import_args, io);
    if (as.empty() || vault_import.survey_id.empty()) {
      std::fprintf(stderr, "shogo-admin: an import into a survey needs --as and --survey.\n");
      return 2;
    }
    vault_import.system = import_args.system;
    vault_import.sheet = import_args.sheet;
    vault_import.file = import_args.file;
    vault_import.profile = import_args.profile;
    return provisioning::run_vault_import(vault, as, vault_import, io);
  }
  return 2;
}

}  // namespace

// Anything thrown that the code above did not handle ends here, in one plain
// line (exception texts never hold secrets or personal data in Shogo).
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shogo-admin: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "shogo-admin: unexpected error\n");
  }
  return 70;
}
