// shogo-admin's commands, called as functions with passphrases on a pipe (as
// `--passphrase-fd N` gives them), on real vaults in temporary folders.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <string>

#include "crypto/startup.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/vault.hpp"
#include "provisioning/commands.hpp"
#include "provisioning/demo_vault.hpp"
#include "provisioning/import_command.hpp"
#include "provisioning/survey_commands.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "storage/database.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;

namespace {

// Passphrases, one per line, on a pipe's read end; output captured in files.
struct Io {
  int fds[2] = {-1, -1};
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  provisioning::AdminIo io;
  explicit Io(const std::string& lines) {
    REQUIRE(pipe(fds) == 0);
    REQUIRE(write(fds[1], lines.data(), lines.size()) == static_cast<ssize_t>(lines.size()));
    close(fds[1]);
    io.out = out;
    io.err = err;
    io.passphrases = crypto::PassphraseSource::fd(fds[0]);
  }
  ~Io() {
    close(fds[0]);
    std::fclose(out);
    std::fclose(err);
  }
  static std::string text(std::FILE* f) {
    std::fflush(f);
    std::rewind(f);
    std::string s;
    char buf[512];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    return s;
  }
  std::string out_text() { return text(out); }
  std::string err_text() { return text(err); }
};

// A small demo vault for the audit tests: one manager, the seed in a file as
// printed, and the raw vault key, to read and edit vault.db as someone holding
// that key (but not the seed) could.
struct AuditVault {
  static constexpr const char* kManager = "管理 一郎";
  test::TempDir tmp;
  std::filesystem::path dir = tmp / "vault";
  std::filesystem::path seed_file = tmp / "seed";
  crypto::SecureBuffer seed;
  crypto::SecureBuffer key;

