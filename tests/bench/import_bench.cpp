// Import speed and memory against the sqlite3 command-line tool, measured in
// the same run (CONTRIBUTING.md: benchmarks print ratios against a baseline
// and assert nothing). The goals: a 1,000,000-row CSV imported
// into an encrypted survey at no less than the rows per second of sqlite3's
// `.import` of the same file into an unencrypted database, and memory growth
// while importing under 100 MB.
//
// What it does:
//   1. writes one 住基アクセスログ内部監査 sheet (--rows N, default 1,000,000)
//      from the synthetic ward's JUKI access rows, repeated with times spread
//      over 08:30–17:15 of the ward's day, so the designation keeps every row;
//   2. per run, a fresh vault (cheap KDF), the ward's sites and terminals, a
//      survey designated 08:30–17:15 on every JUKI terminal, then times
//      import_sheet() of the file;
//   3. the baseline: `sqlite3 FILE.sqlite` with `.import --skip 3` of the same
//      file into a fresh database, a table of the sheet's 10 columns;
//   4. A and B alternate (--repeat N each, default 3); medians are printed.
// Memory: the peak of VmHWM during import_sheet() (reset through
// /proc/self/clear_refs when the kernel allows) minus VmRSS before it.
// Exits 0 whatever the figures; exits 1 only when the benchmark itself fails.
//   scripts/bench-import [--rows N] [--repeat N]
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "crypto/startup.hpp"
#include "kiosk/survey/designation.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "tests/bench/bench_sheet.hpp"

namespace {

namespace fs = std::filesystem;
namespace imp = shogo::storage::import;
using namespace shogo;
using namespace shogo::survey;

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kSurvey = "bench-1";
constexpr Date kToday{2026, 11, 28};
using bench_sheets::kCloses;
using bench_sheets::kOpens;
constexpr imp::SheetKind kKind = imp::SheetKind::juki_access_log;
constexpr int kTitleLines = 3;  // title, blank line, header row (write_sheet_header)

struct Options {
  std::uint64_t rows = 1000000;
  int repeat = 3;
  bool shogo_only = false;  // for profiling: no sqlite3 runs
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double cpu_seconds(const rusage& u) {
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

double self_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return cpu_seconds(u);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

crypto::SecureBuffer secure(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  if (!text.empty()) std::memcpy(b.data(), text.data(), text.size());
  return b;
}

bool fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "shogo-bench-import: %s%s%s\n", what, detail.empty() ? "" : ": ",
               detail.c_str());
  return false;
}

// /proc/self/status field in kB (VmRSS, VmHWM); -1 when unreadable.
long status_kb(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
    }
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not permitted.
bool reset_peak_rss() {
  const int fd = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, "5", 1) == 1;
  ::close(fd);
  return ok;
}

struct ShogoRun {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system of this process during the import
  std::uint64_t stored = 0;
  double peak_growth_mb = 0;      // VmHWM during the import − VmRSS before
  double retained_growth_mb = 0;  // VmRSS after − VmRSS before
};

// A fresh vault in `dir`, designated, then import_sheet() of `sheet`, timed.
std::optional<ShogoRun> run_shogo(const fs::path& dir, const fs::path& sheet,
                                  const synthetic::Ward& ward, bool& peak_was_reset) {
  const auto m = secure("manager passphrase");
  const auto s = secure("supervisor passphrase");
  if (auto c = Vault::create(
          dir, {{kManager, Role::manager, &m}, {kSupervisor, Role::supervisor, &s}}, kCheap, false);
      !c) {
    fail("Vault::create", c.error().code);
    return std::nullopt;
  }
  auto opened = Vault::open(dir);
  if (!opened) {
    fail("Vault::open", opened.error().code);
    return std::nullopt;
  }
  Vault& vault = **opened;
  Status st = ok_status();
  if (auto u = vault.unlock(kManager, m); !u) st = u.error();
  if (st) {
    if (auto u = vault.unlock(kSupervisor, s); !u) st = u.error();
  }
  for (const auto& site : ward.sites) {
    if (st) st = add_site(vault, kManager, site);
  }
  for (const auto& t : ward.terminals) {
    if (st) st = add_terminal(vault, kManager, t);
  }
  if (st) {
    if (auto c = vault.surveys().create(kManager, kSurvey, 2026, "ベンチマーク"); !c)
      st = c.error();
  }
  if (!st) {
    fail("vault setup", st.error().code);
    return std::nullopt;
  }
  Designation d;
  d.date = synthetic::WardOptions{}.day;
  d.from = kOpens;
  d.to = kCloses;
  for (const auto& t : ward.terminals) {
    if (t.system == System::juki) d.terminal_ids.push_back(t.id);
  }
  auto outcome = designate(vault, kSupervisor, kSurvey, System::juki, d, {}, kToday);
  if (!outcome || !outcome->stored) {
    fail("designate", outcome ? "refused" : outcome.error().code);
    return std::nullopt;
  }

  ImportRequest request;
  request.survey_id = kSurvey;
  request.kind = kKind;
  request.file = sheet;
  ShogoRun run;
  const long rss_before = status_kb("VmRSS");
  peak_was_reset = reset_peak_rss();
  const long hwm_before = status_kb("VmHWM");
  const double cpu_before = self_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  auto report = import_sheet(vault, kManager, request);
  run.seconds = seconds_since(start);
  run.cpu_seconds = self_cpu_seconds() - cpu_before;
  const long hwm_after = status_kb("VmHWM");
  const long rss_after = status_kb("VmRSS");
  if (!report) {
    fail("import_sheet", report.error().code);
    return std::nullopt;
  }
  run.stored = report->stored;
  // Without a reset, VmHWM is the process's peak so far: growth then reads 0
  // when the import stayed below an earlier peak (never the case here: the
  // generation before it is streamed).
  (void)hwm_before;
  run.peak_growth_mb = static_cast<double>(std::max(0L, hwm_after - rss_before)) / 1024.0;
  run.retained_growth_mb = static_cast<double>(rss_after - rss_before) / 1024.0;
  return run;
}

