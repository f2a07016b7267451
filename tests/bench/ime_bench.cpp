// Japanese text entry latency (kiosk/ime): what each keystroke costs the
// frame that draws it. A sentence of the daily work is typed by romaji key
// by key through the Composer; each Space converts (Anthy). The baseline,
// measured in the same run: the same kana given to Anthy's own API directly
// (anthy_set_string and reading every candidate), the least a conversion
// can cost. Prints per-keystroke times and the ratio; asserts nothing.
//   shogo-bench-ime [--repeat N]
#include <anthy/anthy.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kiosk/ime/composer.hpp"

using namespace shogo::ime;
using Clock = std::chrono::steady_clock;

namespace {

// Synthetic words of an interview note (no one's data): each is typed, then converted.
constexpr const char* kWords[] = {"takahashi", "watanabe", "honninkakunin", "shorui",
                                  "mendan",    "kiroku",   "yamadatarou",   "kakuninzumi",
                                  "jouhou",    "shoukai",  "gyoumu",        "mokuteki"};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
double p99(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, v.size() * 99 / 100)];
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 20;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  auto converter = KanaConverter::open();  // Anthy starts here, its history off
  if (!converter) {
    std::fprintf(stderr, "shogo-bench-ime: %s\n", converter.error().message.c_str());
    return 1;
  }
  std::vector<double> letters, spaces, baseline;
  std::vector<std::string> kana_of;
  for (const char* w : kWords) {
    RomajiBuffer b;
    for (const char* c = w; *c; ++c) b.type(*c);
    kana_of.push_back(b.finish());
  }
  anthy_context_t raw = anthy_create_context();
  anthy_context_set_encoding(raw, ANTHY_UTF8_ENCODING);
  std::array<char, 1024> buffer{};
  for (int r = 0; r < repeat; ++r) {
    for (std::size_t w = 0; w < std::size(kWords); ++w) {
      // Shogo: key by key, then Space.
      Composer composer(converter->get());
      for (const char* c = kWords[w]; *c; ++c) {
        const auto t0 = Clock::now();
        (void)composer.type(*c);
        (void)composer.preedit();
        letters.push_back(ms(Clock::now() - t0));
      }
      const auto t0 = Clock::now();
      (void)composer.key(Key::space);
      (void)composer.preedit();
      (void)composer.candidates();
      spaces.push_back(ms(Clock::now() - t0));
      (void)composer.key(Key::enter);
      // The baseline: Anthy directly, the same kana, every candidate read.
      const auto b0 = Clock::now();
      anthy_set_string(raw, kana_of[w].c_str());
      anthy_conv_stat stat{};
      anthy_get_stat(raw, &stat);
      for (int s = 0; s < stat.nr_segment; ++s) {
        anthy_segment_stat seg{};
        anthy_get_segment_stat(raw, s, &seg);
        for (int c = 0; c < seg.nr_candidate; ++c) {
          anthy_get_segment(raw, s, c, buffer.data(), static_cast<int>(buffer.size()));
        }
      }
      anthy_reset_context(raw);
      baseline.push_back(ms(Clock::now() - b0));
    }
  }
  anthy_release_context(raw);
  std::printf("Japanese text entry, %d words x %d runs\n", static_cast<int>(std::size(kWords)),
              repeat);
  std::printf("%-44s %10s %10s\n", "", "median ms", "p99 ms");
  std::printf("%-44s %10.4f %10.4f\n", "a letter (romaji -> kana, pre-edit)", median(letters),
              p99(letters));
  std::printf("%-44s %10.3f %10.3f\n", "Space: convert (Composer, variants added)", median(spaces),
              p99(spaces));
  std::printf("%-44s %10.3f %10.3f\n", "baseline: Anthy's API alone, same kana", median(baseline),
              p99(baseline));
  const double ratio = median(baseline) > 0 ? median(spaces) / median(baseline) : 0;
  std::printf("ratio Composer/Anthy per conversion     %6.2f  (goal <= 1.50)  %s\n", ratio,
              ratio <= 1.5 ? "GOAL MET" : "GOAL MISSED");
  const double frame = 1000.0 / 60;
  std::printf("p99 conversion / a 60 Hz frame          %6.2f  (goal <= 0.25)  %s\n",
              p99(spaces) / frame, p99(spaces) / frame <= 0.25 ? "GOAL MET" : "GOAL MISSED");
  return 0;
}
