// A survey begins (P6.3, P6.4, P6.2): designation in the register, import of
// the synthetic ward's sheets into a real vault, counting. Real SQLCipher files,
// real Argon2id at a small cost.
#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <set>
#include <thread>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/designation.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using namespace shogo::survey;
namespace imp = shogo::storage::import;

namespace {

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kSurvey = "fy2026-1";
constexpr Date kToday{2026, 11, 28};

class FixedRandom final : public RandomSource {
 public:
  std::uint32_t uniform(std::uint32_t upper_bound) override { return 7 % upper_bound; }
};

struct Fixture {
  test::TempDir tmp;
  std::filesystem::path dir = tmp / "vault";
  synthetic::Ward ward = synthetic::generate_ward();
  std::int64_t now = 1795000000;  // the vault's clock: every time it writes comes from it
  std::unique_ptr<Vault> vault;
  std::vector<synthetic::SheetFile> sheets;

  Fixture() {
    const auto m = test::secure("manager passphrase");
    const auto s = test::secure("supervisor passphrase");
    REQUIRE(Vault::create(dir, {{kManager, Role::manager, &m}, {kSupervisor, Role::supervisor, &s}},
                          kCheap, false));
    auto v = Vault::open(dir, [this] { return now; });
    REQUIRE(v);
    vault = std::move(*v);
    REQUIRE(vault->unlock(kManager, m));
    REQUIRE(vault->unlock(kSupervisor, s));
    for (const auto& site : ward.sites) REQUIRE(add_site(*vault, kManager, site));
    for (const auto& t : ward.terminals) REQUIRE(add_terminal(*vault, kManager, t));
    REQUIRE(vault->surveys().create(kManager, kSurvey, 2026, "令和8年度 第1回"));
    std::filesystem::create_directory(tmp / "sheets");
    auto written = synthetic::write_reference_sheets(ward.access_log, tmp / "sheets");
    REQUIRE(written);
    sheets = std::move(*written);
  }

  std::filesystem::path sheet(imp::SheetKind kind) const {
    for (const auto& s : sheets)
      if (s.kind == kind) return s.file;
    FAIL("no such sheet");
    return {};
  }

  // Every terminal of the system, the ward's day, `from`–`to`.
  Designation window(System system, TimeOfDay from, TimeOfDay to) const {
    Designation d;
    d.date = ward.sites.empty() ? Date{} : synthetic::WardOptions{}.day;
    d.from = from;
    d.to = to;
    for (const auto& t : ward.terminals)
      if (t.system == system) d.terminal_ids.push_back(t.id);
    return d;
  }

  void designate_ok(System system, TimeOfDay from, TimeOfDay to) {
    auto outcome =
        designate(*vault, kSupervisor, kSurvey, system, window(system, from, to), {}, kToday);
    REQUIRE(outcome);
    REQUIRE(outcome->stored);
  }

  // Rows of the ward a designation should keep (half-open window, P6.3.b).
  std::size_t expected_rows(imp::SheetKind kind, TimeOfDay from, TimeOfDay to) const {
    return static_cast<std::size_t>(
        std::count_if(ward.access_log.begin(), ward.access_log.end(), [&](const AccessLogRow& r) {
          return synthetic::sheet_kind_for(r) == kind && r.time >= from && r.time < to;
        }));
  }

  ImportRequest request(imp::SheetKind kind) const {
    ImportRequest r;
    r.survey_id = kSurvey;
    r.kind = kind;
    r.file = sheet(kind);
    return r;
  }

  std::int64_t stored_rows() {
    auto db = vault->surveys().open(kSurvey);
    REQUIRE(db);
    REQUIRE(prepare_survey_file(*db));
    return db->query_int("SELECT count(*) FROM access_rows").value();
  }
  std::int64_t audit_count(std::string_view action) {
    auto events = load_audit_events(vault->database());
    REQUIRE(events);
    return std::count_if(events->begin(), events->end(),
                         [&](const auto& e) { return e.action == action && e.outcome == "ok"; });
  }
};

}  // namespace