  AuditVault() {
    const auto m = test::secure("manager pass 1");
    auto created = survey::Vault::create(dir, {{kManager, survey::Role::manager, &m}},
                                         {1, 8 * 1024}, /*demo=*/true);
    REQUIRE(created.ok());
    const crypto::SecureBuffer& hex = created->audit_seed_hex;
    test::write_bytes(seed_file, {hex.data(), hex.data() + hex.size() - 1});
    seed = test::bytes_from_hex(hex, crypto::audit::kSeedBytes);
    auto vault = survey::Vault::open(dir);
    REQUIRE(vault.ok());
    REQUIRE((*vault)->unlock(kManager, m).ok());
    auto key_hex = (*vault)->demo_vault_key_hex();
    REQUIRE(key_hex.ok());
    key = test::bytes_from_hex(*key_hex, storage::Database::kKeySize);
  }
  storage::Database db() {
    auto db = storage::Database::open(dir / "vault.db", key, storage::OpenMode::open_existing);
    REQUIRE(db.ok());
    return std::move(db.value());
  }
  std::vector<crypto::audit::Event> events() {
    auto d = db();
    auto loaded = survey::load_audit_events(d);
    REQUIRE(loaded.ok());
    return std::move(loaded.value());
  }
  void edit(const std::string& sql) {
    auto d = db();
    REQUIRE(d.exec(sql).ok());
  }
  int verify(bool with_seed, std::string& out) {
    Io io("manager pass 1\n");
    const int status = provisioning::run_audit_verify(
        dir, kManager, with_seed ? seed_file : std::filesystem::path{}, {}, io.io);
    out = io.out_text();
    return status;
  }
  // verify() on vault.db as it is now, which is put back afterwards: a run
  // appends its own events, and the next run should see the same log.
  int verify_as_is(bool with_seed, std::string& out) {
    const auto saved = test::read_bytes(dir / "vault.db");
    const int status = verify(with_seed, out);
    test::write_bytes(dir / "vault.db", saved);
    return status;
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the demo vault holds no synthetic resident's data in readable form") {
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  REQUIRE(provisioning::make_demo_vault(dir, 42, {1, 8 * 1024}).ok());
  survey::synthetic::WardOptions options;
  options.seed = 42;
  const auto ward = survey::synthetic::generate_ward(options);
  std::vector<std::vector<unsigned char>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(test::read_bytes(entry.path()));
  }
  REQUIRE(files.size() == 4);  // keyslots, vault.db, surveys/demo-2026-1.db and -2.db
  auto utf16 = [](const std::string& utf8) {
    std::string out;
    for (unsigned char c : utf8) {  // enough for the ASCII of addresses' digits: a coarse check
      out.push_back(static_cast<char>(c));
      out.push_back('\0');
    }
    return out;
  };
  std::size_t checked = 0;
  for (const auto& r : ward.residents) {
    for (const std::string& needle : {r.name, r.kana, r.address}) {
      if (needle.size() < 6) continue;  // a two-byte surname would match noise
      for (const auto& bytes : files) {
        INFO(needle);
        CHECK_FALSE(test::contains(bytes, needle));
        CHECK_FALSE(test::contains(bytes, utf16(needle)));
      }
      ++checked;
    }
  }
  CHECK(checked > 1000);
  // The check can fail: the demo users' names are in keyslots by design.
  CHECK(test::contains(files[0], "髙木 誠") != test::contains(files[1], "髙木 誠"));
}

TEST_CASE("init makes a vault, prints the recovery sheet once, and refuses to run twice") {
  REQUIRE(crypto::harden_process().ok());  // as shogo-admin does; doctor checks it
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  {
    Io io("manager pass 1\nsupervisor pass 1\n");
    REQUIRE(provisioning::run_init(dir, "管理 一郎", "総括 花子", 0.5, io.io) == 0);
    const std::string out = io.out_text();
    CHECK(out.find("Recovery key: ") != std::string::npos);
    CHECK(out.find("Argon2id: 256 MiB") != std::string::npos);
  }
  {
    Io io("manager pass 1\nsupervisor pass 1\n");
    CHECK(provisioning::run_init(dir, "管理 一郎", "総括 花子", 0.5, io.io) == 1);
    CHECK(io.err_text().find("already holds a vault") != std::string::npos);
  }
  {
    Io io("");
    const int status = provisioning::run_doctor(dir, "", io.io);
    INFO(io.out_text());
    CHECK(status == 0);
  }
}

TEST_CASE("user add, passwd and disable go through a manager's passphrase") {
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  REQUIRE(provisioning::make_demo_vault(dir, 1, {1, 8 * 1024}).ok());
  {
    Io io("wrong passphrase\n");
    CHECK(provisioning::run_user_add(dir, "髙木 誠", "新人 三郎", "investigator", io.io) == 1);
    CHECK(io.err_text().find("The passphrase is not correct.") != std::string::npos);
  }
  {
    Io io("demo-investigator-1\nnew person pass\n");
    CHECK(provisioning::run_user_add(dir, "佐藤 由美", "新人 三郎", "investigator", io.io) == 1);
    CHECK(io.err_text().find("Only a manager") != std::string::npos);
  }
  {
    Io io("demo-manager-1\nnew person pass\n");
    REQUIRE(provisioning::run_user_add(dir, "髙木 誠", "新人 三郎", "investigator", io.io) == 0);
  }
  {
    Io io("new person pass\nchanged pass 2\n");
    REQUIRE(provisioning::run_user_passwd(dir, "新人 三郎", false, io.io) == 0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_user_disable(dir, "髙木 誠", "新人 三郎", io.io) == 0);
  }
  auto vault = survey::Vault::open(dir);
  REQUIRE(vault.ok());
  const auto names = (*vault)->sign_in_names();
  CHECK(std::find(names.begin(), names.end(), "新人 三郎") == names.end());
}

TEST_CASE("doctor names each problem in plain words and exits 1") {
  REQUIRE(crypto::harden_process().ok());
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  REQUIRE(provisioning::make_demo_vault(dir, 1, {1, 8 * 1024}).ok());
  REQUIRE(chmod(dir.c_str(), 0755) == 0);
  test::write_bytes(dir / "stray.txt", {'x'});
  auto slots = test::read_bytes(dir / "keyslots");
  slots.resize(slots.size() - 10);
  test::write_bytes(dir / "keyslots", slots);
  Io io("");
  CHECK(provisioning::run_doctor(dir, "", io.io) == 1);
  const std::string out = io.out_text();
  CHECK(out.find("can be read by other accounts") != std::string::npos);
  CHECK(out.find("unexpected file") != std::string::npos);
  CHECK(out.find("keyslots: The key file") != std::string::npos);
  INFO(out);
  CHECK(out.find("3 problem(s) found.") != std::string::npos);
}

TEST_CASE("a passphrase never comes from argv: input that ends early is refused") {
  test::TempDir tmp;
  Io io("");
  CHECK(provisioning::run_init(tmp / "vault", "管理 一郎", "総括 花子", 0.5, io.io) == 1);
  CHECK(io.err_text().find("No passphrase was given") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(tmp / "vault" / "keyslots"));
}

TEST_CASE("every shogo-admin action writes its audit event") {
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  {
    Io io("");
    REQUIRE(provisioning::run_demo(dir, 3, /*print_keys=*/true, {}, io.io) == 0);
  }
  {
    Io io("demo-supervisor-1\n");
    provisioning::DesignateArgs draw;
    draw.survey_id = "demo-2026-2";
    draw.system = "JUKINET";
    REQUIRE(provisioning::run_survey_designate(dir, "山\uFA11 道子", draw, /*draw=*/true, io.io) ==
            0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_survey_create(dir, "髙木 誠", "fy2026-3", 2026, "第3回", 12, 10,
                                            io.io) == 0);
  }
  {
    Io io("demo-manager-1\nnew person pass\n");
    REQUIRE(provisioning::run_user_add(dir, "髙木 誠", "新人 三郎", "investigator", io.io) == 0);
  }
  {
    Io io("new person pass\nchanged pass 2\n");
    REQUIRE(provisioning::run_user_passwd(dir, "新人 三郎", false, io.io) == 0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_user_disable(dir, "髙木 誠", "新人 三郎", io.io) == 0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(crypto::harden_process().ok());
    REQUIRE(provisioning::run_doctor(dir, "髙木 誠", io.io) == 0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_audit_verify(dir, "髙木 誠", {}, {}, io.io) == 0);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_audit_export(dir, "髙木 誠", "jsonl", io.io) == 0);
  }
  {
    const auto roster = tmp / "roster.csv";
    std::ofstream(roster, std::ios::binary)
        << "操作者ID,氏名,区分,所属\nS1,架空 一郎,職員,市民課\n";
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_roster_import(dir, "髙木 誠", roster.string(), "", io.io) == 0);
  }
  auto vault = survey::Vault::open(dir);
  REQUIRE(vault.ok());
  const auto pass = test::secure("demo-manager-1");
  REQUIRE((*vault)->unlock("髙木 誠", pass).ok());
  auto events = survey::load_audit_events((*vault)->database());
  REQUIRE(events.ok());
  std::set<std::string> seen;
  for (const auto& e : *events) seen.insert(e.action);
  for (const auto& info : survey::audit_actions()) {
    if (!info.by_admin) continue;
    const std::string action(survey::audit_action_id(info.action));
    INFO(action);
    CHECK(seen.count(action) == 1);
  }
  CHECK(crypto::audit::verify(*events, nullptr, {}).ok);
}

