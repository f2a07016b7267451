#include "storage/import/csv_reader.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>

namespace shogo::storage::import {
namespace {

Error cannot_open() { return {"import.cannot_open", N_("The file could not be opened.")}; }
Error read_failed() { return {"import.read_failed", N_("The file could not be read.")}; }
Error file_too_large() {
  return {"import.file_too_large", N_("The file is larger than Shogo accepts for an import.")};
}
Error unsupported_encoding() {
  return {"import.unsupported_encoding",
          N_("The file is in a text encoding Shogo does not read (use UTF-8 or Shift_JIS).")};
}
Error bad_encoding() {
  return {"import.bad_encoding",
          N_("The file contains bytes that are not valid text in its encoding.")};
}
Error field_too_large() {
  return {"import.csv_field_too_large", N_("A field of the file is longer than Shogo accepts.")};
}
Error too_many_fields() {
  return {"import.csv_too_many_fields",
          N_("A row of the file has more fields than Shogo accepts.")};
}
Error stray_quote() {
  return {"import.csv_stray_quote",
          N_("A field of the file contains a quotation mark but does not start with one.")};
}
Error text_after_quote() {
  return {"import.csv_text_after_quote",
          N_("A quoted field of the file is followed by text before the next comma.")};
}
Error unterminated_quote() {
  return {"import.csv_unterminated_quote",
          N_("The file ends inside a quoted field: it may be cut short.")};
}

// Length of the longest prefix of `s` made of whole, valid UTF-8 sequences
// (no overlongs, no surrogates, nothing above U+10FFFF). `invalid` tells
// whether it stopped on a bad sequence rather than on one cut by the end.
std::size_t utf8_valid_prefix(std::string_view s, bool& invalid) {
  invalid = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      invalid = true;
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= s.size()) return i;  // cut by the end: wait for more bytes
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) {
        invalid = true;
        return i;
      }
    }
    i += len;
  }
  return i;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

iconv_t no_iconv() { return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)); }

enum class Parse { field_start, unquoted, quoted, after_quote };

}  // namespace

struct CsvReader::State {
  std::ifstream in;
  CsvOptions options;
  Encoding encoding = Encoding::utf8;
  iconv_t cd = no_iconv();
  std::string raw;                    // one chunk as read
  std::string carry;                  // bytes of a character cut by the chunk's end
  std::string text;                   // decoded UTF-8 not yet parsed
  std::size_t pos = 0;                // into text
  bool at_eof = false;                // the file has no more bytes
  std::optional<Error> decode_error;  // met after the text already decoded
  std::uint64_t bytes_read = 0;
  std::uint64_t row = 0;   // records returned
  std::uint64_t line = 1;  // physical line of the next character
  bool last_was_cr = false;
  bool skip_lf = false;  // the previous record ended with CR
  CsvError error_position;
  std::optional<Error> failed;
  std::string field;  // the field being read; kept to reuse its capacity

  ~State() {
    if (cd != no_iconv()) iconv_close(cd);
  }

  // Decodes `carry + raw` into `text`, keeping a cut character in `carry`.
  void decode() {
    std::string input = std::move(carry);
    input += raw;
    carry.clear();
    if (encoding != Encoding::cp932) {
      bool invalid = false;
      const std::size_t n = utf8_valid_prefix(input, invalid);
      text.append(input, 0, n);
      if (invalid) {
        decode_error = bad_encoding();
      } else {
        carry.assign(input, n);
      }
      return;
    }
    char* in_ptr = input.data();
    std::size_t in_left = input.size();
    char out[4096];
    while (in_left > 0) {
      char* out_ptr = out;
      std::size_t out_left = sizeof out;
      const std::size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
      text.append(out, static_cast<std::size_t>(out_ptr - out));
      if (r != static_cast<std::size_t>(-1)) continue;
      if (errno == E2BIG) continue;
      if (errno == EINVAL) {  // a lead byte whose trail byte is in the next chunk
        carry.assign(in_ptr, in_left);
      } else {
        decode_error = bad_encoding();
      }
      return;
    }
  }

  // Appends decoded text: true, false at the end of the file, or an error.
  Result<bool> refill() {
    const std::size_t before = text.size();
    while (text.size() == before) {
      if (decode_error) return *decode_error;
      if (at_eof) {
        if (!carry.empty()) return bad_encoding();  // the file ends inside a character
        return false;
      }
      raw.resize(options.chunk_bytes);
      in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      if (in.bad()) return read_failed();
      raw.resize(got);
      if (got < options.chunk_bytes) at_eof = true;
      bytes_read += got;
      if (bytes_read > options.max_file_bytes) return file_too_large();
      decode();
    }
    return true;
  }
};

