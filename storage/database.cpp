#include "storage/database.hpp"

#include <algorithm>

#define SQLITE_HAS_CODEC 1
#include <sqlcipher/sqlite3.h>
#include <sys/stat.h>

#include <cassert>
#include <cerrno>
#include <cstdint>
#include <utility>

#include "storage/zeroing_allocator.hpp"

namespace shogo::storage {

namespace {

// SQLITE_TRANSIENT is an old-style cast in the header.
// NOLINTNEXTLINE(performance-no-int-to-ptr): SQLite's own sentinel value
const auto kTransient = reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

Error error_from_sqlite(sqlite3* db, int rc) {
  const int primary = rc & 0xFF;
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{"db.busy", N_("The database is busy with another task. Try again.")};
    case SQLITE_FULL: return Error{"db.full", N_("The disk is full. The change was not saved.")};
    case SQLITE_IOERR: {
      // unixWrite reports SQLITE_FULL only for a short write; a write refused
      // outright (EFBIG past RLIMIT_FSIZE, ENOSPC on some file systems, EDQUOT)
      // comes back as SQLITE_IOERR_WRITE with the errno kept aside.
      const int err = db != nullptr ? sqlite3_system_errno(db) : 0;
      if (err == ENOSPC || err == EFBIG || err == EDQUOT) {
        return Error{"db.full", N_("The disk is full. The change was not saved.")};
      }
      return Error{"db.io", N_("The database file could not be read or written.")};
    }
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return Error{"db.io", N_("The database file could not be read or written.")};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Error{"db.corrupt", N_("The database file is damaged.")};
    case SQLITE_CONSTRAINT:
      return Error{"db.constraint", N_("The change breaks a rule of the data and was not saved.")};
    case SQLITE_NOMEM: return Error{"db.no_memory", N_("The database ran out of memory.")};
    default: return Error{"db.error", N_("The database reported an error.")};
  }
}

Error wrong_key_or_damaged() {
  return Error{"db.wrong_key_or_damaged",
               N_("The database could not be opened: the key is wrong or the file is damaged.")};
}

Error setup_failed() {
  return Error{"db.setup", N_("The database did not accept Shogo's security settings.")};
}

// Runs every statement of `sql`; returns SQLite's result code. If `first` is
// given, it receives the first column of the first row as text.
int run_sql(sqlite3* db, std::string_view sql, std::string* first = nullptr) {
  const char* p = sql.data();
  const char* end = sql.data() + sql.size();
  while (p < end) {
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db, p, static_cast<int>(end - p), &st, &tail);
    if (rc != SQLITE_OK) return rc;
    p = tail;
    if (st == nullptr) continue;  // only spaces or a comment
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (first != nullptr && first->empty()) {
        if (const unsigned char* text = sqlite3_column_text(st, 0)) {
          first->assign(reinterpret_cast<const char*>(text),
                        static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
        }
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return rc;
  }
  return SQLITE_OK;
}

// A pragma whose answer is read back and compared with what Shogo asked for.
bool pragma_reads(sqlite3* db, std::string_view sql, std::string_view expected) {
  std::string answer;
  return run_sql(db, sql, &answer) == SQLITE_OK && answer == expected;
}

bool pragma_starts_with(sqlite3* db, std::string_view sql, std::string_view prefix) {
  std::string answer;
  return run_sql(db, sql, &answer) == SQLITE_OK && answer.starts_with(prefix);
}

Status check_path(const std::filesystem::path& path, OpenMode mode) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return Error{"db.io", N_("The database file could not be read or written.")};
    }
    if (mode == OpenMode::open_existing) {
      return Error{"db.missing", N_("The database file is missing.")};
    }
    return ok_status();
  }
  if (mode == OpenMode::create_new) {
    return Error{"db.exists", N_("A database file is already there; it was not replaced.")};
  }
  if (!S_ISREG(st.st_mode)) {
    return Error{"db.not_regular", N_("The database path is not a plain file.")};
  }
  // An empty file is a database that any key opens: treat it as damaged.
  if (st.st_size == 0) return wrong_key_or_damaged();
  return ok_status();
}

