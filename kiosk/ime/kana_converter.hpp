#pragma once
// Kana → kanji — the second half of the kiosk's Japanese text entry, on
// Anthy (libanthy, Debian 12: a plain C API, a word in a few ms).
//
// Anthy keeps a history of everything converted, in plain text, in the home
// directory it finds through /etc/passwd (not $HOME). Residents' names must
// never reach a file: KanaConverter::open() points Anthy's HOME at a path
// that does not exist before anthy_init(), so it writes nothing at all, and
// no segment is ever committed to Anthy (no learning).
// tests/ime/no_files_written.sh runs conversions under strace and finds no
// file opened for writing.
//
// Registry names use variant kanji the dictionary does not offer (髙, 﨑,
// 邊, 邉 …): each segment's candidates are followed by their variants from a
// small table (kVariants).
//
//   KanaConverter::open()  Anthy, once per process, history off
//   convert()              segments of a kana text, each with its candidates
//   resize()               a segment made one character longer or shorter
//   variants_of()          the table's variants of a candidate

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/base/result.hpp"

namespace shogo::ime {

struct Segment {
  std::string reading;                  // the kana this segment covers
  std::vector<std::string> candidates;  // best first; variants after; then the kana itself
};

// Registry variants: a character and the forms a family register may hold.
inline constexpr std::pair<std::string_view, std::string_view> kVariants[] = {
    {"高", "髙"}, {"崎", "﨑"}, {"辺", "邊"}, {"辺", "邉"}, {"吉", "𠮷"}, {"沢", "澤"},
    {"斉", "齊"}, {"斎", "齋"}, {"浜", "濱"}, {"島", "嶋"}, {"桜", "櫻"}, {"広", "廣"},
    {"国", "國"}, {"恵", "惠"}, {"竜", "龍"}, {"徳", "德"},
};
// `candidate` with one table character replaced by a variant, every way
// (渡辺 → 渡邊, 渡邉), in table order.
std::vector<std::string> variants_of(std::string_view candidate);

class KanaConverter {
 public:
  // Errors: ime.unavailable (Anthy could not start: its dictionary missing).
  [[nodiscard]] static Result<std::unique_ptr<KanaConverter>> open();
  ~KanaConverter();
  KanaConverter(const KanaConverter&) = delete;
  KanaConverter& operator=(const KanaConverter&) = delete;

  // The kana split into segments, each with its candidates. Errors: ime.convert.
  [[nodiscard]] Result<std::vector<Segment>> convert(std::string_view kana);
  // Segment `index` one character longer (+1) or shorter (-1); the segments
  // after it change to fit. The conversion as it now stands.
  [[nodiscard]] Result<std::vector<Segment>> resize(int index, int delta);
  // Forgets the text being converted (Anthy's context is reset).
  void reset();

 private:
  struct Context;
  explicit KanaConverter(std::unique_ptr<Context> context);
  [[nodiscard]] Result<std::vector<Segment>> segments();
  std::unique_ptr<Context> context_;
};

}  // namespace shogo::ime