TEST_CASE("audit verify reports the log as it was before the command wrote anything") {
  AuditVault v;
  const auto before = v.events();
  std::string out;
  REQUIRE(v.verify(true, out) == 0);
  INFO(out);
  CHECK(has(out, "ok: " + std::to_string(before.size()) + " events"));
  CHECK(has(out, "head: " + crypto::audit::format_anchor(before.back()) + "\n"));
}

TEST_CASE("audit verify records its sign-in and its result after verifying - a second run passes") {
  AuditVault v;
  const auto before = v.events();
  std::string out;
  REQUIRE(v.verify(true, out) == 0);
  const auto after = v.events();
  std::vector<std::string> added;
  for (std::size_t i = before.size(); i < after.size(); ++i) added.push_back(after[i].action);
  CHECK(added == std::vector<std::string>{"unlock", "sign_in", "audit_verify", "close"});
  REQUIRE(after.size() == before.size() + 4);
  CHECK(after[before.size() + 2].outcome == "ok");
  // The second run sees the first one's events, and the state that follows them.
  REQUIRE(v.verify(true, out) == 0);
  INFO(out);
  CHECK(has(out, "ok: " + std::to_string(after.size()) + " events"));
  CHECK(has(out, "head: " + crypto::audit::format_anchor(after.back()) + "\n"));
  CHECK(has(out, "its key matches the seed"));
  REQUIRE(v.verify(false, out) == 0);
  CHECK(has(out, "key was not checked"));
}

