// The streaming, hardened XLSX reader of the confirmation sheets (P6.4.a/b).
// Workbooks are built here with libzip's writer, one per edge case: cell
// kinds, text escapes, sheets and rows, then every hostile variant (bombs,
// size lies, traversal targets, DTDs, damaged and truncated zips), each of
// which must end in its error code, never a crash or unbounded memory.
// fixtures/xlsx/*.xlsx are real workbooks written by openpyxl
// (make_fixtures.py). Synthetic data only.
#include <catch2/catch.hpp>
#include <zip.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/japanese_date.hpp"
#include "storage/import/xlsx_reader.hpp"
#include "tests/support/temp_dir.hpp"

using shogo::storage::import::looks_like_zip;
using shogo::storage::import::XlsxOptions;
using shogo::storage::import::XlsxReader;
using Records = std::vector<std::vector<std::string>>;

// ---- heap accounting ----------------------------------------------------------
// The streaming test measures the peak of C++ heap use while a sheet is read.
// Counting is process-wide but only looked at by that test.
namespace {
std::atomic<std::int64_t> g_heap_now{0};
std::atomic<std::int64_t> g_heap_peak{0};
constexpr std::size_t kHeapHeader = 16;  // keeps the default new alignment
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n + kHeapHeader);
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(p) = n;
  const auto now =
      g_heap_now.fetch_add(static_cast<std::int64_t>(n)) + static_cast<std::int64_t>(n);
  auto peak = g_heap_peak.load();
  while (now > peak && !g_heap_peak.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(p) + kHeapHeader;
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - kHeapHeader;
  g_heap_now.fetch_sub(static_cast<std::int64_t>(*reinterpret_cast<std::size_t*>(base)));
  std::free(base);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
// Every unaligned form goes through the two above, so that no block allocated
// by one allocator is freed by another (ASan brings its own).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return operator new(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }

namespace {

// ---- building workbooks ----------------------------------------------------------

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPkgRels =
    "http://schemas.openxmlformats.org/package/2006/relationships";

struct Part {
  std::string name;
  std::string data;
  zip_int32_t method = ZIP_CM_DEFLATE;
  bool encrypt = false;
};
using Parts = std::vector<Part>;

struct Sheet {
  std::string name;
  std::string sheet_data;  // what goes inside <sheetData>
};

struct Book {
  std::vector<Sheet> sheets = {{"Sheet1", ""}};
  std::vector<std::string> shared;  // the inside of each <si>
  bool date1904 = false;
  std::string cell_xfs;  // the inside of <cellXfs> (and numFmts before it)
  std::string num_fmts;
};

std::string xml_head() { return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"; }

std::string worksheet(std::string_view sheet_data) {
  return xml_head() + "<worksheet xmlns=\"" + std::string(kMain) + "\"><dimension ref=\"A1\"/>" +
         "<sheetData>" + std::string(sheet_data) + "</sheetData><pageMargins left=\"0.7\"/>" +
         "</worksheet>";
}

std::string rels_xml(const std::vector<std::pair<std::string, std::string>>& type_target) {
  std::string out = xml_head() + "<Relationships xmlns=\"" + std::string(kPkgRels) + "\">";
  for (std::size_t i = 0; i < type_target.size(); ++i) {
    out += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + std::string(kRelNs) +
           "/" + type_target[i].first + "\" Target=\"" + type_target[i].second + "\"/>";
  }
  return out + "</Relationships>";
}

Parts book_parts(const Book& book) {
  Parts parts;
  parts.push_back({"[Content_Types].xml",
                   xml_head() +
                       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                       "content-types\"><Default Extension=\"xml\" ContentType=\"application/"
                       "xml\"/></Types>"});
  parts.push_back({"_rels/.rels", rels_xml({{"officeDocument", "xl/workbook.xml"}})});
  std::string workbook = xml_head() + "<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" +
                         std::string(kRelNs) + "\">";
  if (book.date1904) workbook += "<workbookPr date1904=\"1\"/>";
  workbook += "<sheets>";
  std::vector<std::pair<std::string, std::string>> rels;
  for (std::size_t i = 0; i < book.sheets.size(); ++i) {
    const auto n = std::to_string(i + 1);
    workbook +=
        "<sheet name=\"" + book.sheets[i].name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels.emplace_back("worksheet", "worksheets/sheet" + n + ".xml");
    parts.push_back({"xl/worksheets/sheet" + n + ".xml", worksheet(book.sheets[i].sheet_data)});
  }
  workbook += "</sheets></workbook>";
  parts.push_back({"xl/workbook.xml", workbook});
  if (!book.shared.empty()) {
    std::string sst = xml_head() + "<sst xmlns=\"" + std::string(kMain) + "\" count=\"" +
                      std::to_string(book.shared.size()) + "\">";
    for (const auto& si : book.shared) sst += "<si>" + si + "</si>";
    parts.push_back({"xl/sharedStrings.xml", sst + "</sst>"});
    rels.emplace_back("sharedStrings", "sharedStrings.xml");
  }
  if (!book.cell_xfs.empty()) {
    parts.push_back({"xl/styles.xml", xml_head() + "<styleSheet xmlns=\"" + std::string(kMain) +
                                          "\"><numFmts>" + book.num_fmts + "</numFmts><cellXfs>" +
                                          book.cell_xfs + "</cellXfs></styleSheet>"});
    rels.emplace_back("styles", "/xl/styles.xml");
  }
  parts.push_back({"xl/_rels/workbook.xml.rels", rels_xml(rels)});
  return parts;
}

Part* find(Parts& parts, std::string_view name) {
  for (auto& p : parts) {
    if (p.name == name) return &p;
  }
  FAIL("no part " << name);
  return nullptr;
}

void remove(Parts& parts, std::string_view name) {
  std::erase_if(parts, [&](const Part& p) { return p.name == name; });
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spill(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Writes the parts as a zip with libzip. False when libzip refuses (e.g. an
// encryption method it was built without).
bool write_zip(const std::filesystem::path& file, const Parts& parts) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& p : parts) {
    zip_source_t* src = zip_source_buffer(z, p.data.data(), p.data.size(), 0);
    REQUIRE(src != nullptr);
    const zip_int64_t i = zip_file_add(z, p.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    REQUIRE(i >= 0);
    const auto index = static_cast<zip_uint64_t>(i);
    REQUIRE(zip_set_file_compression(z, index, p.method, 9) == 0);
    if (p.encrypt && zip_file_set_encryption(z, index, ZIP_EM_AES_256, "synthetic") != 0) {
      zip_discard(z);
      return false;
    }
  }
  REQUIRE(zip_close(z) == 0);
  return true;
}

void put16(std::string& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>(v >> 8);
}
void put32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) b[at + static_cast<std::size_t>(k)] = static_cast<char>(v >> (8 * k));
}
std::uint16_t get16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t get32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(get16(b, at)) |
         (static_cast<std::uint32_t>(get16(b, at + 2)) << 16);
}
// Patches both headers (local and central) of the entry `name` in zip bytes:
// flags |= or_flags, and the method and uncompressed size when ≥ 0.
void patch_entry(std::string& b, std::string_view name, std::uint16_t or_flags, int method,
                 std::int64_t size, std::string_view rename = {}) {
  bool found = false;
  for (std::size_t at = b.find("PK\x01\x02"); at != std::string::npos;
       at = b.find("PK\x01\x02", at + 4)) {
    const std::uint16_t name_len = get16(b, at + 28);
    if (std::string_view(b).substr(at + 46, name_len) != name) continue;
    found = true;
    const std::uint32_t local = get32(b, at + 42);
    put16(b, at + 8, static_cast<std::uint16_t>(get16(b, at + 8) | or_flags));
    put16(b, local + 6, static_cast<std::uint16_t>(get16(b, local + 6) | or_flags));
    if (method >= 0) {
      put16(b, at + 10, static_cast<std::uint16_t>(method));
      put16(b, local + 8, static_cast<std::uint16_t>(method));
    }
    if (size >= 0) {
      put32(b, at + 24, static_cast<std::uint32_t>(size));
      put32(b, local + 22, static_cast<std::uint32_t>(size));
    }
    if (!rename.empty()) {
      REQUIRE(rename.size() == name.size());
      b.replace(at + 46, name_len, rename);
      b.replace(local + 30, name_len, rename);
    }
    break;
  }
  REQUIRE(found);
}

// ---- reading ---------------------------------------------------------------------

struct ReadAll {
  Records records;
  std::vector<std::uint64_t> rows;
  std::string error_code;  // "" when the whole sheet was read
  std::string open_error;  // "" when open() succeeded
  shogo::storage::import::XlsxPosition position;
  std::vector<std::string> sheet_names;
  bool date1904 = false;
};

ReadAll read_file(const std::filesystem::path& file, XlsxOptions options = {},
                  std::size_t sheet = 0) {
  ReadAll out;
  auto reader = XlsxReader::open(file, options);
  if (!reader) {
    out.open_error = reader.error().code;
    out.error_code = out.open_error;
    CHECK_FALSE(reader.error().message.empty());
    return out;
  }
  out.sheet_names = reader->sheet_names();
  out.date1904 = reader->date1904();
  if (sheet != 0) {
    if (auto s = reader->select_sheet(sheet); !s) {
      out.error_code = s.error().code;
      out.position = reader->last_error_position();
      return out;
    }
  }
  std::vector<std::string> fields;
  while (true) {
    auto more = reader->next(fields);
    if (!more) {
      out.error_code = more.error().code;
      out.position = reader->last_error_position();
      CHECK(reader->next(fields).error().code == out.error_code);  // the error sticks
      break;
    }
    if (!*more) break;
    out.records.push_back(fields);
    out.rows.push_back(reader->row_number());
  }
  return out;
}

ReadAll read_parts(const Parts& parts, XlsxOptions options = {}, std::size_t sheet = 0) {
  shogo::test::TempDir dir;
  const auto file = dir / "book.xlsx";
  REQUIRE(write_zip(file, parts));
  return read_file(file, options, sheet);
}

ReadAll read_book(const Book& book, XlsxOptions options = {}) {
  return read_parts(book_parts(book), options);
}

Book one_sheet(std::string sheet_data, std::vector<std::string> shared = {}) {
  Book b;
  b.sheets = {{"Sheet1", std::move(sheet_data)}};
  b.shared = std::move(shared);
  return b;
}

}  // namespace

// ---- cell values -----------------------------------------------------------------

TEST_CASE("P6.4.a XLSX cell values of every kind read as the text Excel shows", "[xlsx]") {
  struct Case {
    const char* what;
    std::vector<std::string> shared;
    std::string sheet_data;
    Records expected;
  };
  const std::vector<Case> cases = {
      {"shared string",
       {"<t>試験 太郎</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       {{"試験 太郎"}}},
      {"rich text runs concatenated and phonetic runs left out",
       {R"(<r><t>試験</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 太郎</t></r>)"
        R"(<rPh sb="0" eb="2"><t>シケン</t></rPh><phoneticPr fontId="1"/>)"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       {{"試験 太郎"}}},
      {"plain shared string with furigana",
       {R"(<t>見本 花子</t><rPh sb="0" eb="2"><t>ミホン</t></rPh>)"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       {{"見本 花子"}}},
      {"inline string",
       {},
       R"(<row r="1"><c r="A1" t="inlineStr"><is><t>見本 花子</t></is></c></row>)",
       {{"見本 花子"}}},
      {"inline rich text",
       {},
       R"(<row r="1"><c r="A1" t="inlineStr"><is><r><t>見本</t></r><r><t xml:space="preserve"> 花子</t></r><rPh><t>ミホン</t></rPh></is></c></row>)",
       {{"見本 花子"}}},
      {"formula string result",
       {},
       R"(<row r="1"><c r="A1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c></row>)",
       {{"ab"}}},
      {"booleans",
       {},
       R"(<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>)",
       {{"TRUE", "FALSE"}}},
      {"error values",
       {},
       R"(<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>)",
       {{"#N/A", "#DIV/0!"}}},
      {"numbers as their literal text",
       {},
       R"(<row r="1"><c r="A1"><v>46113.387500000001</v></c><c r="B1" t="n"><v>-1.5E-3</v></c><c r="C1"><f>1+1</f><v>2</v></c></row>)",
       {{"46113.387500000001", "-1.5E-3", "2"}}},
      {"ISO date cells as written",
       {},
       R"(<row r="1"><c r="A1" t="d"><v>2026-04-01T09:12:03</v></c></row>)",
       {{"2026-04-01T09:12:03"}}},
      {"XML entities",
       {"<t>&amp;&lt;&gt;&quot;&apos;&#x3042;&#12354;</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       {{"&<>\"'ああ"}}},
      {"_x000D_ and other ST_Xstring escapes",
       {"<t>a_x000D_b</t>", "<t>_x005F_x000D_</t>", "<t>_xD83D__xDE00_</t>", "<t>_xD83D_</t>",
        "<t>a_x000a_b_x0000_</t>", "<t>_x00_ _xZZZZ_</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>)",
       {{"a\rb", "_x000D_", "\xF0\x9F\x98\x80", "_xD83D_", "a\nb_x0000_", "_x00_ _xZZZZ_"}}},
      {"escapes in inline and formula strings",
       {},
       R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x_x000D_y</t></is></c><c r="B1" t="str"><v>p_x0009_q</v></c></row>)",
       {{"x\ry", "p\tq"}}},
      {"xml:space: trimmed unless preserved",
       {"<t>  a b  </t>", R"(<t xml:space="preserve">  a b  </t>)"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)",
       {{"a b", "  a b  "}}},
      {"gaps in columns",
       {},
       R"(<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="F1" s="1"/><c r="AA1"><v>27</v></c></row>)",
       {{"1", "", "3", "", "", "", "", "", "", "", "", "", "",  "",
         "",  "", "",  "", "", "", "", "", "", "", "", "", "27"}}},
      {"cells without references follow each other",
       {},
       R"(<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>)",
       {{"1", "2", "", "", "5", "6"}}},
      {"empty and formatting-only cells end nothing",
       {"<t></t>"},
       R"(<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="3"/><c r="D1" t="inlineStr"><is><t/></is></c></row>)",
       {{"1"}}},
      {"unknown elements and other namespaces are ignored",
       {},
       R"(<row r="1" spans="1:2" ht="15"><c r="A1"><v>1</v><extLst xmlns:x14="urn:x"><x14:v>9</x14:v></extLst></c></row><x:row xmlns:x="urn:other"><x:c><x:v>7</x:v></x:c></x:row>)",
       {{"1"}}},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      const auto got = read_book(one_sheet(c.sheet_data, c.shared));
      INFO(c.what);
      CHECK(got.error_code == "");
      CHECK(got.records == c.expected);
    }
  }
}

TEST_CASE("P6.4.a XLSX rows keep the sheet row numbers a user sees", "[xlsx]") {
  // Rows Excel did not write are not returned; row_number() is r=.
  const auto got = read_book(one_sheet(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/><row r="3" s="2" customFormat="1"><c r="A3" s="2"/></row>)"
      R"(<row r="7"><c r="B7"><v>7</v></c></row><row><c r="A8"><v>8</v></c></row>)"));
  CHECK(got.error_code == "");
  CHECK(got.records == Records{{"1"}, {}, {}, {"", "7"}, {"8"}});
  CHECK(got.rows == std::vector<std::uint64_t>{1, 2, 3, 7, 8});
}

TEST_CASE("P6.4.a XLSX workbook with several sheets - the 1904 flag and a restart", "[xlsx]") {
  Book book;
  book.date1904 = true;
  book.sheets = {{"一覧", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"},
                 {"備考", R"(<row r="2"><c r="A2"><v>2</v></c></row>)"},
                 {"Sheet &amp; 3", R"(<row r="3"><c r="A3"><v>3</v></c></row>)"}};
  shogo::test::TempDir dir;
  const auto file = dir / "book.xlsx";
  REQUIRE(write_zip(file, book_parts(book)));
  auto reader = XlsxReader::open(file);
  REQUIRE(reader);
  CHECK(reader->sheet_names() == std::vector<std::string>{"一覧", "備考", "Sheet & 3"});
  CHECK(reader->date1904());
  std::vector<std::string> fields;
  auto more = reader->next(fields);  // sheet 0 by default
  REQUIRE(more);
  CHECK(*more);
  CHECK(fields == std::vector<std::string>{"1"});
  REQUIRE(reader->select_sheet(2));
  REQUIRE(reader->next(fields));
  CHECK(fields == std::vector<std::string>{"3"});
  CHECK(reader->row_number() == 3);
  more = reader->next(fields);
  REQUIRE(more);
  CHECK_FALSE(*more);
  REQUIRE(reader->select_sheet(0));  // restart on the first sheet
  REQUIRE(reader->next(fields));
  CHECK(fields == std::vector<std::string>{"1"});
  CHECK(reader->row_number() == 1);

  auto bad = reader->select_sheet(3);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "import.xlsx_no_such_sheet");
  CHECK(reader->next(fields).error().code == "import.xlsx_no_such_sheet");
  REQUIRE(reader->select_sheet(1));  // clears the error
  REQUIRE(reader->next(fields));
  CHECK(reader->row_number() == 2);

  Book plain;
  CHECK_FALSE(read_book(plain).date1904);
}

TEST_CASE("P6.4.a XLSX is_date tells serials with a date or time format", "[xlsx]") {
  Book book = one_sheet(
      R"(<row r="1"><c r="A1" s="0"><v>46113</v></c><c r="B1" s="1"><v>46113</v></c>)"
      R"(<c r="C1" s="2"><v>46113.5</v></c><c r="D1" s="3"><v>1.5</v></c><c r="E1" s="4"><v>1.5</v></c>)"
      R"(<c r="F1" s="5"><v>3</v></c><c r="G1" s="6"><v>4</v></c><c r="H1" s="1" t="str"><v>x</v></c>)"
      R"(<c r="I1" s="99"><v>5</v></c><c r="J1" s="7"><v>0.5</v></c></row>)");
  book.num_fmts =
      R"(<numFmt numFmtId="164" formatCode="yyyy/mm/dd hh:mm:ss"/>)"
      R"(<numFmt numFmtId="165" formatCode="0.00E+00"/>)"
      R"(<numFmt numFmtId="166" formatCode="[h]:mm"/>)"
      R"(<numFmt numFmtId="167" formatCode="&quot;day&quot;0;[Red]\-0"/>)"
      R"(<numFmt numFmtId="168" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)";
  book.cell_xfs =
      R"(<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>)"
      R"(<xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="21"/>)";
  shogo::test::TempDir dir;
  const auto file = dir / "book.xlsx";
  REQUIRE(write_zip(file, book_parts(book)));
  auto reader = XlsxReader::open(file);
  REQUIRE(reader);
  std::vector<std::string> fields;
  REQUIRE(reader->next(fields));
  const std::vector<bool> expected = {false, true, true,  false, true,
                                      false, true, false, false, true};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("column " << i);
    CHECK(reader->is_date(i) == expected[i]);
  }
  CHECK_FALSE(reader->is_date(100));
}