TEST_CASE("P6.3 only the supervisor designates and a designated survey moves to designated") {
  Fixture f;
  auto by_manager = designate(*f.vault, kManager, kSurvey, System::juki,
                              f.window(System::juki, {9, 0, 0}, {9, 30, 0}), {}, kToday);
  REQUIRE_FALSE(by_manager);
  CHECK(by_manager.error().code == "survey.not_supervisor");
  CHECK(find_survey(*f.vault, kSurvey)->state == SurveyState::draft);

  f.designate_ok(System::juki, {9, 0, 0}, {9, 30, 0});
  CHECK(find_survey(*f.vault, kSurvey)->state == SurveyState::designated);
  CHECK(f.audit_count("designate") == 1);
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  CHECK_THAT(events->back().detail,
             Catch::Contains("system=JUKI date=2026-11-18 window=09:00-09:30 terminals=JK-"));
}

TEST_CASE("P6.3.b a short window is refused and nothing is stored") {
  Fixture f;
  auto outcome = designate(*f.vault, kSupervisor, kSurvey, System::juki,
                           f.window(System::juki, {9, 0, 0}, {9, 14, 0}), {}, kToday);
  REQUIRE(outcome);
  CHECK_FALSE(outcome->stored);
  REQUIRE_FALSE(outcome->check.errors.empty());
  CHECK(outcome->check.errors[0].code == "designation.short_window");
  CHECK(load_designations(*f.vault, kSurvey)->history.empty());
  CHECK(f.audit_count("designate") == 0);
}

TEST_CASE("P6.3 note a KOSEKI date over a month back needs the supervisor's acknowledgement") {
  Fixture f;
  auto d = f.window(System::koseki, {9, 0, 0}, {9, 30, 0});
  d.date = Date{2026, 9, 1};
  auto first = designate(*f.vault, kSupervisor, kSurvey, System::koseki, d, {}, kToday);
  REQUIRE(first);
  CHECK_FALSE(first->stored);
  REQUIRE(first->check.warnings.size() == 1);
  CHECK(first->check.warnings[0].code == "designation.koseki_old_date");
  auto second = designate(*f.vault, kSupervisor, kSurvey, System::koseki, d,
                          {"designation.koseki_old_date"}, kToday);
  REQUIRE(second);
  CHECK(second->stored);
  CHECK(second->seq == 1);
}

TEST_CASE("P6.3 the appliance's draw is in the audit log before any import") {
  Fixture f;
  FixedRandom random;
  auto drawn = draw_and_designate(*f.vault, kSupervisor, kSurvey, System::jukinet, kToday, random);
  REQUIRE(drawn);
  REQUIRE(drawn->stored);
  CHECK(drawn->designation.drawn);
  CHECK(f.audit_count("designation_draw") == 1);
  const auto set = load_designations(*f.vault, kSurvey);
  REQUIRE(set->history.size() == 1);
  CHECK(set->history[0].designation.drawn);
  CHECK(set->history[0].designation.date < kToday);
  // One terminal per site (P6.3.c).
  CHECK(set->history[0].designation.terminal_ids.size() == f.ward.sites.size());
}

TEST_CASE("operating days are weekdays before today without the new-year holidays") {
  const auto days = operating_days(Date{2027, 1, 10});
  REQUIRE_FALSE(days.empty());
  CHECK(days.back() == Date{2027, 1, 8});  // a Friday; 9 and 10 January 2027 are a weekend
  CHECK(std::none_of(days.begin(), days.end(), [](Date d) {
    return (d.month == 12 && d.day >= 29) || (d.month == 1 && d.day <= 3);
  }));
  CHECK(std::find(days.begin(), days.end(), Date{2026, 12, 28}) != days.end());  // a Monday
}

