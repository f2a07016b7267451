#include "kiosk/survey/row_digest.hpp"

#include <sodium.h>

#include <cstring>

namespace shogo::survey {

void RowDigest::add_row(const Columns& columns) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  for (const auto& column : columns) {
    unsigned char head[5] = {0, 0, 0, 0, 0};  // 0: NULL; 1 and a u32 length: a text
    std::size_t head_size = 1;
    if (column) {
      const auto n = static_cast<std::uint32_t>(column->size());
      head[0] = 1;
      for (int i = 0; i < 4; ++i) head[1 + i] = static_cast<unsigned char>(n >> (8 * i));
      head_size = 5;
    }
    crypto_generichash_update(&state, head, head_size);
    if (column) {
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(column->data()),
                                column->size());
    }
  }
  std::array<unsigned char, 32> hash{};
  crypto_generichash_final(&state, hash.data(), hash.size());
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
  return out;
}

}  // namespace shogo::survey