TEST_CASE("P6.4.a XLSX relationship targets relative absolute and in another case", "[xlsx]") {
  const std::vector<std::string> targets = {
      "worksheets/sheet1.xml",   "/xl/worksheets/sheet1.xml",   "./worksheets/sheet1.xml",
      "worksheets/./sheet1.xml", "../xl/worksheets/sheet1.xml",
      "Worksheets/Sheet1.XML",  // OPC part names are case-insensitive
  };
  for (const auto& target : targets) {
    INFO(target);
    auto parts = book_parts(one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
    find(parts, "xl/_rels/workbook.xml.rels")->data = rels_xml({{"worksheet", target}});
    const auto got = read_parts(parts);
    CHECK(got.error_code == "");
    CHECK(got.records == Records{{"1"}});
  }
}

TEST_CASE("P6.4.a XLSX in strict OOXML and with prefixed namespaces", "[xlsx]") {
  auto parts = book_parts(one_sheet(""));
  const std::string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
  find(parts, "xl/workbook.xml")->data =
      R"(<workbook xmlns=")" + strict +
      R"(" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  find(parts, "xl/worksheets/sheet1.xml")->data =
      R"(<x:worksheet xmlns:x=")" + strict +
      R"("><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>試験</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
  const auto got = read_parts(parts);
  CHECK(got.error_code == "");
  CHECK(got.records == Records{{"", "試験"}});
  CHECK(got.rows == std::vector<std::uint64_t>{2});
}

