// The wording lint of po/ja.po: the Japanese the users read is plain,
// consistent です・ます Japanese (docs/ui-guidelines.md, "Words"). One
// TEST_CASE per rule; each failure names the msgid, where the code uses it and
// the msgstr that breaks the rule. The last TEST_CASE runs every rule on fixed
// good and bad examples, so a rule that stops flagging anything is caught even
// while the catalog is clean. `ui_catalog_tests -r compact` prints each
// failure unwrapped (the console reporter cuts long Japanese lines mid-character).
//
//   rule 1  translated, not fuzzy
//   rule 2  full-width punctuation in Japanese text （）：；、！？「」。
//   rule 3  no clause numbers (P6.3.d): 手順6.3 where a reference helps
//   rule 4  no paths, globs, identifiers or Latin words outside kLatinWords
//   rule 5  one voice: sentences end in です・ます, labels never do
//   rule 6  no ASCII space beside Japanese, no line opening with 。、
//   rule 7  no date placeholders (YYYY, MM, DD, HH)
//   rule 8  the glossary's terms, never the words they replace (庁舎, 照合を終了 …)

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/po_catalog.hpp"

namespace {

using shogo::test::CatalogEntry;
using Problems = std::vector<std::string>;

// The only runs of Latin letters a Japanese msgstr may hold. Keep it short:
// each word is one a ward manager meets on paper or on the office PCs.
constexpr std::array<std::u32string_view, 7> kLatinWords = {
    U"Shogo",  // the appliance's own name, on its case and in the manual
    U"ID",   // 端末ID, 操作者ID, 調査ID: the 要領's spelling and the sheets' column names
    U"CS",   // CS端末, the 要領's name for the JUKINET terminals (P6.5.a エ)
    U"USB",  // 調査専用USBメモリ, the 要領's term (P10.5)
    U"CSV",  // the file kind the related systems export, as Windows and Excel name it
    U"Excel",  // the program the sheets are saved from; the advice to re-save names it
    U"UTF",  // 「CSV UTF-8（コンマ区切り）」, the file type to choose in Excel's save dialog
};

// A printf conversion (%s, %d, %zu, %llu, %2$zu, …) once the text is decoded:
// one code point outside Unicode, which the rules read as a number.
constexpr char32_t kConversion = 0x110000;

// --- Text --------------------------------------------------------------------

// UTF-8 → code points. libgettextpo has read the catalog as UTF-8 already; a
// broken sequence becomes U+FFFD rather than stopping the lint.
std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += len;
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c == kConversion) {
      out += "%…";
    } else if (c < 0x80) {
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
  return out;
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_letter(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
bool is_ascii_alnum(char32_t c) { return is_ascii_digit(c) || is_ascii_letter(c); }
bool is_number(char32_t c) { return is_ascii_digit(c) || c == kConversion; }

// Kana and kanji: what makes a msgstr Japanese text.
bool is_kana_kanji(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||    // hiragana, katakana (ー, ・)
         (c >= 0x31F0 && c <= 0x31FF) ||    // katakana phonetic extensions
         (c >= 0x3400 && c <= 0x4DBF) ||    // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||    // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F) ||    // half-width katakana
         (c >= 0x20000 && c <= 0x3FFFF) ||  // CJK extensions B–H
         (c >= 0x3005 && c <= 0x3007);      // 々 〆 〇
}

// Kana, kanji and full-width punctuation and forms: what an ASCII space must
// not touch.
bool is_wide(char32_t c) {
  return is_kana_kanji(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF65) ||
         c == U'…' || c == U'—' || c == U'―';
}

bool has_japanese(std::u32string_view t) { return std::any_of(t.begin(), t.end(), is_kana_kanji); }

bool ends_with(std::u32string_view s, std::u32string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The msgstr with each printf conversion replaced by kConversion and "%%" by "%".
std::u32string prepare(std::string_view msgstr) {
  const std::u32string in = decode(msgstr);
  const std::u32string_view flags = U"-+ #0'";
  const std::u32string_view lengths[] = {U"hh", U"ll", U"h", U"l", U"j", U"z", U"t", U"L", U"q"};
  const std::u32string_view conversions = U"diouxXeEfFgGaAcspn";
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != U'%') {
      out += in[i];
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == U'%') {
      out += U'%';
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    std::size_t k = j;
    while (k < in.size() && is_ascii_digit(in[k])) ++k;
    if (k > j && k < in.size() && in[k] == U'$') j = k + 1;  // %2$zu
    while (j < in.size() && flags.find(in[j]) != std::u32string_view::npos) ++j;
    while (j < in.size() && (is_ascii_digit(in[j]) || in[j] == U'*')) ++j;
    if (j < in.size() && in[j] == U'.') {
      ++j;
      while (j < in.size() && (is_ascii_digit(in[j]) || in[j] == U'*')) ++j;
    }
    for (std::u32string_view len : lengths) {
      if (std::u32string_view(in).substr(j, len.size()) == len) {
        j += len.size();
        break;
      }
    }
    if (j < in.size() && conversions.find(in[j]) != std::u32string_view::npos) {
      out += kConversion;
      i = j;
    } else {
      out += in[i];  // a lone '%': rule 2 and 4 read it as it is
    }
  }
  return out;
}

// A few characters either side of t[i], for the failure message.
std::string around(std::u32string_view t, std::size_t i) {
  const std::size_t from = i < 6 ? 0 : i - 6;
  return "\"" + encode(t.substr(from, i + 7 - from)) + "\"";
}

// The run of ASCII letters, digits and _ - . / * = around t[i]: an identifier or a path.
std::string token_at(std::u32string_view t, std::size_t i) {
  const auto part = [](char32_t c) {
    return is_ascii_alnum(c) || std::u32string_view(U"_-./*=").find(c) != std::u32string_view::npos;
  };
  std::size_t a = i;
  std::size_t b = i;
  while (a > 0 && part(t[a - 1])) --a;
  while (b < t.size() && part(t[b])) ++b;
  return "\"" + encode(t.substr(a, std::max(b, i + 1) - a)) + "\"";
}

void add(Problems& out, std::string problem) {
  if (std::find(out.begin(), out.end(), problem) == out.end()) out.push_back(std::move(problem));
}

// --- The rules ---------------------------------------------------------------
// Each takes a msgstr and says what is wrong with it; nothing means it passes.

// Rule 2: full-width punctuation in Japanese text. Half-width ':' ',' '.' stay
// only between digits or conversions (08:30, 1,234, 手順6.3); '.' before a
// Latin letter (".xlsx") is rule 4's.
Problems half_width_punctuation(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  if (!has_japanese(t)) return out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    const char32_t prev = i > 0 ? t[i - 1] : 0;
    const char32_t next = i + 1 < t.size() ? t[i + 1] : 0;
    const bool in_number = is_number(prev) && is_number(next);
    std::string_view instead;
    switch (c) {
      case U'(': instead = "（"; break;
      case U')': instead = "）"; break;
      case U';': instead = "。 or ；"; break;
      case U'!': instead = "！"; break;
      case U'?': instead = "？"; break;
      case U'"': instead = "「」"; break;
      case U'\'': instead = "「」"; break;
      case U':': instead = in_number ? "" : "："; break;
      case U',': instead = in_number ? "" : "、"; break;
      case U'.': instead = in_number || is_ascii_letter(next) ? "" : "。"; break;
      default: break;
    }
    if (!instead.empty()) {
      add(out, "half-width '" + encode(std::u32string(1, c)) + "' in " + around(t, i) + ": use " +
                   std::string(instead));
    }
  }
  return out;
}

// Rule 3: no clause numbers of the procedure. "P6.3.d" never; a dotted clause
// with a letter (6.3.d) only as 手順6.3.d.
Problems clause_numbers(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool p_clause = t[i] == U'P' && i + 1 < t.size() && is_ascii_digit(t[i + 1]) &&
                          (i == 0 || !is_ascii_alnum(t[i - 1]));
    const bool number_start =
        is_ascii_digit(t[i]) && (i == 0 || (!is_ascii_alnum(t[i - 1]) && t[i - 1] != U'.'));
    if (!p_clause && !number_start) continue;
    std::size_t j = p_clause ? i + 1 : i;
    int dots = 0;
    while (j < t.size() && is_ascii_digit(t[j])) ++j;
    while (j + 1 < t.size() && t[j] == U'.' && is_ascii_digit(t[j + 1])) {
      ++dots;
      for (++j; j < t.size() && is_ascii_digit(t[j]); ++j) {
      }
    }
    const bool letter = j + 1 < t.size() && t[j] == U'.' && is_ascii_letter(t[j + 1]) &&
                        (j + 2 >= t.size() || !is_ascii_letter(t[j + 2]));
    if (letter) j += 2;
    const std::u32string_view clause = std::u32string_view(t).substr(i, j - i);
    if (p_clause) {
      add(out, "clause number \"" + encode(clause) + "\": leave it out, or write 手順" +
                   encode(clause.substr(1)) + " in a help sentence");
    } else if (dots > 0 && letter && !ends_with(std::u32string_view(t).substr(0, i), U"手順")) {
      add(out,
          "clause number \"" + encode(clause) + "\" without 手順: write 手順" + encode(clause));
    }
    i = j > i ? j - 1 : i;
  }
  return out;
}

