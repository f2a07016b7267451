#include "kiosk/survey/sheet_import.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <variant>

#include "crypto/file_digest.hpp"
#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/row_digest.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"

namespace shogo::survey {

namespace imp = storage::import;

namespace {

constexpr std::uint64_t kProgressEvery = 4096;
constexpr std::size_t kInsertBatch = 64;  // rows per INSERT statement
constexpr int kConstantParams = 2;        // ?1 system, ?2 source_id
constexpr int kRowParams = 15;            // the other columns of one row

// INSERT of `rows` rows into the attached survey: the constant columns take
// ?1–?2 in every row, row k the next kRowParams parameters after them.
std::string insert_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO survey.access_rows(system, op_date, op_time, terminal_id, operator_id, "
      "operation, detail, resident_name, resident_kana, resident_birth, resident_address, "
      "source_id, source_row, operation_text, reference, resident_honseki, search_condition) "
      "VALUES";
  for (std::size_t k = 0; k < rows; ++k) {
    const int at = kConstantParams + static_cast<int>(k) * kRowParams;
    sql += k == 0 ? "(?1" : ",(?1";
    for (int i = 1; i <= kRowParams; ++i) {
      sql += ",?";
      sql += std::to_string(at + i);
      if (i == 10) sql += ",?2";  // after resident_address: source_id
    }
    sql += ')';
  }
  return sql;
}

// The survey's id of the file (sources), made on first import. Inside the
// import's transaction, on the attached survey.
Result<std::int64_t> source_id(storage::Database& db, const std::string& sha256,
                               std::string_view kind_id) {
  auto insert = storage::Statement::prepare(
      db, "INSERT OR IGNORE INTO survey.sources(sha256, sheet_kind) VALUES(?, ?)");
  if (!insert) return insert.error();
  Status s = insert->bind_text(1, sha256);
  if (s) s = insert->bind_text(2, kind_id);
  if (!s) return s.error();
  if (auto r = insert->step(); !r) return r.error();
  auto select = storage::Statement::prepare(db, "SELECT id FROM survey.sources WHERE sha256 = ?");
  if (!select) return select.error();
  if (auto t = select->bind_text(1, sha256); !t) return t.error();
  auto r = select->step();
  if (!r) return r.error();
  if (!*r) return Error{"survey.corrupt", N_("A stored access row could not be read.")};
  return select->column_int64(0);
}

// `value` (≥ 0: the readers only return checked dates and times) as `width`
// digits, as "%0*d" would print it, without printf for every cell.
char* put_digits(char* out, int value, int width) {
  auto v = static_cast<unsigned>(value);
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + width;
}

// format_date() into `out` (10 characters), without a std::string for every
// cell; the view points into `out`.
std::string_view iso_date(const Date& d, std::array<char, 10>& out) {
  char* buf = out.data();
  char* p = put_digits(buf, d.year % 10000, 4);
  *p++ = '-';
  p = put_digits(p, d.month % 100, 2);
  *p++ = '-';
  put_digits(p, d.day % 100, 2);
  return {buf, out.size()};
}

// format_time() into `out` (8 characters).
std::string_view iso_time(const TimeOfDay& t, std::array<char, 8>& out) {
  char* buf = out.data();
  char* p = put_digits(buf, t.hour % 100, 2);
  *p++ = ':';
  p = put_digits(p, t.minute % 100, 2);
  *p++ = ':';
  put_digits(p, t.second % 100, 2);
  return {buf, out.size()};
}

// The sheet, opened once: not through a symbolic link, a regular file only
// (a FIFO would block the reader for ever). The digest and the reader both
// read this open file through /proc/self/fd, so a file renamed over the
// sheet's name between the two is not what is stored under the digest; a
// change in place is caught by comparing the file's status before and after.
class SourceFile {
 public:
  static Result<std::shared_ptr<SourceFile>> open(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ELOOP) return not_regular();
      return Error{"import.cannot_open", N_("The file could not be opened.")};
    }
    auto source = std::shared_ptr<SourceFile>(new SourceFile(fd));
    if (::fstat(fd, &source->at_open_) != 0 || !S_ISREG(source->at_open_.st_mode)) {
      return not_regular();
    }
    return source;
  }
  ~SourceFile() { ::close(fd_); }
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  std::filesystem::path path() const { return "/proc/self/fd/" + std::to_string(fd_); }
  bool unchanged() const {
    struct stat now {};
    return ::fstat(fd_, &now) == 0 && now.st_size == at_open_.st_size &&
           now.st_mtim.tv_sec == at_open_.st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == at_open_.st_mtim.tv_nsec;
  }