// ---- limits and malformed sheets -------------------------------------------------------

TEST_CASE("P6.4.a XLSX limits and malformed cells end the reading with a code and a place",
          "[xlsx]") {
  struct Case {
    const char* what;
    std::vector<std::string> shared;
    std::string sheet_data;
    XlsxOptions options;
    std::string code;
    std::uint64_t row;
    std::uint32_t column;
    std::size_t rows_before;  // rows returned before the error
  };
  XlsxOptions small;
  small.max_field_bytes = 10;
  small.max_fields = 3;
  const std::string ok_row = R"(<row r="1"><c r="A1"><v>1</v></c></row>)";
  const std::vector<Case> cases = {
      {"number too long",
       {},
       ok_row + R"(<row r="2"><c r="B2"><v>12345678901</v></c></row>)",
       small,
       "import.xlsx_field_too_large",
       2,
       2,
       1},
      {"inline string too long",
       {},
       R"(<row r="4"><c r="C4" t="inlineStr"><is><r><t>123456</t></r><r><t>78901</t></r></is></c></row>)",
       small,
       "import.xlsx_field_too_large",
       4,
       3,
       0},
      {"shared string too long",
       {"<t>12345678901</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       small,
       "import.xlsx_field_too_large",
       1,
       1,
       0},
      {"escapes count after decoding",
       {"<t>_x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041_</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       small,
       "",
       0,
       0,
       1},
      {"a value past max_fields",
       {},
       R"(<row r="3"><c r="D3"><v>1</v></c></row>)",
       small,
       "import.xlsx_too_many_fields",
       3,
       4,
       0},
      {"formatting past max_fields is fine",
       {},
       R"(<row r="3"><c r="A3"><v>1</v></c><c r="XFD3" s="1"/></row>)",
       small,
       "",
       0,
       0,
       1},
      {"bad cell reference",
       {},
       R"(<row r="1"><c r="1A"><v>1</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"column past XFD",
       {},
       R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"row zero", {}, R"(<row r="0"/>)", {}, "import.xlsx_bad_cell", 0, 0, 0},
      {"row past 1048576", {}, R"(<row r="1048577"/>)", {}, "import.xlsx_bad_cell", 1, 0, 0},
      {"rows out of order", {}, ok_row + R"(<row r="1"/>)", {}, "import.xlsx_bad_cell", 1, 0, 1},
      {"columns out of order",
       {},
       R"(<row r="5"><c r="B5"><v>1</v></c><c r="A5"><v>1</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       5,
       1,
       0},
      {"shared string out of range",
       {"<t>x</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>1</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"shared string index not a number",
       {"<t>x</t>"},
       R"(<row r="1"><c r="A1" t="s"><v>x</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"shared string without a table",
       {},
       R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"boolean not 0 or 1",
       {},
       R"(<row r="1"><c r="A1" t="b"><v>2</v></c></row>)",
       {},
       "import.xlsx_bad_cell",
       1,
       1,
       0},
      {"unclosed tag after good rows",
       {},
       ok_row + R"(<row r="2"><c r="A2"><v>1</v></c>)",
       {},
       "import.xlsx_bad_xml",
       0,
       0,
       1},
      {"undefined entity",
       {},
       R"(<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>)",
       {},
       "import.xlsx_bad_xml",
       1,
       1,
       0},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      const auto got = read_book(one_sheet(c.sheet_data, c.shared), c.options);
      CHECK(got.open_error == "");
      CHECK(got.error_code == c.code);
      CHECK(got.records.size() == c.rows_before);
      if (!c.code.empty() && c.code != "import.xlsx_bad_xml") {
        CHECK(got.position.row == c.row);
        CHECK(got.position.column == c.column);
        CHECK(got.position.sheet == "Sheet1");
      }
    }
  }
}

TEST_CASE("P6.4.a XLSX refuses XML with a DTD - entities are never expanded", "[xlsx]") {
  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>)";
  const std::string external =
      R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>)";
  const std::string just_doctype = R"(<?xml version="1.0"?><!DOCTYPE worksheet>)";
  for (const auto& prolog : {laughs, external, just_doctype}) {
    SECTION("in the sheet " + std::to_string(prolog.size())) {
      auto parts = book_parts(one_sheet(""));
      find(parts, "xl/worksheets/sheet1.xml")->data =
          prolog + R"(<worksheet xmlns=")" + std::string(kMain) +
          R"("><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
      const auto got = read_parts(parts);
      CHECK(got.open_error == "");
      CHECK(got.error_code == "import.xlsx_dtd");
      CHECK(got.records.empty());
    }
    SECTION("in the shared strings " + std::to_string(prolog.size())) {
      auto parts = book_parts(one_sheet("", {"<t>x</t>"}));
      find(parts, "xl/sharedStrings.xml")->data =
          prolog + R"(<sst xmlns=")" + std::string(kMain) + R"("><si><t>&lol2;</t></si></sst>)";
      CHECK(read_parts(parts).open_error == "import.xlsx_dtd");
    }
    SECTION("in the workbook and its rels " + std::to_string(prolog.size())) {
      for (const char* name : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}) {
        auto parts = book_parts(one_sheet(""));
        auto& data = find(parts, name)->data;
        data = prolog + data.substr(data.find("?>") + 2);
        CHECK(read_parts(parts).open_error == "import.xlsx_dtd");
      }
    }
  }
}

