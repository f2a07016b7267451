// The streaming CSV reader of the confirmation sheets (P6.4.a/b): encodings
// (UTF-8 with and without BOM, CP932 with NEC/IBM extensions and the six
// characters Shift_JIS tables disagree on), RFC 4180 syntax, limits, and
// characters cut by a chunk boundary. Synthetic data only; CP932 bytes are
// written as escapes.
#include <catch2/catch.hpp>

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/csv_reader.hpp"
#include "tests/support/temp_dir.hpp"

using shogo::storage::import::CsvOptions;
using shogo::storage::import::CsvReader;
using shogo::storage::import::Encoding;
using Records = std::vector<std::vector<std::string>>;

namespace {

std::filesystem::path write_file(const shogo::test::TempDir& dir, std::string_view bytes) {
  const auto file = dir / "sheet.csv";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

struct ReadAll {
  Records records;
  std::string error_code;  // "" when the whole file was read
  Encoding encoding = Encoding::utf8;
  shogo::storage::import::CsvError position;
  std::uint64_t rows = 0;
};

ReadAll read_all(std::string_view bytes, CsvOptions options = {}) {
  shogo::test::TempDir dir;
  ReadAll out;
  auto reader = CsvReader::open(write_file(dir, bytes), options);
  if (!reader) {
    out.error_code = reader.error().code;
    return out;
  }
  out.encoding = reader->encoding();
  std::vector<std::string> fields;
  while (true) {
    auto more = reader->next(fields);
    if (!more) {
      out.error_code = more.error().code;
      out.position = reader->last_error_position();
      // The error sticks.
      CHECK(reader->next(fields).error().code == out.error_code);
      break;
    }
    if (!*more) break;
    out.records.push_back(fields);
  }
  out.rows = reader->row_number();
  return out;
}

CsvOptions chunked(std::size_t chunk) {
  CsvOptions options;
  options.chunk_bytes = chunk;
  return options;
}

}  // namespace

TEST_CASE("P6.4 csv UTF-8 without a BOM") {
  const auto r = read_all("氏名,生年月日\n架空 太郎,1980/01/02\n");
  CHECK(r.error_code.empty());
  CHECK(r.encoding == Encoding::utf8);
  CHECK(r.records == Records{{"氏名", "生年月日"}, {"架空 太郎", "1980/01/02"}});
  CHECK(r.rows == 2);
}

TEST_CASE("P6.4 csv UTF-8 with a BOM drops the BOM") {
  const auto r = read_all("\xEF\xBB\xBF氏名,番号\r\n架空 花子,1\r\n");
  CHECK(r.error_code.empty());
  CHECK(r.encoding == Encoding::utf8_bom);
  CHECK(r.records == Records{{"氏名", "番号"}, {"架空 花子", "1"}});
}

TEST_CASE("P6.4 csv an empty file and a file holding only a BOM have no records") {
  for (const std::string_view bytes : {std::string_view{}, std::string_view{"\xEF\xBB\xBF"}}) {
    const auto r = read_all(bytes);
    CHECK(r.error_code.empty());
    CHECK(r.records.empty());
    CHECK(r.rows == 0);
  }
}

TEST_CASE("P6.4 csv CP932 maps the six disputed characters as Windows does") {
  struct Case {
    std::string_view cp932;
    std::string_view utf8;
  };
  const std::vector<Case> cases{
      {"\x81\x60", "\uFF5E"},  // ～ FULLWIDTH TILDE (not U+301C WAVE DASH)
      {"\x81\x7C", "\uFF0D"},  // － FULLWIDTH HYPHEN-MINUS (not U+2212)
      {"\x81\x61", "\u2225"},  // ∥ PARALLEL TO (not U+2016)
      {"\x81\x91", "\uFFE0"},  // ￠ FULLWIDTH CENT SIGN (not U+00A2)
      {"\x81\x92", "\uFFE1"},  // ￡ FULLWIDTH POUND SIGN (not U+00A3)
      {"\x81\xCA", "\uFFE2"},  // ￢ FULLWIDTH NOT SIGN (not U+00AC)
  };
  for (const auto& c : cases) {
    INFO(std::string(c.utf8));
    // 架空 (0x89CB 0x8BF3) makes the file invalid UTF-8, so it is detected as CP932.
    const std::string bytes = "\x89\xCB\x8B\xF3," + std::string(c.cp932) + "\r\n";
    const auto r = read_all(bytes);
    CHECK(r.error_code.empty());
    CHECK(r.encoding == Encoding::cp932);
    CHECK(r.records == Records{{"架空", std::string(c.utf8)}});
  }
}

TEST_CASE("P6.4 csv CP932 NEC and IBM extension characters") {
  struct Case {
    std::string_view cp932;
    std::string_view utf8;
  };
  const std::vector<Case> cases{
      {"\x87\x40", "\u2460"},  // ① NEC row 13
      {"\x87\x54", "\u2160"},  // Ⅰ NEC row 13
      {"\x87\x8A", "\u3231"},  // ㈱ NEC row 13
      {"\x87\x82", "\u2116"},  // № NEC row 13
      {"\xFA\x40", "\u2170"},  // ⅰ IBM extension
      {"\xEE\xEF", "\u2170"},  // ⅰ NEC-selected IBM extension
      {"\xFA\x58", "\u3231"},  // ㈱ IBM extension
      {"\xFB\xFC", "\u9AD9"},  // 髙 IBM extension
      {"\xFA\xB1", "\uFA11"},  // 﨑 IBM extension
      {"\xED\x95", "\uFA11"},  // 﨑 NEC-selected IBM extension
      {"\xB1", "\uFF71"},      // ｱ half-width katakana
      {"\x95\x5C", "表"},      // trail byte 0x5C is not a backslash
      {"\x5C", "\\"},          // 0x5C alone is U+005C in CP932
  };
  for (const auto& c : cases) {
    INFO(std::string(c.utf8));
    const std::string bytes = "\x89\xCB\x8B\xF3\x20\x91\xBE\x98\x59," + std::string(c.cp932);
    const auto r = read_all(bytes);
    CHECK(r.error_code.empty());
    CHECK(r.encoding == Encoding::cp932);
    CHECK(r.records == Records{{"架空 太郎", std::string(c.utf8)}});
  }
}

TEST_CASE("P6.4 csv a multibyte character split by a chunk boundary") {
  // Every chunk size from 1 byte up: each split point falls inside a character once.
  const std::string utf8 = "\xEF\xBB\xBF架空 太郎,\"①\r\n㈱\",髙\r\n𠮷野,～\n";
  const std::string cp932 =
      "\x89\xCB\x8B\xF3\x20\x91\xBE\x98\x59,\"\x87\x40\r\n\x87\x8A\",\xFB\xFC\r\n\x95\x5C,"
      "\x81\x60\n";
  const Records expected_utf8{{"架空 太郎", "①\r\n㈱", "髙"}, {"𠮷野", "～"}};
  const Records expected_cp932{{"架空 太郎", "①\r\n㈱", "髙"}, {"表", "\uFF5E"}};
  for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
    INFO("chunk " << chunk);
    const auto u = read_all(utf8, chunked(chunk));
    CHECK(u.error_code.empty());
    CHECK(u.records == expected_utf8);
    const auto c = read_all(cp932, chunked(chunk));
    CHECK(c.error_code.empty());
    CHECK(c.encoding == Encoding::cp932);
    CHECK(c.records == expected_cp932);
  }
}