// Keys, configures and checks a freshly opened connection (Database::open, 4–8).
Status configure(sqlite3* db, const crypto::SecureBuffer& key32, OpenMode mode) {
  {
    const crypto::SecureBuffer literal = raw_key_literal(key32);
    if (sqlite3_key(db, literal.data(), static_cast<int>(literal.size())) != SQLITE_OK) {
      return setup_failed();
    }
  }  // the literal is wiped here; SQLCipher keeps its own copy until close
  if (run_sql(db, "PRAGMA cipher_page_size = 4096;") != SQLITE_OK) return setup_failed();

  const int rc = run_sql(db, "SELECT count(*) FROM sqlite_master;");
  if ((rc & 0xFF) == SQLITE_NOTADB || (rc & 0xFF) == SQLITE_CORRUPT) return wrong_key_or_damaged();
  if (rc != SQLITE_OK) return error_from_sqlite(db, rc);

  // Each pragma is read back: SQLite answers an unknown or refused pragma
  // with silence, not an error.
  const bool settings_hold =
      pragma_reads(db, "PRAGMA secure_delete = ON;", "1") &&
      pragma_reads(db, "PRAGMA journal_mode = DELETE;", "delete") &&
      run_sql(db, "PRAGMA temp_store = MEMORY;") == SQLITE_OK &&
      pragma_reads(db, "PRAGMA temp_store;", "2") &&
      sqlite3_compileoption_used("TEMP_STORE=0") == 0 &&  // would ignore the pragma
      run_sql(db, "PRAGMA foreign_keys = ON;") == SQLITE_OK &&
      pragma_reads(db, "PRAGMA foreign_keys;", "1") &&
      pragma_starts_with(db, "PRAGMA cipher_version;", "3.") &&
      pragma_reads(db, "PRAGMA cipher_page_size;", "4096") &&
      pragma_reads(db, "PRAGMA cipher_use_hmac;", "1");
  if (!settings_hold) return setup_failed();

  if (mode == OpenMode::create_new) {
    if (const int w = run_sql(db, "PRAGMA user_version = 0;"); w != SQLITE_OK) {
      return error_from_sqlite(db, w);
    }
  }
  return ok_status();
}

Status restrict_mode(const std::filesystem::path& path) {
  struct stat st {};
  if (::chmod(path.c_str(), S_IRUSR | S_IWUSR) != 0 || ::stat(path.c_str(), &st) != 0 ||
      (st.st_mode & 0777) != (S_IRUSR | S_IWUSR)) {
    return setup_failed();
  }
  return ok_status();
}

}  // namespace

crypto::SecureBuffer raw_key_literal(const crypto::SecureBuffer& key32) {
  static constexpr char kHex[] = "0123456789abcdef";
  crypto::SecureBuffer literal(3 + key32.size() * 2);
  auto* out = literal.data();
  std::size_t n = 0;
  out[n++] = 'x';
  out[n++] = '\'';
  for (std::uint8_t b : key32.bytes()) {
    out[n++] = static_cast<std::uint8_t>(kHex[b >> 4]);
    out[n++] = static_cast<std::uint8_t>(kHex[b & 0x0F]);
  }
  out[n++] = '\'';
  return literal;
}

// ---------------------------------------------------------------- Database

Database::Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() {
  if (db_ != nullptr) sqlite3_close_v2(std::exchange(db_, nullptr));
}

Result<Database> Database::open(const std::filesystem::path& path,
                                const crypto::SecureBuffer& key32, OpenMode mode) {
  if (auto s = install_zeroing_allocator(); !s) return s.error();
  if (key32.size() != kKeySize) {
    return Error{"db.key_size", N_("The database key has the wrong size.")};
  }
  if (auto s = check_path(path, mode); !s) return s.error();

  int flags = SQLITE_OPEN_READWRITE;
  if (mode == OpenMode::create_new) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const mode_t old_umask = ::umask(077);  // the file never exists with wider rights
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  ::umask(old_umask);
  Database db(raw, path);  // closes `raw` on every return below
  if (rc != SQLITE_OK) return error_from_sqlite(raw, rc);
  sqlite3_extended_result_codes(raw, 1);
  db.set_busy_timeout(kDefaultBusyTimeout);

  Status ready = restrict_mode(path);
  if (ready) ready = configure(raw, key32, mode);
  if (!ready) {
    db.close();
    // A new file that could not be set up is not left behind half-made.
    std::error_code ignored;
    if (mode == OpenMode::create_new) std::filesystem::remove(path, ignored);
    return ready.error();
  }
  return db;
}