TEST_CASE("P6.4.a XLSX refuses deep nesting and huge tokens without buffering them", "[xlsx]") {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "<a>";
  for (int i = 0; i < 200; ++i) deep += "</a>";
  const std::string huge_attribute =
      R"(<row r="1"><c r="A1" x=")" + std::string(5u << 20, 'x') + R"("><v>1</v></c></row>)";
  const std::string huge_comment = "<!--" + std::string(5u << 20, 'x') + "-->";
  for (const auto& data : {deep, huge_attribute, huge_comment}) {
    XlsxOptions options;
    options.max_compression_ratio = 100000;  // this test is not about ratios
    const auto got = read_book(one_sheet(data), options);
    CHECK(got.error_code == "import.xlsx_bad_xml");
  }
}

// ---- the container ---------------------------------------------------------------------

TEST_CASE("P6.4.a XLSX refuses files that are not workbooks", "[xlsx]") {
  shogo::test::TempDir dir;
  struct Case {
    const char* what;
    std::string bytes;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"CSV", "発行日時,端末ID\n", "import.xlsx_not_zip"},
      {"empty", "", "import.xlsx_not_zip"},
      {"three bytes of a zip header", "PK\x03", "import.xlsx_not_zip"},
      {"an empty zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'), "import.xlsx_not_zip"},
      {"an OLE2 file (.xls or a password-protected .xlsx)",
       std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'),
       "import.xlsx_legacy_format"},
      {"a zip local header and nothing else", std::string("PK\x03\x04", 4) + std::string(26, '\0'),
       "import.xlsx_bad_zip"},
      {"a zip without a workbook", "", "import.xlsx_missing_part"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto file = dir / "in.xlsx";
    if (std::string_view(c.what) == "a zip without a workbook") {
      REQUIRE(write_zip(file, {{"hello.txt", "hello"}}));
    } else {
      spill(file, c.bytes);
    }
    CHECK(looks_like_zip(file) ==
          (c.code != "import.xlsx_not_zip" && c.code != "import.xlsx_legacy_format"));
    CHECK(read_file(file).open_error == c.code);
  }
  CHECK(read_file(dir / "absent.xlsx").open_error == "import.cannot_open");
  CHECK_FALSE(looks_like_zip(dir / "absent.xlsx"));
}

TEST_CASE("P6.4.a XLSX file size and entry count limits", "[xlsx]") {
  const auto parts = book_parts(one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
  XlsxOptions options;
  options.max_file_bytes = 100;
  CHECK(read_parts(parts, options).open_error == "import.file_too_large");
  options = {};
  options.max_entries = static_cast<std::uint32_t>(parts.size() - 1);
  CHECK(read_parts(parts, options).open_error == "import.xlsx_too_many_entries");
  options.max_entries = static_cast<std::uint32_t>(parts.size());
  CHECK(read_parts(parts, options).error_code == "");
}

TEST_CASE("P6.4.a XLSX zip bombs are refused by declared size and by ratio", "[xlsx]") {
  // 50 MB of spaces inside the sheet: a file of about 50 KB.
  const std::string spaces(50u << 20, ' ');
  auto parts = book_parts(one_sheet(""));
  find(parts, "xl/worksheets/sheet1.xml")->data = R"(<worksheet xmlns=")" + std::string(kMain) +
                                                  R"("><sheetData>)" + spaces +
                                                  "</sheetData></worksheet>";
  shogo::test::TempDir dir;
  const auto file = dir / "bomb.xlsx";
  REQUIRE(write_zip(file, parts));
  CHECK(std::filesystem::file_size(file) < (1u << 20));

  SECTION("ratio") { CHECK(read_file(file).error_code == "import.xlsx_bomb"); }
  SECTION("declared size over max_part_bytes") {
    XlsxOptions options;
    options.max_compression_ratio = 100000;
    options.max_part_bytes = 10u << 20;
    const auto got = read_file(file, options);
    CHECK(got.open_error == "");
    CHECK(got.error_code == "import.xlsx_part_too_large");
    CHECK(got.position.sheet == "Sheet1");
  }
  SECTION("allowed when the limits allow it") {
    XlsxOptions options;
    options.max_compression_ratio = 100000;
    CHECK(read_file(file, options).error_code == "");
  }
  SECTION("shared strings over their limit, at open") {
    auto sst_parts = book_parts(one_sheet("", {"<t>x</t>"}));
    find(sst_parts, "xl/sharedStrings.xml")->data =
        R"(<sst xmlns=")" + std::string(kMain) + R"("><si><t>)" + spaces + "</t></si></sst>";
    XlsxOptions options;
    options.max_compression_ratio = 100000;
    options.max_shared_strings_bytes = 1u << 20;
    CHECK(read_parts(sst_parts, options).open_error == "import.xlsx_part_too_large");
    options = {};
    CHECK(read_parts(sst_parts, options).open_error == "import.xlsx_bomb");
  }
}