TEST_CASE(
    "with the seed, audit verify catches a cut tail and a rewritten state without an anchor") {
  AuditVault v;
  std::string out;
  REQUIRE(v.verify(true, out) == 0);  // eight events
  const auto events = v.events();
  REQUIRE(events.size() == 8);
  const std::uint64_t last = events.back().seq;
  const auto hash_of = [&](std::uint64_t seq) {
    const auto& h = events[seq - 1].hash;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string x = "x'";
    for (std::uint8_t b : h) x += {kHex[b >> 4], kHex[b & 0x0F]};
    return x + "'";
  };
  const auto set_key = [&](std::uint64_t seq) {  // k_seq, which the seed gives
    auto db = v.db();
    auto st = storage::Statement::prepare(db, "UPDATE audit_state SET mac_key = ?");
    REQUIRE(st.ok());
    const auto k = crypto::audit::audit_key_for(v.seed, seq);
    REQUIRE(st->bind_blob(1, k.bytes()).ok());
    REQUIRE(st->step().ok());
  };
  const std::string at = "FAILED at event ";

  SECTION("the last three events deleted, the state left as it was: seen with or without seed") {
    v.edit("DELETE FROM audit_events WHERE seq > " + std::to_string(last - 3));
    for (bool with_seed : {false, true}) {
      CHECK(v.verify_as_is(with_seed, out) == 1);
      INFO(out);
      CHECK(has(out, at + std::to_string(last - 2) + " (truncated_before_state)"));
    }
  }
  SECTION("the last event deleted and next_seq and head rewound to match: seen with the seed") {
    v.edit("DELETE FROM audit_events WHERE seq = " + std::to_string(last) +
           "; UPDATE audit_state SET next_seq = " + std::to_string(last) +
           ", head = " + hash_of(last - 1));
    CHECK(v.verify_as_is(false, out) == 0);
    CHECK(has(out, "key was not checked"));
    CHECK(v.verify_as_is(true, out) == 1);
    INFO(out);
    CHECK(has(out, at + std::to_string(last) + " (state_key_mismatch)"));
  }
  SECTION("the state's key rewritten to an older one: seen with the seed") {
    set_key(last);
    CHECK(v.verify_as_is(false, out) == 0);
    CHECK(v.verify_as_is(true, out) == 1);
    INFO(out);
    CHECK(has(out, at + std::to_string(last + 1) + " (state_key_mismatch)"));
  }
  SECTION("the whole state rolled back one event: seen with or without the seed") {
    v.edit("UPDATE audit_state SET next_seq = " + std::to_string(last) +
           ", head = " + hash_of(last - 1));
    set_key(last);
    for (bool with_seed : {false, true}) {
      CHECK(v.verify_as_is(with_seed, out) == 1);
      INFO(out);
      CHECK(has(out, at + std::to_string(last) + " (state_behind)"));
    }
  }
  SECTION("the state's head rewritten: seen with or without the seed") {
    v.edit("UPDATE audit_state SET head = " + hash_of(last - 1));
    for (bool with_seed : {false, true}) {
      CHECK(v.verify_as_is(with_seed, out) == 1);
      INFO(out);
      CHECK(has(out, at + std::to_string(last) + " (state_head_mismatch)"));
    }
  }
  SECTION("the state deleted: seen with or without the seed") {
    v.edit("DELETE FROM audit_state");
    for (bool with_seed : {false, true}) {
      CHECK(v.verify_as_is(with_seed, out) == 1);
      INFO(out);
      CHECK(has(out, at + std::to_string(last) + " (state_missing)"));
    }
  }
}

TEST_CASE("what the vault holds reaches a terminal and a spreadsheet as text, never as commands",
          "[output]") {
  AuditVault v;
  {
    auto vault = survey::Vault::open(v.dir);
    REQUIRE(vault.ok());
    const auto m = test::secure("manager pass 1");
    REQUIRE((*vault)->unlock(AuditVault::kManager, m).ok());
    // A title that would clear the screen, retitle the window and recolour
    // (ESC, BEL and the one-byte CSI U+009B), and a user named as a formula.
    const std::string title =
        "\x1b[2J\x1b]0;owned\x07題名\xc2\x9b"
        "31m";
    REQUIRE((*vault)->surveys().create(AuditVault::kManager, "2026-1", 2026, title).ok());
    const auto p = test::secure("formula pass 1");
    REQUIRE((*vault)
                ->users()
                .add(AuditVault::kManager,
                     {"=HYPERLINK(\"http://example.invalid\")", survey::Role::investigator, &p},
                     {1, 8 * 1024})
                .ok());
    REQUIRE((*vault)->unlock("=HYPERLINK(\"http://example.invalid\")", p).ok());  // the actor
  }
  {
    Io io("manager pass 1\n");
    REQUIRE(provisioning::run_survey_show(v.dir, AuditVault::kManager, "2026-1", io.io) == 0);
    const std::string out = io.out_text();
    INFO(out);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find("\xc2\x9b") == std::string::npos);
    CHECK(has(out, "\\x1b[2J\\x1b]0;owned\\x07題名\\u009b31m"));
  }
  {
    Io io("manager pass 1\n");
    REQUIRE(provisioning::run_audit_export(v.dir, AuditVault::kManager, "csv", io.io) == 0);
    const std::string out = io.out_text();
    CHECK(has(out, "\"'=HYPERLINK("));
    CHECK_FALSE(has(out, ",\"=HYPERLINK("));
  }
  CHECK(provisioning::csv_cell("-1") == "\"'-1\"");
  CHECK(provisioning::csv_cell("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(provisioning::csv_cell("管理 一郎") == "\"管理 一郎\"");
  CHECK(provisioning::printable("題名\x7f") == "題名\\x7f");
}