Status Database::exec(std::string_view sql) {
  assert(db_ != nullptr && "Database::exec() called on a closed database");
  const int rc = run_sql(db_, sql);
  if (rc != SQLITE_OK) return error_from_sqlite(db_, rc);
  return ok_status();
}

Status Database::attach(const std::filesystem::path& path, const crypto::SecureBuffer& key32,
                        std::string_view alias) {
  assert(db_ != nullptr && "Database::attach() called on a closed database");
  assert(!alias.empty() && std::all_of(alias.begin(), alias.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  }) && "Database::attach() alias must be lowercase letters and '_'");
  if (key32.size() != kKeySize) {
    return Error{"db.key_size", N_("A database key must be 32 bytes.")};
  }
  if (auto s = check_path(path, OpenMode::open_existing); !s) return s;
  if (run_sql(db_, "PRAGMA cipher_default_page_size = 4096;") != SQLITE_OK) return setup_failed();
  const std::string alias_text(alias);
  {
    auto st = Statement::prepare(*this, "ATTACH DATABASE ?1 AS " + alias_text + " KEY ?2");
    if (!st) return st.error();
    if (auto s = st->bind_text(1, path.string()); !s) return s;
    const crypto::SecureBuffer literal = raw_key_literal(key32);
    if (auto s = st->bind_text(
            2, std::string_view(reinterpret_cast<const char*>(literal.data()), literal.size()));
        !s)
      return s;
    if (auto r = st->step(); !r) {
      // SQLCipher reads page 1 while attaching: a wrong key reads as not a database.
      return r.error().code == "db.corrupt" ? wrong_key_or_damaged() : r.error();
    }
  }  // the statement and its copy of the key are freed (and wiped) here
  const int rc = run_sql(db_, "SELECT count(*) FROM " + alias_text + ".sqlite_master;");
  const bool settings_hold =
      rc == SQLITE_OK && pragma_reads(db_, "PRAGMA " + alias_text + ".cipher_page_size;", "4096") &&
      pragma_reads(db_, "PRAGMA " + alias_text + ".journal_mode = DELETE;", "delete") &&
      pragma_reads(db_, "PRAGMA " + alias_text + ".secure_delete = ON;", "1");
  if (!settings_hold) {
    run_sql(db_, "DETACH DATABASE " + alias_text + ";");
    if ((rc & 0xFF) == SQLITE_NOTADB || (rc & 0xFF) == SQLITE_CORRUPT)
      return wrong_key_or_damaged();
    if (rc != SQLITE_OK) return error_from_sqlite(db_, rc);
    return setup_failed();
  }
  return ok_status();
}

Status Database::detach(std::string_view alias) {
  assert(db_ != nullptr && "Database::detach() called on a closed database");
  return exec("DETACH DATABASE " + std::string(alias) + ";");
}

Result<std::int64_t> Database::query_int(std::string_view sql) {
  auto st = Statement::prepare(*this, sql);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return Error{"db.error", N_("The database reported an error.")};
  return st->column_int64(0);
}

Status Database::integrity_check() {
  auto st = Statement::prepare(*this, "PRAGMA integrity_check;");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value() || st->column_text_view(0) != "ok") {
    return Error{"db.corrupt", N_("The database file is damaged.")};
  }
  return ok_status();
}

std::int64_t Database::last_insert_rowid() const {
  assert(db_ != nullptr && "Database::last_insert_rowid() called on a closed database");
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
  assert(db_ != nullptr && "Database::changes() called on a closed database");
  return sqlite3_changes(db_);
}

bool Database::in_transaction() const {
  assert(db_ != nullptr && "Database::in_transaction() called on a closed database");
  return sqlite3_get_autocommit(db_) == 0;
}

void Database::set_busy_timeout(std::chrono::milliseconds timeout) {
  assert(db_ != nullptr && "Database::set_busy_timeout() called on a closed database");
  sqlite3_busy_timeout(db_, static_cast<int>(timeout.count()));
}