// Rule 4: no file paths, globs, command-line options, settings or identifiers,
// and no Latin word but those of kLatinWords.
Problems paths_and_identifiers(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    const char32_t prev = i > 0 ? t[i - 1] : 0;
    const char32_t next = i + 1 < t.size() ? t[i + 1] : 0;
    if (c == U'/' && !(is_ascii_digit(prev) && is_ascii_digit(next))) {
      add(out, "a file path " + token_at(t, i) + ": name the folder in words");
    } else if (c == U'*' && next == U'.') {
      add(out, "a file glob " + token_at(t, i) + ": say what kind of file");
    } else if (c == U'=') {
      add(out, "a setting " + token_at(t, i) + ": say what it does in words");
    } else if (c == U'_' && is_ascii_alnum(prev) && is_ascii_alnum(next)) {
      add(out, "a snake_case identifier " + token_at(t, i));
    } else if (c == U'-' && is_ascii_letter(prev) && is_ascii_letter(next)) {
      add(out, "a kebab-case identifier " + token_at(t, i));
    } else if (c == U'-' && prev == U'-' && is_ascii_letter(next)) {
      add(out, "a command-line option " + token_at(t, i));
    }
  }
  for (std::size_t i = 0; i < t.size();) {
    if (!is_ascii_letter(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && is_ascii_letter(t[j])) ++j;
    const std::u32string_view word = std::u32string_view(t).substr(i, j - i);
    // The letter of a clause reference, 手順6.3.d (rule 3 checks the 手順).
    const bool clause_letter = j - i == 1 && i >= 2 && t[i - 1] == U'.' && is_ascii_digit(t[i - 2]);
    if (!clause_letter &&
        std::find(kLatinWords.begin(), kLatinWords.end(), word) == kLatinWords.end()) {
      add(out, "the Latin word \"" + encode(word) +
                   "\" is not in kLatinWords: say it in Japanese (a command is for the IT "
                   "documentation, not the screen)");
    }
    i = j;
  }
  return out;
}

