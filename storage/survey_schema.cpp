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
};

}  // namespace

std::span<const Migration> survey_migrations() { return kSurveyMigrations; }

}  // namespace shogo::storage
