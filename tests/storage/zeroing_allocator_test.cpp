// The zeroing allocator: after a database is closed, what it decrypted is not
// left in freed heap. The canary test scans this process's own memory
// (/proc/self/mem over [heap] and anonymous read-write mappings) and runs the
// same scenario without the allocator, in a forked child, to show the scan
// would see a leak if there were one.
//
// Under ASan (the dev preset) malloc is ASan's: freed blocks wait in its
// quarantine with their bytes intact (ASan poisons the shadow, not the block),
// and /proc/self/mem reads them like any other page. The control finds the
// canary there as reliably as with glibc (7 copies under ASan, 1–3 with glibc
// in the release build), so it asserts in both. Mappings of 1 GiB or more are
// skipped: with ASan they are its shadow memory.
#include <catch2/catch.hpp>
#define SQLITE_HAS_CODEC 1
#include <fcntl.h>
#include <sodium.h>
#include <sqlcipher/sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "storage/database.hpp"
#include "storage/zeroing_allocator.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using shogo::crypto::SecureBuffer;
using shogo::storage::Database;
using shogo::storage::OpenMode;
using shogo::storage::Statement;

namespace {

using shogo::test::TempDir;

// An address range whose matches do not count: the guarded buffers that hold
// the canary and the scan's own read buffer.
struct Excluded {
  std::uintptr_t begin;
  std::uintptr_t end;
};

Excluded range_of(const SecureBuffer& b) {
  const auto begin = reinterpret_cast<std::uintptr_t>(b.data());
  return {begin, begin + b.size()};
}

struct Mapping {
  std::uintptr_t begin;
  std::uintptr_t end;
};

// [heap] and anonymous read-write mappings: where malloc's blocks live, with
// glibc and with ASan's allocator alike. Mappings of a gigabyte or more are
// ASan's shadow memory (terabytes of reserved, untouched zero pages).
std::vector<Mapping> heap_mappings() {
  std::vector<Mapping> out;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream in(line);
    std::string range, perms, offset, dev, inode, name;
    in >> range >> perms >> offset >> dev >> inode;
    std::getline(in >> std::ws, name);
    if (perms.size() < 2 || perms[0] != 'r' || perms[1] != 'w') continue;
    if (!name.empty() && name != "[heap]" && !name.starts_with("[anon:")) continue;
    const auto dash = range.find('-');
    const auto begin = static_cast<std::uintptr_t>(std::stoull(range.substr(0, dash), nullptr, 16));
    const auto end = static_cast<std::uintptr_t>(std::stoull(range.substr(dash + 1), nullptr, 16));
    if (end - begin >= (std::uintptr_t{1} << 30)) continue;
    out.push_back({begin, end});
  }
  return out;
}

// How many copies of `pattern` the heap holds outside `excluded`; -1 if the
// memory cannot be read. No Catch2 macro: it also runs in forked children.
long copies_in_heap(std::span<const std::uint8_t> pattern,
                    std::span<const Excluded> more_excluded) {
  if (pattern.size() < 8) return -1;
  const std::vector<Mapping> mappings = heap_mappings();
  SecureBuffer window(1 << 18);
  std::vector<Excluded> excluded(more_excluded.begin(), more_excluded.end());
  excluded.push_back(range_of(window));
  const auto is_excluded = [&](std::uintptr_t a) {
    for (const auto& e : excluded) {
      if (a >= e.begin && a < e.end) return true;
    }
    return false;
  };

  const int fd = ::open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  long copies = 0;
  const std::size_t overlap = pattern.size() - 1;
  for (const Mapping& m : mappings) {
    std::uintptr_t at = m.begin;
    while (at < m.end) {
      const std::size_t want = std::min<std::uintptr_t>(window.size(), m.end - at);
      const ssize_t got = ::pread(fd, window.data(), want, static_cast<off_t>(at));
      if (got <= 0) {  // an unreadable page (e.g. a guard page inside the mapping)
        at += 4096;
        continue;
      }
      const auto n = static_cast<std::size_t>(got);
      // Count matches starting in this window's first n - overlap bytes (all
      // of it at the end of the mapping); the next window starts there.
      const bool last = at + n >= m.end;
      const std::size_t starts = last ? n : (n > overlap ? n - overlap : n);
      const std::uint8_t* p = window.data();
      const std::uint8_t* end = window.data() + n;
      while (p < end) {
        const void* hit =
            ::memmem(p, static_cast<std::size_t>(end - p), pattern.data(), pattern.size());
        if (hit == nullptr) break;
        const auto* h = static_cast<const std::uint8_t*>(hit);
        const auto offset = static_cast<std::size_t>(h - window.data());
        if (offset >= starts) break;
        if (!is_excluded(at + offset)) ++copies;
        p = h + 1;
      }
      at += starts;
    }
  }
  ::close(fd);
  window.wipe();
  return copies;
}

