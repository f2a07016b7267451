#include "storage/import/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

namespace shogo::storage::import {
namespace {

Error cannot_open() { return {"import.cannot_open", N_("The file could not be opened.")}; }
Error file_too_large() {
  return {"import.file_too_large", N_("The file is larger than Shogo accepts for an import.")};
}
Error not_zip() {
  return {"import.xlsx_not_zip", N_("The file is not an Excel workbook (.xlsx).")};
}
Error legacy_format() {
  return {"import.xlsx_legacy_format",
          N_("The file is an old Excel workbook (.xls) or one protected with a password: save it "
             "in Excel as an .xlsx workbook without a password.")};
}
Error bad_zip() {
  return {"import.xlsx_bad_zip", N_("The workbook file is damaged or cut short.")};
}
Error too_many_entries() {
  return {"import.xlsx_too_many_entries", N_("The workbook holds more parts than Shogo accepts.")};
}
Error part_too_large() {
  return {"import.xlsx_part_too_large",
          N_("A part of the workbook is larger than Shogo accepts for an import.")};
}
Error bomb() {
  return {"import.xlsx_bomb",
          N_("A part of the workbook expands to far more data than it holds: Shogo refuses it.")};
}
Error encrypted() {
  return {"import.xlsx_encrypted",
          N_("The workbook is encrypted: save it in Excel without a password.")};
}
Error unsupported_compression() {
  return {"import.xlsx_unsupported_compression",
          N_("The workbook is compressed in a way Shogo does not read.")};
}
Error bad_path() {
  return {"import.xlsx_bad_path",
          N_("The workbook refers to a part outside itself: Shogo refuses it.")};
}
Error missing_part() {
  return {"import.xlsx_missing_part", N_("A part of the workbook is missing.")};
}
Error dtd() {
  return {"import.xlsx_dtd",
          N_("The workbook contains an XML document type declaration: Shogo refuses it.")};
}
Error bad_xml() {
  return {"import.xlsx_bad_xml", N_("The workbook is damaged: a part of it is not valid XML.")};
}
Error bad_cell() {
  return {"import.xlsx_bad_cell",
          N_("The workbook has a cell or row that is out of order or refers to nothing.")};
}
Error field_too_large() {
  return {"import.xlsx_field_too_large",
          N_("A cell of the workbook is longer than Shogo accepts.")};
}
Error too_many_fields() {
  return {"import.xlsx_too_many_fields",
          N_("A row of the workbook has more columns than Shogo accepts.")};
}
Error no_such_sheet() {
  return {"import.xlsx_no_such_sheet", N_("The workbook has no such sheet.")};
}
Error not_worksheet() {
  return {"import.xlsx_not_worksheet", N_("The chosen sheet is a chart, not a worksheet.")};
}

constexpr std::size_t kChunkBytes = 64u << 10;        // inflated into the parser at a time
constexpr std::uint64_t kRatioFloorBytes = 1u << 20;  // smaller entries cannot be bombs
constexpr std::uint64_t kMaxTokenBytes = 4u << 20;    // one tag, comment, ... (expat buffers it)
constexpr int kMaxDepth = 128;                        // element nesting (expat's tag stack)
constexpr std::uint32_t kMaxColumns = 16384;          // XFD
constexpr std::uint64_t kMaxRows = 1048576;

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---- zip entries -----------------------------------------------------------

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// One entry being inflated, counted against what it declared.
class EntryReader {
 public:
  EntryReader(zip_file_t* file, std::uint64_t declared) : file_(file), declared_(declared) {}
  EntryReader(const EntryReader&) = delete;
  EntryReader& operator=(const EntryReader&) = delete;
  ~EntryReader() { zip_fclose(file_); }

  // Reads up to n bytes: the count (0 at the end), or an error.
  Result<std::size_t> read(void* buffer, std::size_t n) {
    const zip_int64_t got = zip_fread(file_, buffer, n);
    if (got < 0) {
      switch (zip_error_code_zip(zip_file_get_error(file_))) {
        case ZIP_ER_ENCRNOTSUPP:
        case ZIP_ER_NOPASSWD:
        case ZIP_ER_WRONGPASSWD: return encrypted();
        case ZIP_ER_COMPNOTSUPP: return unsupported_compression();
        default: return bad_zip();
      }
    }
    inflated_ += static_cast<std::uint64_t>(got);
    if (inflated_ > declared_) return bomb();  // it lied about its size
    if (got == 0 && inflated_ != declared_) return bad_zip();
    return static_cast<std::size_t>(got);
  }

