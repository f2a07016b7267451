#include "kiosk/ime/romaji.hpp"

#include <sodium.h>

#include <cctype>
#include <map>

#include "crypto/secure_buffer.hpp"

namespace shogo::ime {

namespace {

const std::map<std::string_view, std::string_view>& table() {
  static const std::map<std::string_view, std::string_view> t = {
      {"a", "あ"},     {"i", "い"},     {"u", "う"},     {"e", "え"},     {"o", "お"},
      {"ka", "か"},    {"ki", "き"},    {"ku", "く"},    {"ke", "け"},    {"ko", "こ"},
      {"kya", "きゃ"}, {"kyu", "きゅ"}, {"kyo", "きょ"}, {"ca", "か"},    {"cu", "く"},
      {"co", "こ"},    {"qa", "くぁ"},  {"qi", "くぃ"},  {"qe", "くぇ"},  {"qo", "くぉ"},
      {"sa", "さ"},    {"si", "し"},    {"shi", "し"},   {"su", "す"},    {"se", "せ"},
      {"so", "そ"},    {"sha", "しゃ"}, {"shu", "しゅ"}, {"sho", "しょ"}, {"she", "しぇ"},
      {"sya", "しゃ"}, {"syu", "しゅ"}, {"syo", "しょ"}, {"sye", "しぇ"}, {"ta", "た"},
      {"ti", "ち"},    {"chi", "ち"},   {"tu", "つ"},    {"tsu", "つ"},   {"te", "て"},
      {"to", "と"},    {"cha", "ちゃ"}, {"chu", "ちゅ"}, {"cho", "ちょ"}, {"che", "ちぇ"},
      {"tya", "ちゃ"}, {"tyu", "ちゅ"}, {"tyo", "ちょ"}, {"tye", "ちぇ"}, {"cya", "ちゃ"},
      {"cyu", "ちゅ"}, {"cyo", "ちょ"}, {"tsa", "つぁ"}, {"tsi", "つぃ"}, {"tse", "つぇ"},
      {"tso", "つぉ"}, {"thi", "てぃ"}, {"thu", "てゅ"}, {"twu", "とぅ"}, {"na", "な"},
      {"ni", "に"},    {"nu", "ぬ"},    {"ne", "ね"},    {"no", "の"},    {"nya", "にゃ"},
      {"nyu", "にゅ"}, {"nyo", "にょ"}, {"nn", "ん"},    {"n'", "ん"},    {"xn", "ん"},
      {"ha", "は"},    {"hi", "ひ"},    {"hu", "ふ"},    {"fu", "ふ"},    {"he", "へ"},
      {"ho", "ほ"},    {"hya", "ひゃ"}, {"hyu", "ひゅ"}, {"hyo", "ひょ"}, {"fa", "ふぁ"},
      {"fi", "ふぃ"},  {"fe", "ふぇ"},  {"fo", "ふぉ"},  {"fyu", "ふゅ"}, {"ma", "ま"},
      {"mi", "み"},    {"mu", "む"},    {"me", "め"},    {"mo", "も"},    {"mya", "みゃ"},
      {"myu", "みゅ"}, {"myo", "みょ"}, {"ya", "や"},    {"yu", "ゆ"},    {"yo", "よ"},
      {"ye", "いぇ"},  {"ra", "ら"},    {"ri", "り"},    {"ru", "る"},    {"re", "れ"},
      {"ro", "ろ"},    {"rya", "りゃ"}, {"ryu", "りゅ"}, {"ryo", "りょ"}, {"wa", "わ"},
      {"wo", "を"},    {"wi", "うぃ"},  {"we", "うぇ"},  {"ga", "が"},    {"gi", "ぎ"},
      {"gu", "ぐ"},    {"ge", "げ"},    {"go", "ご"},    {"gya", "ぎゃ"}, {"gyu", "ぎゅ"},
      {"gyo", "ぎょ"}, {"za", "ざ"},    {"zi", "じ"},    {"ji", "じ"},    {"zu", "ず"},
      {"ze", "ぜ"},    {"zo", "ぞ"},    {"ja", "じゃ"},  {"ju", "じゅ"},  {"jo", "じょ"},
      {"je", "じぇ"},  {"zya", "じゃ"}, {"zyu", "じゅ"}, {"zyo", "じょ"}, {"jya", "じゃ"},
      {"jyu", "じゅ"}, {"jyo", "じょ"}, {"da", "だ"},    {"di", "ぢ"},    {"du", "づ"},
      {"de", "で"},    {"do", "ど"},    {"dya", "ぢゃ"}, {"dyu", "ぢゅ"}, {"dyo", "ぢょ"},
      {"dhi", "でぃ"}, {"dhu", "でゅ"}, {"dwu", "どぅ"}, {"ba", "ば"},    {"bi", "び"},
      {"bu", "ぶ"},    {"be", "べ"},    {"bo", "ぼ"},    {"bya", "びゃ"}, {"byu", "びゅ"},
      {"byo", "びょ"}, {"pa", "ぱ"},    {"pi", "ぴ"},    {"pu", "ぷ"},    {"pe", "ぺ"},
      {"po", "ぽ"},    {"pya", "ぴゃ"}, {"pyu", "ぴゅ"}, {"pyo", "ぴょ"}, {"va", "ゔぁ"},
      {"vi", "ゔぃ"},  {"vu", "ゔ"},    {"ve", "ゔぇ"},  {"vo", "ゔぉ"},  {"xa", "ぁ"},
      {"xi", "ぃ"},    {"xu", "ぅ"},    {"xe", "ぇ"},    {"xo", "ぉ"},    {"la", "ぁ"},
      {"li", "ぃ"},    {"lu", "ぅ"},    {"le", "ぇ"},    {"lo", "ぉ"},    {"xtu", "っ"},
      {"xtsu", "っ"},  {"ltu", "っ"},   {"ltsu", "っ"},  {"xya", "ゃ"},   {"xyu", "ゅ"},
      {"xyo", "ょ"},   {"lya", "ゃ"},   {"lyu", "ゅ"},   {"lyo", "ょ"},   {"xwa", "ゎ"},
      {"lwa", "ゎ"},   {"-", "ー"},     {",", "、"},     {".", "。"},     {"[", "「"},
      {"]", "」"},     {"/", "・"},     {"~", "〜"},
  };
  return t;
}

bool is_prefix_of_entry(std::string_view s) {
  const auto& t = table();
  auto it = t.lower_bound(s);
  return it != t.end() && it->first.substr(0, s.size()) == s && it->first.size() > s.size();
}

bool consonant(char c) {
  return c >= 'a' && c <= 'z' && c != 'a' && c != 'i' && c != 'u' && c != 'e' && c != 'o' &&
         c != 'n';
}

// The length in bytes of the last UTF-8 character of `s` (0 if empty).
std::size_t last_char_bytes(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = s.size(); i > 0; --i) {
    ++n;
    if ((static_cast<unsigned char>(s[i - 1]) & 0xC0) != 0x80) break;
  }
  return n;
}

}  // namespace