TEST_CASE("P6.4 an import stores exactly the rows inside the designation") {
  Fixture f;
  f.designate_ok(System::juki, {9, 0, 0}, {10, 0, 0});
  const auto kind = imp::SheetKind::juki_access_log;
  auto preview = preview_import(*f.vault, f.request(kind));
  REQUIRE(preview);
  const auto expected = f.expected_rows(kind, {9, 0, 0}, {10, 0, 0});
  REQUIRE(expected > 0);
  CHECK(preview->counts.kept == expected);
  CHECK(preview->counts.dropped_time > 0);
  CHECK(preview->counts.problems == 0);
  CHECK(f.stored_rows() == 0);  // a preview stores nothing

  auto report = import_sheet(*f.vault, kManager, f.request(kind));
  REQUIRE(report);
  CHECK(report->stored == expected);
  CHECK(f.stored_rows() == static_cast<std::int64_t>(expected));
  CHECK(report->sha256.size() == 64);
  CHECK(f.audit_count("sheet_import") == 1);
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  CHECK_THAT(events->back().detail, Catch::Contains("sha256=" + report->sha256));
  CHECK_THAT(events->back().detail, Catch::Contains("kept=" + std::to_string(expected)));
  // Never the content: no resident of the ward appears in any event.
  for (const auto& e : *events)
    for (const auto& r : f.ward.residents) REQUIRE(e.detail.find(r.name) == std::string::npos);
  {
    // P6.5.b: what each operator typed is kept with the row, in the survey file.
    auto db = f.vault->surveys().open(kSurvey);
    REQUIRE(db);
    CHECK(db->query_int("SELECT count(*) FROM access_rows WHERE search_condition LIKE "
                        "'カナ=%' || resident_kana || '%'")
              .value() == static_cast<std::int64_t>(expected));
  }

  SECTION("the same file is not imported twice") {
    auto again = import_sheet(*f.vault, kManager, f.request(kind));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == "import.already_imported");
    CHECK(f.stored_rows() == static_cast<std::int64_t>(expected));
  }
  SECTION("P6.3.d after a re-designation only rows not stored yet are added") {
    f.designate_ok(System::juki, {9, 30, 0}, {11, 0, 0});
    auto again = import_sheet(*f.vault, kManager, f.request(kind));
    REQUIRE(again);
    const auto union_rows = f.expected_rows(kind, {9, 0, 0}, {11, 0, 0});
    CHECK(again->already_stored == expected);
    CHECK(again->stored == union_rows - expected);
    CHECK(f.stored_rows() == static_cast<std::int64_t>(union_rows));
  }
}

TEST_CASE("P6.3 before P6.4 a system without designation cannot be imported") {
  Fixture f;
  auto before = import_sheet(*f.vault, kManager, f.request(imp::SheetKind::cs_operations));
  REQUIRE_FALSE(before);
  CHECK(before.error().code == "survey.wrong_state");
  f.designate_ok(System::juki, {9, 0, 0}, {10, 0, 0});
  auto other = import_sheet(*f.vault, kManager, f.request(imp::SheetKind::cs_operations));
  REQUIRE_FALSE(other);
  CHECK(other.error().code == "import.not_designated");
  auto by_supervisor =
      import_sheet(*f.vault, kSupervisor, f.request(imp::SheetKind::juki_access_log));
  REQUIRE_FALSE(by_supervisor);
  CHECK(by_supervisor.error().code == "import.not_manager");
}

