#include <catch2/catch.hpp>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/atomic_file.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo::crypto;
namespace fs = std::filesystem;

namespace {

using shogo::test::TempDir;

std::vector<std::uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Child-process verdicts (the child must not run Catch2 assertions).
constexpr int kChildPassed = 0;
constexpr int kChildSkipped = 77;

int child_exit_code(pid_t pid) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("write_file_atomically creates, then replaces, a file with mode 0600 and no temp left") {
  TempDir dir;
  const fs::path file = dir.path() / "keyslots";
  REQUIRE(write_file_atomically(file, bytes_of("first")).ok());
  CHECK(read_text(file) == "first");
  CHECK(mode_of(file) == 0600);
  const auto old_umask = ::umask(0);  // the mode must not depend on the umask
  REQUIRE(write_file_atomically(file, bytes_of("second, longer")).ok());
  ::umask(old_umask);
  CHECK(read_text(file) == "second, longer");
  CHECK(mode_of(file) == 0600);
  REQUIRE(write_file_atomically(file, {}).ok());
  CHECK(read_text(file).empty());
  CHECK(names_in(dir.path()) == std::vector<std::string>{"keyslots"});
}

TEST_CASE("write_file_atomically applies the mode asked for") {
  TempDir dir;
  const fs::path file = dir.path() / "report.pdf";
  REQUIRE(write_file_atomically(file, bytes_of("x"), 0640).ok());
  CHECK(mode_of(file) == 0640);
}

TEST_CASE("write_file_atomically into a missing folder fails plainly and creates nothing") {
  TempDir dir;
  auto s = write_file_atomically(dir.path() / "no-such-folder" / "keyslots", bytes_of("x"));
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "file.write");
  CHECK(s.error().message == "The file could not be saved because its folder does not exist.");
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a write larger than the file-size limit (EFBIG) fails and leaves the old file intact") {
  TempDir dir;
  const fs::path file = dir.path() / "keyslots";
  REQUIRE(write_file_atomically(file, bytes_of("old content")).ok());

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // In the child only: writes past 100 bytes fail with EFBIG instead of SIGXFSZ.
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{100, 100};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(kChildSkipped);
    const std::vector<std::uint8_t> big(4096, 0xAB);
    auto s = write_file_atomically(file, big);
    const bool as_expected =
        !s.ok() && s.error().code == "file.write" &&
        s.error().message ==
            "The file could not be saved because it is larger than the system allows.";
    ::_exit(as_expected ? kChildPassed : 1);
  }
  CHECK(child_exit_code(pid) == kChildPassed);
  CHECK(read_text(file) == "old content");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"keyslots"});
}

TEST_CASE("a full disk (ENOSPC on a 64 KiB tmpfs) fails plainly and leaves the old file intact") {
  // The tmpfs is mounted in a private mount namespace of a child process, so it
  // disappears with the child whatever happens. Needs CAP_SYS_ADMIN; skipped without.
  TempDir dir;
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount("tmpfs", dir.path().c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0) {
      ::_exit(kChildSkipped);
    }
    const fs::path file = dir.path() / "keyslots";
    if (!write_file_atomically(file, bytes_of("old content")).ok()) ::_exit(2);
    const std::vector<std::uint8_t> big(256 * 1024, 0xCD);
    auto s = write_file_atomically(file, big);
    const bool refused =
        !s.ok() && s.error().code == "file.write" &&
        s.error().message == "The file could not be saved because the disk is full.";
    const bool intact = read_text(file) == "old content";
    const bool no_temp = names_in(dir.path()) == std::vector<std::string>{"keyslots"};
    // The space is free again: a small write succeeds.
    const bool recovers =
        write_file_atomically(file, bytes_of("new")).ok() && read_text(file) == "new";
    ::_exit(!refused ? 3 : !intact ? 4 : !no_temp ? 5 : !recovers ? 6 : kChildPassed);
  }
  const int code = child_exit_code(pid);
  if (code == kChildSkipped) {
    WARN("skipped: no permission to mount a tmpfs in a private namespace");
    return;
  }
  CHECK(code == kChildPassed);
  CHECK(names_in(dir.path()).empty());  // nothing leaked out of the child's mount
}

TEST_CASE("read_small_file reads a file whole and refuses larger or missing ones") {
  TempDir dir;
  const fs::path file = dir.path() / "keyslots";
  REQUIRE(write_file_atomically(file, bytes_of("0123456789")).ok());

  auto exact = read_small_file(file, 10);
  REQUIRE(exact.ok());
  CHECK(exact.value() == bytes_of("0123456789"));

  auto too_large = read_small_file(file, 9);
  REQUIRE_FALSE(too_large.ok());
  CHECK(too_large.error().code == "file.too_large");

  auto missing = read_small_file(dir.path() / "absent", 10);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "file.missing");

  auto folder = read_small_file(dir.path(), 10);
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().code == "file.read");

  REQUIRE(write_file_atomically(file, {}).ok());
  auto empty = read_small_file(file, 10);
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}