// "CANARY-" and 32 random hex digits, built only in guarded memory.
SecureBuffer make_canary() {
  static constexpr char kHex[] = "0123456789abcdef";
  const SecureBuffer random = SecureBuffer::random(16);
  SecureBuffer canary(7 + 32);
  std::memcpy(canary.data(), "CANARY-", 7);
  for (std::size_t i = 0; i < random.size(); ++i) {
    canary.data()[7 + 2 * i] = static_cast<std::uint8_t>(kHex[random.data()[i] >> 4]);
    canary.data()[8 + 2 * i] = static_cast<std::uint8_t>(kHex[random.data()[i] & 0x0F]);
  }
  return canary;
}

std::string_view as_text(const SecureBuffer& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// The scenario: write the canary into a table of an encrypted database, read
// it back, close. Returns true when it came back intact. The canary goes
// through SQLite (bound, stored, decrypted, returned) but never through a
// std::string of this test.
bool canary_round_trip(const fs::path& file, const SecureBuffer& key, const SecureBuffer& canary) {
  auto db = Database::open(file, key, OpenMode::create_new);
  if (!db) return false;
  if (!db->exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")) return false;
  {
    auto insert = Statement::prepare(db.value(), "INSERT INTO notes (body) VALUES (?1);");
    if (!insert || !insert->bind_text(1, as_text(canary)) || !insert->step()) return false;
  }
  db->close();  // the next read comes from disk, through decryption
  db = Database::open(file, key, OpenMode::open_existing);
  if (!db) return false;
  auto select = Statement::prepare(db.value(), "SELECT body FROM notes;");
  if (!select) return false;
  auto row = select->step();
  if (!row || !row.value()) return false;
  const std::string_view back = select->column_text_view(0);
  return back.size() == canary.size() &&
         sodium_memcmp(back.data(), canary.data(), canary.size()) == 0;
}

// SQLite's plain allocator, as it works without Shogo's: a size header, no wipe.
void* plain_malloc(int n) {
  auto* block = static_cast<unsigned char*>(std::malloc(16 + static_cast<std::size_t>(n)));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &n, sizeof n);
  return block + 16;
}
void plain_free(void* p) {
  if (p != nullptr) std::free(static_cast<unsigned char*>(p) - 16);
}
int plain_size(void* p) {
  int n = 0;
  if (p != nullptr) std::memcpy(&n, static_cast<unsigned char*>(p) - 16, sizeof n);
  return n;
}
void* plain_realloc(void* p, int n) {
  auto* block = static_cast<unsigned char*>(
      std::realloc(static_cast<unsigned char*>(p) - 16, 16 + static_cast<std::size_t>(n)));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &n, sizeof n);
  return block + 16;
}
int plain_roundup(int n) { return (n + 7) & ~7; }
int plain_init(void*) { return SQLITE_OK; }
void plain_shutdown(void*) {}
const sqlite3_mem_methods kPlainMethods = {plain_malloc,  plain_free, plain_realloc,  plain_size,
                                           plain_roundup, plain_init, plain_shutdown, nullptr};

// Exit codes of the control child.
constexpr int kFound = 10;
constexpr int kNotFound = 11;
constexpr int kSetupFailed = 12;

int wait_for(pid_t pid) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("the zeroing allocator installs once and stays installed") {
  REQUIRE(shogo::storage::install_zeroing_allocator());
  CHECK(shogo::storage::zeroing_allocator_installed());
  CHECK(shogo::storage::install_zeroing_allocator());
  // SQLite is initialised with it: reconfiguring now is refused by SQLite.
  CHECK(sqlite3_config(SQLITE_CONFIG_MALLOC, &kPlainMethods) == SQLITE_MISUSE);
}