 private:
  explicit SourceFile(int fd) : fd_(fd) {}
  static Error not_regular() {
    return Error{"import.not_regular_file",
                 N_("This is not an ordinary file (a link or a device, for example). Put the "
                    "sheet itself into the import folder.")};
  }
  int fd_;
  struct stat at_open_ {};
};

// Everything both preview and import check and prepare before reading rows.
struct Prepared {
  std::shared_ptr<SourceFile> source;
  imp::Profile profile;
  std::vector<imp::WindowFilter> windows;
  crypto::FileDigest digest;
  std::set<std::uint64_t> stored_rows;  // rows of this file already in the survey
  int designations = 0;                 // size of the survey's designation set
  bool reference_profile = true;        // read with the kind's reference profile
};

// The designations of `system` in `set` as reader windows (P6.2, P6.3.d).
std::vector<imp::WindowFilter> windows_of(const DesignationSet& set, System system) {
  std::vector<imp::WindowFilter> windows;
  for (const auto& d : set.history) {
    if (d.system != system) continue;
    imp::WindowFilter f;
    const auto& x = d.designation;
    f.date = x.date;
    f.from = x.from;
    f.to = x.to;
    f.to_excluded = true;  // P6.3.b: half-open, as in_window()
    f.terminals = x.terminal_ids;
    windows.push_back(std::move(f));
  }
  return windows;
}

// Rows of the file (by SHA-256) the survey's file already holds. `schema` is
// "main" on the survey's own connection, "survey" where it is attached.
Result<std::set<std::uint64_t>> stored_rows(storage::Database& db, const std::string& schema,
                                            const std::string& sha256) {
  auto st = storage::Statement::prepare(
      db, "SELECT a.source_row FROM " + schema + ".sources s JOIN " + schema +
              ".access_rows a ON a.source_id = s.id WHERE s.sha256 = ?");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, sha256); !s) return s.error();
  std::set<std::uint64_t> rows;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    rows.insert(static_cast<std::uint64_t>(st->column_int64(0)));
  }
  return rows;
}

// The same file under the same designations is imported once (vault.db).
Status check_not_imported(storage::Database& vault_db, const std::string& survey_id,
                          const Prepared& p) {
  auto seen = storage::Statement::prepare(
      vault_db,
      "SELECT count(*) FROM main.imports WHERE survey_id = ? AND sha256 = ? AND designations = ?");
  if (!seen) return seen.error();
  Status s = seen->bind_text(1, survey_id);
  if (s) s = seen->bind_text(2, p.digest.sha256_hex);
  if (s) s = seen->bind_int64(3, p.designations);
  if (!s) return s;
  auto r = seen->step();
  if (!r) return r.error();
  if (seen->column_int64(0) > 0) {
    return Error{"import.already_imported",
                 N_("This file was already imported into this survey (same SHA-256).")};
  }
  return ok_status();
}

Result<Prepared> prepare(Vault& vault, const ImportRequest& request) {
  auto survey = find_survey(vault, request.survey_id);
  if (!survey) return survey.error();
  Prepared p;
  auto reference = imp::parse_profile(imp::reference_profile(request.kind));
  if (!reference) return reference.error();
  p.profile = request.profile ? *request.profile : *reference;
  p.reference_profile = p.profile == *reference;
  if (p.profile.kind != request.kind) {
    return Error{"import.profile_kind", N_("The column profile is for another kind of sheet.")};
  }
  // A site's profile cannot move a sheet to another system: its rows would be
  // filtered by, and counted for, the wrong designations.
  if (reference->system != p.profile.system) {
    return Error{"import.profile_system",
                 N_("The column profile names another system than its kind of sheet.")};
  }
  const System system = p.profile.system;
  if (survey->state != SurveyState::designated) {
    return Error{"survey.wrong_state",
                 N_("Sheets are imported after the designation and before the sheets are made.")};
  }
  // P10.5: JUKINET data only from the registered survey USB memory.
  if (system == System::jukinet && request.jukinet_source_check) {
    if (auto s = request.jukinet_source_check(request.file); !s) return s.error();
  }
  auto set = load_designations(vault, request.survey_id);
  if (!set) return set.error();
  p.designations = static_cast<int>(set->history.size());
  p.windows = windows_of(*set, system);
  if (p.windows.empty()) {
    return Error{"import.not_designated",
                 N_("This system has no designation yet: the supervisor designates first.")};
  }
  auto source = SourceFile::open(request.file);
  if (!source) return source.error();
  p.source = std::move(*source);
  auto digest = crypto::file_digest(p.source->path());
  if (!digest) return digest.error();
  p.digest = std::move(*digest);

  {
    auto db = vault.surveys().open(request.survey_id);
    if (!db) return db.error();
    if (auto s = prepare_survey_file(*db); !s) return s.error();
    auto rows = stored_rows(*db, "main", p.digest.sha256_hex);
    if (!rows) return rows.error();
    p.stored_rows = std::move(*rows);
  }
  if (auto s = check_not_imported(vault.database(), request.survey_id, p); !s) return s.error();
  return p;
}