 private:
  zip_file_t* file_;
  std::uint64_t declared_;
  std::uint64_t inflated_ = 0;
};

// Opens the entry named `name` (case-insensitive, as OPC part names are),
// after checking what its headers declare.
Result<std::unique_ptr<EntryReader>> open_entry(zip_t* zip, const std::string& name,
                                                std::uint64_t limit, const XlsxOptions& options) {
  const zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return missing_part();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) return bad_zip();
  const auto need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
  if ((st.valid & need) != need) return bad_zip();
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return encrypted();
  }
  if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
    return unsupported_compression();
  }
  if (st.size > limit) return part_too_large();
  if (st.size > kRatioFloorBytes && options.max_compression_ratio != 0 &&
      st.size / options.max_compression_ratio > st.comp_size) {
    return bomb();
  }
  zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    switch (zip_error_code_zip(zip_get_error(zip))) {
      case ZIP_ER_ENCRNOTSUPP:
      case ZIP_ER_NOPASSWD:
      case ZIP_ER_WRONGPASSWD: return encrypted();
      case ZIP_ER_COMPNOTSUPP: return unsupported_compression();
      default: return bad_zip();
    }
  }
  return std::make_unique<EntryReader>(file, st.size);
}

// A relationship target, resolved against xl/ (relative) or the package root
// (absolute), normalised; anything that would leave xl/ is refused.
Result<std::string> resolve_target(std::string_view target) {
  if (target.empty()) return bad_path();
  for (const char c : target) {
    if (c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) return bad_path();
  }
  std::string path;
  if (target.front() == '/') {
    path = target.substr(1);
  } else {
    path = "xl/";
    path += target;
  }
  std::vector<std::string_view> parts;
  std::string_view rest = path;
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part.empty()) return bad_path();
    if (part == "..") {
      if (parts.empty()) return bad_path();
      parts.pop_back();
    } else if (part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (parts.size() < 2 || parts.front() != "xl") return bad_path();
  std::string out;
  for (const auto part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

// ---- text ------------------------------------------------------------------

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_xml(std::string_view s) {
  while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
  return s;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The UTF-16 unit of an _xHHHH_ escape at s[i], or nullopt.
std::optional<char32_t> escape_at(std::string_view s, std::size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return std::nullopt;
  char32_t v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<char32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<char32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<char32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

// Appends `s` with Excel's ST_Xstring escapes (_xHHHH_) decoded.
void append_unescaped(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto unit = s[i] == '_' ? escape_at(s, i) : std::nullopt;
    if (!unit || *unit == 0 || (*unit >= 0xDC00 && *unit <= 0xDFFF)) {
      out += s[i++];
      continue;
    }
    if (*unit >= 0xD800 && *unit <= 0xDBFF) {
      const auto low = escape_at(s, i + 7);
      if (!low || *low < 0xDC00 || *low > 0xDFFF) {  // a lone high surrogate: keep it as written
        out += s[i++];
        continue;
      }
      append_utf8(out, 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00));
      i += 14;
      continue;
    }
    append_utf8(out, *unit);
    i += 7;
  }
}

bool parse_uint(std::string_view s, std::uint64_t max, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

// "C5" → column 2 (0-based) and row 5.
bool parse_cell_ref(std::string_view s, std::uint32_t& column, std::uint64_t& row) {
  std::size_t i = 0;
  std::uint32_t col = 0;
  while (i < s.size() && i < 4 && s[i] >= 'A' && s[i] <= 'Z') {
    col = col * 26 + static_cast<std::uint32_t>(s[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > kMaxColumns) return false;
  if (!parse_uint(s.substr(i), kMaxRows, row) || row == 0) return false;
  column = col - 1;
  return true;
}

// ---- number formats (is_date) ------------------------------------------------

bool builtin_date_format(std::uint64_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool date_format_code(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      const std::string inner = lower_ascii(code.substr(i + 1, close - i - 1));
      if (!inner.empty() && inner.find_first_not_of(inner.front()) == std::string::npos &&
          (inner.front() == 'h' || inner.front() == 'm' || inner.front() == 's')) {
        return true;  // elapsed time: [h]:mm
      }
      i = close;
    } else if (lower_ascii(code.substr(i, 7)) == "general") {
      i += 6;
    } else {
      const char l = lower_ascii(std::string_view(&c, 1)).front();
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

// ---- XML ---------------------------------------------------------------------

enum class Ns { none, main, package_rels, office_rels, xml, other };

Ns classify(std::string_view uri) {
  if (uri == "http://schemas.openxmlformats.org/spreadsheetml/2006/main" ||
      uri == "http://purl.oclc.org/ooxml/spreadsheetml/main") {
    return Ns::main;
  }
  if (uri == "http://schemas.openxmlformats.org/package/2006/relationships") {
    return Ns::package_rels;
  }
  if (uri == "http://schemas.openxmlformats.org/officeDocument/2006/relationships" ||
      uri == "http://purl.oclc.org/ooxml/officeDocument/relationships") {
    return Ns::office_rels;
  }
  if (uri == "http://www.w3.org/XML/1998/namespace") return Ns::xml;
  return Ns::other;
}

struct Name {
  Ns ns = Ns::none;
  std::string_view local;
};

Name split_name(const XML_Char* name) {
  const std::string_view s(name);
  const auto bar = s.rfind('|');
  if (bar == std::string_view::npos) return {Ns::none, s};
  return {classify(s.substr(0, bar)), s.substr(bar + 1)};
}

// An un-namespaced attribute's value, or nullopt.
std::optional<std::string_view> attribute(const XML_Char** attrs, std::string_view local,
                                          Ns ns = Ns::none) {
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    const Name n = split_name(attrs[i]);
    if (n.ns == ns && n.local == local) return std::string_view(attrs[i + 1]);
  }
  return std::nullopt;
}

bool preserves_space(const XML_Char** attrs) {
  const auto v = attribute(attrs, "space", Ns::xml);
  return v && *v == "preserve";
}

// Runs expat over one entry, chunk by chunk. Handlers see elements by
// namespace and local name; DOCTYPE, deep nesting and huge tokens abort.
class XmlDriver {
 public:
  XmlDriver() = default;
  XmlDriver(const XmlDriver&) = delete;
  XmlDriver& operator=(const XmlDriver&) = delete;
  virtual ~XmlDriver() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }

  Status start(std::unique_ptr<EntryReader> entry) {
    entry_ = std::move(entry);
    parser_ = XML_ParserCreateNS(nullptr, '|');
    if (parser_ == nullptr) return bad_xml();
    XML_SetUserData(parser_, this);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(
        parser_, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          static_cast<XmlDriver*>(self)->fail(dtd());
        });
    XML_SetEntityDeclHandler(
        parser_,
        [](void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
           const XML_Char*, const XML_Char*) { static_cast<XmlDriver*>(self)->fail(dtd()); });
    XML_SetElementHandler(
        parser_,
        [](void* p, const XML_Char* name, const XML_Char** attrs) {
          auto* self = static_cast<XmlDriver*>(p);
          self->since_event_ = 0;
          if (++self->depth_ > kMaxDepth) return self->fail(bad_xml());
          if (!self->error_) self->on_start(split_name(name), attrs);
        },
        [](void* p, const XML_Char* name) {
          auto* self = static_cast<XmlDriver*>(p);
          self->since_event_ = 0;
          if (!self->error_) self->on_end(split_name(name));
          --self->depth_;
        });
    XML_SetCharacterDataHandler(parser_, [](void* p, const XML_Char* s, int len) {
      auto* self = static_cast<XmlDriver*>(p);
      self->since_event_ = 0;
      if (!self->error_) self->on_text(std::string_view(s, static_cast<std::size_t>(len)));
    });
    XML_SetCommentHandler(parser_,
                          [](void* p, const XML_Char*) { static_cast<XmlDriver*>(p)->touch(); });
    XML_SetProcessingInstructionHandler(parser_, [](void* p, const XML_Char*, const XML_Char*) {
      static_cast<XmlDriver*>(p)->touch();
    });
    XML_SetXmlDeclHandler(parser_, [](void* p, const XML_Char*, const XML_Char*, int) {
      static_cast<XmlDriver*>(p)->touch();
    });
    return ok_status();
  }

  // Parses until a handler pauses (true) or the entry ends (false).
  Result<bool> pump() {
    if (error_) return *error_;
    while (true) {
      XML_Status status;
      if (suspended_) {
        suspended_ = false;
        status = XML_ResumeParser(parser_);
      } else {
        if (final_) return false;
        void* buffer = XML_GetBuffer(parser_, static_cast<int>(kChunkBytes));
        if (buffer == nullptr) return fail_now(bad_xml());
        auto got = entry_->read(buffer, kChunkBytes);
        if (!got) return fail_now(got.error());
        final_ = *got == 0;
        since_event_ += *got;
        status = XML_ParseBuffer(parser_, static_cast<int>(*got), final_ ? XML_TRUE : XML_FALSE);
      }
      if (error_) return *error_;
      if (status == XML_STATUS_ERROR) return fail_now(bad_xml());
      if (status == XML_STATUS_SUSPENDED) {
        suspended_ = true;
        return true;
      }
      if (since_event_ > kMaxTokenBytes) return fail_now(bad_xml());
      if (final_) return false;
    }
  }

  // Parses the whole entry (parts read at open).
  Status run() {
    while (true) {
      auto more = pump();
      if (!more) return more.error();
      if (!*more) return ok_status();
    }
  }

 protected:
  virtual void on_start(Name name, const XML_Char** attrs) = 0;
  virtual void on_end(Name name) = 0;
  virtual void on_text(std::string_view) {}

  void fail(Error e) {
    if (error_) return;
    error_ = std::move(e);
    XML_StopParser(parser_, XML_FALSE);
  }
  void pause() { XML_StopParser(parser_, XML_TRUE); }
  bool failed() const { return error_.has_value(); }
  int depth() const { return depth_; }

 private:
  void touch() { since_event_ = 0; }
  Result<bool> fail_now(Error e) {
    if (!error_) error_ = std::move(e);
    return *error_;
  }

  std::unique_ptr<EntryReader> entry_;
  XML_Parser parser_ = nullptr;
  std::optional<Error> error_;
  int depth_ = 0;
  std::uint64_t since_event_ = 0;  // bytes fed since the parser last reported something
  bool suspended_ = false;
  bool final_ = false;
};

// Accumulates the text of one <t>, bounded: raw text beyond what could decode
// to max_field_bytes is dropped and remembered as too long.
struct TextRun {
  std::string raw;
  bool preserve = false;
  bool too_long = false;
  std::size_t cap = 0;
  void begin(bool keep_space, std::size_t max_field_bytes) {
    raw.clear();
    preserve = keep_space;
    too_long = false;
    cap = max_field_bytes * 7 + 16;  // _xHHHH_ is 7 bytes for one character
  }
  void add(std::string_view s) {
    if (too_long) return;
    if (raw.size() + s.size() > cap) {
      too_long = true;
      raw.clear();
      return;
    }
    raw += s;
  }
  // Appends the decoded run to `out`; false when too long.
  bool finish(std::string& out, std::size_t max_field_bytes) const {
    if (too_long) return false;
    append_unescaped(out, preserve ? std::string_view(raw) : trim_xml(raw));
    return out.size() <= max_field_bytes;
  }
};

// xl/_rels/workbook.xml.rels: Id → (Type, Target, external).
struct Relationship {
  std::string type;
  std::string target;
  bool external = false;
};

class RelsParser final : public XmlDriver {
 public:
  std::map<std::string, Relationship> rels;

 protected:
  void on_start(Name name, const XML_Char** attrs) override {
    if (name.ns != Ns::package_rels || name.local != "Relationship") return;
    const auto id = attribute(attrs, "Id");
    const auto type = attribute(attrs, "Type");
    const auto target = attribute(attrs, "Target");
    if (!id || !type || !target) return fail(bad_xml());
    const auto mode = attribute(attrs, "TargetMode");
    rels[std::string(*id)] = {std::string(*type), std::string(*target),
                              mode && *mode == "External"};
  }
  void on_end(Name) override {}
};

class WorkbookParser final : public XmlDriver {
 public:
  std::vector<std::string> names;
  std::vector<std::string> rel_ids;
  bool date1904 = false;

 protected:
  void on_start(Name name, const XML_Char** attrs) override {
    if (name.ns != Ns::main) return;
    if (name.local == "workbookPr") {
      const auto v = attribute(attrs, "date1904");
      date1904 = v && (*v == "1" || *v == "true");
    } else if (name.local == "sheet") {
      const auto sheet = attribute(attrs, "name");
      const auto id = attribute(attrs, "id", Ns::office_rels);
      if (!sheet || !id) return fail(bad_xml());
      names.emplace_back(*sheet);
      rel_ids.emplace_back(*id);
    }
  }
  void on_end(Name) override {}
};

// Shared strings, packed in one buffer: string i is pool[ends[i-1], ends[i]).
struct SharedStrings {
  std::string pool;
  std::vector<std::uint64_t> ends;
  std::vector<bool> too_long;
  std::size_t size() const { return ends.size(); }
  std::string_view at(std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(pool).substr(begin, ends[i] - begin);
  }
};

class SharedStringsParser final : public XmlDriver {
 public:
  SharedStringsParser(SharedStrings& out, std::size_t max_field_bytes)
      : out_(out), max_field_bytes_(max_field_bytes) {}

 protected:
  void on_start(Name name, const XML_Char** attrs) override {
    if (name.ns != Ns::main) return;
    if (name.local == "si" && si_depth_ == 0) {
      si_depth_ = depth();
      item_.clear();
      item_too_long_ = false;
    } else if (si_depth_ == 0) {
      return;
    } else if (name.local == "rPh" && rph_depth_ == 0) {
      rph_depth_ = depth();
    } else if (name.local == "t" && rph_depth_ == 0 && t_depth_ == 0) {
      t_depth_ = depth();
      run_.begin(preserves_space(attrs), max_field_bytes_);
    }
  }
  void on_text(std::string_view s) override {
    if (t_depth_ != 0) run_.add(s);
  }
  void on_end(Name) override {
    if (depth() == t_depth_) {
      t_depth_ = 0;
      if (!item_too_long_ && !run_.finish(item_, max_field_bytes_)) item_too_long_ = true;
    } else if (depth() == rph_depth_) {
      rph_depth_ = 0;
    } else if (depth() == si_depth_) {
      si_depth_ = 0;
      if (item_too_long_) item_.clear();
      out_.pool += item_;
      out_.ends.push_back(out_.pool.size());
      out_.too_long.push_back(item_too_long_);
    }
  }

 private:
  SharedStrings& out_;
  std::size_t max_field_bytes_;
  std::string item_;
  bool item_too_long_ = false;
  TextRun run_;
  int si_depth_ = 0;
  int rph_depth_ = 0;
  int t_depth_ = 0;
};

// xl/styles.xml: which cell formats (cellXfs, by index) show numbers as dates.
class StylesParser final : public XmlDriver {
 public:
  std::vector<bool> xf_is_date;

 protected:
  void on_start(Name name, const XML_Char** attrs) override {
    if (name.ns != Ns::main) return;
    if (name.local == "numFmt") {
      const auto id = attribute(attrs, "numFmtId");
      const auto code = attribute(attrs, "formatCode");
      std::uint64_t n = 0;
      if (id && code && parse_uint(*id, 0xFFFFFFFFu, n)) custom_[n] = date_format_code(*code);
    } else if (name.local == "cellXfs") {
      in_cell_xfs_ = depth();
    } else if (name.local == "xf" && in_cell_xfs_ != 0 && depth() == in_cell_xfs_ + 1) {
      const auto id = attribute(attrs, "numFmtId");
      std::uint64_t n = 0;
      bool date = false;
      if (id && parse_uint(*id, 0xFFFFFFFFu, n)) {
        const auto it = custom_.find(n);
        date = it != custom_.end() ? it->second : builtin_date_format(n);
      }
      xf_is_date.push_back(date);
    }
  }
  void on_end(Name) override {
    if (depth() == in_cell_xfs_) in_cell_xfs_ = 0;
  }

 private:
  std::map<std::uint64_t, bool> custom_;
  int in_cell_xfs_ = 0;
};

struct Row {
  std::uint64_t number = 0;
  std::vector<std::string> fields;
  std::vector<bool> dates;
};

enum class CellType { number, shared, inline_string, formula_string, boolean, error, date };

// A worksheet's <sheetData>, one row per pause.
class SheetParser final : public XmlDriver {
 public:
  SheetParser(const SharedStrings& strings, const std::vector<bool>& xf_is_date,
              const XlsxOptions& options, std::deque<Row>& ready)
      : strings_(strings), xf_is_date_(xf_is_date), options_(options), ready_(ready) {}

  std::uint64_t error_row() const { return row_depth_ != 0 ? row_.number : 0; }
  std::uint32_t error_column() const { return cell_depth_ != 0 ? column_ + 1 : 0; }

 protected:
  void on_start(Name name, const XML_Char** attrs) override {
    if (name.ns != Ns::main) return;
    const std::string_view n = name.local;
    if (sheet_data_depth_ == 0) {
      if (n == "sheetData") sheet_data_depth_ = depth();
    } else if (row_depth_ == 0) {
      if (n == "row" && depth() == sheet_data_depth_ + 1) start_row(attrs);
    } else if (cell_depth_ == 0) {
      if (n == "c" && depth() == row_depth_ + 1) start_cell(attrs);
    } else if (n == "v" && depth() == cell_depth_ + 1) {
      text_depth_ = depth();
      run_.begin(true, options_.max_field_bytes);
    } else if (n == "is" && depth() == cell_depth_ + 1) {
      is_depth_ = depth();
    } else if (is_depth_ != 0 && n == "rPh" && rph_depth_ == 0) {
      rph_depth_ = depth();
    } else if (is_depth_ != 0 && n == "t" && rph_depth_ == 0 && text_depth_ == 0) {
      text_depth_ = depth();
      run_.begin(preserves_space(attrs), options_.max_field_bytes);
    }
  }

  void on_text(std::string_view s) override {
    if (text_depth_ != 0) run_.add(s);
  }

  void on_end(Name name) override {
    const int d = depth();
    if (d == text_depth_) {
      text_depth_ = 0;
      if (is_depth_ != 0) {
        if (!run_.finish(inline_text_, options_.max_field_bytes)) return fail(field_too_large());
      } else {
        has_value_ = true;
        value_raw_ = std::move(run_.raw);
        value_too_long_ = run_.too_long;
      }
    } else if (d == rph_depth_) {
      rph_depth_ = 0;
    } else if (d == is_depth_) {
      is_depth_ = 0;
      has_inline_ = true;
    } else if (d == cell_depth_) {
      end_cell();
      if (!failed()) cell_depth_ = 0;  // else keep it: the error position names the cell
    } else if (d == row_depth_) {
      ready_.push_back(std::move(row_));
      row_ = Row{};
      row_depth_ = 0;
      pause();
    } else if (d == sheet_data_depth_ && name.local == "sheetData") {
      sheet_data_depth_ = -1;  // one sheetData per sheet: ignore anything after it
    }
  }

 private:
  void start_row(const XML_Char** attrs) {
    row_depth_ = depth();
    row_ = Row{};
    row_.number = last_row_ + 1;
    if (const auto r = attribute(attrs, "r")) {
      if (!parse_uint(*r, kMaxRows, row_.number) || row_.number == 0) return fail(bad_cell());
    }
    const std::uint64_t number = row_.number;
    if (number <= last_row_ || number > kMaxRows) return fail(bad_cell());
    last_row_ = number;
    next_column_ = 0;
  }

  void start_cell(const XML_Char** attrs) {
    cell_depth_ = depth();
    column_ = next_column_;
    if (const auto r = attribute(attrs, "r")) {
      std::uint64_t row = 0;
      if (!parse_cell_ref(*r, column_, row)) return fail(bad_cell());
    }
    if (column_ < next_column_ || column_ >= kMaxColumns) return fail(bad_cell());
    next_column_ = column_ + 1;
    type_ = CellType::number;
    if (const auto t = attribute(attrs, "t")) {
      if (*t == "s") {
        type_ = CellType::shared;
      } else if (*t == "inlineStr") {
        type_ = CellType::inline_string;
      } else if (*t == "str") {
        type_ = CellType::formula_string;
      } else if (*t == "b") {
        type_ = CellType::boolean;
      } else if (*t == "e") {
        type_ = CellType::error;
      } else if (*t == "d") {
        type_ = CellType::date;
      }
    }
    style_date_ = false;
    if (const auto s = attribute(attrs, "s")) {
      std::uint64_t index = 0;
      if (parse_uint(*s, 0xFFFFFFFFu, index) && index < xf_is_date_.size()) {
        style_date_ = xf_is_date_[index];
      }
    }
    has_value_ = has_inline_ = value_too_long_ = false;
    value_raw_.clear();
    inline_text_.clear();
  }

  void end_cell() {
    std::string value;
    bool date = false;
    if (value_too_long_) return fail(field_too_large());
    switch (type_) {
      case CellType::shared: {
        if (!has_value_) break;
        std::uint64_t index = 0;
        if (!parse_uint(trim_xml(value_raw_), 0xFFFFFFFFFFull, index) || index >= strings_.size()) {
          return fail(bad_cell());
        }
        if (strings_.too_long[index]) return fail(field_too_large());
        value = strings_.at(index);
        break;
      }
      case CellType::inline_string:
        if (has_inline_) {
          value = std::move(inline_text_);
        } else if (has_value_) {
          append_unescaped(value, value_raw_);
        }
        break;
      case CellType::formula_string: append_unescaped(value, value_raw_); break;
      case CellType::boolean: {
        if (!has_value_) break;
        const auto v = trim_xml(value_raw_);
        if (v != "0" && v != "1") return fail(bad_cell());
        value = v == "1" ? "TRUE" : "FALSE";
        break;
      }
      case CellType::error:
      case CellType::date: value = trim_xml(value_raw_); break;
      case CellType::number:
        value = trim_xml(value_raw_);
        date = style_date_ && !value.empty();
        break;
    }
    if (value.empty()) return;
    if (value.size() > options_.max_field_bytes) return fail(field_too_large());
    if (column_ >= options_.max_fields) return fail(too_many_fields());
    if (row_.fields.size() <= column_) {
      row_.fields.resize(column_ + 1);
      row_.dates.resize(column_ + 1);
    }
    row_.fields[column_] = std::move(value);
    row_.dates[column_] = date;
  }

  const SharedStrings& strings_;
  const std::vector<bool>& xf_is_date_;
  const XlsxOptions& options_;
  std::deque<Row>& ready_;
  Row row_;
  std::uint64_t last_row_ = 0;
  std::uint32_t next_column_ = 0;
  std::uint32_t column_ = 0;
  CellType type_ = CellType::number;
  bool style_date_ = false;
  bool has_value_ = false;
  bool has_inline_ = false;
  bool value_too_long_ = false;
  std::string value_raw_;
  std::string inline_text_;
  TextRun run_;
  int sheet_data_depth_ = 0;
  int row_depth_ = 0;
  int cell_depth_ = 0;
  int text_depth_ = 0;
  int is_depth_ = 0;
  int rph_depth_ = 0;
};

constexpr std::array<unsigned char, 4> kZipMagic = {'P', 'K', 3, 4};
constexpr std::array<unsigned char, 8> kOle2Magic = {0xD0, 0xCF, 0x11, 0xE0,
                                                     0xA1, 0xB1, 0x1A, 0xE1};

std::string read_magic(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

template <std::size_t N>
bool starts_with(std::string_view s, const std::array<unsigned char, N>& magic) {
  if (s.size() < N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<unsigned char>(s[i]) != magic[i]) return false;
  }
  return true;
}

}  // namespace

struct XlsxReader::State {
  XlsxOptions options;
  ZipPtr zip;
  std::vector<std::string> names;
  std::vector<std::string> parts;  // "" for a sheet that is not a worksheet
  bool date1904 = false;
  SharedStrings strings;
  std::vector<bool> xf_is_date;

  std::optional<std::size_t> selected;
  std::unique_ptr<SheetParser> sheet;  // its zip entry; declared after zip, so closed before it
  std::deque<Row> ready;
  bool ended = false;
  std::uint64_t row = 0;
  std::vector<bool> dates;
  XlsxPosition position;
  std::optional<Error> failed;

  Status fail(Error e, std::uint64_t row_at, std::uint32_t column_at) {
    position.row = row_at;
    position.column = column_at;
    failed = e;
    return e;
  }

  Status start(std::size_t index) {
    sheet.reset();
    ready.clear();
    ended = false;
    row = 0;
    dates.clear();
    failed.reset();
    position = {};
    if (index >= names.size()) return fail(no_such_sheet(), 0, 0);
    selected = index;
    position.sheet = names[index];
    if (parts[index].empty()) return fail(not_worksheet(), 0, 0);
    auto entry = open_entry(zip.get(), parts[index], options.max_part_bytes, options);
    if (!entry) return fail(entry.error(), 0, 0);
    sheet = std::make_unique<SheetParser>(strings, xf_is_date, options, ready);
    if (auto s = sheet->start(std::move(*entry)); !s) return fail(s.error(), 0, 0);
    return ok_status();
  }
};

XlsxReader::XlsxReader(std::unique_ptr<State> state) : s_(std::move(state)) {}
XlsxReader::XlsxReader(XlsxReader&&) noexcept = default;
XlsxReader& XlsxReader::operator=(XlsxReader&&) noexcept = default;
XlsxReader::~XlsxReader() = default;

bool looks_like_zip(const std::filesystem::path& file) {
  return starts_with(read_magic(file), kZipMagic);
}

bool looks_like_ole2(const std::filesystem::path& file) {
  return starts_with(read_magic(file), kOle2Magic);
}

Result<XlsxReader> XlsxReader::open(const std::filesystem::path& file, XlsxOptions options) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return cannot_open();
  if (size > options.max_file_bytes) return file_too_large();
  const std::string magic = read_magic(file);
  if (starts_with(magic, kOle2Magic)) return legacy_format();
  if (!starts_with(magic, kZipMagic)) return not_zip();

  auto s = std::make_unique<State>();
  s->options = options;
  int zip_error = 0;
  s->zip.reset(zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &zip_error));
  if (!s->zip) {
    if (zip_error == ZIP_ER_OPEN || zip_error == ZIP_ER_NOENT || zip_error == ZIP_ER_READ) {
      return cannot_open();
    }
    return bad_zip();
  }
  const zip_int64_t entries = zip_get_num_entries(s->zip.get(), 0);
  if (entries < 0) return bad_zip();
  if (static_cast<std::uint64_t>(entries) > options.max_entries) return too_many_entries();
  {  // Two entries answering to one part name: which one a reader sees is up to it.
    std::set<std::string> seen;
    for (zip_int64_t i = 0; i < entries; ++i) {
      const char* name = zip_get_name(s->zip.get(), static_cast<zip_uint64_t>(i), 0);
      if (name == nullptr || !seen.insert(lower_ascii(name)).second) return bad_zip();
    }
  }

  const std::uint64_t held = options.max_shared_strings_bytes;  // parts held in memory
  RelsParser rels;
  {
    auto entry = open_entry(s->zip.get(), std::string(kWorkbookRelsPart), held, options);
    if (!entry) return entry.error();
    if (auto st = rels.start(std::move(*entry)); !st) return st.error();
    if (auto st = rels.run(); !st) return st.error();
  }
  WorkbookParser workbook;
  {
    auto entry = open_entry(s->zip.get(), std::string(kWorkbookPart), held, options);
    if (!entry) return entry.error();
    if (auto st = workbook.start(std::move(*entry)); !st) return st.error();
    if (auto st = workbook.run(); !st) return st.error();
  }
  if (workbook.names.empty()) return missing_part();
  s->date1904 = workbook.date1904;
  s->names = std::move(workbook.names);
  for (const auto& id : workbook.rel_ids) {
    const auto it = rels.rels.find(id);
    if (it == rels.rels.end()) return missing_part();
    const Relationship& rel = it->second;
    if (!ends_with(rel.type, "/worksheet")) {
      s->parts.emplace_back();
      continue;
    }
    if (rel.external) return bad_path();
    auto part = resolve_target(rel.target);
    if (!part) return part.error();
    s->parts.push_back(std::move(*part));
  }

  for (const auto& [id, rel] : rels.rels) {
    const bool strings = ends_with(rel.type, "/sharedStrings");
    const bool styles = ends_with(rel.type, "/styles");
    if (!strings && !styles) continue;
    if (rel.external) return bad_path();
    auto part = resolve_target(rel.target);
    if (!part) return part.error();
    auto entry = open_entry(s->zip.get(), *part, held, options);
    if (!entry) return entry.error();
    if (strings) {
      SharedStringsParser parser(s->strings, options.max_field_bytes);
      if (auto st = parser.start(std::move(*entry)); !st) return st.error();
      if (auto st = parser.run(); !st) return st.error();
    } else {
      StylesParser parser;
      if (auto st = parser.start(std::move(*entry)); !st) return st.error();
      if (auto st = parser.run(); !st) return st.error();
      s->xf_is_date = std::move(parser.xf_is_date);
    }
  }
  return XlsxReader(std::move(s));
}

const std::vector<std::string>& XlsxReader::sheet_names() const { return s_->names; }
bool XlsxReader::date1904() const { return s_->date1904; }

Status XlsxReader::select_sheet(std::size_t index) { return s_->start(index); }

Result<bool> XlsxReader::next(std::vector<std::string>& fields) {
  State& s = *s_;
  if (s.failed) return *s.failed;
  if (!s.selected) {
    if (auto st = s.start(0); !st) return st.error();
  }
  while (s.ready.empty()) {
    if (s.ended) return false;
    auto more = s.sheet->pump();
    if (!more) {
      return s.fail(more.error(), s.sheet->error_row(), s.sheet->error_column()).error();
    }
    if (!*more) {
      s.ended = true;
      s.sheet.reset();  // closes the entry; its CRC was checked at its end
    }
  }
  Row& row = s.ready.front();
  s.row = row.number;
  fields = std::move(row.fields);
  s.dates = std::move(row.dates);
  s.ready.pop_front();
  return true;
}

std::uint64_t XlsxReader::row_number() const { return s_->row; }

bool XlsxReader::is_date(std::size_t column) const {
  return column < s_->dates.size() && s_->dates[column];
}

const XlsxPosition& XlsxReader::last_error_position() const { return s_->position; }

}  // namespace shogo::storage::import