CsvReader::CsvReader(std::unique_ptr<State> state) : s_(std::move(state)) {}
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::open(const std::filesystem::path& file, CsvOptions options) {
  if (options.chunk_bytes == 0) options.chunk_bytes = 1;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return cannot_open();
  if (size > options.max_file_bytes) return file_too_large();

  auto s = std::make_unique<State>();
  s->options = options;
  s->in.open(file, std::ios::binary);
  if (!s->in) return cannot_open();

  std::string probe(options.detect_bytes < 3 ? 3 : options.detect_bytes, '\0');
  s->in.read(probe.data(), static_cast<std::streamsize>(probe.size()));
  if (s->in.bad()) return read_failed();
  probe.resize(static_cast<std::size_t>(s->in.gcount()));
  const bool has_bom = probe.starts_with(kUtf8Bom);
  if (options.encoding) {
    s->encoding = *options.encoding;
  } else if (has_bom) {
    s->encoding = Encoding::utf8_bom;
  } else if (probe.starts_with("\xFF\xFE") || probe.starts_with("\xFE\xFF")) {
    return unsupported_encoding();  // UTF-16
  } else {
    bool invalid = false;
    static_cast<void>(utf8_valid_prefix(probe, invalid));
    s->encoding = invalid ? Encoding::cp932 : Encoding::utf8;
  }
  s->in.clear();
  const bool skip_bom = has_bom && s->encoding != Encoding::cp932;
  s->in.seekg(skip_bom ? static_cast<std::streamoff>(kUtf8Bom.size()) : 0);
  if (!s->in) return read_failed();
  if (skip_bom) s->bytes_read = kUtf8Bom.size();

  if (s->encoding == Encoding::cp932) {
    // glibc knows this table as "CP932" (alias "WINDOWS-31J"): NEC row 13, NEC-selected
    // IBM extensions (0xED/0xEE) and IBM extensions (0xFA–0xFC), and the Microsoft
    // mappings of 0x8160 etc. Plain "SHIFT_JIS" would give U+301C for 0x8160.
    s->cd = iconv_open("UTF-8", "CP932");
    if (s->cd == no_iconv()) return unsupported_encoding();
  }
  return CsvReader(std::move(s));
}

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
  State& s = *s_;
  if (s.failed) return *s.failed;
  // The caller's strings are reused from record to record (no allocation per
  // field once they are long enough); `fields` is cut to `n` on every return.
  std::string& field = s.field;
  field.clear();
  std::size_t n = 0;  // fields of this record so far
  Parse state = Parse::field_start;
  bool any = false;  // this record has consumed a character

  const auto fail = [&](Error e) -> Result<bool> {
    fields.resize(n);
    s.error_position = {s.row + 1, any ? static_cast<std::uint32_t>(n + 1) : 0u, s.line};
    s.failed = e;
    return e;
  };
  const auto push_field = [&]() -> bool {
    if (n >= s.options.max_fields) return false;
    if (n < fields.size()) {
      fields[n].assign(field);
    } else {
      fields.push_back(field);
    }
    ++n;
    field.clear();
    return true;
  };
  const auto end_record = [&]() -> Result<bool> {
    if (state != Parse::field_start || n != 0) {
      if (!push_field()) return fail(too_many_fields());
    }
    fields.resize(n);
    ++s.row;
    return true;
  };

  while (true) {
    if (s.pos == s.text.size()) {
      s.text.clear();
      s.pos = 0;
      auto more = s.refill();
      if (!more) return fail(more.error());
      if (!*more) {
        if (state == Parse::quoted) return fail(unterminated_quote());
        if (!any) {
          fields.clear();
          return false;
        }
        return end_record();
      }
    }
    const char ch = s.text[s.pos++];
    const bool after_cr = s.last_was_cr;
    s.last_was_cr = ch == '\r';
    if (ch == '\r' || (ch == '\n' && !after_cr)) ++s.line;
    if (s.skip_lf) {
      s.skip_lf = false;
      if (ch == '\n') continue;
    }
    any = true;
    const bool line_end = ch == '\r' || ch == '\n';
    switch (state) {
      case Parse::field_start:
      case Parse::unquoted:
        if (ch == ',') {
          if (!push_field()) return fail(too_many_fields());
          state = Parse::field_start;
          continue;
        }
        if (line_end) {
          s.skip_lf = ch == '\r';
          return end_record();
        }
        if (ch == '"') {
          if (state == Parse::unquoted) return fail(stray_quote());
          state = Parse::quoted;
          continue;
        }
        state = Parse::unquoted;
        break;
      case Parse::quoted:
        if (ch == '"') {
          state = Parse::after_quote;
          continue;
        }
        break;
      case Parse::after_quote:
        if (ch == '"') {  // "" inside a quoted field
          state = Parse::quoted;
          break;
        }
        if (ch == ',') {
          if (!push_field()) return fail(too_many_fields());
          state = Parse::field_start;
          continue;
        }
        if (line_end) {
          s.skip_lf = ch == '\r';
          return end_record();
        }
        return fail(text_after_quote());
    }
    if (field.size() >= s.options.max_field_bytes) return fail(field_too_large());
    field.push_back(ch);
    if (state != Parse::unquoted) continue;
    // The rest of an unquoted field in one go: up to the next comma, quote or
    // line end in the decoded text. None of these characters is a CR, so the
    // line count and last_was_cr come out as one character at a time would.
    std::size_t end = s.pos;
    const std::size_t size = s.text.size();
    const char* text = s.text.data();
    while (end < size) {
      const char c = text[end];
      if (c == ',' || c == '"' || c == '\r' || c == '\n') break;
      ++end;
    }
    if (end == s.pos) continue;
    const std::size_t room = s.options.max_field_bytes - field.size();
    if (end - s.pos > room) {  // fails where the byte-by-byte loop would
      field.append(text + s.pos, room);
      s.pos += room + 1;
      s.last_was_cr = false;
      return fail(field_too_large());
    }
    field.append(text + s.pos, end - s.pos);
    s.pos = end;
    s.last_was_cr = false;
  }
}

std::uint64_t CsvReader::row_number() const { return s_->row; }
Encoding CsvReader::encoding() const { return s_->encoding; }
const CsvError& CsvReader::last_error_position() const { return s_->error_position; }

}  // namespace shogo::storage::import