// Runs `sqlite3 db` with `commands` on stdin; its stdout into *out when given,
// its CPU time into *cpu when given.
bool run_sqlite3(const fs::path& db, const std::string& commands, std::string* out,
                 double* cpu = nullptr) {
  int in_pipe[2];
  int out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return fail("pipe");
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return fail("pipe");
  const pid_t pid = ::fork();
  if (pid < 0) return fail("fork");
  if (pid == 0) {
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    const std::string path = db.string();
    ::execlp("sqlite3", "sqlite3", "-batch", "-bail", path.c_str(), static_cast<char*>(nullptr));
    std::fprintf(stderr,
                 "shogo-bench-import: cannot run sqlite3 (scripts/bootstrap installs it)\n");
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  bool wrote = true;
  for (std::size_t done = 0; done < commands.size();) {
    const ssize_t n = ::write(in_pipe[1], commands.data() + done, commands.size() - done);
    if (n <= 0) {
      wrote = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(in_pipe[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(out_pipe[0], buf, sizeof buf)) > 0;) {
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out_pipe[0]);
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) return fail("wait4");
  if (cpu) *cpu = cpu_seconds(usage);
  if (out) *out = std::move(text);
  if (!wrote || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return fail("sqlite3 failed");
  return true;
}

struct SqliteRun {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system of the sqlite3 process
  std::uint64_t rows = 0;
};

// `.import` of the sheet into a fresh unencrypted database, timed; the rows
// are counted afterwards, untimed.
std::optional<SqliteRun> run_sqlite(const fs::path& db, const fs::path& sheet) {
  const std::string commands =
      "CREATE TABLE t(操作日時 TEXT, 端末ID TEXT, 操作者ID TEXT, 業務名 TEXT, 処理区分 TEXT, "
      "検索条件 TEXT, 対象者氏名 TEXT, 対象者カナ TEXT, 生年月日 TEXT, 住所 TEXT);\n"
      ".mode csv\n"
      ".import --skip " +
      std::to_string(kTitleLines) + " '" + sheet.string() + "' t\n";
  SqliteRun run;
  const auto start = std::chrono::steady_clock::now();
  if (!run_sqlite3(db, commands, nullptr, &run.cpu_seconds)) return std::nullopt;
  run.seconds = seconds_since(start);
  std::string count;
  // The first row must be the sheet's first data row (title block and header skipped).
  if (!run_sqlite3(db,
                   "SELECT count(*), sum(substr(操作日時, 1, 4) = '2026') FROM t;\n"
                   "SELECT 操作日時 FROM t WHERE rowid = 1;\n",
                   &count)) {
    return std::nullopt;
  }
  unsigned long long rows = 0;
  unsigned long long dated = 0;
  if (std::sscanf(count.c_str(), "%llu|%llu", &rows, &dated) != 2 || rows != dated) {
    fail("sqlite3 imported rows that are not data rows", count);
    return std::nullopt;
  }
  run.rows = rows;
  return run;
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--rows" && i + 1 < argc) {
      o.rows = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--repeat" && i + 1 < argc) {
      o.repeat = std::atoi(argv[++i]);
    } else if (a == "--shogo-only") {
      o.shogo_only = true;
    } else {
      std::fprintf(stderr, "usage: shogo-bench-import [--rows N] [--repeat N] [--shogo-only]\n");
      return false;
    }
  }
  return o.rows > 0 && o.repeat > 0;
}

const char* verdict(bool met) { return met ? "GOAL MET" : "GOAL MISSED"; }

int bench(const Options& o, const fs::path& tmp) {
  const auto ward = synthetic::generate_ward();
  const fs::path sheet = tmp / "juki_access_log.csv";
  const auto gen_start = std::chrono::steady_clock::now();
  if (!bench_sheets::write_juki_sheet(sheet, o.rows, ward)) return 1;
  std::printf("sheet: %ju data rows, %.1f MB, written in %.1f s (%s)\n",
              static_cast<std::uintmax_t>(o.rows),
              static_cast<double>(fs::file_size(sheet)) / (1024.0 * 1024.0),
              seconds_since(gen_start), sheet.c_str());

  std::vector<double> shogo_s, shogo_cpu, sqlite_s, sqlite_cpu, peak_mb, retained_mb;
  bool peak_reset = true;
  const double rows = static_cast<double>(o.rows);
  for (int r = 0; r < o.repeat; ++r) {
    // Alternate which goes first, so neither always meets a warm or a cold cache.
    for (int side = 0; side < 2; ++side) {
      const bool shogo_now = (side == 0) == (r % 2 == 0);
      if (shogo_now) {
        const fs::path dir = tmp / ("vault-" + std::to_string(r));
        bool reset = false;
        auto run = run_shogo(dir, sheet, ward, reset);
        if (!run) return 1;
        if (run->stored != o.rows) {
          fail("Shogo stored a different number of rows than the sheet holds",
               std::to_string(run->stored));
          return 1;
        }
        peak_reset = peak_reset && reset;
        shogo_s.push_back(run->seconds);
        shogo_cpu.push_back(run->cpu_seconds);
        peak_mb.push_back(run->peak_growth_mb);
        retained_mb.push_back(run->retained_growth_mb);
        std::printf(
            "  run %d shogo    %8.3f s (CPU %7.3f s) %9.0f rows/s  peak +%.1f MB, kept +%.1f MB\n",
            r + 1, run->seconds, run->cpu_seconds, rows / run->seconds, run->peak_growth_mb,
            run->retained_growth_mb);
        fs::remove_all(dir);
      } else if (!o.shogo_only) {
        const fs::path db = tmp / ("baseline-" + std::to_string(r) + ".sqlite");
        auto run = run_sqlite(db, sheet);
        if (!run) return 1;
        if (run->rows != o.rows) {
          fail("sqlite3 .import stored a different number of rows than the sheet holds",
               std::to_string(run->rows));
          return 1;
        }
        sqlite_s.push_back(run->seconds);
        sqlite_cpu.push_back(run->cpu_seconds);
        std::printf("  run %d sqlite3  %8.3f s (CPU %7.3f s) %9.0f rows/s\n", r + 1, run->seconds,
                    run->cpu_seconds, rows / run->seconds);
        fs::remove(db);
      }
      std::fflush(stdout);
    }
  }

  const double shogo = median(shogo_s);
  const double worst_peak = *std::max_element(peak_mb.begin(), peak_mb.end());
  std::printf("\nmedians of %d alternating runs (CPU: user + system of the importing process)\n",
              o.repeat);
  std::printf("%-32s %9s %9s %9s %11s\n", "", "rows", "seconds", "CPU s", "rows/s");
  std::printf("%-32s %9.0f %9.3f %9.3f %11.0f\n", "shogo import_sheet (SQLCipher)", rows, shogo,
              median(shogo_cpu), rows / shogo);
  if (!o.shogo_only) {
    const double base = median(sqlite_s);
    std::printf("%-32s %9.0f %9.3f %9.3f %11.0f\n", "sqlite3 .import (unencrypted)", rows, base,
                median(sqlite_cpu), rows / base);
    const double ratio = base / shogo;  // = (rows/shogo) / (rows/base)
    std::printf("%-32s %9.2f  (goal >= 1.00)  %s\n", "ratio shogo/sqlite3 rows/s", ratio,
                verdict(ratio >= 1.0));
    std::printf(
        "%-32s %9.2f  (on CPU time: Shogo reads and stores on two threads, sqlite3 on one)\n",
        "ratio shogo/sqlite3 rows/CPU-s", median(sqlite_cpu) / median(shogo_cpu));
  }
  std::printf("%-32s %9.1f  (worst run; goal < 100)  %s\n", "memory growth, MB", worst_peak,
              verdict(worst_peak < 100.0));
  std::printf("  %s; RSS kept after the import: median %.1f MB\n",
              peak_reset ? "peak VmHWM (reset through /proc/self/clear_refs) minus VmRSS before"
                         : "peak VmHWM (could not be reset) minus VmRSS before",
              median(retained_mb));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, o)) return 2;
  // As the kiosk and shogo-admin start (crypto/startup.hpp).
  if (auto s = crypto::harden_process(); !s) return fail("harden_process", s.error().code), 1;
  if (auto s = crypto::initialise(); !s) return fail("crypto::initialise", s.error().code), 1;
  std::string base = (fs::temp_directory_path() / "shogo-bench-import-XXXXXX").string();
  const char* made = ::mkdtemp(base.data());
  if (made == nullptr) {
    fail("cannot make a temporary folder");
    return 1;
  }
  const fs::path tmp = made;
  int rc = 1;
  try {
    rc = bench(o, tmp);
  } catch (const std::exception& e) {
    fail("exception", e.what());
  }
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return rc;
}
