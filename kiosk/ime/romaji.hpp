#pragma once
// Romaji → kana — the first half of the kiosk's Japanese text entry (the
// second, kana → kanji, is kana_converter.hpp). Shogo's own table, because
// Anthy's romaji layer answers in EUC-JP whatever the context's encoding.
//
// What a Japanese keyboard user expects: Hepburn and kunrei spellings (shi
// and si, chi and ti, tsu and tu, fu and hu, ja, zya and jya …), a doubled
// consonant as っ (gakkou, maccha), n before a consonant or typed twice as ん
// (shinbun, konnya → こんや; n' also ん), x… and l… for small kana (xa, ltu),
// '-' as ー and , . [ ] / ~ as 、。「」・〜. What the table does not know is
// kept as typed.
//
// RomajiBuffer holds what is being composed (possibly a resident's name):
// clear() wipes it, as does its destructor.

#include <string>
#include <string_view>

namespace shogo::ime {

class RomajiBuffer {
 public:
  RomajiBuffer() = default;
  ~RomajiBuffer() { clear(); }
  RomajiBuffer(const RomajiBuffer&) = delete;
  RomajiBuffer& operator=(const RomajiBuffer&) = delete;

  void type(char c);  // one ASCII character (letters in either case)
  // Backspace: the last romaji letter not yet kana, else the last kana.
  // false when there was nothing to take back.
  bool backspace();
  bool empty() const { return kana_.empty() && pending_.empty(); }
  const std::string& kana() const { return kana_; }        // UTF-8 hiragana (and kept ASCII)
  const std::string& pending() const { return pending_; }  // romaji waiting for more: "k", "ky"
  std::string text() const { return kana_ + pending_; }    // the pre-edit as shown
  // Ends the composition: a pending n becomes ん; other letters stay as typed.
  std::string finish();
  void clear();  // wipes both parts
  // Composing `kana` again, as typed (a conversion taken back).
  void restore(std::string_view kana);

 private:
  void settle();  // turns what pending_ can become into kana
  std::string kana_;
  std::string pending_;
};

// The hiragana of `text` as katakana (the F7 key, and the candidates' last entry).
std::string to_katakana(std::string_view text);

}  // namespace shogo::ime