// Reads every row; `kept` is called for each kept row not stored before.
Result<ImportReport> read_all(
    const ImportRequest& request, Prepared& p, ImportFailure* failed_at,
    const std::function<Status(const imp::CanonicalRow&, std::uint64_t rows_read)>& kept) {
  imp::CsvError position;
  auto reader =
      imp::SheetReader::open(p.source->path(), p.profile, p.windows, imp::CsvOptions{}, &position);
  if (!reader) {
    if (failed_at) *failed_at = {position.row, position.column};
    return reader.error();
  }
  ImportReport report;
  report.sha256 = p.digest.sha256_hex;
  report.size = p.digest.size;
  report.system = p.profile.system;
  imp::SheetItem item;
  std::uint64_t next_progress = kProgressEvery;
  for (;;) {
    auto more = reader->next(item);
    if (!more) {
      if (failed_at) {
        const auto& at = reader->csv_error_position();
        *failed_at = {at.row, at.column};
      }
      return more.error();
    }
    if (!*more) break;
    if (auto* row = std::get_if<imp::CanonicalRow>(&item)) {
      if (p.stored_rows.count(row->row) != 0) {
        ++report.already_stored;
      } else {
        if (report.preview.size() < kPreviewRows) report.preview.push_back(*row);
        if (kept) {
          if (auto s = kept(*row, reader->counts().rows); !s) return s.error();
        }
      }
    } else {
      auto& problem = std::get<imp::RowProblem>(item);
      if (report.problems.size() < kMaxListedProblems) {
        report.problems.push_back({problem.row, problem.column, problem.error});
      }
    }
    if (request.progress && reader->counts().rows >= next_progress) {
      next_progress += kProgressEvery;
      if (!request.progress(reader->counts().rows)) {
        return Error{"import.cancelled", N_("The import was cancelled; nothing was stored.")};
      }
    }
  }
  report.counts = reader->counts();
  if (!p.source->unchanged()) {  // written to while it was read: not the bytes the digest names
    return Error{"import.file_changed",
                 N_("The file changed while it was read. Make sure nobody is saving the sheet, "
                    "then try again.")};
  }
  return report;
}

// Reading and storing overlap (the import benchmark, scripts/bench-import): a reader
// thread parses the sheet into batches of kept rows; the importing thread
// takes each full batch and stores it. Two queues of batches (full, free)
// bounded by kPipeBatches keep memory flat and reuse the rows' strings. The
// reader never touches the database, the importer never the file.
class RowPipe {
 public:
  static constexpr std::size_t kPipeBatches = 8;
  static constexpr std::size_t kBatchRows = 256;

  struct Batch {
    std::vector<imp::CanonicalRow> rows;
    std::size_t count = 0;
    std::uint64_t rows_read = 0;  // the sheet's rows read when the batch was handed over
  };

  RowPipe() {
    for (std::size_t i = 0; i < kPipeBatches; ++i) {
      auto b = std::make_unique<Batch>();
      b->rows.resize(kBatchRows);
      free_.push_back(std::move(b));
    }
  }

