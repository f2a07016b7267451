#pragma once
// Composer — the state of Japanese text entry in one field, without drawing
// (kiosk/ui draws it at the caret). Keys go to the composer first; what it
// does not consume (KeyResult::consumed false) is the field's: a Backspace
// with nothing composed deletes in the field, an Escape with nothing
// composed is the screen's.
//
//   idle        nothing composed: letters start a composition (かな mode);
//               everything else is the field's
//   composing   romaji → kana as typed (RomajiBuffer); Space or 変換
//               converts, Enter commits the kana, Escape drops it,
//               Backspace takes back one letter
//   converting  segments with candidates (KanaConverter): Space / ↓ the
//               next candidate (and the candidate list opens), ↑ the
//               previous, ← → another segment (the list closes), Shift+← →
//               a shorter or longer segment, 1–9 picks from the page of the
//               open list, Enter commits, Escape and Backspace go back to
//               the kana; typing a letter — or a digit with the list closed
//               (第1回) — commits and goes on
//
// The mode toggle and finish() (a field left by a click) commit what is
// composed as it stands, never drop it. What is composed may be a resident's
// name: clear() wipes it (every lock), as does the destructor; committed text
// is the field's.
//
// A field drawn by Debian's ImGui holds 16-bit characters only: such a
// composer (bmp_only) never offers a candidate outside the BMP (𠮷).

#include <string>
#include <vector>

#include "kiosk/ime/kana_converter.hpp"
#include "kiosk/ime/romaji.hpp"

namespace shogo::ime {

enum class Mode { kana, direct };  // かな / 英数 (shown beside the field)

enum class Key {
  backspace,
  escape,
  enter,
  space,
  left,
  right,
  shift_left,
  shift_right,
  up,
  down,
  convert,      // 変換 (by scancode), or Space
  no_convert,   // 無変換: commits the kana as it is
  toggle_mode,  // 半角/全角 (by scancode), or the visible toggle
  katakana,     // F7: the composition as katakana
};

struct KeyResult {
  bool consumed = false;  // false: the key is the field's (or the screen's)
  std::string commit;     // text the field inserts at its caret now
};

inline constexpr int kCandidatesPerPage = 9;  // digit keys 1–9

class Composer {
 public:
  // converter null: kana only (no Anthy). bmp_only: no candidate beyond U+FFFF.
  explicit Composer(KanaConverter* converter, bool bmp_only = false);
  ~Composer() { clear(); }
  Composer(const Composer&) = delete;
  Composer& operator=(const Composer&) = delete;

  Mode mode() const { return mode_; }
  void set_mode(Mode mode);  // drops a composition in progress (key(toggle_mode) commits it)
  bool composing() const { return !romaji_.empty() || converting(); }
  bool converting() const { return !segments_.empty(); }
  // The candidate list is shown (after a second Space, or ↓ ↑): digits pick.
  bool list_open() const { return converting() && list_open_; }

  KeyResult type(char c);  // a printable ASCII character
  KeyResult key(Key k);
  KeyResult pick(int digit);  // 1–9: a candidate of the open list's page

  // The pre-edit, drawn at the caret: while converting, one part per
  // segment (its chosen candidate) and the current one underlined; while
  // composing, one part, the kana and pending romaji.
  struct Preedit {
    std::vector<std::string> parts;
    int current = -1;  // the segment being converted; -1 while composing
  };
  Preedit preedit() const;
  // The current segment's candidates and which is chosen (converting only).
  const std::vector<std::string>& candidates() const;
  int chosen() const;
  int page_start() const { return chosen() / kCandidatesPerPage * kCandidatesPerPage; }

  // What is composed, as it stands (the chosen candidates, or the kana), and
  // the composition ended: for a field left while composing.
  std::string finish();
  void clear();  // wipes the composition; the mode stays

 private:
  KeyResult start_conversion();
  const std::string& chosen_text(std::size_t segment) const;  // its chosen candidate
  std::string conversion_text() const;                        // every segment's, joined
  void wipe_segments();
  void drop_conversion();                                    // back to composing, with the kana
  bool set_segments(Result<std::vector<Segment>> segments);  // false: kept as it was

  KanaConverter* converter_;
  bool bmp_only_ = false;
  Mode mode_ = Mode::kana;
  RomajiBuffer romaji_;
  std::string kana_;  // the kana being converted (converting only)
  std::vector<Segment> segments_;
  std::vector<int> chosen_;
  int current_ = 0;
  bool list_open_ = false;
};

}  // namespace shogo::ime
