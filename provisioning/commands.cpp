#include "provisioning/commands.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "crypto/atomic_file.hpp"
#include "crypto/audit_chain.hpp"
#include "crypto/startup.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/policy.hpp"
#include "kiosk/survey/vault.hpp"
#include "provisioning/demo_vault.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "storage/database.hpp"
#include "storage/sqlcipher_probe.hpp"

namespace shogo::provisioning {

int run_selftest(std::FILE* out, std::FILE* err) {
  if (auto s = crypto::run_self_tests(); !s) {
    std::fprintf(err, "selftest: FAILED: %s\n", s.error().message.c_str());
    return 1;
  }
  std::fputs("crypto self-tests: ok (BLAKE2b RFC 7693 vector, XChaCha20-Poly1305 round trip)\n",
             out);
  auto info = storage::probe_sqlcipher();
  if (!info) {
    std::fprintf(err, "selftest: FAILED: %s\n", info.error().message.c_str());
    return 1;
  }
  std::fprintf(out, "sqlcipher: %s on sqlite %s\n", info->cipher_version.c_str(),
               info->sqlite_version.c_str());
  return 0;
}

int run_ward(std::uint64_t seed, std::FILE* out) {
  survey::synthetic::WardOptions options;
  options.seed = seed;
  const auto ward = survey::synthetic::generate_ward(options);
  std::fprintf(out, "synthetic ward (seed %llu) — synthetic people, never real residents\n",
               static_cast<unsigned long long>(seed));
  std::fprintf(out,
               "sites: %zu, terminals: %zu, operators: %zu, residents: %zu, access rows: %zu\n",
               ward.sites.size(), ward.terminals.size(), ward.operators.size(),
               ward.residents.size(), ward.access_log.size());
  // P6.2 counts persons, not rows; here a person is name + birth date.
  std::map<survey::System, std::pair<std::size_t, std::set<std::string>>> per_system;
  for (const auto& row : ward.access_log) {
    auto& entry = per_system[row.system];
    ++entry.first;
    entry.second.insert(row.resident_name + "|" + survey::format_date(row.resident_birth));
  }
  for (const auto& [system, entry] : per_system) {
    std::fprintf(out, "  %-8s rows: %5zu  distinct viewed persons: %zu\n",
                 std::string(survey::system_id(system)).c_str(), entry.first, entry.second.size());
  }
  return 0;
}

namespace {

namespace fs = std::filesystem;

}  // namespace

int refuse(AdminIo& io, const Error& e) {
  std::fprintf(io.err, "shogo-admin: %s\n", e.message.c_str());
  return 1;
}

Result<std::unique_ptr<survey::Vault>> open_as(const fs::path& dir, const std::string& as,
                                               AdminIo& io, survey::Vault::UnlockEvents events,
                                               survey::Vault::StateCheck check) {
  auto vault = survey::Vault::open(dir);
  if (!vault) return vault.error();
  (*vault)->set_state_check(check);
  auto pass = io.passphrases.read("Passphrase of " + as + ": ");
  if (!pass) return pass.error();
  auto signed_in = (*vault)->unlock(as, *pass, events);
  if (!signed_in) return signed_in.error();
  return std::move(vault.value());
}

namespace {

Result<std::unique_ptr<survey::Vault>> open_as_manager(const fs::path& dir, const std::string& as,
                                                       AdminIo& io) {
  auto vault = open_as(dir, as, io);
  if (!vault) return vault;
  const survey::VaultUser* user = (*vault)->users().find(as);
  if (user == nullptr || user->role != survey::Role::manager) {
    return Error{"admin.not_manager", "Only a manager (調査責任者) may do this."};
  }
  return vault;
}

// The audit log, as in the kiosk: managers and supervisors read it
// (survey::may(…, read_audit_log)), investigators do not.
Result<std::unique_ptr<survey::Vault>> open_as_log_reader(const fs::path& dir,
                                                          const std::string& as, AdminIo& io,
                                                          survey::Vault::UnlockEvents events) {
  // A reader of the log opens a vault whose tables differ from it: to see why.
  auto vault = open_as(dir, as, io, events, survey::Vault::StateCheck::report);
  if (!vault) return vault;
  const survey::VaultUser* user = (*vault)->users().find(as);
  if (user == nullptr || !survey::may(user->role, survey::Action::read_audit_log)) {
    return Error{
        "admin.not_log_reader",
        "Only a manager (調査責任者) or the supervisor (調査総括責任者) reads the audit log."};
  }
  return vault;
}

}  // namespace

int print_state_faults(survey::Vault& vault, const char* prefix, AdminIo& io) {
  int faults = 0;
  auto line = [&](const std::string& text) {
    std::fprintf(io.out, "%s%s\n", prefix, printable(text).c_str());
    ++faults;
  };
  for (const survey::StateFault& f : vault.state_faults()) {
    line("vault.db against the audit log: " + survey::fault_line(f));
  }
  for (const std::string& id : vault.surveys().ids()) {
    auto rows = vault.surveys().check_rows(id);
    if (!rows) {
      line("survey " + id + ": its rows cannot be checked: " + rows.error().message);
      continue;
    }
    for (const auto& r : *rows) {
      const std::string source = r.source.empty() ? "rows of no import" : "file " + r.source;
      if (!r.digest_recorded) {
        line("survey " + id + ", " + source +
             ": imported before Shogo recorded digests, so its rows cannot be checked");
      } else {
        line("survey " + id + ", " + source + ": the survey file holds " +
             std::to_string(r.found_rows) + " row(s) that differ from the " +
             std::to_string(r.recorded_rows) +
             " its imports recorded (rolled back, edited, deleted or inserted)");
      }
    }
  }
  return faults;
}

namespace {

void print_recovery_sheet(AdminIo& io, const fs::path& dir, const crypto::SecureBuffer& text,
                          const crypto::SecureBuffer& audit_seed_hex) {
  std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
  std::fprintf(io.out,
               "\n==== Shogo 回復キー / recovery key ====\n"
               "Keep this sheet in the supervisor's sealed envelope (調査総括責任者の封筒).\n"
               "It opens the vault when a manager's passphrase is forgotten.\n"
               "Vault: %s   Made: %s\n\nRecovery key: ",
               dir.c_str(), date);
  std::fwrite(text.data(), 1, text.size(), io.out);
  std::fputs("\n\nAudit log seed (監査ログの検証鍵 k0) — verifies the whole log offline:\n",
             io.out);
  std::fwrite(audit_seed_hex.data(), 1, audit_seed_hex.size() - 1, io.out);
  std::fputs("\n=======================================\n", io.out);
  std::fflush(io.out);
}

}  // namespace

int run_init(const fs::path& vault, const std::string& manager, const std::string& supervisor,
             double kdf_seconds, AdminIo& io) {
  auto manager_pass = io.passphrases.read_new("New passphrase for " + manager + ": ");
  if (!manager_pass) return refuse(io, manager_pass.error());
  auto supervisor_pass = io.passphrases.read_new("New passphrase for " + supervisor + ": ");
  if (!supervisor_pass) return refuse(io, supervisor_pass.error());
  std::fputs("Measuring this machine for the passphrase key derivation (Argon2id)…\n", io.out);
  std::fflush(io.out);
  auto cost = crypto::calibrate_kdf(kdf_seconds);
  if (!cost) return refuse(io, cost.error());
  auto seconds = crypto::measure_kdf_seconds(*cost);
  std::fprintf(io.out, "Argon2id: %u MiB, %u passes: %.2f s per sign-in on this machine\n",
               cost->memlimit_kib / 1024, cost->opslimit, seconds ? *seconds : -1.0);
  auto created =
      survey::Vault::create(vault,
                            {{manager, survey::Role::manager, &manager_pass.value()},
                             {supervisor, survey::Role::supervisor, &supervisor_pass.value()}},
                            *cost, /*demo=*/false);
  if (!created) return refuse(io, created.error());
  std::fprintf(io.out, "Made a vault in %s for %s (manager) and %s (supervisor).\n", vault.c_str(),
               manager.c_str(), supervisor.c_str());
  print_recovery_sheet(io, vault, created->recovery_key_text, created->audit_seed_hex);
  return 0;
}

int run_user_add(const fs::path& dir, const std::string& as, const std::string& name,
                 const std::string& role_text, AdminIo& io) {
  survey::Role role{};
  if (!survey::parse_role(role_text, role)) {
    std::fprintf(io.err, "shogo-admin: the role is supervisor, manager or investigator\n");
    return 2;
  }
  auto vault = open_as_manager(dir, as, io);
  if (!vault) return refuse(io, vault.error());
  auto pass = io.passphrases.read_new("New passphrase for " + name + ": ");
  if (!pass) return refuse(io, pass.error());
  crypto::KdfCost cost = (*vault)->demo() ? demo_kdf_cost() : crypto::KdfCost{};
  if (!(*vault)->demo()) {
    auto calibrated = crypto::calibrate_kdf();
    if (!calibrated) return refuse(io, calibrated.error());
    cost = *calibrated;
  }
  if (auto s = (*vault)->users().add(as, {name, role, &pass.value()}, cost); !s) {
    return refuse(io, s.error());
  }
  std::fprintf(io.out, "Added %s (%s).\n", name.c_str(), role_text.c_str());
  return 0;
}

int run_user_disable(const fs::path& dir, const std::string& as, const std::string& name,
                     AdminIo& io) {
  auto vault = open_as_manager(dir, as, io);
  if (!vault) return refuse(io, vault.error());
  if (auto s = (*vault)->users().disable(as, name); !s) return refuse(io, s.error());
  std::fprintf(io.out, "Disabled %s; their key slot is removed.\n", name.c_str());
  return 0;
}

int run_user_passwd(const fs::path& dir, const std::string& name, bool recovery, AdminIo& io) {
  std::unique_ptr<survey::Vault> vault;
  std::string actor = name;
  if (recovery) {
    auto v = survey::Vault::open(dir);
    if (!v) return refuse(io, v.error());
    auto text = io.passphrases.read("Recovery key (from the sealed envelope): ");
    if (!text) return refuse(io, text.error());
    if (auto s = (*v)->unlock_with_recovery(*text); !s) return refuse(io, s.error());
    vault = std::move(v.value());
    actor = "recovery";
  } else {
    auto v = open_as(dir, name, io);
    if (!v) return refuse(io, v.error());
    vault = std::move(v.value());
  }
  auto pass = io.passphrases.read_new("New passphrase for " + name + ": ");
  if (!pass) return refuse(io, pass.error());
  crypto::KdfCost cost = demo_kdf_cost();
  if (!vault->demo()) {
    auto calibrated = crypto::calibrate_kdf();
    if (!calibrated) return refuse(io, calibrated.error());
    cost = *calibrated;
  }
  if (auto s = vault->users().change_passphrase(actor, name, *pass, cost); !s)
    return refuse(io, s.error());
  std::fprintf(io.out, "Changed the passphrase of %s.\n", name.c_str());
  return 0;
}

namespace {

bool looks_plain_sqlite(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

}  // namespace

int run_doctor(const fs::path& dir, const std::string& as, AdminIo& io) {
  int problems = 0;
  auto ok = [&](const std::string& what) { std::fprintf(io.out, "ok       %s\n", what.c_str()); };
  auto bad = [&](const std::string& what) {
    std::fprintf(io.out, "PROBLEM  %s\n", what.c_str());
    ++problems;
  };
  if (auto s = survey::check_vault_directory(dir); !s) {
    bad(s.error().message);
  } else {
    ok("the vault folder is private (0700) and ours");
  }
  const survey::VaultPaths paths{dir};
  auto slots = crypto::KeyslotFile::load(paths.keyslots());
  if (!slots) {
    bad("keyslots: " + slots.error().message);
  } else {
    std::size_t users = 0;
    for (const auto& slot : slots->slots()) users += slot.kind == crypto::SlotKind::user_passphrase;
    ok("keyslots: " + std::to_string(users) + " user slot(s)" +
       (slots->has_recovery() ? ", a recovery slot" : "") + (slots->demo() ? " (demo vault)" : ""));
    if (!slots->has_recovery()) bad("keyslots: there is no recovery slot");
  }
  std::error_code ec;
  if (!fs::exists(paths.database(), ec)) {
    bad("vault.db is missing");
  } else if (looks_plain_sqlite(paths.database())) {
    bad("vault.db is NOT encrypted");
  } else {
    ok("vault.db is encrypted (no plain SQLite header)");
  }
  // SQLite's rollback journal beside a database: a transaction that a crash
  // or a power cut interrupted. Opening the database rolls it back; deleting
  // it would keep the half-written transaction.
  auto journal_of = [](const std::string& name) -> std::string {
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
      const std::string s(suffix);
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        return name.substr(0, name.size() - s.size());
      }
    }
    const auto mj = name.find("-mj");
    return mj != std::string::npos && mj > 0 ? name.substr(0, mj) : std::string();
  };
  int journals = 0;
  auto journal = [&](const std::string& name, const std::string& db) {
    ++journals;
    bad(name + ": a transaction of " + db +
        " was interrupted (a crash or a power cut). Do not delete it: run doctor --as NAME, "
        "which opens the vault and lets SQLite roll the transaction back.");
  };
  std::set<std::string> survey_files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (const auto db = journal_of(name); !db.empty()) {
      journal(name, db);
    } else if (name != "keyslots" && name != "vault.db" && name != "surveys") {
      bad("an unexpected file is in the vault folder: " + name);
    }
  }
  for (const auto& entry : fs::directory_iterator(paths.surveys(), ec)) {
    const auto name = entry.path().filename().string();
    if (const auto db = journal_of(name); !db.empty()) {
      journal("surveys/" + name, "surveys/" + db);
    } else if (entry.path().extension() != ".db") {
      bad("an unexpected file is in surveys/: " + name);
    } else if (looks_plain_sqlite(entry.path())) {
      bad("survey file " + name + " is NOT encrypted");
    } else {
      survey_files.insert(entry.path().stem().string());
    }
  }
  rlimit core{};
  if (getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0 &&
      prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0) {
    ok("core dumps are off in Shogo's programs (RLIMIT_CORE=0, not dumpable)");
  } else {
    bad("core dumps are not off");
  }
  if (!as.empty() && slots) {
    auto vault = open_as(dir, as, io, survey::Vault::UnlockEvents::append,
                         survey::Vault::StateCheck::report);
    if (!vault) {
      bad("could not open the vault as " + as + ": " + vault.error().message);
    } else {
      if (auto s = (*vault)->database().integrity_check(); !s) {
        bad("vault.db: " + s.error().message);
      } else {
        ok("vault.db passes SQLCipher's integrity check");
      }
      // The replay (at unlock) and every survey file against its imports' digests.
      if (const int faults = print_state_faults(**vault, "PROBLEM  ", io); faults > 0) {
        problems += faults;
      } else {
        ok("vault.db matches its audit log, and every survey file its imports");
      }
      if (auto s = (*vault)->record(as, survey::AuditAction::doctor, ""); !s) {
        bad("the audit log cannot record: every action of the kiosk is refused until it can "
            "(vault.db's integrity check above says where)");
      }
      const auto ids = (*vault)->surveys().ids();
      for (const std::string& file : survey_files) {
        if (std::find(ids.begin(), ids.end(), file) == ids.end()) {
          bad("surveys/" + file + ".db belongs to no survey in vault.db (an orphan)");
        }
      }
      for (const std::string& id : ids) {
        if (survey_files.count(id) == 0) {
          bad("survey " + id + " has no file in surveys/ (its personal data is gone)");
          continue;
        }
        auto db = (*vault)->surveys().open(id);
        if (!db) {
          bad("survey " + id + ": " + db.error().message);
        } else if (auto s = db->integrity_check(); !s) {
          bad("survey " + id + ": " + s.error().message);
        } else {
          ok("survey " + id + " opens and passes the integrity check");
        }
      }
    }
  }
  std::fprintf(io.out, problems == 0 ? "No problems found.\n" : "%d problem(s) found.\n", problems);
  return problems == 0 ? 0 : 1;
}