// Rule 5: one voice. A sentence (up to 。 ！ or ？) ends in a polite form; a
// label, heading or button (no 。) never does: it is a noun phrase or a verb in
// its dictionary form (指定する, 取り込む, Shogoを終了).
constexpr std::array<std::u32string_view, 8> kPoliteEndings = {
    U"ます", U"です", U"ください", U"ません", U"ました", U"でした", U"ましょう", U"でしょう"};
constexpr std::array<std::u32string_view, 4> kPoliteQuestions = {U"ますか", U"ですか", U"ませんか",
                                                                 U"でしょうか"};

bool ends_politely(std::u32string_view s, bool question) {
  const auto hit = [&](std::u32string_view e) { return ends_with(s, e); };
  return question ? std::any_of(kPoliteQuestions.begin(), kPoliteQuestions.end(), hit)
                  : std::any_of(kPoliteEndings.begin(), kPoliteEndings.end(), hit);
}

std::u32string_view trim(std::u32string_view s, std::u32string_view drop = U" \n\u3000") {
  while (!s.empty() && drop.find(s.front()) != std::u32string_view::npos) s.remove_prefix(1);
  while (!s.empty() && drop.find(s.back()) != std::u32string_view::npos) s.remove_suffix(1);
  return s;
}

Problems one_voice(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  if (!has_japanese(t)) return out;
  std::size_t start = 0;
  int quoted = 0;  // inside 「」 or 『』 a ？ is a quoted character, not the end of a sentence
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char32_t c = t[i];
    if (c == U'「' || c == U'『') ++quoted;
    if ((c == U'」' || c == U'』') && quoted > 0) --quoted;
    if (quoted > 0 || (c != U'。' && c != U'？' && c != U'！')) continue;
    const std::u32string_view sentence = trim(std::u32string_view(t).substr(start, i - start));
    const bool polite = c == U'？' ? ends_politely(sentence, true)
                        : c == U'！'
                            ? ends_politely(sentence, false) || ends_politely(sentence, true)
                            : ends_politely(sentence, false);
    if (!polite) {
      add(out, "the sentence \"" + encode(sentence) + encode(std::u32string(1, c)) +
                   "\" does not end in です・ます (…ます。 …です。 …ください。 …ますか？)");
    }
    start = i + 1;
  }
  // What follows the last 。: a label, a heading, a button or a status line.
  const std::u32string_view label = trim(std::u32string_view(t).substr(start), U" \n\u3000…：");
  if (ends_politely(label, false) || ends_politely(label, true)) {
    add(out, "\"" + encode(label) +
                 "\" ends in です・ます without 。: end the sentence with 。, or make the label "
                 "a noun phrase or a dictionary-form verb");
  }
  return out;
}