TEST_CASE("P6.4 a file that fails part-way leaves nothing behind") {
  Fixture f;
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  // The real sheet, then a broken quote near the end: a CSV error after
  // thousands of rows were inserted inside the transaction.
  const auto original = test::read_bytes(f.sheet(imp::SheetKind::juki_access_log));
  std::string bytes(original.begin(), original.end());
  bytes += "2026/11/18 10:00:00,JK-S01-01,K10001,\"broken";
  const auto broken = f.tmp / "broken.csv";
  std::ofstream(broken, std::ios::binary) << bytes;
  auto r = f.request(imp::SheetKind::juki_access_log);
  r.file = broken;
  ImportFailure at;
  auto report = import_sheet(*f.vault, kManager, r, &at);
  REQUIRE_FALSE(report);
  CHECK(report.error().code == "import.csv_unterminated_quote");
  CHECK(at.row > 100);
  CHECK(f.stored_rows() == 0);
  CHECK(f.vault->database().query_int("SELECT count(*) FROM imports").value() == 0);
  CHECK(f.audit_count("sheet_import") == 0);
  // The failure itself is in the audit log, with its code.
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  CHECK(events->back().outcome == "import.csv_unterminated_quote");
}

TEST_CASE("P6.4 rows with problems are never dropped silently") {
  Fixture f;
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  const auto original = test::read_bytes(f.sheet(imp::SheetKind::juki_access_log));
  std::string bytes(original.begin(), original.end());
  bytes +=
      "2026/11/18 10:00:00,JK-S01-01,K10001,住民記録照会,照会,,試験 太郎,シケン タロウ,"
      "1970/02/30,試験県\r\n";
  const auto file = f.tmp / "with-problem.csv";
  std::ofstream(file, std::ios::binary) << bytes;
  auto r = f.request(imp::SheetKind::juki_access_log);
  r.file = file;
  auto preview = preview_import(*f.vault, r);
  REQUIRE(preview);
  REQUIRE(preview->problems.size() == 1);
  CHECK(preview->problems[0].column == "生年月日");

  auto refused = import_sheet(*f.vault, kManager, r);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "import.has_problems");
  CHECK(f.stored_rows() == 0);

  r.accept_problems = true;
  auto accepted = import_sheet(*f.vault, kManager, r);
  REQUIRE(accepted);
  CHECK(accepted->counts.problems == 1);
  CHECK(f.stored_rows() == static_cast<std::int64_t>(accepted->counts.kept));
  CHECK(f.vault->database()
            .query_int("SELECT count(*) FROM import_problems WHERE column_name = '生年月日'")
            .value() == 1);
}

TEST_CASE("P10.5 a JUKINET sheet passes the source check first") {
  Fixture f;
  f.designate_ok(System::jukinet, {9, 0, 0}, {12, 0, 0});
  auto r = f.request(imp::SheetKind::cs_operations);
  int calls = 0;
  r.jukinet_source_check = [&](const std::filesystem::path&) -> Status {
    ++calls;
    return Error{"media.not_registered", "not the registered survey USB memory"};
  };
  auto refused = import_sheet(*f.vault, kManager, r);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "media.not_registered");
  CHECK(calls == 1);
  r.jukinet_source_check = {};
  CHECK(import_sheet(*f.vault, kManager, r));
}

TEST_CASE("P6.2 counts per system come from the stored rows") {
  Fixture f;
  f.designate_ok(System::koseki, {8, 30, 0}, {17, 0, 0});
  f.designate_ok(System::juki, {8, 30, 0}, {17, 0, 0});
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::koseki_issuance)));
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::juki_access_log)));
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::juki_online_forms)));
  auto counts = count_survey(*f.vault, kSurvey);
  REQUIRE(counts);
  REQUIRE(counts->size() == 3);
  const auto& koseki = (*counts)[0];
  const auto& jukinet = (*counts)[2];
  CHECK(koseki.designated);
  CHECK(koseki.rows == f.expected_rows(imp::SheetKind::koseki_issuance, {8, 30, 0}, {17, 0, 0}));
  CHECK(koseki.persons >= 10);
  CHECK(koseki.enough());
  CHECK(koseki.accesses >= koseki.persons);
  CHECK_FALSE(jukinet.designated);
  CHECK(jukinet.persons == 0);
  CHECK_FALSE(jukinet.enough());
}