int run_demo(const fs::path& dir, std::uint64_t seed, bool print_keys, const fs::path& import_dir,
             AdminIo& io) {
  auto made = make_demo_vault(dir, seed, demo_kdf_cost(), import_dir);
  if (!made) return refuse(io, made.error());
  std::fprintf(io.out, "Made a demo vault in %s (synthetic ward, seed %llu; never real people).\n",
               dir.c_str(), static_cast<unsigned long long>(seed));
  std::fputs("Demo users and their passphrases:\n", io.out);
  for (const DemoUser& u : demo_users()) {
    std::fprintf(io.out, "  %-16s %-13s %s\n", std::string(u.name).c_str(),
                 std::string(survey::role_id(u.role)).c_str(), std::string(u.passphrase).c_str());
  }
  if (print_keys) {
    auto vault = survey::Vault::open(dir);
    if (!vault) return refuse(io, vault.error());
    const DemoUser& m = demo_users()[0];
    crypto::SecureBuffer pass(m.passphrase.size());
    std::memcpy(pass.data(), m.passphrase.data(), m.passphrase.size());
    if (auto r = (*vault)->unlock(std::string(m.name), pass); !r) return refuse(io, r.error());
    (void)(*vault)->record(std::string(m.name), survey::AuditAction::keys_print, "");
    auto key = (*vault)->demo_vault_key_hex();
    if (!key) return refuse(io, key.error());
    std::fputs("vault.db raw key: x'", io.out);
    std::fwrite(key->data(), 1, key->size() - 1, io.out);
    std::fputs("'\n", io.out);
    auto skey = (*vault)->surveys().demo_key_hex(std::string(kDemoSurveyId));
    if (!skey) return refuse(io, skey.error());
    std::fprintf(io.out, "surveys/%s.db raw key: x'", std::string(kDemoSurveyId).c_str());
    std::fwrite(skey->data(), 1, skey->size() - 1, io.out);
    std::fputs("'\n", io.out);
    std::fputs("audit seed (k0): ", io.out);
    std::fwrite(made->audit_seed_hex.data(), 1, made->audit_seed_hex.size() - 1, io.out);
    std::fputs("\n", io.out);
    (*vault)->close(std::string(m.name), "keys printed");
  }
  return 0;
}

