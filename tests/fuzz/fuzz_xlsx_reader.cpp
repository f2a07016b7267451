// libFuzzer target: XlsxReader (storage/import/xlsx_reader.hpp).
//
// Two modes, by the first input byte:
//   even ("PK..." included): the input is the .xlsx file, as it is — the zip
//     layer (damage, bombs, encryption, paths) is fuzzed;
//   odd: the rest is up to five XML parts separated by "\n====\n" — workbook,
//     workbook rels, sheet1, sharedStrings, styles — that this target packs
//     into a valid stored zip (an empty or missing part gets a minimal default), so the
//     mutations reach the XML and cell decoding instead of failing the CRC.
// Every sheet is selected and read to its end or first error, under default
// and tight limits; sheet 0 is read twice.
// Invariants (a violation traps): row numbers increase; a row has at most
// max_fields cells of at most max_field_bytes, all valid UTF-8; after an
// error next() keeps returning it; select_sheet() past the end fails;
// reading a sheet again gives the same rows.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/japanese_date.hpp"
#include "storage/import/xlsx_reader.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

using shogo::storage::import::date_time_from_excel_serial;
using shogo::storage::import::XlsxOptions;
using shogo::storage::import::XlsxReader;

// ---- a stored (uncompressed) zip writer, for the structured mode

std::uint32_t crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

struct Entry {
  std::string_view name;
  std::string_view data;
};

std::string stored_zip(const std::vector<Entry>& entries) {
  std::string out, directory;
  for (const auto& e : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(e.data);
    const auto size = static_cast<std::uint32_t>(e.data.size());
    const auto name_size = static_cast<std::uint32_t>(e.name.size());
    put32(out, 0x04034b50);  // local file header
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, name_size), put16(out, 0);
    out += e.name;
    out += e.data;
    put32(directory, 0x02014b50);  // central directory header
    put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put16(directory, 0x21);
    put32(directory, crc), put32(directory, size), put32(directory, size);
    put16(directory, name_size), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, offset);
    directory += e.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);  // end of central directory
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(directory.size())), put32(out, directory_offset);
  put16(out, 0);
  return out;
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)";
constexpr std::string_view kDefaults[] = {
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="一覧" sheetId="1" r:id="rId1"/></sheets></workbook>)",
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)",
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>46113.5</v></c></row></sheetData></worksheet>)",
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>試験 太郎</t></si></sst>)",
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>)",
};
constexpr std::string_view kPartNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                           "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                           "xl/styles.xml"};

// Splits the text into the parts of kPartNames; an empty or missing part is its default.
std::string structured_input(std::string_view text) {
  constexpr std::string_view kSeparator = "\n====\n";
  std::vector<Entry> entries{{"[Content_Types].xml", kContentTypes}};
  bool more = true;
  for (std::size_t i = 0; i < std::size(kPartNames); ++i) {
    std::string_view part;
    if (more) {
      const auto end = text.find(kSeparator);
      part = text.substr(0, end);
      more = end != std::string_view::npos;
      if (more) text.remove_prefix(end + kSeparator.size());
    }
    entries.push_back({kPartNames[i], part.empty() ? kDefaults[i] : part});
  }
  return stored_zip(entries);
}

// ---- reading

struct Reading {
  std::vector<std::uint64_t> row_numbers;
  std::vector<std::vector<std::string>> rows;
  std::string error;
  friend bool operator==(const Reading&, const Reading&) = default;
};

Reading read_sheet(XlsxReader& reader, std::size_t index, const XlsxOptions& options) {
  Reading out;
  if (auto s = reader.select_sheet(index); !s) {
    out.error = s.error().code;
    SHOGO_FUZZ_CHECK(out.error.starts_with("import."));
    return out;
  }
  std::vector<std::string> fields;
  std::uint64_t last = 0;
  while (true) {
    auto more = reader.next(fields);
    if (!more) {
      out.error = more.error().code;
      SHOGO_FUZZ_CHECK(out.error.starts_with("import."));
      auto again = reader.next(fields);
      SHOGO_FUZZ_CHECK(!again && again.error().code == out.error);
      break;
    }
    if (!*more) break;
    SHOGO_FUZZ_CHECK(reader.row_number() > last);
    last = reader.row_number();
    SHOGO_FUZZ_CHECK(fields.size() <= options.max_fields);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      SHOGO_FUZZ_CHECK(fields[i].size() <= options.max_field_bytes);
      SHOGO_FUZZ_CHECK(shogo::fuzz::valid_utf8(fields[i]));
      if (reader.is_date(i)) {
        char* end = nullptr;
        const double serial = std::strtod(fields[i].c_str(), &end);
        if (end != fields[i].c_str())
          static_cast<void>(date_time_from_excel_serial(serial, reader.date1904()));
      }
    }
    SHOGO_FUZZ_CHECK(!reader.is_date(fields.size()));
    out.row_numbers.push_back(last);
    out.rows.push_back(fields);
  }
  return out;
}

void read_workbook(const std::string& path, const XlsxOptions& options) {
  auto reader = XlsxReader::open(path, options);
  if (!reader) {
    SHOGO_FUZZ_CHECK(reader.error().code.starts_with("import."));
    return;
  }
  const std::size_t sheets = reader->sheet_names().size();
  for (const auto& name : reader->sheet_names()) SHOGO_FUZZ_CHECK(shogo::fuzz::valid_utf8(name));
  for (std::size_t i = 0; i < sheets && i < 8; ++i)
    static_cast<void>(read_sheet(*reader, i, options));
  if (sheets > 0) {
    const Reading first = read_sheet(*reader, 0, options);
    SHOGO_FUZZ_CHECK(read_sheet(*reader, 0, options) == first);
  }
  SHOGO_FUZZ_CHECK(!reader->select_sheet(sheets));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& file = shogo::fuzz::input_file();
  if (data[0] % 2 == 0) {
    file.write(data, size);
  } else {
    const std::string zip =
        structured_input(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
    file.write(reinterpret_cast<const std::uint8_t*>(zip.data()), zip.size());
  }
  read_workbook(file.path(), XlsxOptions{});
  XlsxOptions tight;
  tight.max_fields = 4;
  tight.max_field_bytes = 8;
  tight.max_shared_strings_bytes = 4096;
  tight.max_part_bytes = 8192;
  read_workbook(file.path(), tight);
  return 0;
}