TEST_CASE("after a database is closed its plaintext is not left in freed heap") {
  TempDir dir;
  const SecureBuffer key = SecureBuffer::random(Database::kKeySize);
  const SecureBuffer canary = make_canary();
  const SecureBuffer key_literal = shogo::storage::raw_key_literal(key);
  REQUIRE(canary_round_trip(dir.path() / "canary.db", key, canary));
  REQUIRE(sqlite3_memory_used() == 0);  // every block SQLite had went through xFree

  const Excluded own[] = {range_of(canary), range_of(key), range_of(key_literal)};
  CHECK(copies_in_heap(canary.bytes(), own) == 0);
  // Nor SQLCipher's copies of the key, raw or as the literal it was given.
  CHECK(copies_in_heap(key.bytes(), own) == 0);
  CHECK(copies_in_heap(key_literal.bytes(), own) == 0);
}

TEST_CASE("without the zeroing allocator the same scenario leaves the canary in the heap") {
  // The control that shows the scan above can fail. It runs in a forked child,
  // which swaps SQLite's allocator for a plain one and runs the scenario.
  REQUIRE(shogo::storage::install_zeroing_allocator());  // so Database::open() keeps the swap
  TempDir dir;
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (sqlite3_memory_used() != 0 || sqlite3_shutdown() != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_MALLOC, &kPlainMethods) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK) {
      ::_exit(kSetupFailed);
    }
    const SecureBuffer key = SecureBuffer::random(Database::kKeySize);
    const SecureBuffer canary = make_canary();
    if (!canary_round_trip(dir.path() / "control.db", key, canary)) ::_exit(kSetupFailed);
    const Excluded own[] = {range_of(canary), range_of(key)};
    ::_exit(copies_in_heap(canary.bytes(), own) > 0 ? kFound : kNotFound);
  }
  const int code = wait_for(pid);
  REQUIRE(code != kSetupFailed);
  CHECK(code == kFound);
}

TEST_CASE("the scan finds a canary that is plainly in the heap") {
  // The scanner itself: a heap copy made on purpose is found, and only once.
  const SecureBuffer canary = make_canary();
  auto* copy = static_cast<std::uint8_t*>(std::malloc(canary.size()));
  REQUIRE(copy != nullptr);
  std::memcpy(copy, canary.data(), canary.size());
  const Excluded own[] = {range_of(canary)};
  CHECK(copies_in_heap(canary.bytes(), own) == 1);
  sodium_memzero(copy, canary.size());
  std::free(copy);
  CHECK(copies_in_heap(canary.bytes(), own) == 0);
}

// Runs in a fresh process (see the next test): SQLite used before the
// allocator is installed.
TEST_CASE("fresh process: install refuses while SQLite holds memory", "[.][fresh_process]") {
  REQUIRE_FALSE(shogo::storage::zeroing_allocator_installed());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
          SQLITE_OK);
  auto refused = shogo::storage::install_zeroing_allocator();
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "db.allocator");
  CHECK_FALSE(shogo::storage::zeroing_allocator_installed());
  sqlite3_close_v2(db);
  // Nothing open any more: SQLite is shut down and restarted with the allocator.
  REQUIRE(shogo::storage::install_zeroing_allocator());
  CHECK(shogo::storage::zeroing_allocator_installed());
  CHECK(sqlite3_config(SQLITE_CONFIG_MALLOC, &kPlainMethods) == SQLITE_MISUSE);
}

TEST_CASE("the allocator refuses to replace one that still holds memory") {
  // This process may have installed it already, so the check runs in a fresh
  // copy of this test program, running only the hidden test above.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    char name[] = "storage_tests";
    char spec[] = "[fresh_process]";
    char warn[] = "--warn";
    char no_tests[] = "NoTests";  // a spec that matched nothing must not pass
    char* argv[] = {name, spec, warn, no_tests, nullptr};
    ::execv("/proc/self/exe", argv);
    ::_exit(127);
  }
  CHECK(wait_for(pid) == 0);
}