namespace {

// The seed file holds k0 as 64 hex digits (whitespace ignored), as printed.
Result<crypto::SecureBuffer> read_seed_file(const fs::path& file) {
  auto bytes = crypto::read_small_file(file, 4096);
  if (!bytes) return bytes.error();
  crypto::SecureBuffer seed(crypto::audit::kSeedBytes);
  std::size_t nibbles = 0;
  for (std::uint8_t c : *bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '-') continue;
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0 || nibbles >= 64) return Error{"audit.seed", "The seed file is not 64 hex digits."};
    seed.data()[nibbles / 2] = static_cast<std::uint8_t>(seed.data()[nibbles / 2] << 4 | v);
    ++nibbles;
  }
  sodium_memzero(bytes->data(), bytes->size());
  if (nibbles != 64) return Error{"audit.seed", "The seed file is not 64 hex digits."};
  return seed;
}

std::string hex(const crypto::audit::Hash& h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : h) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0F]);
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[12];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {  // C1: U+0080–U+009F
      std::snprintf(escape, sizeof escape, "\\u%04x",
                    static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])));
      out += escape;
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string csv_cell(std::string_view text) {
  std::string out = "\"";
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    out.push_back('\'');  // read as text, not as a formula (=HYPERLINK(…))
  }
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

int run_audit_verify(const fs::path& dir, const std::string& as, const fs::path& seed_file,
                     const std::vector<std::string>& anchor_texts, AdminIo& io) {
  namespace audit = crypto::audit;
  std::vector<audit::Anchor> anchors;
  for (const std::string& text : anchor_texts) {
    auto a = audit::parse_anchor(text);
    if (!a) return refuse(io, a.error());
    anchors.push_back(*a);
  }
  std::optional<crypto::SecureBuffer> seed;
  if (!seed_file.empty()) {
    auto s = read_seed_file(seed_file);
    if (!s) return refuse(io, s.error());
    seed = std::move(s.value());
  }
  // Verify first, on what was there: this sign-in's events are held and
  // written after the verification, with its result (docs/audit-log.md).
  auto vault = open_as_log_reader(dir, as, io, survey::Vault::UnlockEvents::hold);
  if (!vault) return refuse(io, vault.error());
  storage::Database& db = (*vault)->database();
  std::vector<audit::Event> events;
  std::optional<audit::WriterState> state;
  {
    // One snapshot: a kiosk writing meanwhile cannot come between the reads.
    auto tx = storage::Transaction::begin(db);
    if (!tx) return refuse(io, tx.error());
    auto loaded = survey::load_audit_events(db);
    if (!loaded) return refuse(io, loaded.error());
    auto saved = survey::load_audit_state(db);
    if (!saved) return refuse(io, saved.error());
    if (auto s = tx->commit(); !s) return refuse(io, s.error());
    events = std::move(loaded.value());
    state = std::move(saved.value());
  }
  const crypto::SecureBuffer* k0 = seed ? &*seed : nullptr;
  const auto report = audit::verify(events, k0, anchors);
  // The state is checked against a chain that holds; a broken chain is named first.
  const auto state_report =
      report.ok ? audit::check_state(events, state ? &*state : nullptr, k0) : audit::StateReport{};
  const audit::Problem problem = report.ok ? state_report.problem : report.problem;
  // The replay: the tables and survey files against what the chain says.
  const int faults = print_state_faults(**vault, "FAILED  ", io);
  (void)(*vault)->record(as, survey::AuditAction::audit_verify, "",
                         problem != audit::Problem::none ? audit::problem_name(problem)
                         : faults > 0                    ? "vault.state_mismatch"
                                                         : "ok");
  if (faults > 0 && problem == audit::Problem::none) {
    std::fprintf(io.out,
                 "FAILED: the chain holds, but %d thing(s) in vault.db or the survey files differ "
                 "from what it recorded\n",
                 faults);
    return 1;
  }
  if (problem != audit::Problem::none) {
    const std::uint64_t seq = report.ok ? state_report.first_bad_seq : report.first_bad_seq;
    const std::string& message = report.ok ? state_report.message : report.message;
    std::fprintf(io.out, "FAILED at event %llu (%s): %s\n", static_cast<unsigned long long>(seq),
                 audit::problem_name(problem), message.c_str());
    return 1;
  }
  std::fprintf(
      io.out, "ok: %llu events, the chain holds%s; %llu paper anchor(s) match\n",
      static_cast<unsigned long long>(report.events_checked),
      report.macs_checked ? " and every MAC matches the seed" : " (no seed: MACs not checked)",
      static_cast<unsigned long long>(report.anchors_checked));
  if (!events.empty()) {
    std::fprintf(io.out, "head: %s\n", audit::format_anchor(events.back()).c_str());
  }
  if (state) {
    std::fprintf(
        io.out, "state: next event %llu; %s\n", static_cast<unsigned long long>(state->next_seq),
        state_report.key_checked ? "its key matches the seed" : "no seed: its key was not checked");
  } else {
    std::fputs("state: none (the log is empty)\n", io.out);
  }
  return 0;
}