TEST_CASE("P6.4 an import killed at any moment leaves its rows and its event or neither") {
  Fixture f;
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  // A bigger file each round (another SHA-256: a last line saying which round),
  // so that kills land before, inside and after the commit.
  auto write_big = [&](int round) {
    const auto big = f.tmp / ("big-" + std::to_string(round) + ".csv");
    std::ofstream out(big, std::ios::binary);
    synthetic::write_sheet_header(out, imp::SheetKind::juki_access_log);
    std::uint64_t n = 0;
    for (int copy = 0; copy < 30; ++copy)
      for (const auto& row : f.ward.access_log)
        if (synthetic::sheet_kind_for(row) == imp::SheetKind::juki_access_log)
          synthetic::write_sheet_row(out, imp::SheetKind::juki_access_log, row, ++n);
    out << "合計," << round << "\r\n";
    return big;
  };
  f.vault->close(kManager, "test");
  auto run_child = [&](const std::filesystem::path& file) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      auto v = Vault::open(f.dir);
      if (!v || !(*v)->unlock(kManager, test::secure("manager passphrase"))) ::_exit(3);
      ImportRequest r;
      r.survey_id = kSurvey;
      r.kind = imp::SheetKind::juki_access_log;
      r.file = file;
      ::_exit(import_sheet(**v, kManager, r) ? 0 : 4);
    }
    return pid;
  };
  // Round 0 runs to the end and says how long an import takes.
  const auto started = std::chrono::steady_clock::now();
  const pid_t first = run_child(write_big(0));
  int status = 0;
  ::waitpid(first, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto full = std::chrono::steady_clock::now() - started;
  const double fractions[] = {0.3, 0.7, 0.85, 0.92, 0.96, 0.98, 1.0, 1.02, 1.05, 1.1};
  int round = 0;
  for (double fraction : fractions) {
    ++round;
    const pid_t pid = run_child(write_big(round));
    std::this_thread::sleep_for(
        std::chrono::duration_cast<std::chrono::microseconds>(full * fraction));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    auto v = Vault::open(f.dir);
    REQUIRE(v);
    REQUIRE((*v)->unlock(kManager, test::secure("manager passphrase")));
    auto& vault = **v;
    const auto imports = vault.database().query_int("SELECT count(*) FROM imports").value();
    const auto kept =
        vault.database().query_int("SELECT coalesce(sum(kept), 0) FROM imports").value();
    auto events = load_audit_events(vault.database());
    REQUIRE(events);
    const auto import_events = std::count_if(events->begin(), events->end(), [](const auto& e) {
      return e.action == "sheet_import" && e.outcome == "ok";
    });
    auto db = vault.surveys().open(kSurvey);
    REQUIRE(db);
    const auto rows = db->query_int("SELECT count(*) FROM access_rows").value();
    INFO("round " << round << " at " << fraction << " of a full import");
    CHECK(import_events == imports);
    CHECK(rows == kept);
    REQUIRE(vault.database().integrity_check());
    REQUIRE(db->integrity_check());
    vault.close(kManager, "test");
  }
}

TEST_CASE("P6.4 an import that fills the disk fails plainly and loses nothing") {
  // RLIMIT_FSIZE in a forked child (SIGXFSZ ignored): the survey's file cannot
  // grow past a few pages, so the import's transaction fails part-way.
  Fixture f;
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  f.vault->close(kManager, "test");
  const auto survey_file = f.dir / "surveys" / (kSurvey + ".db");
  const auto limit_bytes = std::filesystem::file_size(survey_file) + 4 * 4096;
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::signal(SIGXFSZ, SIG_IGN);
    auto v = Vault::open(f.dir);
    if (!v || !(*v)->unlock(kManager, test::secure("manager passphrase"))) ::_exit(3);
    const rlimit limit{limit_bytes, limit_bytes};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(4);
    auto report = import_sheet(**v, kManager, f.request(imp::SheetKind::juki_access_log));
    const std::string code = report ? "ok" : report.error().code;
    (void)!::write(pipe_fds[1], code.data(), code.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  char buffer[64] = {};
  const auto n = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0) == "db.full");
  // Without the limit: nothing of the import, and the vault works on.
  auto v = Vault::open(f.dir);
  REQUIRE(v);
  REQUIRE((*v)->unlock(kManager, test::secure("manager passphrase")));
  CHECK((*v)->database().query_int("SELECT count(*) FROM imports").value() == 0);
  {
    auto db = (*v)->surveys().open(kSurvey);
    REQUIRE(db);
    CHECK(db->query_int("SELECT count(*) FROM access_rows").value() == 0);
    CHECK(db->integrity_check());
  }
  CHECK((*v)->database().integrity_check());
  auto again = import_sheet(**v, kManager, f.request(imp::SheetKind::juki_access_log));
  REQUIRE(again);
  CHECK(again->stored > 0);
}

