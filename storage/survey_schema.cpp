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
    // Imported rows say where they came from: the file (its SHA-256, as in the
    // vault's imports table) and its row, so a re-import after a re-designation
    // (P6.3.d) adds only rows not stored yet. Demo rows have no source.
    {2, "imported rows: sheet kind, source file and row, operation text, reference, honseki",
     "ALTER TABLE access_rows ADD COLUMN sheet_kind TEXT;"
     "ALTER TABLE access_rows ADD COLUMN source_file TEXT;"
     "ALTER TABLE access_rows ADD COLUMN source_row INTEGER;"
     "ALTER TABLE access_rows ADD COLUMN operation_text TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE access_rows ADD COLUMN reference TEXT;"
     "ALTER TABLE access_rows ADD COLUMN resident_honseki TEXT;"
     "CREATE UNIQUE INDEX access_rows_by_source ON access_rows(source_file, source_row);"},
};

}  // namespace

std::span<const Migration> survey_migrations() { return kSurveyMigrations; }

}  // namespace shogo::storage
