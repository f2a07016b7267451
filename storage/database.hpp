#pragma once
// SQLCipher databases: vault.db and surveys/<id>.db (design.md, "Data").
//
// Index
//   OpenMode           create a new file, or open one that must exist
//   raw_key_literal()  the "x'<64 hex>'" key blob, in guarded memory
//   Database           one open, keyed, checked connection (RAII)
//   Statement          one prepared statement: bind, step, read columns (RAII)
//   Transaction        BEGIN IMMEDIATE … COMMIT, rolled back unless committed
//   Error codes        what Error::code can be, below
//
// How a database is opened (Database::open), in this order — docs/storage.md
// explains each step:
//   1. install_zeroing_allocator() (idempotent)
//   2. the path: not a symlink (SQLite 3.15.2 has no SQLITE_OPEN_NOFOLLOW, so
//      Shogo lstat()s it first), absent for create_new, a non-empty regular
//      file for open_existing
//   3. sqlite3_open_v2() under umask 077, no URI; then chmod 0600 (the
//      -journal inherits the database file's mode)
//   4. sqlite3_key() with the raw key literal: SQLCipher's weak 3.x passphrase
//      KDF is never used
//   5. PRAGMA cipher_page_size = 4096          before any other statement
//   6. SELECT count(*) FROM sqlite_master      checks the key
//   7. secure_delete = ON, journal_mode = DELETE, temp_store = MEMORY,
//      foreign_keys = ON, each read back; cipher_version must start with "3.",
//      cipher_page_size must read 4096 and cipher_use_hmac 1
//   8. create_new only: page 1 is written at once (PRAGMA user_version = 0), so
//      a file on disk is never an empty file that any key would open
//
// Error codes (Error::code; Error::message is a fixed plain sentence and never
// holds SQL parameters, which may be personal data):
//   db.wrong_key_or_damaged   open: the key does not decrypt page 1, or page 1 is damaged
//   db.corrupt                SQLITE_CORRUPT / SQLITE_NOTADB: a page failed its HMAC or format
//   db.full                   SQLITE_FULL, or an I/O error whose errno is ENOSPC/EFBIG/EDQUOT
//   db.io                     other SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM
//   db.busy                   SQLITE_BUSY / SQLITE_LOCKED (after the busy timeout)
//   db.constraint             SQLITE_CONSTRAINT (UNIQUE, CHECK, FOREIGN KEY, NOT NULL)
//   db.no_memory              SQLITE_NOMEM
//   db.error                  anything else (SQL errors, misuse)
//   db.exists / db.missing / db.not_regular   open: the path is not what the mode expects
//   db.key_size               open: the key is not 32 bytes
//   db.setup                  open: a pragma did not read back as set, or a file mode failed
//   db.allocator              see zeroing_allocator.hpp

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace shogo::storage {

enum class OpenMode {
  create_new,     // the file must not exist; it is created 0600 and page 1 written
  open_existing,  // the file must exist and be a non-empty regular file
};

// "x'<64 lowercase hex>'" for sqlite3_key() or `PRAGMA key = "…"`: SQLCipher
// takes it as the raw 256-bit key, no KDF. 67 bytes, not NUL-terminated.
[[nodiscard]] crypto::SecureBuffer raw_key_literal(const crypto::SecureBuffer& key32);

// Database — one open connection to an encrypted database. Movable, not
// copyable; the destructor closes it (sqlite3_close_v2, which SQLCipher
// follows by wiping its copy of the key).
class Database {
 public:
  static constexpr std::size_t kKeySize = 32;   // bytes of a raw key
  static constexpr int kCipherPageSize = 4096;  // must match on every open
  static constexpr std::chrono::milliseconds kDefaultBusyTimeout{2000};

  // Opens, keys and checks the database (steps above). The key is only read.
  [[nodiscard]] static Result<Database> open(const std::filesystem::path& path,
                                             const crypto::SecureBuffer& key32, OpenMode mode);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  ~Database();

  [[nodiscard]] Status exec(std::string_view sql);  // one or more statements, no parameters (DDL)
  [[nodiscard]] Result<std::int64_t> query_int(std::string_view sql);  // first column, first row
  [[nodiscard]] Status integrity_check();  // PRAGMA integrity_check must say "ok", else db.corrupt

  // Attaches another encrypted database of ours (it must exist) under `alias`
  // (letters and '_' only), keyed with its own raw key, so one transaction can
  // change both files atomically: with journal_mode DELETE SQLite commits
  // several files through a master journal, all or none (P6.4: an import and
  // its audit event). The key is bound as a parameter, never put in SQL text;
  // PRAGMA cipher_default_page_size is set to 4096 first (SQLCipher 3.x keys
  // an attached file with the default settings). Errors as open().
  [[nodiscard]] Status attach(const std::filesystem::path& path, const crypto::SecureBuffer& key32,
                              std::string_view alias);
  [[nodiscard]] Status detach(std::string_view alias);

  std::int64_t last_insert_rowid() const;
  int changes() const;          // rows changed by the last INSERT/UPDATE/DELETE
  bool in_transaction() const;  // false in autocommit mode
  void set_busy_timeout(std::chrono::milliseconds timeout);  // default kDefaultBusyTimeout
  const std::filesystem::path& path() const { return path_; }
  bool is_open() const { return db_ != nullptr; }
  void close();  // as the destructor; the object is then empty

  // SQLite's own text for the last error, for a developer's log only: it can
  // name tables and columns, never bound values. Not for the screen.
  std::string diagnostic() const;

 private:
  friend class Statement;
  friend class Transaction;
  Database(sqlite3* db, std::filesystem::path path);

  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// Statement — one prepared SQL statement. Parameters are bound by 1-based
// index (SQLite's numbering); columns are read by 0-based index. Text and
// blobs are copied into SQLite on bind; reset() clears the bindings so the
// copies are freed (and wiped) at once. Finalized in the destructor.
class Statement {
 public:
  // Exactly one statement; anything after it but spaces and comments is a
  // programmer error.
  [[nodiscard]] static Result<Statement> prepare(Database& db, std::string_view sql);

  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  [[nodiscard]] Status bind_int64(int index, std::int64_t value);
  [[nodiscard]] Status bind_text(int index, std::string_view utf8);
  // No copy: SQLite reads `utf8` where it is (SQLITE_STATIC), so it must stay
  // valid and unchanged until the next step() or reset(). For bulk inserts
  // (an import), where a copy of every cell into SQLite's heap costs time.
  [[nodiscard]] Status bind_text_static(int index, std::string_view utf8);
  [[nodiscard]] Status bind_blob(int index, std::span<const std::uint8_t> bytes);
  [[nodiscard]] Status bind_null(int index);

  [[nodiscard]] Result<bool> step();  // true: a row is ready; false: done
  Status reset();                     // back to the start, bindings cleared; never fails (see .cpp)

  int column_count() const;
  enum class Type { integer, real, text, blob, null };
  Type column_type(int column) const;
  bool column_is_null(int column) const;
  std::int64_t column_int64(int column) const;
  std::string column_text(int column) const;
  std::vector<std::uint8_t> column_blob(int column) const;
  crypto::SecureBuffer column_secure_blob(int column) const;  // a key: into guarded memory
  // Views into SQLite's memory, valid until the next step(), reset() or
  // column read of the same column as another type.
  std::string_view column_text_view(int column) const;
  std::span<const std::uint8_t> column_blob_view(int column) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Status bind_result(int rc);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Transaction — BEGIN IMMEDIATE (takes the write lock now, so a busy
// database fails here rather than half-way). commit() once; the destructor
// rolls back if commit() was not called or failed. After db.full or db.io
// SQLite may already have rolled back by itself; the destructor then has
// nothing to do. A Transaction must not outlive its Database (a Statement
// may: SQLite keeps a closed connection until its last statement is gone).
class Transaction {
 public:
  [[nodiscard]] static Result<Transaction> begin(Database& db);

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) = delete;
  ~Transaction();

  [[nodiscard]] Status commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;  // null once committed or moved from
};

}  // namespace shogo::storage