TEST_CASE("P6.2 the manager sets how persons are counted and the counts follow") {
  Fixture f;
  CHECK(set_counting_rules(*f.vault, kSupervisor, kSurvey, 12, 10).error().code ==
        "survey.not_manager");
  CHECK(set_counting_rules(*f.vault, kManager, kSurvey, 0, 10).error().code ==
        "survey.bad_setting");
  REQUIRE(set_counting_rules(*f.vault, kManager, kSurvey, 500, 0));
  const auto survey = find_survey(*f.vault, kSurvey);
  REQUIRE(survey);
  CHECK(survey->min_persons == 500);
  CHECK(survey->group_gap_minutes == 0);
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::juki_access_log)));
  auto counts = count_survey(*f.vault, kSurvey);
  REQUIRE(counts);
  const auto& juki = (*counts)[1];
  CHECK(juki.required == 500);
  CHECK_FALSE(juki.enough());  // the ward has fewer than 500 persons in a day's sheet
  // A gap of 0 minutes: rows of one series at different seconds are separate accesses.
  REQUIRE(set_counting_rules(*f.vault, kManager, kSurvey, 10, 60));
  auto wider = count_survey(*f.vault, kSurvey);
  REQUIRE(wider);
  CHECK((*wider)[1].accesses < juki.accesses);
  CHECK((*wider)[1].persons == juki.persons);
  CHECK(f.audit_count("survey_settings") == 2);
}

TEST_CASE("P6.4 a site profile may rename columns but not move a sheet to another system") {
  Fixture f;
  f.designate_ok(System::juki, {8, 30, 0}, {17, 15, 0});
  auto profile = imp::parse_profile(imp::reference_profile(imp::SheetKind::juki_access_log));
  REQUIRE(profile);
  auto r = f.request(imp::SheetKind::juki_access_log);
  r.profile = *profile;
  r.profile->system = shogo::System::koseki;
  auto refused = import_sheet(*f.vault, kManager, r);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "import.profile_system");
  // The same profile as the reference reads as the reference in the audit log.
  r.profile = *profile;
  REQUIRE(import_sheet(*f.vault, kManager, r));
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  CHECK_THAT(std::string(detail_base(events->back().detail)), Catch::EndsWith("profile=reference"));
}

TEST_CASE("P6.1 only a manager creates a survey and its file has the survey schema") {
  Fixture f;
  auto by_supervisor = f.vault->surveys().create(kSupervisor, "fy2026-9", 2026, "x");
  REQUIRE_FALSE(by_supervisor);
  CHECK(by_supervisor.error().code == "survey.not_manager");
  CHECK_FALSE(std::filesystem::exists(f.dir / "surveys" / "fy2026-9.db"));
  auto made = f.vault->surveys().create(kManager, "fy2026-9", 2026, "x");
  REQUIRE(made);
  CHECK(made->query_int("SELECT count(*) FROM sources").value() == 0);
  CHECK(find_survey(*f.vault, "fy2026-9")->state == SurveyState::draft);
}

