#include "storage/zeroing_allocator.hpp"

#define SQLITE_HAS_CODEC 1
#include <sodium.h>
#include <sqlcipher/sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace shogo::storage {

namespace {

// 16 bytes keep the user pointer as aligned as malloc's (SQLite needs 8).
constexpr std::size_t kHeader = 16;

std::atomic<bool> g_installed{false};
std::mutex g_install_mutex;

unsigned char* block_of(void* user) { return static_cast<unsigned char*>(user) - kHeader; }

std::size_t size_of(void* user) {
  std::size_t n = 0;
  std::memcpy(&n, block_of(user), sizeof n);
  return n;
}

void* zeroing_malloc(int n) {
  if (n <= 0) return nullptr;
  const auto size = static_cast<std::size_t>(n);
  auto* block = static_cast<unsigned char*>(std::malloc(kHeader + size));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &size, sizeof size);
  return block + kHeader;
}

void zeroing_free(void* user) {
  if (user == nullptr) return;
  unsigned char* block = block_of(user);
  sodium_memzero(block, kHeader + size_of(user));
  std::free(block);
}

// Always moves, so that the old block is wiped whatever its new size.
void* zeroing_realloc(void* user, int n) {
  if (user == nullptr) return zeroing_malloc(n);
  void* moved = zeroing_malloc(n);
  if (moved == nullptr) return nullptr;  // SQLite keeps the old block
  std::memcpy(moved, user, std::min(size_of(user), static_cast<std::size_t>(n)));
  zeroing_free(user);
  return moved;
}

int zeroing_size(void* user) { return user == nullptr ? 0 : static_cast<int>(size_of(user)); }
int zeroing_roundup(int n) { return (n + 7) & ~7; }
int zeroing_init(void*) { return SQLITE_OK; }
void zeroing_shutdown(void*) {}

const sqlite3_mem_methods kZeroingMethods = {zeroing_malloc,   zeroing_free,    zeroing_realloc,
                                             zeroing_size,     zeroing_roundup, zeroing_init,
                                             zeroing_shutdown, nullptr};

Error cannot_install() {
  return Error{"db.allocator",
               N_("The database library was started before its memory could be secured.")};
}

}  // namespace

Status install_zeroing_allocator() {
  if (g_installed.load(std::memory_order_acquire)) return ok_status();
  std::lock_guard lock(g_install_mutex);
  if (g_installed.load(std::memory_order_relaxed)) return ok_status();

  int rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &kZeroingMethods);
  if (rc == SQLITE_MISUSE) {
    // Already initialised. Shutting down is only safe when SQLite holds no
    // block: the new allocator must never free a block it did not hand out.
    if (sqlite3_memory_used() != 0) return cannot_install();
    if (sqlite3_shutdown() != SQLITE_OK) return cannot_install();
    rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &kZeroingMethods);
  }
  if (rc != SQLITE_OK || sqlite3_initialize() != SQLITE_OK) return cannot_install();
  g_installed.store(true, std::memory_order_release);
  return ok_status();
}

bool zeroing_allocator_installed() { return g_installed.load(std::memory_order_acquire); }

}  // namespace shogo::storage
