#pragma once
// The zeroing allocator — SQLite's memory, wiped when it is given back.
//
// SQLCipher 3.4.1 decrypts each page into SQLite's page cache and, when the
// cache or a statement lets go of it, frees that memory as is: names of
// residents and keys read from vault.db would stay readable in freed heap
// until it happens to be reused. install_zeroing_allocator() hands SQLite an
// allocator (SQLITE_CONFIG_MALLOC) that puts a size header on every block and
// wipes the whole block (sodium_memzero) before giving it back to malloc, both
// on xFree and when xRealloc moves a block (it always moves).
//
// What it does not cover: memory SQLite still holds (the page cache of an open
// database is plaintext by design), memory other libraries allocate themselves
// (OpenSSL wipes its cipher contexts), the stack. This build of SQLCipher has
// no lookaside (OMIT_LOOKASIDE), so every small block goes through xFree too.
//
// Call it once at program start, after crypto::initialise() and before
// anything touches SQLite. Database::open() and probe_sqlcipher() call it too,
// so a forgotten call cannot leave SQLite on the plain allocator; the early
// call only moves the failure to start-up, where it belongs.

#include "storage/base/result.hpp"

namespace shogo::storage {

// Installs the allocator. Idempotent and thread-safe. If SQLite is already
// initialised, it is shut down and reconfigured, but only when it holds no
// memory at all (no connection or statement open); otherwise the result is
// Error{"db.allocator", …} and SQLite keeps its plain allocator.
[[nodiscard]] Status install_zeroing_allocator();

// True once install_zeroing_allocator() has succeeded in this process.
[[nodiscard]] bool zeroing_allocator_installed();

}  // namespace shogo::storage