TEST_CASE("one clock: every time the survey writes comes from the vault's clock, across days") {
  Fixture f;
  const std::int64_t made = f.now;
  f.now += 2 * 86400 + 3600;  // two days and an hour later: the designation
  const std::int64_t designated = f.now;
  f.designate_ok(System::juki, {9, 0, 0}, {10, 0, 0});
  f.now += 86400 + 18 * 3600;  // the next day, after the end of the day: the import
  const std::int64_t imported = f.now;
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::juki_access_log)));
  auto value = [&](const char* sql) {
    auto st = storage::Statement::prepare(f.vault->database(), sql);
    REQUIRE(st);
    auto row = st->step();
    REQUIRE(row);
    REQUIRE(*row);
    return st->column_int64(0);
  };
  CHECK(value("SELECT created_at FROM surveys") == made);
  CHECK(value("SELECT made_at FROM designations") == designated);
  CHECK(value("SELECT imported_at FROM imports") == imported);
  CHECK(value("SELECT max(last_sign_in_at) FROM users") == made);
}

TEST_CASE("P6.4 only an ordinary file is imported: a link or a FIFO is refused at once") {
  Fixture f;
  f.designate_ok(System::juki, {9, 0, 0}, {10, 0, 0});
  const auto sheet = f.sheet(imp::SheetKind::juki_access_log);
  const auto link = sheet.parent_path() / "link-to-sheet.csv";
  std::filesystem::create_symlink(sheet, link);
  auto r = f.request(imp::SheetKind::juki_access_log);
  r.file = link;
  auto linked = import_sheet(*f.vault, kManager, r);
  REQUIRE_FALSE(linked);
  CHECK(linked.error().code == "import.not_regular_file");
  // A FIFO used to block the reader for ever (the test would time out).
  const auto fifo = sheet.parent_path() / "fifo.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r.file = fifo;
  auto piped = import_sheet(*f.vault, kManager, r);
  REQUIRE_FALSE(piped);
  CHECK(piped.error().code == "import.not_regular_file");
  CHECK(f.stored_rows() == 0);
  // The sheet itself imports.
  r.file = sheet;
  CHECK(import_sheet(*f.vault, kManager, r));
}

TEST_CASE(
    "P4 the overview names the operator ids of a survey's rows that the roster does not know") {
  Fixture f;
  f.designate_ok(System::juki, {9, 0, 0}, {10, 0, 0});
  REQUIRE(import_sheet(*f.vault, kManager, f.request(imp::SheetKind::juki_access_log)));
  auto juki = [&] {
    auto counts = count_survey(*f.vault, kSurvey);
    REQUIRE(counts);
    for (const auto& c : *counts)
      if (c.system == System::juki) return c;
    FAIL("no JUKI count");
    return SystemCount{};
  };
  // No roster yet: every operator of the rows is unknown.
  std::set<std::string> operators;
  for (const auto& r : f.ward.access_log) {
    if (synthetic::sheet_kind_for(r) == imp::SheetKind::juki_access_log &&
        r.time >= survey::TimeOfDay{9, 0, 0} && r.time < survey::TimeOfDay{10, 0, 0}) {
      operators.insert(r.operator_id);
    }
  }
  REQUIRE_FALSE(operators.empty());
  CHECK(juki().unknown_operators == std::vector<std::string>(operators.begin(), operators.end()));
  // The ward's roster, but for one of them.
  const std::string missing = *operators.begin();
  std::vector<imp::RosterEntry> roster;
  for (const auto& op : f.ward.operators) {
    if (op.id == missing) continue;
    imp::RosterEntry e;
    e.row = roster.size() + 2;
    e.operator_id = op.id;
    e.name = op.display_name;
    e.kind = op.kind;
    e.affiliation = "住民情報課";
    roster.push_back(e);
  }
  REQUIRE(replace_roster(*f.vault, kManager, roster));
  CHECK(juki().unknown_operators == std::vector<std::string>{missing});
  CHECK_FALSE(replace_roster(*f.vault, kSupervisor, roster));  // a manager's act only
}