TEST_CASE("P6.4 csv RFC 4180 quoting line ends and empty fields") {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    Records expected;
  };
  const std::vector<Case> cases{
      {"LF", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}},
      {"CRLF", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
      {"CR", "a,b\rc,d\r", {{"a", "b"}, {"c", "d"}}},
      {"no final line end", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
      {"empty fields", ",a,,\n,\n", {{"", "a", "", ""}, {"", ""}}},
      {"blank line", "a\n\nb\n", {{"a"}, {}, {"b"}}},
      {"blank CRLF line", "a\r\n\r\nb", {{"a"}, {}, {"b"}}},
      {"quoted", "\"a\",\"b,c\"\n", {{"a", "b,c"}}},
      {"doubled quote", "\"架空 \"\"太郎\"\"\",x\n", {{"架空 \"太郎\"", "x"}}},
      {"empty quoted", "\"\",\"\"\"\"\n", {{"", "\""}}},
      {"LF inside quotes", "\"1行目\n2行目\",x\n", {{"1行目\n2行目", "x"}}},
      {"CRLF inside quotes", "\"a\r\nb\"\r\nc\r\n", {{"a\r\nb"}, {"c"}}},
      {"quoted last field at EOF", "a,\"b\"", {{"a", "b"}}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto r = read_all(c.bytes, chunked(3));
    CHECK(r.error_code.empty());
    CHECK(r.records == c.expected);
    CHECK(r.rows == c.expected.size());
  }
}

TEST_CASE("P6.4 csv syntax errors carry row column and line") {
  struct Case {
    std::string_view name;
    std::string_view bytes;
    std::string_view code;
    std::uint64_t row;
    std::uint32_t column;
    std::uint64_t line;
  };
  const std::vector<Case> cases{
      {"stray quote", "a,b\nc,d\"e\n", "import.csv_stray_quote", 2, 2, 2},
      {"text after quote", "\"a\"b,c\n", "import.csv_text_after_quote", 1, 1, 1},
      {"truncated quote at EOF", "a\n\"b,\nc\n", "import.csv_unterminated_quote", 2, 1, 4},
      {"quote after multi-line record", "\"x\ny\",1\nz,w\"\n", "import.csv_stray_quote", 2, 2, 3},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto r = read_all(c.bytes);
    CHECK(r.error_code == c.code);
    CHECK(r.position.row == c.row);
    CHECK(r.position.column == c.column);
    CHECK(r.position.line == c.line);
  }
}

TEST_CASE("P6.4 csv invalid UTF-8 is an error never a replacement") {
  CsvOptions small_probe;
  small_probe.detect_bytes = 8;
  small_probe.chunk_bytes = 4;
  struct Case {
    std::string_view name;
    std::string_view bytes;
    CsvOptions options;
    std::uint64_t row;
  };
  const std::vector<Case> cases{
      {"CP932 after a BOM",
       "\xEF\xBB\xBF"
       "a\n\x82\xA0\n",
       {},
       2},
      {"surrogate after a BOM",
       "\xEF\xBB\xBF"
       "a,\xED\xA0\x80\n",
       {},
       1},
      {"overlong after a BOM", "\xEF\xBB\xBF\xC0\xAF\n", {}, 1},
      {"bad byte past detection", "abcdefgh\nijk\n\xFF\n", small_probe, 3},
      {"cut character at EOF",
       "\xEF\xBB\xBF"
       "a\n\xE3\x81",
       {},
       2},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto r = read_all(c.bytes, c.options);
    CHECK(r.error_code == "import.bad_encoding");
    CHECK(r.position.row == c.row);
  }
}

TEST_CASE("P6.4 csv CP932 errors invalid byte and lead byte cut by EOF") {
  const auto bad = read_all("\x89\xCB,\x80\n");
  CHECK(bad.error_code == "import.bad_encoding");
  const auto cut = read_all("\x89\xCB\n\x89");
  CHECK(cut.error_code == "import.bad_encoding");
  CHECK(cut.records == Records{{"架"}});
  CHECK(cut.position.row == 2);
}

TEST_CASE("P6.4 csv limits on file size fields and field length") {
  CsvOptions options;
  options.max_field_bytes = 4;
  CHECK(read_all("abcd,1234\n", options).error_code.empty());
  const auto long_field = read_all("abcd,12345\n", options);
  CHECK(long_field.error_code == "import.csv_field_too_large");
  CHECK(long_field.position.column == 2);
  CHECK(read_all("\"ab\"\"c\"\n", options).error_code.empty());  // 4 bytes once unquoted
  CHECK(read_all("\"ab\"\"cd\"\n", options).error_code == "import.csv_field_too_large");

  CsvOptions few;
  few.max_fields = 3;
  CHECK(read_all("a,b,c\n", few).error_code.empty());
  CHECK(read_all("a,b,c,\n", few).error_code == "import.csv_too_many_fields");
  CHECK(read_all("a,b,c,d", few).error_code == "import.csv_too_many_fields");

  CsvOptions tiny;
  tiny.max_file_bytes = 8;
  CHECK(read_all("a,b,c,d\n", tiny).error_code.empty());
  CHECK(read_all("a,b,c,de\n", tiny).error_code == "import.file_too_large");
}

TEST_CASE("P6.4 csv open failures and UTF-16") {
  shogo::test::TempDir dir;
  auto missing = CsvReader::open(dir / "absent.csv", {});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "import.cannot_open");
  CHECK(read_all("\xFF\xFE"
                 "a\0,\0")
            .error_code == "import.unsupported_encoding");
}

TEST_CASE("P6.4 csv forced encoding and messages without file content") {
  CsvOptions forced;
  forced.encoding = Encoding::cp932;
  const auto r = read_all("abc,\x81\x60\n", forced);
  CHECK(r.error_code.empty());
  CHECK(r.records == Records{{"abc", "\uFF5E"}});

  shogo::test::TempDir dir;
  auto reader = CsvReader::open(write_file(dir, "架空 太郎,\"1980/01/02\"x\n"), {});
  REQUIRE(reader.ok());
  std::vector<std::string> fields;
  const auto more = reader->next(fields);
  REQUIRE_FALSE(more.ok());
  CHECK(more.error().message.find("架空") == std::string::npos);
  CHECK(more.error().message.find("1980") == std::string::npos);
}