  // Reader side. False when the importer stopped (the reader should stop too).
  bool add(const imp::CanonicalRow& row, std::uint64_t rows_read) {
    if (!filling_) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !free_.empty() || stopped_; });
      if (stopped_) return false;
      filling_ = std::move(free_.front());
      free_.pop_front();
      filling_->count = 0;
    }
    filling_->rows[filling_->count++] = row;
    filling_->rows_read = rows_read;
    if (filling_->count == kBatchRows) return hand_over();
    return true;
  }
  // Reader side, once, at the end (`result` is the reading's report or error).
  void finish(Result<ImportReport> result) {
    if (filling_ && filling_->count > 0) hand_over();
    std::lock_guard lock(mutex_);
    result_.emplace(std::move(result));
    changed_.notify_all();
  }

  // Importer side: the next full batch, or null at the end (then result()).
  std::unique_ptr<Batch> take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || result_.has_value(); });
    if (full_.empty()) return nullptr;
    auto b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void give_back(std::unique_ptr<Batch> b) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(b));
    changed_.notify_all();
  }
  void stop() {  // the importer failed or was cancelled: the reader ends early
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  Result<ImportReport> result() {
    std::lock_guard lock(mutex_);
    return std::move(*result_);
  }

 private:
  bool hand_over() {
    std::lock_guard lock(mutex_);
    if (stopped_) return false;
    full_.push_back(std::move(filling_));
    changed_.notify_all();
    return true;
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> free_, full_;
  std::unique_ptr<Batch> filling_;  // reader only
  std::optional<Result<ImportReport>> result_;
  bool stopped_ = false;
};

std::string counts_detail(const ImportReport& r, imp::SheetKind kind) {
  const auto& c = r.counts;
  return "sheet=" + std::string(imp::sheet_kind_id(kind)) + " sha256=" + r.sha256 +
         " size=" + std::to_string(r.size) + " rows=" + std::to_string(c.rows) +
         " kept=" + std::to_string(c.kept) + " stored=" + std::to_string(r.stored) +
         " already=" + std::to_string(r.already_stored) +
         " problems=" + std::to_string(c.problems) + " blank=" + std::to_string(c.blank) +
         " totals=" + std::to_string(c.totals) + " dropped_date=" + std::to_string(c.dropped_date) +
         " dropped_time=" + std::to_string(c.dropped_time) +
         " dropped_terminal=" + std::to_string(c.dropped_terminal);
}

}  // namespace

Result<std::vector<imp::WindowFilter>> designation_windows(Vault& vault,
                                                           const std::string& survey_id,
                                                           System system) {
  auto set = load_designations(vault, survey_id);
  if (!set) return set.error();
  return windows_of(*set, system);
}

Result<ImportReport> preview_import(Vault& vault, const ImportRequest& request,
                                    ImportFailure* failed_at) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto p = prepare(vault, request);
  if (!p) return p.error();
  return read_all(request, *p, failed_at, {});
}