std::string Database::diagnostic() const {
  if (db_ == nullptr) return "database closed";
  return std::string(sqlite3_errmsg(db_)) + " (extended code " +
         std::to_string(sqlite3_extended_errcode(db_)) + ", errno " +
         std::to_string(sqlite3_system_errno(db_)) + ")";
}

// ---------------------------------------------------------------- Statement

Result<Statement> Statement::prepare(Database& db, std::string_view sql) {
  assert(db.db_ != nullptr && "Statement::prepare() called on a closed database");
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db.db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  Statement st(db.db_, raw);
  if (rc != SQLITE_OK) return error_from_sqlite(db.db_, rc);
  if (raw == nullptr) return Error{"db.error", N_("The database reported an error.")};
#ifndef NDEBUG
  sqlite3_stmt* extra = nullptr;
  const char* end = sql.data() + sql.size();
  sqlite3_prepare_v2(db.db_, tail, static_cast<int>(end - tail), &extra, nullptr);
  const bool single = extra == nullptr;
  sqlite3_finalize(extra);
  assert(single && "Statement::prepare() given more than one statement; use Database::exec()");
#endif
  return st;
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Status Statement::bind_result(int rc) {
  if (rc != SQLITE_OK) return error_from_sqlite(db_, rc);
  return ok_status();
}

Status Statement::bind_int64(int index, std::int64_t value) {
  return bind_result(sqlite3_bind_int64(stmt_, index, value));
}

Status Statement::bind_text(int index, std::string_view utf8) {
  // A non-null pointer even for "", so an empty string binds as '' and not NULL.
  const char* p = utf8.empty() ? "" : utf8.data();
  return bind_result(sqlite3_bind_text(stmt_, index, p, static_cast<int>(utf8.size()), kTransient));
}

Status Statement::bind_text_static(int index, std::string_view utf8) {
  const char* p = utf8.empty() ? "" : utf8.data();
  return bind_result(
      sqlite3_bind_text(stmt_, index, p, static_cast<int>(utf8.size()), SQLITE_STATIC));
}

Status Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return bind_result(sqlite3_bind_zeroblob(stmt_, index, 0));
  return bind_result(
      sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), kTransient));
}

Status Statement::bind_null(int index) { return bind_result(sqlite3_bind_null(stmt_, index)); }

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return error_from_sqlite(db_, rc);
}

Status Statement::reset() {
  // sqlite3_reset() only repeats the error the last step() already returned;
  // the statement is reset either way, so there is nothing new to report.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return ok_status();
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

Statement::Type Statement::column_type(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER: return Type::integer;
    case SQLITE_FLOAT: return Type::real;
    case SQLITE_TEXT: return Type::text;
    case SQLITE_BLOB: return Type::blob;
    default: return Type::null;
  }
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string_view Statement::column_text_view(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::span<const std::uint8_t> Statement::column_blob_view(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  if (blob == nullptr) return {};
  return {static_cast<const std::uint8_t*>(blob),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::column_text(int column) const {
  return std::string(column_text_view(column));
}

std::vector<std::uint8_t> Statement::column_blob(int column) const {
  const auto view = column_blob_view(column);
  return {view.begin(), view.end()};
}

crypto::SecureBuffer Statement::column_secure_blob(int column) const {
  const auto view = column_blob_view(column);
  crypto::SecureBuffer out(view.size());
  if (!view.empty()) std::copy(view.begin(), view.end(), out.data());
  return out;
}

// ---------------------------------------------------------------- Transaction

Result<Transaction> Transaction::begin(Database& db) {
  assert(db.db_ != nullptr && "Transaction::begin() called on a closed database");
  const int rc = run_sql(db.db_, "BEGIN IMMEDIATE;");
  if (rc != SQLITE_OK) return error_from_sqlite(db.db_, rc);
  return Transaction(db.db_);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  // After SQLITE_FULL or an I/O error SQLite may have rolled back already.
  if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) run_sql(db_, "ROLLBACK;");
}

Status Transaction::commit() {
  assert(db_ != nullptr && "Transaction::commit() called twice or on a moved-from transaction");
  const int rc = run_sql(db_, "COMMIT;");
  if (rc != SQLITE_OK) return error_from_sqlite(db_, rc);
  db_ = nullptr;
  return ok_status();
}

}  // namespace shogo::storage