int run_audit_export(const fs::path& dir, const std::string& as, const std::string& format,
                     AdminIo& io) {
  if (format != "jsonl" && format != "csv") {
    std::fprintf(io.err, "shogo-admin: the format is jsonl or csv\n");
    return 2;
  }
  auto vault = open_as_log_reader(dir, as, io, survey::Vault::UnlockEvents::append);
  if (!vault) return refuse(io, vault.error());
  auto events = survey::load_audit_events((*vault)->database());
  if (!events) return refuse(io, events.error());
  // An export the log cannot record is not made.
  if (auto s = (*vault)->record(as, survey::AuditAction::audit_export,
                                survey::AuditObjects().add("format", format));
      !s) {
    return refuse(io, s.error());
  }
  // No personal data by construction: events hold ids, actions and outcomes.
  if (format == "csv") {
    std::fputs(
        "seq,at_utc_ms,monotonic_ms,actor,role,action,objects,outcome,detail,prev_hash,"
        "hash,mac\n",
        io.out);
  }
  for (const auto& e : *events) {
    if (format == "jsonl") {
      const nlohmann::ordered_json j = {{"seq", e.seq},
                                        {"at_utc_ms", e.at_utc_ms},
                                        {"monotonic_ms", e.monotonic_ms},
                                        {"actor", e.actor},
                                        {"role", e.role},
                                        {"action", e.action},
                                        {"objects", e.objects},
                                        {"outcome", e.outcome},
                                        {"detail", e.detail},
                                        {"prev_hash", hex(e.prev_hash)},
                                        {"hash", hex(e.hash)},
                                        {"mac", hex(e.mac)}};
      std::fprintf(io.out, "%s\n", j.dump().c_str());
    } else {
      std::fprintf(io.out, "%llu,%lld,%lld,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
                   static_cast<unsigned long long>(e.seq), static_cast<long long>(e.at_utc_ms),
                   static_cast<long long>(e.monotonic_ms), csv_cell(e.actor).c_str(),
                   csv_cell(e.role).c_str(), csv_cell(e.action).c_str(),
                   csv_cell(e.objects).c_str(), csv_cell(e.outcome).c_str(),
                   csv_cell(e.detail).c_str(), hex(e.prev_hash).c_str(), hex(e.hash).c_str(),
                   hex(e.mac).c_str());
    }
  }
  return 0;
}

}  // namespace shogo::provisioning