void RomajiBuffer::type(char c) {
  pending_.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  settle();
}

void RomajiBuffer::settle() {
  const auto& t = table();
  while (!pending_.empty()) {
    if (is_prefix_of_entry(pending_)) return;  // wait for more: "k", "ky", "ts", "n"
    if (auto it = t.find(pending_); it != t.end()) {
      kana_ += it->second;
      pending_.clear();
      return;
    }
    // A doubled consonant: っ, and the second letter starts again (gakkou, maccha).
    if (pending_.size() >= 2 && pending_[0] == pending_[1] && consonant(pending_[0])) {
      kana_ += "っ";
      pending_.erase(0, 1);
      continue;
    }
    // n before anything that cannot follow it in a syllable: ん (shinbun).
    if (pending_[0] == 'n') {
      kana_ += "ん";
      pending_.erase(0, 1);
      continue;
    }
    // Nothing in the table: the first character as typed.
    kana_.push_back(pending_[0]);
    pending_.erase(0, 1);
  }
}

bool RomajiBuffer::backspace() {
  if (!pending_.empty()) {
    pending_.pop_back();
    return true;
  }
  if (kana_.empty()) return false;
  const std::size_t n = last_char_bytes(kana_);
  sodium_memzero(kana_.data() + kana_.size() - n, n);
  kana_.resize(kana_.size() - n);
  return true;
}

std::string RomajiBuffer::finish() {
  if (pending_ == "n") {
    kana_ += "ん";
  } else {
    kana_ += pending_;
  }
  crypto::wipe_text(pending_);
  std::string out = kana_;
  crypto::wipe_text(kana_);
  return out;
}

void RomajiBuffer::restore(std::string_view kana) {
  clear();
  kana_.assign(kana);
}

void RomajiBuffer::clear() {
  crypto::wipe_text(kana_);
  crypto::wipe_text(pending_);
}

std::string to_katakana(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c0 = static_cast<unsigned char>(text[i]);
    // Hiragana U+3041–U+3096 and ゝゞ are E3 81 81 … E3 82 96 … in UTF-8.
    if (c0 == 0xE3 && i + 2 < text.size()) {
      const unsigned cp = ((c0 & 0x0Fu) << 12) |
                          ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      if ((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E) {
        const unsigned k = cp + 0x60;
        out.push_back(static_cast<char>(0xE0 | (k >> 12)));
        out.push_back(static_cast<char>(0x80 | ((k >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (k & 0x3F)));
        i += 3;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace shogo::ime
