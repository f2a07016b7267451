#include "kiosk/ime/kana_converter.hpp"

#include <anthy/anthy.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace shogo::ime {

namespace {

// A HOME that does not exist and cannot be made: Anthy then opens no file
// of its own (platform notes: checked with strace).
constexpr const char* kNoHome = "/nonexistent/shogo-anthy-keeps-no-history";

Error unavailable() {
  return Error{"ime.unavailable",
               N_("Japanese input cannot start. Ask the system division to check Shogo.")};
}
Error convert_failed() { return Error{"ime.convert", N_("This text could not be converted.")}; }

}  // namespace

struct KanaConverter::Context {
  anthy_context_t anthy = nullptr;
  ~Context() {
    if (anthy != nullptr) anthy_release_context(anthy);
  }
};

std::vector<std::string> variants_of(std::string_view candidate) {
  std::vector<std::string> out;
  for (const auto& [plain, variant] : kVariants) {
    if (candidate.find(plain) == std::string_view::npos) continue;
    std::string v(candidate);
    for (auto at = v.find(plain); at != std::string::npos;
         at = v.find(plain, at + variant.size())) {
      v.replace(at, plain.size(), variant);
    }
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

Result<std::unique_ptr<KanaConverter>> KanaConverter::open() {
  static std::once_flag once;
  static bool started = false;
  std::call_once(once, [] {
    anthy_conf_override("HOME", kNoHome);
    started = anthy_init() == 0;
  });
  if (!started) return unavailable();
  auto context = std::make_unique<Context>();
  context->anthy = anthy_create_context();
  if (context->anthy == nullptr) return unavailable();
  anthy_context_set_encoding(context->anthy, ANTHY_UTF8_ENCODING);
  anthy_set_reconversion_mode(context->anthy, ANTHY_RECONVERT_DISABLE);
  return std::unique_ptr<KanaConverter>(new KanaConverter(std::move(context)));
}

KanaConverter::KanaConverter(std::unique_ptr<Context> context) : context_(std::move(context)) {}
KanaConverter::~KanaConverter() { reset(); }

void KanaConverter::reset() {
  if (context_ && context_->anthy != nullptr) anthy_reset_context(context_->anthy);
}

Result<std::vector<Segment>> KanaConverter::convert(std::string_view kana) {
  const std::string text(kana);
  if (anthy_set_string(context_->anthy, text.c_str()) != 0) return convert_failed();
  return segments();
}

Result<std::vector<Segment>> KanaConverter::resize(int index, int delta) {
  anthy_resize_segment(context_->anthy, index, delta);
  return segments();
}

Result<std::vector<Segment>> KanaConverter::segments() {
  anthy_conv_stat stat{};
  if (anthy_get_stat(context_->anthy, &stat) != 0) return convert_failed();
  std::vector<Segment> out;
  std::array<char, 1024> buffer{};
  auto get = [&](int segment, int candidate) -> std::string {
    const int n = anthy_get_segment(context_->anthy, segment, candidate, buffer.data(),
                                    static_cast<int>(buffer.size()));
    std::string s = n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : std::string();
    sodium_memzero(buffer.data(), buffer.size());
    return s;
  };
  for (int i = 0; i < stat.nr_segment; ++i) {
    anthy_segment_stat seg{};
    if (anthy_get_segment_stat(context_->anthy, i, &seg) != 0) return convert_failed();
    Segment s;
    s.reading = get(i, NTH_UNCONVERTED_CANDIDATE);
    for (int c = 0; c < seg.nr_candidate; ++c) {
      std::string candidate = get(i, c);
      if (candidate.empty()) continue;
      if (std::find(s.candidates.begin(), s.candidates.end(), candidate) == s.candidates.end()) {
        s.candidates.push_back(std::move(candidate));
      }
    }
    // The variants of the first candidates that have any, after the dictionary's own.
    const std::size_t dictionary = s.candidates.size();
    for (std::size_t c = 0; c < dictionary && c < 5; ++c) {
      for (std::string& v : variants_of(s.candidates[c])) {
        if (std::find(s.candidates.begin(), s.candidates.end(), v) == s.candidates.end()) {
          s.candidates.push_back(std::move(v));
        }
      }
    }
    if (std::find(s.candidates.begin(), s.candidates.end(), s.reading) == s.candidates.end()) {
      s.candidates.push_back(s.reading);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace shogo::ime
