#pragma once
// Name samples — fixed names made of the hard characters of residents' names
// (髙, 邉, 齋, 﨑, 𠮷, 葛 with IVS, 外字). Made up, never real people: the name
// check screen (表示文字の確認) draws them to show the fonts hold, and the
// synthetic ward generator (provisioning/synthetic) gives them to residents.
//
//   髙 U+9AD9, 邉 U+9089, 齋 U+9F4B, 﨑 U+FA11 (CJK compatibility), 𠮷 U+20BB7
//   (outside the BMP, 4 UTF-8 bytes, 2 UTF-16 units), 葛 U+845B U+E0102 (an IVS
//   IPAmj Mincho has), 葛 U+845B U+E0100 (an IVS it lacks), U+E0A1 (private-use
//   外字: the ward's two-dot 辻).

#include <span>
#include <string_view>

namespace shogo::survey {

struct NamePart {
  std::string_view text;  // 漢字 (UTF-8)
  std::string_view kana;  // full-width katakana
};

struct HardName {
  NamePart surname;
  NamePart given;
  std::string_view full;       // "姓　名", U+3000 between
  std::string_view full_kana;  // "セイ　メイ"
};

inline constexpr HardName kHardNames[] = {
    {{"\u9AD9橋", "タカハシ"},
     {"一郎", "イチロウ"},
     "\u9AD9橋\u3000一郎",
     "タカハシ\u3000イチロウ"},
    {{"渡\u9089", "ワタナベ"}, {"花子", "ハナコ"}, "渡\u9089\u3000花子", "ワタナベ\u3000ハナコ"},
    {{"\u9F4B藤", "サイトウ"}, {"健", "ケン"}, "\u9F4B藤\u3000健", "サイトウ\u3000ケン"},
    {{"山\uFA11", "ヤマザキ"},
     {"みどり", "ミドリ"},
     "山\uFA11\u3000みどり",
     "ヤマザキ\u3000ミドリ"},
    {{"\U00020BB7田", "ヨシダ"},
     {"太郎", "タロウ"},
     "\U00020BB7田\u3000太郎",
     "ヨシダ\u3000タロウ"},
    {{"\u845B\U000E0102西", "カサイ"},
     {"治", "オサム"},
     "\u845B\U000E0102西\u3000治",
     "カサイ\u3000オサム"},
    {{"\u845B\U000E0100城", "カツラギ"},
     {"優", "ユウ"},
     "\u845B\U000E0100城\u3000優",
     "カツラギ\u3000ユウ"},
    {{"\uE0A1川", "ツジカワ"}, {"次郎", "ジロウ"}, "\uE0A1川\u3000次郎", "ツジカワ\u3000ジロウ"},
};

namespace detail {
constexpr bool joined(std::string_view full, std::string_view a, std::string_view b) {
  constexpr std::string_view space = "\u3000";
  return full.size() == a.size() + space.size() + b.size() && full.substr(0, a.size()) == a &&
         full.substr(a.size(), space.size()) == space && full.substr(a.size() + space.size()) == b;
}
constexpr bool hard_names_are_consistent() {
  for (const HardName& h : kHardNames) {
    if (!joined(h.full, h.surname.text, h.given.text)) return false;
    if (!joined(h.full_kana, h.surname.kana, h.given.kana)) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::hard_names_are_consistent(),
              "kHardNames: full must be surname U+3000 given, in text and kana");

inline std::span<const HardName> hard_name_samples() { return kHardNames; }

}  // namespace shogo::survey