// Rule 6: an ASCII space never touches a Japanese character (15分, %d行,
// 「Shogoを終了」), and no line opens with 。、 or another closing mark.
Problems spacing(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  if (!has_japanese(t)) return out;
  constexpr std::u32string_view no_line_start = U"。、，．）」』？！：；";
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char32_t prev = i > 0 ? t[i - 1] : 0;
    const char32_t next = i + 1 < t.size() ? t[i + 1] : 0;
    if (t[i] == U' ' && (is_wide(prev) || is_wide(next))) {
      if ((is_number(prev) && is_kana_kanji(next)) || (is_kana_kanji(prev) && is_number(next))) {
        add(out, "an ASCII space between a number and Japanese text in " + around(t, i) +
                     ": write 15分, %d行, 第%d回");
      } else if (is_wide(prev) && is_wide(next)) {
        add(out, "an ASCII space between two Japanese characters in " + around(t, i));
      } else {
        add(out, "an ASCII space beside a Japanese character in " + around(t, i) +
                     ": write Latin words flush (Shogoを終了)");
      }
    }
    if ((i == 0 || prev == U'\n') && no_line_start.find(t[i]) != std::u32string_view::npos) {
      add(out, "a line begins with '" + encode(std::u32string(1, t[i])) + "'");
    }
  }
  return out;
}

