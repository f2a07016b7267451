#pragma once
// CsvReader — a streaming reader of the CSV files the confirmation sheets
// arrive in (P6.4.a/b): one record at a time, in bounded memory.
//
//   CsvOptions ................ limits and chunk size
//   Encoding .................. what the file turned out to be
//   CsvReader::open() ......... opens, checks the size, detects the encoding
//   CsvReader::next() ......... the next record's fields, UTF-8; false at the end
//   CsvReader::row_number() ... 1-based number of the record next() returned
//   CsvReader::last_error_position() ... where the last error was found
//
// Reading: the file is read chunk_bytes at a time, never whole. Memory is one
// chunk, its UTF-8 conversion and the current record (at most max_fields
// fields of max_field_bytes).
//
// Encoding (detected once, at open, from the first detect_bytes):
//   - starts with the UTF-8 BOM                    → Encoding::utf8_bom (BOM dropped)
//   - valid UTF-8 (ASCII included)                 → Encoding::utf8
//   - otherwise                                    → Encoding::cp932 (Shift_JIS as
//     Windows writes it: NEC and IBM extensions, 0x8160 → U+FF5E ～, 0x817C → U+FF0D －,
//     0x8161 → U+2225 ∥, 0x8191 → U+FFE0 ￠, 0x8192 → U+FFE1 ￡, 0x81CA → U+FFE2 ￢),
//     converted with glibc iconv ("CP932").
//   - a UTF-16 BOM                                 → error import.unsupported_encoding
// A byte sequence that is invalid in the detected encoding, anywhere in the
// file, is an error (import.bad_encoding): never a silent replacement. A CP932
// file whose first detect_bytes are plain ASCII is detected as UTF-8 and fails
// later with import.bad_encoding; set CsvOptions::encoding for such files.
//
// Syntax (RFC 4180, read liberally on line ends):
//   - fields separated by ','; records end with CRLF, LF or CR; the last
//     record may lack its line end;
//   - a field that starts with '"' is quoted: '""' is a quote, and commas and
//     line breaks inside are kept as they are (a CRLF inside stays CRLF);
//   - a blank line is a record with no fields (fields.empty()): skip it;
//   - a '"' inside an unquoted field          → import.csv_stray_quote
//   - anything but ',' or a line end after a closing quote → import.csv_text_after_quote
//   - end of file inside a quoted field        → import.csv_unterminated_quote
//   - limits: import.file_too_large, import.csv_field_too_large, import.csv_too_many_fields
//   - open/read failures: import.cannot_open, import.read_failed
// Error messages are generic (no file content: it is PERSONAL DATA); where it
// happened is in last_error_position(). After an error, next() keeps
// returning it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/base/result.hpp"

namespace shogo::storage::import {

enum class Encoding { utf8, utf8_bom, cp932 };

struct CsvOptions {
  std::uint64_t max_file_bytes = 512ull << 20;  // whole file, as stored
  std::size_t max_field_bytes = 64u << 10;      // one field, in UTF-8
  std::size_t max_fields = 512;                 // fields in one record
  std::size_t chunk_bytes = 64u << 10;          // bytes read at a time (≥ 1; tests use 1)
  std::size_t detect_bytes = 64u << 10;         // bytes looked at to detect the encoding
  std::optional<Encoding> encoding;             // force it instead of detecting
};

// Where an error was found: record (1-based), field (1-based; 0 when not in
// a field) and physical line (1-based; a quoted field may span lines).
struct CsvError {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
  std::uint64_t line = 0;
};

class CsvReader {
 public:
  // Opens the file and detects its encoding. Fails on a missing file, a file
  // over max_file_bytes, or a UTF-16 BOM.
  [[nodiscard]] static Result<CsvReader> open(const std::filesystem::path& file,
                                              CsvOptions options = {});

  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  // Replaces `fields` with the next record: true, or false at the end of the file.
  [[nodiscard]] Result<bool> next(std::vector<std::string>& fields);

  std::uint64_t row_number() const;             // record last returned by next(); 0 before
  Encoding encoding() const;                    // detected (or forced) encoding
  const CsvError& last_error_position() const;  // valid after next() failed

 private:
  struct State;
  explicit CsvReader(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace shogo::storage::import