TEST_CASE("P6.4.a XLSX never trusts a declared size - it counts while inflating", "[xlsx]") {
  // The sheet declares 200 bytes but inflates to about 1 MB, within every
  // limit the header claims.
  std::string rows;
  for (int r = 1; rows.size() < (1u << 20); ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\"><v>1</v></c></row>";
  }
  for (const zip_int32_t method : {ZIP_CM_DEFLATE, ZIP_CM_STORE}) {
    INFO("method " << method);
    shogo::test::TempDir dir;
    const auto file = dir / "lie.xlsx";
    auto parts = book_parts(one_sheet(rows));
    find(parts, "xl/worksheets/sheet1.xml")->method = method;
    REQUIRE(write_zip(file, parts));
    auto bytes = slurp(file);
    patch_entry(bytes, "xl/worksheets/sheet1.xml", 0, -1, 200);
    spill(file, bytes);
    const auto got = read_file(file);
    CHECK(got.open_error == "");
    CHECK((got.error_code == "import.xlsx_bomb" || got.error_code == "import.xlsx_bad_zip"));
    CHECK(got.records.size() < 20);
  }
}

TEST_CASE("P6.4.a XLSX encrypted entries and unknown compression are refused", "[xlsx]") {
  const auto sheet = one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  shogo::test::TempDir dir;
  const auto file = dir / "book.xlsx";
  SECTION("traditional PKWARE encryption flag on the sheet") {
    REQUIRE(write_zip(file, book_parts(sheet)));
    auto bytes = slurp(file);
    patch_entry(bytes, "xl/worksheets/sheet1.xml", 1, -1, -1);
    spill(file, bytes);
    CHECK(read_file(file).error_code == "import.xlsx_encrypted");
  }
  SECTION("AES-256 with libzip's writer") {
    auto parts = book_parts(sheet);
    find(parts, "xl/workbook.xml")->encrypt = true;
    if (zip_encryption_method_supported(ZIP_EM_AES_256, 1) == 0 || !write_zip(file, parts)) {
      WARN("libzip was built without AES: skipped");
      return;
    }
    CHECK(read_file(file).open_error == "import.xlsx_encrypted");
  }
  SECTION("bzip2 or another method") {
    REQUIRE(write_zip(file, book_parts(sheet)));
    auto bytes = slurp(file);
    // Shogo reads stored and deflate only, whatever else libzip was built with.
    for (const int method : {ZIP_CM_BZIP2, ZIP_CM_IMPLODE, ZIP_CM_LZMA, ZIP_CM_XZ}) {
      INFO("method " << method);
      patch_entry(bytes, "xl/worksheets/sheet1.xml", 0, method, -1);
      spill(file, bytes);
      CHECK(read_file(file).error_code == "import.xlsx_unsupported_compression");
    }
  }
}

