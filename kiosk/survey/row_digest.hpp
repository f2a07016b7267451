#pragma once
// Row digest — a survey file's rows bound to the vault (docs/audit-log.md,
// "Survey files").
//
// Each stored access row is hashed (SHA-256 over its columns as stored,
// kDigestColumns in order, each NULL or a length-prefixed text) and the
// hashes are added as 256-bit numbers (mod 2^256). The sum does not depend on
// the order of the rows, so the digests of a file's imports add up to the
// digest of its rows however the survey file stores them: an import records
// its own in imports.rows_digest (and its event), verification recomputes
// them from the survey file with its key. A row deleted, changed, inserted
// or rolled back changes the sum.
//
//   RowDigest              the sum and the number of rows in it
//   kDigestColumns         the columns of access_rows a row's hash covers
//   survey_file_digests()  the digest of each source file's rows in a survey file

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

// access_rows' columns, as SELECT lists them for a row's hash; source_row as
// its decimal text.
inline constexpr std::string_view kDigestColumns =
    "system, op_date, op_time, terminal_id, operator_id, operation, detail, resident_name, "
    "resident_kana, resident_birth, resident_address, source_row, operation_text, reference, "
    "resident_honseki, search_condition";
inline constexpr std::size_t kDigestColumnCount = 16;
// The last column, search_condition (survey schema 3), is left out of a row's
// bytes when NULL: a row stored before it existed hashes as it did.

class RowDigest {
 public:
  using Columns = std::array<std::optional<std::string_view>, kDigestColumnCount>;
  void add_row(const Columns& columns);  // nullopt: NULL
  void add(const RowDigest& other);
  std::uint64_t rows() const { return rows_; }
  std::string hex() const;  // 64 hex digits, the sum as 32 little-endian bytes
  // The digest of an imports row (rows from imports.stored); nullopt if `hex` is not one.
  static std::optional<RowDigest> parse(std::string_view hex, std::uint64_t rows);
  friend bool operator==(const RowDigest&, const RowDigest&) = default;

 private:
  std::array<std::uint64_t, 4> sum_{};  // little-endian limbs
  std::uint64_t rows_ = 0;
};

// The row's bytes are assembled in a buffer of the calling thread: this wipes
// and releases it (a thread that hashed rows calls it before it ends).
void wipe_row_buffer();

// The digest of the rows of each source in a survey file (opened, or attached
// as `schema`), keyed by the source's SHA-256 ("" for rows of no source).
[[nodiscard]] Result<std::map<std::string, RowDigest>> survey_file_digests(
    storage::Database& db, std::string_view schema = "main");

}  // namespace shogo::survey