TEST_CASE("a dry run lists the first 1000 problems and counts the rest, and refuses a FIFO",
          "[import]") {
  test::TempDir tmp;
  const auto file = tmp / "bad-dates.csv";
  {
    std::ofstream out(file, std::ios::binary);
    out << "操作日時,端末ID,操作者ID,業務名,処理区分,検索条件,対象者氏名,対象者カナ,生年月日,"
           "住所\n";
    for (int i = 0; i < 1500; ++i) {
      out << "2026-13-45 09:01:30,JK-S01-01,C3295,住民記録,照会,氏名,佐藤 治,サトウ オサム,"
             "1926-10-01,本町1-2-3\n";
    }
  }
  provisioning::ImportArgs args;
  args.dry_run = true;
  args.json = true;
  args.system = "JUKI";
  args.sheet = "juki-access-log";
  args.file = file.string();
  {
    Io io("");
    CHECK(provisioning::run_import(args, io.io) == 1);  // rows could not be read
    const std::string out = io.out_text();
    const auto last = out.rfind("{\"summary\"");
    REQUIRE(last != std::string::npos);
    const auto summary = nlohmann::json::parse(out.substr(last))["summary"];
    CHECK(summary["problems"].size() == 1000);
    CHECK(summary["problems_not_listed"] == 500);
  }
  const auto fifo = tmp / "fifo.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  args.file = fifo.string();
  Io io("");
  CHECK(provisioning::run_import(args, io.io) == 1);  // at once: it used to block for ever
  CHECK(has(io.err_text(), "not an ordinary file"));
}

TEST_CASE(
    "doctor names orphan survey files, surveys without a file, and interrupted "
    "transactions, and never advises deleting a journal",
    "[doctor]") {
  AuditVault v;
  {
    auto vault = survey::Vault::open(v.dir);
    REQUIRE(vault.ok());
    const auto m = test::secure("manager pass 1");
    REQUIRE((*vault)->unlock(AuditVault::kManager, m).ok());
    REQUIRE((*vault)->surveys().create(AuditVault::kManager, "2026-1", 2026, "t").ok());
    REQUIRE((*vault)->surveys().create(AuditVault::kManager, "2026-2", 2026, "t").ok());
  }
  const auto surveys = v.dir / "surveys";
  std::filesystem::copy_file(surveys / "2026-1.db", surveys / "2025-9.db");  // no row
  std::filesystem::remove(surveys / "2026-2.db");                            // no file
  test::write_bytes(v.dir / "vault.db-journal", std::vector<std::uint8_t>(512, 0));
  Io io("manager pass 1\n");
  REQUIRE(crypto::harden_process().ok());
  CHECK(provisioning::run_doctor(v.dir, AuditVault::kManager, io.io) == 1);
  const std::string out = io.out_text();
  INFO(out);
  CHECK(has(out, "PROBLEM  surveys/2025-9.db belongs to no survey in vault.db (an orphan)"));
  CHECK(has(out, "PROBLEM  survey 2026-2 has no file in surveys/"));
  CHECK(has(out, "PROBLEM  vault.db-journal: a transaction of vault.db was interrupted"));
  CHECK_FALSE(has(out, "unexpected file is in the vault folder: vault.db-journal"));
  CHECK(has(out, "survey 2026-1 opens and passes the integrity check"));
}

