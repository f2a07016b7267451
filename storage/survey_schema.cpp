#include "storage/survey_schema.hpp"

namespace shogo::storage {

namespace {

constexpr Migration kSurveyMigrations[] = {
    {1, "access rows of the confirmation sheets (P6.4)",
     "CREATE TABLE access_rows("
     "  id INTEGER PRIMARY KEY,"
     "  system TEXT NOT NULL CHECK(system IN ('KOSEKI','JUKI','JUKINET')),"
     "  op_date TEXT NOT NULL,"  // YYYY-MM-DD
     "  op_time TEXT NOT NULL,"  // HH:MM:SS
     "  terminal_id TEXT NOT NULL,"
     "  operator_id TEXT NOT NULL,"
     "  operation TEXT NOT NULL,"
     "  detail TEXT NOT NULL,"
     "  resident_name TEXT NOT NULL,"
     "  resident_kana TEXT NOT NULL,"
     "  resident_birth TEXT NOT NULL,"
     "  resident_address TEXT NOT NULL);"
     "CREATE INDEX access_rows_by_time ON access_rows(system, op_date, op_time);"},
    // Imported rows say where they came from: the file (sources: its SHA-256,
    // as in the vault's imports table, and its sheet kind) and its row, so a
    // re-import after a re-designation (P6.3.d) adds only rows not stored yet.
    // No index on (source_id, source_row): an import stores rows inside one
    // transaction that first reads which rows of the file are stored, which
    // keeps (file, row) unique; an index entry written for every row would
    // cost a third of the import's time. The unused index by time goes for
    // the same reason (the import benchmark, scripts/bench-import). Demo rows have no source.
    {2, "imported rows: source file and row, operation text, reference, honseki",
     "CREATE TABLE sources("
     "  id INTEGER PRIMARY KEY,"
     "  sha256 TEXT NOT NULL UNIQUE CHECK(length(sha256) = 64),"
     "  sheet_kind TEXT NOT NULL);"
     "ALTER TABLE access_rows ADD COLUMN source_id INTEGER;"
     "ALTER TABLE access_rows ADD COLUMN source_row INTEGER;"
     "ALTER TABLE access_rows ADD COLUMN operation_text TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE access_rows ADD COLUMN reference TEXT;"
     "ALTER TABLE access_rows ADD COLUMN resident_honseki TEXT;"
     "DROP INDEX access_rows_by_time;"},
    // 検索条件, what the operator typed (P6.5.b judges a mistyped search by
    // it): NULL where the sheet has no such column, and for rows stored before.
    {3, "imported rows: the search condition the operator typed",
     "ALTER TABLE access_rows ADD COLUMN search_condition TEXT;"},
};

}  // namespace

std::span<const Migration> survey_migrations() { return kSurveyMigrations; }

}  // namespace shogo::storage
