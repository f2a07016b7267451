#include "provisioning/import_command.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <variant>

#include "storage/import/sheet_rows.hpp"

namespace shogo::provisioning {

namespace {

namespace imp = storage::import;
using Json = nlohmann::ordered_json;

Json optional_text(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json(nullptr);
}

bool read_number(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

// "YYYY-MM-DD/HH:MM-HH:MM" → date, from, to (from ≤ to).
bool parse_window(std::string_view text, imp::WindowFilter& filter) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || slash != 10) return false;
  const auto date_text = text.substr(0, slash), hours = text.substr(slash + 1);
  Date date;
  if (date_text[4] != '-' || date_text[7] != '-' ||
      !read_number(date_text.substr(0, 4), date.year) ||
      !read_number(date_text.substr(5, 2), date.month) ||
      !read_number(date_text.substr(8, 2), date.day) || !is_valid_date(date))
    return false;
  const auto dash = hours.find('-');
  if (dash == std::string_view::npos) return false;
  auto from = imp::parse_time(hours.substr(0, dash));
  auto to = imp::parse_time(hours.substr(dash + 1));
  if (!from || !to) return false;
  if (*from > *to) return false;
  filter.date = date;
  filter.from = *from;
  filter.to = *to;
  return true;
}

Json row_json(const imp::CanonicalRow& r) {
  Json j;
  j["row"] = r.row;
  j["sheet"] = imp::sheet_kind_id(r.kind);
  j["system"] = system_id(r.system);
  j["date"] = format_date(r.date);
  j["time"] = format_time(r.time);
  j["terminal_id"] = r.terminal_id;
  j["operator_id"] = r.operator_id;
  j["operation"] = operation_kind_id(r.operation);
  j["operation_text"] = r.operation_text;
  j["detail"] = r.detail;
  j["reference"] = optional_text(r.reference);
  j["resident_name"] = r.resident_name;
  j["resident_kana"] = r.resident_kana;
  j["resident_birth"] = format_date(r.resident_birth);
  j["resident_address"] = optional_text(r.resident_address);
  j["resident_honseki"] = optional_text(r.resident_honseki);
  return j;
}

void print_line(std::FILE* out, const Json& j) {
  const auto text = j.dump(-1, ' ', false, Json::error_handler_t::strict);
  std::fprintf(out, "%s\n", text.c_str());
}

}  // namespace

Result<imp::Profile> load_profile(imp::SheetKind kind, const std::string& profile_file) {
  if (profile_file.empty()) return imp::parse_profile(imp::reference_profile(kind));
  constexpr std::size_t kMaxProfileBytes = 64 * 1024;
  std::ifstream in(profile_file, std::ios::binary);
  if (!in)
    return Error{"import.profile_unreadable",
                 "The profile file " + profile_file + " could not be read."};
  std::string text(kMaxProfileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxProfileBytes) {
    return Error{"import.profile_too_large",
                 "The profile file " + profile_file + " is over 64 KiB."};
  }
  std::string where;
  auto profile = imp::parse_profile(text, &where);
  if (!profile) {
    return Error{profile.error().code, "The profile file " + profile_file +
                                           (where.empty() ? "" : " (" + where + ")") + ": " +
                                           profile.error().message};
  }
  if (profile->kind != kind) {
    return Error{"import.profile_kind",
                 "The profile file " + profile_file + " is for another kind of sheet."};
  }
  return profile;
}

namespace {
// Problems listed in a dry run's summary; all are counted (200,000 bad rows
// held as JSON took 600 MB).
constexpr std::size_t kListedProblems = 1000;
}  // namespace