// Rule 7: no date or time placeholders (YYYY, MM, DD, HH, hh, mm): dates are
// written 令和8年11月18日 and times 9時30分 or 09:30.
Problems date_placeholders(std::string_view msgstr) {
  const std::u32string t = prepare(msgstr);
  Problems out;
  if (!has_japanese(t)) return out;
  for (std::size_t i = 0; i < t.size();) {
    if (!is_ascii_letter(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && t[j] == t[i]) ++j;
    const bool whole_run =
        (j == t.size() || !is_ascii_letter(t[j])) && (i == 0 || !is_ascii_letter(t[i - 1]));
    if (whole_run && j - i >= 2 &&
        std::u32string_view(U"YyMDdHhms").find(t[i]) != std::u32string_view::npos) {
      add(out, "the placeholder \"" + encode(std::u32string_view(t).substr(i, j - i)) +
                   "\": give an example (令和8年11月18日, 09:30) or use a picker");
    }
    while (j < t.size() && is_ascii_letter(t[j])) ++j;
    i = j;
  }
  return out;
}

// Rule 8: docs/ui-guidelines.md's glossary replaced these words; each says what
// to write instead.
Problems replaced_words(std::string_view msgstr) {
  struct Replaced {
    std::string_view word, instead;
  };
  static constexpr Replaced kReplaced[] = {
      {"庁舎", "拠点 (the main office and the branches alike)"},
      {"照合を終了", "Shogoを終了 (照合 is the investigators' work)"},
      {"もう一度見る", "一覧を更新"},
      {"プロファイル", "列定義"},
      {"業務時間", "稼働時間"},
      {"イベント", "記録"},
  };
  Problems out;
  for (const Replaced& r : kReplaced) {
    if (msgstr.find(r.word) != std::string_view::npos) {
      add(out, "\"" + std::string(r.word) + "\": write " + std::string(r.instead));
    }
  }
  return out;
}

// --- Running a rule over the catalog ----------------------------------------

const std::vector<CatalogEntry>& catalog() {
  static const std::vector<CatalogEntry> entries =
      shogo::test::read_catalog(shogo::test::ja_catalog_path());
  return entries;
}

std::string describe(const CatalogEntry& e, const Problems& problems) {
  std::ostringstream s;
  s << e.where << "\n  msgid:  \"" << e.msgid << "\"\n  msgstr: \"" << e.msgstr << "\"";
  for (const std::string& p : problems) s << "\n  - " << p;
  return s.str();
}

// One failure per message that breaks the rule; untranslated messages are
// rule 1's.
void lint(Problems (*rule)(std::string_view)) {
  const auto& entries = catalog();
  REQUIRE(!entries.empty());
  std::size_t flagged = 0;
  for (const CatalogEntry& e : entries) {
    if (e.msgstr.empty()) continue;
    const Problems problems = rule(e.msgstr);
    if (problems.empty()) continue;
    ++flagged;
    FAIL_CHECK(describe(e, problems));
  }
  INFO(flagged << " of " << entries.size() << " messages flagged");
  CHECK(flagged == 0);
}

}  // namespace

TEST_CASE("ja.po words rule 1 every message is translated and none is fuzzy", "[catalog]") {
  const auto& entries = catalog();
  REQUIRE(!entries.empty());
  std::size_t flagged = 0;
  for (const CatalogEntry& e : entries) {
    Problems problems;
    if (e.msgstr.empty()) problems.emplace_back("not translated");
    if (e.fuzzy) problems.emplace_back("marked fuzzy: check the translation and remove the flag");
    if (problems.empty()) continue;
    ++flagged;
    FAIL_CHECK(describe(e, problems));
  }
  INFO(flagged << " of " << entries.size() << " messages flagged");
  CHECK(flagged == 0);
}

TEST_CASE("ja.po words rule 2 Japanese text uses full-width punctuation", "[catalog]") {
  lint(half_width_punctuation);
}

TEST_CASE("ja.po words rule 3 no clause numbers in sentences", "[catalog]") {
  lint(clause_numbers);
}

TEST_CASE("ja.po words rule 4 no file paths or identifiers and only the allowed Latin words",
          "[catalog]") {
  lint(paths_and_identifiers);
}

TEST_CASE("ja.po words rule 5 one polite voice in sentences and none in labels", "[catalog]") {
  lint(one_voice);
}

TEST_CASE(
    "ja.po words rule 6 no ASCII space beside Japanese and no line opening with a comma or full "
    "stop",
    "[catalog]") {
  lint(spacing);
}

TEST_CASE("ja.po words rule 7 no date placeholders", "[catalog]") { lint(date_placeholders); }

TEST_CASE("ja.po words rule 8 the glossary's terms and not the words they replace", "[catalog]") {
  lint(replaced_words);
}