TEST_CASE("P6.4.a XLSX relationship targets outside xl are never followed", "[xlsx]") {
  const std::vector<std::string> targets = {
      "../../etc/passwd",
      "/etc/passwd",
      "../../../../../../tmp/x.xml",
      "/../xl/worksheets/sheet1.xml",
      "worksheets/../../docProps/app.xml",
      "..\\..\\worksheets\\sheet1.xml",
      "worksheets\\sheet1.xml",
      "worksheets//sheet1.xml",
      "file:///xl/worksheets/sheet1.xml",
      "http://example.invalid/sheet1.xml",
      "",
      "/",
      "/xl",
      "/xl/",
  };
  SECTION("targets") {
    for (const auto& target : targets) {
      INFO(target);
      auto parts = book_parts(one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
      parts.push_back({"etc/passwd", "<x/>"});
      find(parts, "xl/_rels/workbook.xml.rels")->data = rels_xml({{"worksheet", target}});
      CHECK(read_parts(parts).open_error == "import.xlsx_bad_path");
    }
  }
  SECTION("external target mode") {
    auto parts = book_parts(one_sheet(""));
    find(parts, "xl/_rels/workbook.xml.rels")->data =
        R"(<Relationships xmlns=")" + std::string(kPkgRels) +
        R"("><Relationship Id="rId1" Type=")" + std::string(kRelNs) +
        R"(/worksheet" Target="worksheets/sheet1.xml" TargetMode="External"/></Relationships>)";
    CHECK(read_parts(parts).open_error == "import.xlsx_bad_path");
  }
  SECTION("shared strings outside xl") {
    auto parts = book_parts(one_sheet("", {"<t>x</t>"}));
    find(parts, "xl/_rels/workbook.xml.rels")->data = rels_xml(
        {{"worksheet", "worksheets/sheet1.xml"}, {"sharedStrings", "../sharedStrings.xml"}});
    CHECK(read_parts(parts).open_error == "import.xlsx_bad_path");
  }
  SECTION("hostile entry names in the zip are ignored, never extracted") {
    auto parts = book_parts(one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
    parts.push_back({"../../evil.xml", "<x/>"});
    parts.push_back({"/abs/evil.xml", "<x/>"});
    parts.push_back({"xl\\worksheets\\sheet1.xml", "<x/>"});
    const auto got = read_parts(parts);
    CHECK(got.error_code == "");
    CHECK(got.records == Records{{"1"}});
  }
}

