#include "provisioning/synthetic/synthetic_sheets.hpp"

#include <cstdio>
#include <fstream>
#include <string>

namespace shogo::survey::synthetic {

namespace imp = storage::import;

namespace {

std::string slash_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

std::string era_date(Date d) {
  struct Era {
    const char* name;
    Date start;
  };
  static constexpr Era kEras[] = {{"令和", {2019, 5, 1}},
                                  {"平成", {1989, 1, 8}},
                                  {"昭和", {1926, 12, 25}},
                                  {"大正", {1912, 7, 30}},
                                  {"明治", {1868, 10, 23}}};
  for (const auto& era : kEras) {
    if (d >= era.start) {
      const int year = d.year - era.start.year + 1;
      return std::string(era.name) + (year == 1 ? std::string("元") : std::to_string(year)) + "年" +
             std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
    }
  }
  return slash_date(d);
}

// A field as CSV: quoted when it holds a comma, quote or line break.
void field(std::ostream& out, std::string_view text, bool last = false) {
  if (text.find_first_of(",\"\r\n") != std::string_view::npos) {
    out << '"';
    for (char c : text) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  } else {
    out << text;
  }
  out << (last ? "\r\n" : ",");
}

std::string_view koseki_request(OperationKind op) {
  switch (op) {
    case OperationKind::certificate_issue: return "本人";
    case OperationKind::confirmation_print: return "確認用";
    default: return "照会";
  }
}

std::string_view juki_process(OperationKind op) {
  return op == OperationKind::certificate_issue ? "証明書発行" : "照会";
}

}  // namespace

imp::SheetKind sheet_kind_for(const AccessLogRow& row) {
  switch (row.system) {
    case System::koseki: return imp::SheetKind::koseki_issuance;
    case System::juki:
      return row.operation == OperationKind::confirmation_print ? imp::SheetKind::juki_online_forms
                                                                : imp::SheetKind::juki_access_log;
    case System::jukinet: return imp::SheetKind::cs_operations;
  }
  return imp::SheetKind::koseki_issuance;
}

void write_sheet_header(std::ostream& out, imp::SheetKind kind) {
  out << sheet_kind_name(kind) << "\r\n";  // the title block: the sheet's name, then a blank line
  out << "\r\n";
  switch (kind) {
    case imp::SheetKind::koseki_issuance:
      out << "発行日時,端末ID,操作者ID,証明書種別,受付番号,請求区分,対象者氏名,対象者カナ,"
             "生年月日,本籍\r\n";
      break;
    case imp::SheetKind::juki_access_log:
      out << "操作日時,端末ID,操作者ID,業務名,処理区分,検索条件,対象者氏名,対象者カナ,"
             "生年月日,住所\r\n";
      break;
    case imp::SheetKind::juki_online_forms:
      out << "出力日時,端末ID,操作者ID,帳票名,受付番号,対象者氏名,対象者カナ,生年月日,住所\r\n";
      break;
    case imp::SheetKind::cs_operations:
      out << "操作日時,端末ID,操作者ID,業務種別,処理内容,対象者氏名,対象者カナ,生年月日,住所\r\n";
      break;
  }
}

void write_sheet_row(std::ostream& out, imp::SheetKind kind, const AccessLogRow& row,
                     std::uint64_t reference_number) {
  const std::string when = slash_date(row.date) + " " + format_time(row.time);
  std::string reference = "R";
  reference += std::to_string(reference_number);
  field(out, when);
  field(out, row.terminal_id);
  field(out, row.operator_id);
  switch (kind) {
    case imp::SheetKind::koseki_issuance:
      field(out, row.detail);
      field(out, reference);
      field(out, koseki_request(row.operation));
      field(out, row.resident_name);
      field(out, row.resident_kana);
      field(out, era_date(row.resident_birth));
      field(out, row.resident_address, true);
      break;
    case imp::SheetKind::juki_access_log:
      field(out, row.detail);
      field(out, juki_process(row.operation));
      // 検索条件: what the operator typed to find the person — for a
      // mistyped search (P6.5.b) the row's own, wrong, birth date.
      field(out, "カナ=" + row.resident_kana + " 生年月日=" + slash_date(row.resident_birth));
      field(out, row.resident_name);
      field(out, row.resident_kana);
      field(out, slash_date(row.resident_birth));
      field(out, row.resident_address, true);
      break;
    case imp::SheetKind::juki_online_forms:
      field(out, row.detail);
      field(out, reference);
      field(out, row.resident_name);
      field(out, row.resident_kana);
      field(out, slash_date(row.resident_birth));
      field(out, row.resident_address, true);
      break;
    case imp::SheetKind::cs_operations:
      field(out, "住基ネット");
      field(out, row.detail);
      field(out, row.resident_name);
      field(out, row.resident_kana);
      field(out, slash_date(row.resident_birth));
      field(out, row.resident_address, true);
      break;
  }
}

Result<std::vector<SheetFile>> write_reference_sheets(const std::vector<AccessLogRow>& rows,
                                                      const std::filesystem::path& dir) {
  std::vector<SheetFile> files;
  std::uint64_t reference = 1;
  for (imp::SheetKind kind : imp::kAllSheetKinds) {
    SheetFile f;
    f.kind = kind;
    f.file = dir / (std::string(imp::sheet_kind_id(kind)) + ".csv");
    std::ofstream out(f.file, std::ios::binary | std::ios::trunc);
    if (!out) return Error{"import.cannot_open", N_("The file could not be opened.")};
    out << "\xEF\xBB\xBF";
    write_sheet_header(out, kind);
    for (const auto& row : rows) {
      if (sheet_kind_for(row) != kind) continue;
      write_sheet_row(out, kind, row, reference++);
      ++f.rows;
    }
    out.close();
    if (!out) return Error{"import.write_failed", N_("The file could not be written.")};
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace shogo::survey::synthetic