TEST_CASE("ja.po words every rule flags its bad examples and passes its good ones", "[catalog]") {
  struct Example {
    Problems (*rule)(std::string_view);
    std::string_view text;
    bool flagged;
  };
  const Example examples[] = {
      {half_width_punctuation, "年度:", true},
      {half_width_punctuation, "調査 ID（英数字と「-」）:", true},
      {half_width_punctuation, "指定の履歴 (P6.3)", true},
      {half_width_punctuation, "中止しました. 何も記録していません。", true},
      {half_width_punctuation, "Shogoを終了しますか?", true},
      {half_width_punctuation, "氏名は\"?\"ではなく枠で表示します。", true},
      {half_width_punctuation, "年度：", false},
      {half_width_punctuation, "開始（例：08:30）", false},
      {half_width_punctuation, "1,234行", false},
      {half_width_punctuation, "手順6.3を見てください。", false},
      {half_width_punctuation, "%s：%s", false},
      {half_width_punctuation, "Events: %zu", false},  // not Japanese text
      {clause_numbers, "再指定が必要です（P6.3.d）。", true},
      {clause_numbers, "P6.4", true},
      {clause_numbers, "6.3.dにより再指定します。", true},
      {clause_numbers, "手順6.3により再指定します。", false},
      {clause_numbers, "「手順6.3.d」を見てください。", false},
      {clause_numbers, "CP932のファイル", false},
      {clause_numbers, "6.3倍です。", false},
      {paths_and_identifiers, "/etc/shogo/profiles の定義", true},
      {paths_and_identifiers, "%s の *.toml ファイル", true},
      {paths_and_identifiers, "sign_in の記録", true},
      {paths_and_identifiers, "shogo-admin doctor で点検してください。", true},
      {paths_and_identifiers, "language=ja", true},
      {paths_and_identifiers, "固定して起動されています（--idle-lock）。", true},
      {paths_and_identifiers, "ハッシュ（BLAKE2b）", true},
      {paths_and_identifiers, "ExcelでCSVファイルとして保存してください。", false},
      {paths_and_identifiers, "端末IDと調査専用USBメモリ", false},
      {paths_and_identifiers, "%2$zu件中%1$zu件", false},
      {paths_and_identifiers, "2026/11/18", false},
      {one_voice, "取り込みを中止した。", true},
      {one_voice, "ファイルが壊れている。", true},
      {one_voice, "Shogoを終了する？", true},
      {one_voice, "取り込みました", true},
      {one_voice, "パスフレーズを確認しています…", true},
      {one_voice, "確認しました", true},
      {one_voice, "取り込みを中止しました。何も記録していません。", false},
      {one_voice, "Shogoを終了しますか？", false},
      {one_voice, "指定する", false},
      {one_voice, "パスフレーズを確認中…", false},
      {one_voice, "年度：", false},
      {one_voice, "文字は「？」ではなく、枠で表示します。", false},
      {one_voice, "「指定する」を押してください。", false},
      {spacing, "15 分以上", true},
      {spacing, "%d 行", true},
      {spacing, "%2$zu 件中 %1$zu 件", true},
      {spacing, "画面を ロック", true},
      {spacing, "終了しますか？ 先に", true},
      {spacing, "Shogo を終了", true},
      {spacing, "。から始まる", true},
      {spacing, "一行目\n、二行目", true},
      {spacing, "15分以上", false},
      {spacing, "「CSV UTF-8（コンマ区切り）」", false},
      {spacing, "空の行：%llu行　合計の行：%llu行", false},
      {date_placeholders, "日付（YYYY-MM-DD）：", true},
      {date_placeholders, "時刻は HH:MM の形で", true},
      {date_placeholders, "日付（例：2026-11-18）：", false},
      {date_placeholders, "令和8年11月18日", false},
      {replaced_words, "各庁舎の端末", true},
      {replaced_words, "照合を終了", true},
      {replaced_words, "もう一度見る", true},
      {replaced_words, "各拠点の端末", false},
      {replaced_words, "Shogoを終了", false},
  };
  for (const Example& ex : examples) {
    const Problems problems = ex.rule(ex.text);
    std::string said;
    for (const std::string& p : problems) said += "\n  - " + p;
    INFO("\"" << ex.text << "\"" << (ex.flagged ? " must be flagged" : " must pass") << said);
    CHECK(problems.empty() != ex.flagged);
  }
}