TEST_CASE("P6.4.a XLSX missing parts and chart sheets", "[xlsx]") {
  const auto book = one_sheet(R"(<row r="1"><c r="A1"><v>1</v></c></row>)", {"<t>x</t>"});
  for (const char* name :
       {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"}) {
    INFO(name);
    auto parts = book_parts(book);
    remove(parts, name);
    CHECK(read_parts(parts).open_error == "import.xlsx_missing_part");
  }
  SECTION("the sheet's part") {
    auto parts = book_parts(book);
    remove(parts, "xl/worksheets/sheet1.xml");
    const auto got = read_parts(parts);
    CHECK(got.open_error == "");
    CHECK(got.error_code == "import.xlsx_missing_part");
    CHECK(got.position.sheet == "Sheet1");
  }
  SECTION("a sheet whose relationship is missing") {
    auto parts = book_parts(book);
    find(parts, "xl/_rels/workbook.xml.rels")->data = rels_xml({});
    CHECK(read_parts(parts).open_error == "import.xlsx_missing_part");
  }
  SECTION("no sheets") {
    Book empty;
    empty.sheets.clear();
    CHECK(read_parts(book_parts(empty)).open_error == "import.xlsx_missing_part");
  }
  SECTION("a chart sheet") {
    Book two;
    two.sheets = {{"Chart1", ""}, {"Data", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"}};
    auto parts = book_parts(two);
    find(parts, "xl/_rels/workbook.xml.rels")->data = rels_xml(
        {{"chartsheet", "chartsheets/sheet1.xml"}, {"worksheet", "worksheets/sheet2.xml"}});
    CHECK(read_parts(parts).error_code == "import.xlsx_not_worksheet");
    const auto data = read_parts(parts, {}, 1);
    CHECK(data.error_code == "");
    CHECK(data.records == Records{{"1"}});
  }
}

TEST_CASE("P6.4.a XLSX damaged zips - truncations duplicates and flipped bytes", "[xlsx]") {
  Book book =
      one_sheet(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>46113.5</v></c></row>)"
                R"(<row r="2"><c r="A2" t="inlineStr"><is><t>見本 花子</t></is></c></row>)",
                {"<t>試験 太郎</t>"});
  shogo::test::TempDir dir;
  const auto file = dir / "book.xlsx";
  REQUIRE(write_zip(file, book_parts(book)));
  const std::string good = slurp(file);
  REQUIRE(read_file(file).records.size() == 2);

  SECTION("every truncation fails at open") {
    for (std::size_t n = 0; n < good.size(); n += 37) {
      INFO("cut at " << n);
      spill(file, good.substr(0, n));
      const auto code = read_file(file).open_error;
      CHECK((code == "import.xlsx_bad_zip" || code == "import.xlsx_not_zip"));
    }
  }
  SECTION("two entries with one part name") {
    auto parts = book_parts(book);
    parts.push_back({"XL/WORKBOOK.XML", parts[2].data});
    REQUIRE(write_zip(file, parts));
    CHECK(read_file(file).open_error == "import.xlsx_bad_zip");
  }
  SECTION("flipped bytes end in an error code or a read - never a crash") {
    std::size_t failures = 0;
    for (std::size_t at = 0; at < good.size(); at += 3) {
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ 0x5A);
      spill(file, bad);
      const auto got = read_file(file);
      if (!got.error_code.empty()) {
        ++failures;
        CHECK(got.error_code.starts_with("import."));
      }
    }
    CHECK(failures > 0);
  }
}

// ---- streaming -------------------------------------------------------------------------

TEST_CASE("P6.4.a XLSX streams a 100k-row sheet in bounded memory", "[xlsx]") {
  constexpr int kRows = 100000;
  std::string rows;
  for (int r = 1; r <= kRows; ++r) {
    const auto n = std::to_string(r);
    rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"B" + n +
            "\" t=\"inlineStr\"><is><t>見本 花子" + n + "</t></is></c><c r=\"C" + n +
            "\"><v>46113.387500000001</v></c></row>";
  }
  shogo::test::TempDir dir;
  const auto file = dir / "big.xlsx";
  const auto sheet_bytes = worksheet(rows).size();
  REQUIRE(write_zip(file, book_parts(one_sheet(std::move(rows)))));

  auto reader = XlsxReader::open(file);
  REQUIRE(reader);
  std::vector<std::string> fields;
  const auto base = g_heap_now.load();
  g_heap_peak.store(base);
  std::uint64_t count = 0;
  while (true) {
    auto more = reader->next(fields);
    REQUIRE(more);
    if (!*more) break;
    ++count;
    if (count == 54321)
      CHECK(fields == std::vector<std::string>{"54321", "見本 花子54321", "46113.387500000001"});
  }
  const auto peak = g_heap_peak.load() - base;
  CHECK(count == kRows);
  CHECK(reader->row_number() == kRows);
  INFO("sheet XML " << sheet_bytes << " bytes, peak C++ heap while reading " << peak << " bytes");
  CHECK(sheet_bytes > (10u << 20));
  CHECK(peak < (1 << 20));
}

// ---- fixtures written by openpyxl -----------------------------------------------------

TEST_CASE("P6.4.a XLSX fixtures written by openpyxl - title block header dates and totals",
          "[xlsx]") {
  const auto fixtures = std::filesystem::path(__FILE__).parent_path() / "fixtures" / "xlsx";
  struct Case {
    const char* kind;
    std::vector<std::string> header;
    std::string first_name;
  };
  const std::vector<Case> cases = {
      {"koseki-issuance",
       {"発行日時", "端末ID", "操作者ID", "証明書種別", "受付番号", "請求区分", "対象者氏名",
        "対象者カナ", "生年月日", "本籍"},
       "試験 太郎"},
      {"juki-access-log",
       {"操作日時", "端末ID", "操作者ID", "業務名", "処理区分", "検索条件", "対象者氏名",
        "対象者カナ", "生年月日", "住所"},
       "試験 次郎"},
      {"juki-online-forms",
       {"出力日時", "端末ID", "操作者ID", "帳票名", "受付番号", "対象者氏名", "対象者カナ",
        "生年月日", "住所"},
       "試験 五子"},
      {"cs-operations",
       {"操作日時", "端末ID", "操作者ID", "業務種別", "処理内容", "対象者氏名", "対象者カナ",
        "生年月日", "住所"},
       "見本 七海"},
  };
  for (const auto& c : cases) {
    SECTION(c.kind) {
      const auto file = fixtures / (std::string(c.kind) + ".xlsx");
      CHECK(looks_like_zip(file));
      auto reader = XlsxReader::open(file);
      REQUIRE(reader);
      CHECK(reader->sheet_names() == std::vector<std::string>{"一覧", "備考"});
      CHECK_FALSE(reader->date1904());
      std::vector<std::string> fields;
      Records records;
      std::vector<std::uint64_t> rows;
      std::vector<bool> first_is_date;
      while (true) {
        auto more = reader->next(fields);
        REQUIRE(more);
        if (!*more) break;
        records.push_back(fields);
        rows.push_back(reader->row_number());
        first_is_date.push_back(reader->is_date(0));
      }
      // Title, 出力日, (row 3 not written), header, two rows, totals.
      REQUIRE(records.size() == 6);
      CHECK(rows == std::vector<std::uint64_t>{1, 2, 4, 5, 6, 7});
      CHECK(records[2] == c.header);
      CHECK(records[3][5 + (c.header.size() == 10 ? 1 : 0)] == c.first_name);
      CHECK(first_is_date == std::vector<bool>{false, false, false, true, true, false});
      CHECK(records[5].at(0) == "合計");
      const auto when = shogo::storage::import::date_time_from_excel_serial(
          std::stod(records[3][0]), reader->date1904());
      REQUIRE(when);
      CHECK(when->first.year == 2026);
      CHECK(when->first.month == 4);
      CHECK(when->first.day == 1);
      REQUIRE(reader->select_sheet(1));
      REQUIRE(reader->next(fields));
      CHECK(fields == std::vector<std::string>{"この帳票は試験用の架空データです。"});
    }
  }
}

TEST_CASE("P6.4.a XLSX in the layout LibreOffice Calc writes", "[xlsx]") {
  // No LibreOffice on the build machine: its parts, as Calc 7 writes them.
  Book book;
  book.sheets = {
      {"Sheet1", R"(<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" )"
                 R"(outlineLevel="0" collapsed="false"><c r="A1" s="0" t="s"><v>0</v></c>)"
                 R"(<c r="B1" s="1" t="n"><v>46113.3875</v></c></row>)"}};
  book.shared = {R"(<t xml:space="preserve">試験 太郎</t>)"};
  book.num_fmts = R"(<numFmt numFmtId="164" formatCode="YYYY/MM/DD\ HH:MM:SS"/>)";
  book.cell_xfs =
      R"(<xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyFont="true" )"
      R"(applyBorder="true" applyAlignment="true" applyProtection="true">)"
      R"(<alignment horizontal="general"/><protection locked="true" hidden="false"/></xf>)"
      R"(<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyFont="false"/>)";
  auto parts = book_parts(book);
  find(parts, "xl/workbook.xml")->data =
      xml_head() + R"(<workbook xmlns=")" + std::string(kMain) + R"(" xmlns:r=")" +
      std::string(kRelNs) +
      R"("><fileVersion appName="Calc"/><workbookPr backupFile="false" showObjects="all" )"
      R"(date1904="false"/><workbookProtection/><bookViews><workbookView activeTab="0"/>)"
      R"(</bookViews><sheets><sheet name="Sheet1" sheetId="1" state="visible" r:id="rId1"/>)"
      R"(</sheets><calcPr iterateCount="100" refMode="A1"/></workbook>)";
  shogo::test::TempDir dir;
  const auto file = dir / "calc.xlsx";
  REQUIRE(write_zip(file, parts));
  auto reader = XlsxReader::open(file);
  REQUIRE(reader);
  CHECK_FALSE(reader->date1904());
  std::vector<std::string> fields;
  REQUIRE(reader->next(fields));
  CHECK(fields == std::vector<std::string>{"試験 太郎", "46113.3875"});
  CHECK_FALSE(reader->is_date(0));
  CHECK(reader->is_date(1));
}
