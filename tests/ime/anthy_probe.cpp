// Converts a few synthetic words the way the kiosk does, for
// no_files_written.sh to watch under strace. No argument is a secret.
#include <cstdio>

#include "kiosk/ime/kana_converter.hpp"
#include "kiosk/ime/romaji.hpp"

int main() {
  auto converter = shogo::ime::KanaConverter::open();
  if (!converter) {
    std::fprintf(stderr, "anthy_probe: %s\n", converter.error().message.c_str());
    return 1;
  }
  int converted = 0;
  for (const char* romaji : {"takahashi", "watanabe", "yamadatarou", "kanji", "suzukiichirou"}) {
    shogo::ime::RomajiBuffer b;
    for (const char* c = romaji; *c != '\0'; ++c) b.type(*c);
    auto segments = (*converter)->convert(b.finish());
    if (!segments || segments->empty()) return 1;
    if (!(*converter)->resize(0, 1)) return 1;
    ++converted;
  }
  std::printf("converted %d words\n", converted);
  return 0;
}
