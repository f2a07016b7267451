// libFuzzer target: CsvReader (storage/import/csv_reader.hpp) on arbitrary bytes.
//
// Each input is read to the end (or to the first error) several ways:
//   detected encoding, default chunk   — the reference reading
//   detected encoding, 7-byte chunks   — must give the same records and error
//   forced CP932, default and 7-byte chunks — must agree with each other
//   tiny detect window, tiny limits    — limit errors, late bad_encoding
// Invariants (a violation traps): chunking never changes the result; every
// field is valid UTF-8 and within max_field_bytes; a record has at most
// max_fields fields; row_number() counts the records returned.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/csv_reader.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

using shogo::storage::import::CsvOptions;
using shogo::storage::import::CsvReader;
using shogo::storage::import::Encoding;

// What one reading of the file produced.
struct Reading {
  bool opened = false;
  std::optional<Encoding> encoding;
  std::vector<std::vector<std::string>> records;
  std::string error;  // error code; "" when the file was read to its end
  friend bool operator==(const Reading&, const Reading&) = default;
};

Reading read_all(const std::string& path, const CsvOptions& options) {
  Reading out;
  auto reader = CsvReader::open(path, options);
  if (!reader) {
    out.error = reader.error().code;
    return out;
  }
  out.opened = true;
  out.encoding = reader->encoding();
  std::vector<std::string> fields;
  while (true) {
    auto more = reader->next(fields);
    if (!more) {
      out.error = more.error().code;
      SHOGO_FUZZ_CHECK(!out.error.empty());
      // After an error, next() keeps returning it.
      auto again = reader->next(fields);
      SHOGO_FUZZ_CHECK(!again && again.error().code == out.error);
      break;
    }
    if (!*more) break;
    SHOGO_FUZZ_CHECK(fields.size() <= options.max_fields);
    for (const auto& f : fields) {
      SHOGO_FUZZ_CHECK(f.size() <= options.max_field_bytes);
      SHOGO_FUZZ_CHECK(shogo::fuzz::valid_utf8(f));
    }
    out.records.push_back(fields);
    SHOGO_FUZZ_CHECK(reader->row_number() == out.records.size());
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& file = shogo::fuzz::input_file();
  file.write(data, size);
  const std::string& path = file.path();

  CsvOptions detected;
  const Reading reference = read_all(path, detected);
  CsvOptions detected_small = detected;
  detected_small.chunk_bytes = 7;
  SHOGO_FUZZ_CHECK(read_all(path, detected_small) == reference);

  CsvOptions cp932;
  cp932.encoding = Encoding::cp932;
  const Reading cp932_reference = read_all(path, cp932);
  CsvOptions cp932_small = cp932;
  cp932_small.chunk_bytes = 7;
  SHOGO_FUZZ_CHECK(read_all(path, cp932_small) == cp932_reference);

  CsvOptions tight;
  tight.chunk_bytes = 3;
  tight.detect_bytes = 5;
  tight.max_field_bytes = 16;
  tight.max_fields = 8;
  tight.max_file_bytes = 2048;
  static_cast<void>(read_all(path, tight));
  return 0;
}