TEST_CASE("audit verify and export follow the kiosk's rule: an investigator does not read the log",
          "[roles]") {
  AuditVault v;
  {
    auto vault = survey::Vault::open(v.dir);
    REQUIRE(vault.ok());
    const auto m = test::secure("manager pass 1");
    REQUIRE((*vault)->unlock(AuditVault::kManager, m).ok());
    const auto i = test::secure("investigator pass 1");
    REQUIRE(
        (*vault)
            ->users()
            .add(AuditVault::kManager, {"調査 次郎", survey::Role::investigator, &i}, {1, 8 * 1024})
            .ok());
  }
  {
    Io io("investigator pass 1\n");
    CHECK(provisioning::run_audit_verify(v.dir, "調査 次郎", {}, {}, io.io) == 1);
    CHECK(has(io.err_text(), "reads the audit log"));
    CHECK(io.out_text().find("ok:") == std::string::npos);
  }
  {
    Io io("investigator pass 1\n");
    CHECK(provisioning::run_audit_export(v.dir, "調査 次郎", "jsonl", io.io) == 1);
    CHECK(io.out_text().empty());  // not one event
  }
  Io io("manager pass 1\n");
  CHECK(provisioning::run_audit_export(v.dir, AuditVault::kManager, "jsonl", io.io) == 0);
  CHECK(has(io.out_text(), "\"action\":\"user_add\""));
}

TEST_CASE(
    "P4 roster import replaces the vault's roster, audited and replayed, and its errors name row "
    "and column") {
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  {
    Io io("");
    REQUIRE(provisioning::run_demo(dir, 3, /*print_keys=*/false, {}, io.io) == 0);
  }
  const auto file = tmp / "roster.csv";
  auto write = [&](const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  };
  write(
      "操作者ID,氏名,区分,所属,Shogo利用者\n"
      "S0101,架空 一郎,職員,住民情報課,\n"
      "S0102,佐藤 由美,職員,住民情報課,佐藤 由美\n"
      "C0301,見本 次郎,委託,見本サービス株式会社,\n");
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_roster_import(dir, "髙木 誠", file.string(), "", io.io) == 0);
    CHECK(io.out_text().find("3 operators (2 staff, 0 of other divisions, 1 contractors'") !=
          std::string::npos);
  }
  {
    Io io("demo-manager-1\n");
    REQUIRE(provisioning::run_roster_show(dir, "髙木 誠", io.io) == 0);
    CHECK(io.out_text().find("S0102\t佐藤 由美\tstaff\t住民情報課\t佐藤 由美") !=
          std::string::npos);
    CHECK(io.out_text().find("3 operators.") != std::string::npos);
  }
  // An error names the file, the row and the column; the roster stays as it was.
  write("操作者ID,氏名,区分,所属\nS1,架空 一郎,職員,住民情報課\nS2,架空 二郎,正職員,住民情報課\n");
  {
    Io io("demo-manager-1\n");
    CHECK(provisioning::run_roster_import(dir, "髙木 誠", file.string(), "", io.io) == 1);
    CHECK(io.err_text().find("roster.csv, row 3, column 区分: The kind of this row") !=
          std::string::npos);
  }
  write("操作者ID,氏名,区分,所属,Shogo利用者\nS1,架空 一郎,職員,住民情報課,無名 太郎\n");
  {
    Io io("demo-manager-1\n");
    CHECK(provisioning::run_roster_import(dir, "髙木 誠", file.string(), "", io.io) == 1);
    CHECK(io.err_text().find("row 2: A row of the roster names a Shogo user") != std::string::npos);
  }
  {
    Io io("demo-investigator-1\n");  // not a manager
    write("操作者ID,氏名,区分,所属\nS1,架空 一郎,職員,住民情報課\n");
    CHECK(provisioning::run_roster_import(dir, "佐藤 由美", file.string(), "", io.io) == 1);
    CHECK(io.err_text().find("Only the manager imports the operator roster.") != std::string::npos);
  }
  auto vault = survey::Vault::open(dir);
  REQUIRE(vault.ok());
  REQUIRE((*vault)->unlock("髙木 誠", test::secure("demo-manager-1")).ok());  // replays the chain
  auto roster = survey::load_roster(**vault);
  REQUIRE(roster);
  REQUIRE(roster->size() == 3);
  CHECK((*roster)[2].user_id == "佐藤 由美");  // by id: C0301, S0101, S0102
  auto events = survey::load_audit_events((*vault)->database());
  REQUIRE(events);
  const auto imports = std::count_if(events->begin(), events->end(), [](const auto& e) {
    return e.action == "roster_import" && e.outcome == "ok";
  });
  CHECK(imports == 2);  // the demo's, and this one
  const auto& last = *std::find_if(events->rbegin(), events->rend(),
                                   [](const auto& e) { return e.action == "roster_import"; });
  CHECK(last.detail.find("+operators/S0102=") != std::string::npos);  // the new values, for replay
  CHECK(last.detail.find("-operators/") != std::string::npos);        // the demo's rows removed
}