int run_import(const ImportArgs& args, AdminIo& io) {
  if (!args.dry_run) {
    std::fprintf(io.err,
                 "shogo-admin: importing into a vault is not available yet; "
                 "use --dry-run --json to check a sheet.\n");
    return 2;
  }
  if (!args.json) {
    std::fprintf(io.err, "shogo-admin: a dry run prints JSON only; add --json.\n");
    return 2;
  }
  const auto kind = imp::parse_sheet_kind(args.sheet);
  if (!kind) {
    std::fprintf(io.err,
                 "shogo-admin: unknown sheet kind (koseki-issuance, juki-access-log, "
                 "juki-online-forms, cs-operations, or the sheet's Japanese name).\n");
    return 2;
  }
  const auto system = parse_system(args.system);
  if (!system) {
    std::fprintf(io.err, "shogo-admin: --system is KOSEKI, JUKI or JUKINET.\n");
    return 2;
  }
  auto profile = load_profile(*kind, args.profile);
  if (!profile) {
    std::fprintf(io.err, "shogo-admin: %s\n", profile.error().message.c_str());
    return 1;
  }
  if (profile->system != *system) {
    std::fprintf(io.err, "shogo-admin: the sheet %s belongs to the system %s, not %s.\n",
                 std::string(imp::sheet_kind_id(*kind)).c_str(),
                 std::string(system_id(profile->system)).c_str(), args.system.c_str());
    return 2;
  }
  imp::WindowFilter filter;
  if (!args.window.empty() && !parse_window(args.window, filter)) {
    std::fprintf(io.err, "shogo-admin: --window is YYYY-MM-DD/HH:MM-HH:MM, from before to.\n");
    return 2;
  }
  for (std::string_view rest = args.terminals; !rest.empty();) {
    const auto comma = rest.find(',');
    const auto id = imp::trim_cell(rest.substr(0, comma));
    if (!id.empty()) filter.terminals.emplace_back(id);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }

  // A link is not followed and a FIFO not opened (it would block for ever).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(args.file, ec))) {
    std::fprintf(io.err, "shogo-admin: %s is not an ordinary file (a link or a FIFO?).\n",
                 args.file.c_str());
    return 1;
  }
  imp::CsvError position;
  auto reader = imp::SheetReader::open(args.file, *profile, filter, {}, &position);
  if (!reader) {
    if (position.row > 0)
      std::fprintf(io.err, "shogo-admin: %s, row %llu, column %u: %s\n", args.file.c_str(),
                   static_cast<unsigned long long>(position.row), position.column,
                   reader.error().message.c_str());
    else
      std::fprintf(io.err, "shogo-admin: %s\n", reader.error().message.c_str());
    return 1;
  }
  Json problems = Json::array();
  imp::SheetItem item;
  while (true) {
    auto more = reader->next(item);
    if (!more) {
      const auto& at = reader->csv_error_position();
      std::fprintf(io.err, "shogo-admin: %s, row %llu, column %u: %s\n", args.file.c_str(),
                   static_cast<unsigned long long>(at.row), at.column,
                   more.error().message.c_str());
      return 1;
    }
    if (!*more) break;
    if (const auto* row = std::get_if<imp::CanonicalRow>(&item)) {
      print_line(io.out, row_json(*row));
    } else {
      const auto& p = std::get<imp::RowProblem>(item);
      if (problems.size() >= kListedProblems) continue;  // counted in the summary, not listed
      Json j;
      j["row"] = p.row;
      j["column"] = p.column;
      j["code"] = p.error.code;
      problems.push_back(std::move(j));
    }
  }
  const auto& c = reader->counts();
  Json summary;
  summary["rows"] = c.rows;
  summary["kept"] = c.kept;
  summary["dropped_outside_window"] = {
      {"date", c.dropped_date}, {"time", c.dropped_time}, {"terminal", c.dropped_terminal}};
  summary["problems_not_listed"] = c.problems - problems.size();
  summary["problems"] = std::move(problems);
  summary["blank"] = c.blank;
  summary["totals"] = c.totals;
  summary["header_row"] = c.header_row;
  summary["sheet"] = imp::sheet_kind_id(*kind);
  summary["system"] = system_id(*system);
  print_line(io.out, Json{{"summary", std::move(summary)}});
  if (c.problems > 0) {
    std::fprintf(io.err, "shogo-admin: %llu rows could not be read; see \"problems\".\n",
                 static_cast<unsigned long long>(c.problems));
    return 1;
  }
  return 0;
}

}  // namespace shogo::provisioning
