#include "kiosk/survey/row_digest.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "crypto/secure_buffer.hpp"

namespace shogo::survey {

namespace {

std::string& row_buffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

void wipe_row_buffer() {
  std::string& buffer = row_buffer();
  crypto::wipe_text(buffer);
  std::string().swap(buffer);
}

void RowDigest::add_row(const Columns& columns) {
  // The columns, each a byte 0 (NULL) or 1, a u32 length and the bytes, in
  // one buffer and one hash call.
  // thread_local: the import hashes on its reader thread; the buffer is
  // wiped before the thread ends (wipe_row_buffer()).
  std::string& buffer = row_buffer();
  buffer.clear();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto& column = columns[c];
    if (!column) {
      if (c + 1 < columns.size()) buffer.push_back('\0');  // the last: left out (row_digest.hpp)
      continue;
    }
    const auto n = static_cast<std::uint32_t>(column->size());
    const char head[5] = {1, static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF),
                          static_cast<char>((n >> 16) & 0xFF), static_cast<char>(n >> 24)};
    buffer.append(head, sizeof head);
    buffer.append(column->data(), column->size());
  }
  // SHA-256 through OpenSSL (SHA-NI where the CPU has it: the import hashes
  // every row on its reader thread).
  std::array<unsigned char, 32> hash{};
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(),
                                                                            &EVP_MD_CTX_free);
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), buffer.data(), buffer.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), hash.data(), &length) != 1 || length != hash.size()) {
    std::abort();  // OpenSSL out of memory: nothing sensible to go on with
  }
  RowDigest one;
  for (int limb = 0; limb < 4; ++limb) {
    std::uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(hash[limb * 8 + b]) << (8 * b);
    one.sum_[limb] = v;
  }
  one.rows_ = 1;
  add(one);
}

void RowDigest::add(const RowDigest& other) {
  unsigned carry = 0;
  for (int limb = 0; limb < 4; ++limb) {
    const std::uint64_t a = sum_[limb], b = other.sum_[limb];
    const std::uint64_t s = a + b;
    const unsigned c1 = s < a;
    const std::uint64_t t = s + carry;
    const unsigned c2 = t < s;
    sum_[limb] = t;
    carry = c1 | c2;
  }
  rows_ += other.rows_;
}

std::string RowDigest::hex() const {
  std::array<unsigned char, 32> bytes{};
  for (int limb = 0; limb < 4; ++limb) {
    for (int b = 0; b < 8; ++b)
      bytes[limb * 8 + b] = static_cast<unsigned char>(sum_[limb] >> (8 * b));
  }
  std::array<char, 65> out{};
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  return out.data();
}

std::optional<RowDigest> RowDigest::parse(std::string_view hex, std::uint64_t rows) {
  if (hex.size() != 64) return std::nullopt;
  std::array<unsigned char, 32> bytes{};
  std::size_t len = 0;
  if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &len, nullptr) !=
          0 ||
      len != bytes.size()) {
    return std::nullopt;
  }
  RowDigest d;
  for (int limb = 0; limb < 4; ++limb) {
    std::uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v |= static_cast<std::uint64_t>(bytes[limb * 8 + b]) << (8 * b);
    d.sum_[limb] = v;
  }
  d.rows_ = rows;
  return d;
}

Result<std::map<std::string, RowDigest>> survey_file_digests(storage::Database& db,
                                                             std::string_view schema) {
  const std::string s(schema);
  // Every column as text, so an integer source_row hashes as its digits.
  std::string columns;
  for (std::string_view rest = kDigestColumns; !rest.empty();) {
    const auto comma = rest.find(", ");
    const std::string_view name = rest.substr(0, comma);
    if (!columns.empty()) columns += ", ";
    columns += "CAST(a." + std::string(name) + " AS TEXT)";
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  auto st = storage::Statement::prepare(db, "SELECT coalesce(src.sha256, ''), " + columns +
                                                " FROM " + s + ".access_rows a LEFT JOIN " + s +
                                                ".sources src ON src.id = a.source_id");
  if (!st) return st.error();
  std::map<std::string, RowDigest> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    RowDigest::Columns row;
    for (std::size_t c = 0; c < kDigestColumnCount; ++c) {
      const int column = static_cast<int>(c) + 1;
      if (st->column_is_null(column)) {
        row[c] = std::nullopt;
      } else {
        row[c] = st->column_text_view(column);
      }
    }
    out[std::string(st->column_text_view(0))].add_row(row);
  }
  wipe_row_buffer();
  return out;
}

}  // namespace shogo::survey
