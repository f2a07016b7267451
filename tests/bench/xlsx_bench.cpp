// XLSX reading speed against CSV, measured in the same run (CONTRIBUTING.md,
// "How to add a test": benchmarks print ratios against a baseline and assert
// nothing). Generates one synthetic 200k-row sheet, writes it as CSV and as
// XLSX (shared strings, as Excel writes them), reads each with its reader and
// prints rows/s and the ratio. Not a ctest test; run it from a release build:
//   cmake --build --preset release --target shogo-bench-xlsx && build/release/bin/shogo-bench-xlsx
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/import/csv_reader.hpp"
#include "storage/import/xlsx_reader.hpp"

namespace {

constexpr int kRows = 200000;
constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Row r's cells: date-time serial, terminal, operator, operation, name, kana, birth.
std::vector<std::string> row_cells(int r) {
  const std::string n = std::to_string(r);
  return {std::to_string(46113 + r / 5000) + ".3875",
          "KT-0" + std::to_string(r % 7),
          "S0" + std::to_string(100 + r % 13),
          r % 3 == 0 ? "本人" : "代理人",
          "試験 太郎" + n,
          "シケン タロウ",
          std::to_string(25000 + r % 9000)};
}

bool add(zip_t* z, const char* name, const std::string& data) {
  zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
  return s != nullptr && zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) >= 0;
}

bool write_inputs(const std::filesystem::path& csv, const std::filesystem::path& xlsx) {
  std::ofstream out(csv, std::ios::binary | std::ios::trunc);
  std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>";
  std::string sst = std::string("<sst xmlns=\"") + kMain + "\">";
  int strings = 0;
  for (int r = 1; r <= kRows; ++r) {
    const auto cells = row_cells(r);
    const std::string n = std::to_string(r);
    sheet += "<row r=\"" + n + "\">";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      out << (c ? "," : "") << cells[c];
      const std::string ref = std::string(1, static_cast<char>('A' + c)) + n;
      if (c == 0 || c == 6) {
        sheet += "<c r=\"" + ref + "\" s=\"1\"><v>" + cells[c] + "</v></c>";
      } else {
        sst += "<si><t>" + cells[c] + "</t></si>";
        sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(strings++) + "</v></c>";
      }
    }
    out << "\r\n";
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  sst += "</sst>";
  const std::string workbook = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel +
                               "\"><sheets><sheet name=\"一覧\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "</sheets></workbook>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      std::string(kRel) +
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
      "Type=\"" +
      kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
  int err = 0;
  zip_t* z = zip_open(xlsx.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return false;
  const bool ok = add(z, "xl/workbook.xml", workbook) &&
                  add(z, "xl/_rels/workbook.xml.rels", rels) &&
                  add(z, "xl/sharedStrings.xml", sst) && add(z, "xl/worksheets/sheet1.xml", sheet);
  if (!ok) {
    zip_discard(z);
    return false;
  }
  return zip_close(z) == 0;
}

template <typename Reader>
double rows_per_second(Reader& reader, long& rows) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> fields;
  rows = 0;
  while (true) {
    auto more = reader.next(fields);
    if (!more || !*more) break;
    ++rows;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return static_cast<double>(rows) / took.count();
}

}  // namespace

int main() {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("shogo-bench-xlsx-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto csv_file = dir / "sheet.csv";
  const auto xlsx_file = dir / "sheet.xlsx";
  if (!write_inputs(csv_file, xlsx_file)) return 1;
  using shogo::storage::import::CsvReader;
  using shogo::storage::import::XlsxReader;

  auto csv = CsvReader::open(csv_file);
  const auto xlsx_open_start = std::chrono::steady_clock::now();
  auto xlsx = XlsxReader::open(xlsx_file);
  const std::chrono::duration<double> xlsx_open =
      std::chrono::steady_clock::now() - xlsx_open_start;
  if (!csv || !xlsx) return 1;
  long csv_rows = 0;
  long xlsx_rows = 0;
  const double csv_rate = rows_per_second(*csv, csv_rows);
  const double xlsx_rate = rows_per_second(*xlsx, xlsx_rows);
  std::printf("csv   %ld rows  %.0f rows/s  (%ju bytes)\n", csv_rows, csv_rate,
              static_cast<std::uintmax_t>(fs::file_size(csv_file)));
  std::printf("xlsx  %ld rows  %.0f rows/s  (%ju bytes; open with shared strings %.3f s)\n",
              xlsx_rows, xlsx_rate, static_cast<std::uintmax_t>(fs::file_size(xlsx_file)),
              xlsx_open.count());
  std::printf("ratio xlsx/csv rows/s %.2f\n", xlsx_rate / csv_rate);
  fs::remove_all(dir);
  return csv_rows == kRows && xlsx_rows == kRows ? 0 : 1;
}