Result<ImportReport> import_sheet(Vault& vault, const std::string& actor,
                                  const ImportRequest& request, ImportFailure* failed_at) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* user = vault.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"import.not_manager", N_("Only the manager imports confirmation sheets.")};
  }
  const std::string objects = AuditObjects().add("survey", request.survey_id);
  auto failed = [&](Error e) -> Result<ImportReport> {
    (void)vault.record(actor, AuditAction::sheet_import, objects, e.code);
    return e;
  };
  auto p = prepare(vault, request);
  if (!p) return failed(p.error());

  ImportReport report;
  const Vault::AuditedChange what{AuditAction::sheet_import, objects, request.survey_id};
  auto status = vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    // Rows are stored kInsertBatch at a time, in the sheet's order, by one
    // multi-row INSERT: fewer statement runs and resets, and the constant
    // columns bound once per batch (the import benchmark, scripts/bench-import).
    // The transaction holds the write locks of both files: what prepare()
    // checked is checked again here, so two imports at once cannot both pass.
    // (No index makes (file, row) unique: writing one for every row would
    // cost a third of the import's time; the transaction is the guarantee.)
    if (auto s = check_not_imported(db, request.survey_id, *p); !s) return s.error();
    auto already = stored_rows(db, "survey", p->digest.sha256_hex);
    if (!already) return already.error();
    p->stored_rows = std::move(*already);
    const std::string kind_id(imp::sheet_kind_id(request.kind));
    auto source = source_id(db, p->digest.sha256_hex, kind_id);
    if (!source) return source.error();
    auto insert = storage::Statement::prepare(db, insert_sql(kInsertBatch));
    if (!insert) return insert.error();
    // Dates and times of a statement's rows as text. The rows' cells are bound
    // without a copy (bind_text_static): the batch and these stay unchanged
    // until the statement has run.
    std::vector<std::array<char, 10>> dates(kInsertBatch), births(kInsertBatch);
    std::vector<std::array<char, 8>> times(kInsertBatch);
    std::uint64_t stored = 0;
    auto store = [&](storage::Statement& st, const imp::CanonicalRow* rows,
                     std::size_t count) -> Status {
      Status s = st.bind_text(1, system_id(p->profile.system));
      if (s) s = st.bind_int64(2, *source);
      for (std::size_t k = 0; s && k < count; ++k) {
        const imp::CanonicalRow& r = rows[k];
        const int at = kConstantParams + static_cast<int>(k) * kRowParams;
        s = st.bind_text_static(at + 1, iso_date(r.date, dates[k]));
        if (s) s = st.bind_text_static(at + 2, iso_time(r.time, times[k]));
        if (s) s = st.bind_text_static(at + 3, r.terminal_id);
        if (s) s = st.bind_text_static(at + 4, r.operator_id);
        if (s) s = st.bind_text_static(at + 5, operation_kind_id(r.operation));
        if (s) s = st.bind_text_static(at + 6, r.detail);
        if (s) s = st.bind_text_static(at + 7, r.resident_name);
        if (s) s = st.bind_text_static(at + 8, r.resident_kana);
        if (s) s = st.bind_text_static(at + 9, iso_date(r.resident_birth, births[k]));
        if (s) {
          s = r.resident_address ? st.bind_text_static(at + 10, *r.resident_address)
                                 : st.bind_text_static(at + 10, "");
        }
        if (s) s = st.bind_int64(at + 11, static_cast<std::int64_t>(r.row));
        if (s) s = st.bind_text_static(at + 12, r.operation_text);
        if (s) {
          s = r.reference ? st.bind_text_static(at + 13, *r.reference) : st.bind_null(at + 13);
        }
        if (s) {
          s = r.resident_honseki ? st.bind_text_static(at + 14, *r.resident_honseki)
                                 : st.bind_null(at + 14);
        }
        if (s) {
          s = r.search_condition ? st.bind_text_static(at + 15, *r.search_condition)
                                 : st.bind_null(at + 15);
        }
      }
      if (!s) return s;
      if (auto done = st.step(); !done) return done.error();
      stored += count;
      return st.reset();
    };

    // The reader thread parses; this thread stores (RowPipe). Progress and
    // cancelling stay on this, the caller's, thread.
    RowPipe pipe;
    ImportRequest reading = request;
    reading.progress = {};
    ImportFailure reader_failed_at;
    // The digest of the rows stored (row_digest.hpp), over their columns as
    // stored, hashed on the reader's thread: the writer is the slower one.
    RowDigest digest;
    const std::string_view system_text = system_id(p->profile.system);
    std::thread reader([&] {
      std::array<char, 10> date{}, birth{};
      std::array<char, 8> time{};
      pipe.finish(read_all(
          reading, *p, &reader_failed_at,
          [&](const imp::CanonicalRow& r, std::uint64_t rows_read) -> Status {
            const std::string row_number = std::to_string(r.row);
            digest.add_row(
                {system_text, iso_date(r.date, date), iso_time(r.time, time), r.terminal_id,
                 r.operator_id, operation_kind_id(r.operation), r.detail, r.resident_name,
                 r.resident_kana, iso_date(r.resident_birth, birth),
                 r.resident_address ? std::string_view(*r.resident_address) : "", row_number,
                 r.operation_text,
                 r.reference ? std::optional<std::string_view>(*r.reference) : std::nullopt,
                 r.resident_honseki ? std::optional<std::string_view>(*r.resident_honseki)
                                    : std::nullopt,
                 r.search_condition ? std::optional<std::string_view>(*r.search_condition)
                                    : std::nullopt});
            if (pipe.add(r, rows_read)) return ok_status();
            return Error{"import.cancelled", N_("The import was cancelled; nothing was stored.")};
          }));
      wipe_row_buffer();     // the last row it hashed
      crypto::wipe_stack();  // the cells it parsed, held inline by short strings
    });
    Status storing = ok_status();
    std::uint64_t next_progress = kProgressEvery;
    while (auto batch = pipe.take()) {
      for (std::size_t at = 0; storing && at < batch->count; at += kInsertBatch) {
        const std::size_t n = std::min(kInsertBatch, batch->count - at);
        if (n == kInsertBatch) {
          storing = store(*insert, &batch->rows[at], n);
        } else {  // the last, shorter statement
          auto last = storage::Statement::prepare(db, insert_sql(n));
          storing = last ? store(*last, &batch->rows[at], n) : Status(last.error());
        }
      }
      if (storing && request.progress && batch->rows_read >= next_progress) {
        next_progress = batch->rows_read + kProgressEvery;
        if (!request.progress(batch->rows_read)) {
          storing = Error{"import.cancelled", N_("The import was cancelled; nothing was stored.")};
        }
      }
      pipe.give_back(std::move(batch));
      if (!storing) pipe.stop();
    }
    reader.join();
    auto read = pipe.result();
    if (!read && failed_at) *failed_at = reader_failed_at;
    if (!storing) return storing.error();
    if (!read) return read.error();
    report = std::move(*read);
    report.stored = stored;
    if (report.counts.problems > 0 && !request.accept_problems) {
      return Error{"import.has_problems",
                   N_("Some rows could not be read. Check them in the preview, then import the "
                      "readable rows or correct the file.")};
    }
    auto record = storage::Statement::prepare(
        db,
        "INSERT INTO imports(survey_id, sha256, size, sheet_kind, system, designations, rows, "
        "kept, already_stored, problems, blank, totals, dropped_date, dropped_time, "
        "dropped_terminal, imported_by, imported_at, stored, rows_digest) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!record) return record.error();
    const auto& c = report.counts;
    const std::int64_t numbers[] = {static_cast<std::int64_t>(c.rows),
                                    static_cast<std::int64_t>(c.kept),
                                    static_cast<std::int64_t>(report.already_stored),
                                    static_cast<std::int64_t>(c.problems),
                                    static_cast<std::int64_t>(c.blank),
                                    static_cast<std::int64_t>(c.totals),
                                    static_cast<std::int64_t>(c.dropped_date),
                                    static_cast<std::int64_t>(c.dropped_time),
                                    static_cast<std::int64_t>(c.dropped_terminal)};
    Status s = record->bind_text(1, request.survey_id);
    if (s) s = record->bind_text(2, report.sha256);
    if (s) s = record->bind_int64(3, static_cast<std::int64_t>(report.size));
    if (s) s = record->bind_text(4, kind_id);
    if (s) s = record->bind_text(5, system_id(report.system));
    if (s) s = record->bind_int64(6, p->designations);
    for (int i = 0; s && i < 9; ++i) s = record->bind_int64(7 + i, numbers[i]);
    if (s) s = record->bind_text(16, actor);
    if (s) s = record->bind_int64(17, vault.now());  // the vault's clock, never SQL's
    if (digest.rows() != stored) {
      return Error{"import.digest", N_("The rows stored differ from the rows read; nothing was "
                                       "stored. Ask the system division to check Shogo.")};
    }
    if (s) s = record->bind_int64(18, static_cast<std::int64_t>(stored));
    if (s) s = record->bind_text(19, digest.hex());
    if (!s) return s.error();
    if (auto r = record->step(); !r) return r.error();
    report.import_id = db.last_insert_rowid();
    auto problem = storage::Statement::prepare(
        db, "INSERT INTO import_problems(import_id, row, column_name, code) VALUES(?,?,?,?)");
    if (!problem) return problem.error();
    for (const auto& pr : report.problems) {
      Status t = problem->bind_int64(1, report.import_id);
      if (t) t = problem->bind_int64(2, static_cast<std::int64_t>(pr.row));
      if (t) t = problem->bind_text(3, pr.column);
      if (t) t = problem->bind_text(4, pr.error.code);
      if (!t) return t.error();
      if (auto r = problem->step(); !r) return r.error();
      (void)problem->reset();
    }
    // Which column profile read the file: the kind's reference one, or a site's.
    return "import=" + std::to_string(report.import_id) + " " +
           counts_detail(report, request.kind) +
           (p->reference_profile ? " profile=reference" : " profile=site");
  });
  if (!status) return failed(status.error());
  return report;
}

}  // namespace shogo::survey
