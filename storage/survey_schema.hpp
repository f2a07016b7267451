#pragma once
// Schema of a survey's own file, surveys/<id>.db (design.md: all personal
// data of one survey, and nothing else). Numbered migrations as for vault.db.
//
//   v1  access_rows — the rows of the confirmation sheets (P6.4), one per log row

#include <span>

#include "storage/migrations.hpp"

namespace shogo::storage {

std::span<const Migration> survey_migrations();

}  // namespace shogo::storage
