#include "kiosk/ime/composer.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "crypto/secure_buffer.hpp"

namespace shogo::ime {

namespace {

const std::vector<std::string>& no_candidates() {
  static const std::vector<std::string> none;
  return none;
}

bool beyond_bmp(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xF0; });
}

}  // namespace

Composer::Composer(KanaConverter* converter, bool bmp_only)
    : converter_(converter), bmp_only_(bmp_only) {}

void Composer::set_mode(Mode mode) {
  clear();
  mode_ = mode;
}

void Composer::wipe_segments() {
  for (Segment& s : segments_) {
    crypto::wipe_text(s.reading);
    for (std::string& c : s.candidates) crypto::wipe_text(c);
  }
  segments_.clear();
}

void Composer::clear() {
  romaji_.clear();
  crypto::wipe_text(kana_);
  wipe_segments();
  chosen_.clear();
  current_ = 0;
  list_open_ = false;
  if (converter_ != nullptr) converter_->reset();
}

bool Composer::set_segments(Result<std::vector<Segment>> segments) {
  if (!segments || segments->empty()) return false;
  wipe_segments();
  segments_ = std::move(*segments);
  if (bmp_only_) {
    for (Segment& s : segments_) {
      auto& c = s.candidates;
      for (std::string& t : c) {
        if (beyond_bmp(t)) crypto::wipe_text(t);  // emptied, then removed
      }
      c.erase(std::remove_if(c.begin(), c.end(), [](const std::string& t) { return t.empty(); }),
              c.end());
    }
  }
  chosen_.assign(segments_.size(), 0);
  if (current_ >= static_cast<int>(segments_.size()))
    current_ = static_cast<int>(segments_.size()) - 1;
  return true;
}

const std::string& Composer::chosen_text(std::size_t segment) const {
  const Segment& s = segments_[segment];
  return s.candidates.empty() ? s.reading
                              : s.candidates[static_cast<std::size_t>(chosen_[segment])];
}

std::string Composer::conversion_text() const {
  std::string out;
  for (std::size_t i = 0; i < segments_.size(); ++i) out += chosen_text(i);
  return out;
}

KeyResult Composer::start_conversion() {
  if (converter_ == nullptr) return {true, {}};  // kana only: nothing to convert to
  std::string kana = romaji_.finish();
  auto segments = converter_->convert(kana);
  current_ = 0;
  if (!set_segments(std::move(segments))) {
    romaji_.restore(kana);  // could not convert: the kana stay composed
    crypto::wipe_text(kana);
    return {true, {}};
  }
  kana_ = std::move(kana);
  return {true, {}};
}

void Composer::drop_conversion() {
  std::string kana = std::move(kana_);
  clear();
  romaji_.restore(kana);
  crypto::wipe_text(kana);
}

KeyResult Composer::type(char c) {
  if (mode_ == Mode::direct) return {false, {}};
  KeyResult result{true, {}};
  if (converting()) {
    result.commit = conversion_text();  // a new letter accepts the conversion
    clear();
  }
  const auto u = static_cast<unsigned char>(c);
  // Digits and spaces with nothing composed are the field's, as typed.
  if (!composing() && !std::isalpha(u) &&
      std::string_view(",.-[]/~'").find(c) == std::string_view::npos) {
    result.consumed = !result.commit.empty();
    if (!result.consumed) return result;
    result.commit.push_back(c);
    return result;
  }
  romaji_.type(c);
  return result;
}

KeyResult Composer::pick(int digit) {
  if (!list_open() || digit < 1 || digit > kCandidatesPerPage) return {false, {}};
  const int index = page_start() + digit - 1;
  if (index >= static_cast<int>(candidates().size())) return {true, {}};
  chosen_[static_cast<std::size_t>(current_)] = index;
  if (current_ + 1 < static_cast<int>(segments_.size())) {
    ++current_;  // on to the next segment
    list_open_ = false;
    return {true, {}};
  }
  KeyResult done{true, conversion_text()};
  clear();
  return done;
}

std::string Composer::finish() {
  std::string text = converting() ? conversion_text() : romaji_.finish();
  clear();
  return text;
}

KeyResult Composer::key(Key k) {
  if (k == Key::toggle_mode) {
    KeyResult done{true, finish()};  // what was composed stays, as it stands
    mode_ = mode_ == Mode::kana ? Mode::direct : Mode::kana;
    return done;
  }
  if (!composing()) return {false, {}};  // the field's: Backspace deletes there
  if (converting()) {
    const int n = static_cast<int>(segments_.size());
    auto& chosen = chosen_[static_cast<std::size_t>(current_)];
    const int count = static_cast<int>(candidates().size());
    switch (k) {
      case Key::space:
      case Key::convert:
      case Key::down:
        chosen = (chosen + 1) % count;
        list_open_ = true;
        return {true, {}};
      case Key::up:
        chosen = (chosen + count - 1) % count;
        list_open_ = true;
        return {true, {}};
      case Key::left:
        if (current_ > 0) --current_;
        list_open_ = false;
        return {true, {}};
      case Key::right:
        if (current_ + 1 < n) ++current_;
        list_open_ = false;
        return {true, {}};
      case Key::shift_left:
      case Key::shift_right: {
        const int delta = k == Key::shift_left ? -1 : 1;
        list_open_ = false;
        (void)set_segments(converter_->resize(current_, delta));
        return {true, {}};
      }
      case Key::enter: {
        KeyResult done{true, conversion_text()};
        clear();
        return done;
      }
      case Key::katakana:
      case Key::no_convert: {
        KeyResult done{true, k == Key::katakana ? to_katakana(kana_) : kana_};
        clear();
        return done;
      }
      case Key::escape:
      case Key::backspace: drop_conversion(); return {true, {}};
      case Key::toggle_mode: break;
    }
    return {true, {}};
  }
  switch (k) {
    case Key::backspace: (void)romaji_.backspace(); return {true, {}};
    case Key::escape:
      clear();  // the composition only; what was committed stays
      return {true, {}};
    case Key::enter:
    case Key::no_convert: {
      KeyResult done{true, romaji_.finish()};
      clear();
      return done;
    }
    case Key::katakana: {
      KeyResult done{true, to_katakana(romaji_.finish())};
      clear();
      return done;
    }
    case Key::space:
    case Key::convert: return start_conversion();
    default: return {true, {}};  // arrows while composing: nothing to move yet
  }
}

Composer::Preedit Composer::preedit() const {
  Preedit p;
  if (converting()) {
    for (std::size_t i = 0; i < segments_.size(); ++i) p.parts.push_back(chosen_text(i));
    p.current = current_;
  } else if (!romaji_.empty()) {
    p.parts.push_back(romaji_.text());
  }
  return p;
}

const std::vector<std::string>& Composer::candidates() const {
  if (!converting()) return no_candidates();
  return segments_[static_cast<std::size_t>(current_)].candidates;
}

int Composer::chosen() const {
  return converting() ? chosen_[static_cast<std::size_t>(current_)] : 0;
}

}  // namespace shogo::ime
