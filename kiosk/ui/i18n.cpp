#include "kiosk/ui/i18n.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <unordered_set>

#include "kiosk/ui/glyph_registry.hpp"

extern "C" int _nl_msg_cat_cntr;  // glibc: bumping it makes gettext drop cached lookups

namespace shogo::ui {

namespace {

constexpr const char* kDomain = "shogo";
Language g_language = Language::japanese;
std::unordered_set<const char*> g_noted;  // catalog strings already given to the atlas

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path();
}

}  // namespace

void init_i18n(const std::string& dir) {
  // "C.UTF-8" is built into glibc 2.35+, so no generated locale is needed;
  // unlike plain "C", it lets LANGUAGE choose the catalog.
  std::setlocale(LC_ALL, "C.UTF-8");
  std::filesystem::path base = dir;
  if (base.empty()) {
    const auto exe = executable_dir();
    base = exe / "locale";
    if (!std::filesystem::exists(base)) base = exe.parent_path() / "share" / "locale";
  }
  bindtextdomain(kDomain, base.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  textdomain(kDomain);
  set_language(g_language);
}

void set_language(Language language) {
  g_language = language;
  setenv("LANGUAGE", language == Language::japanese ? "ja" : "en", 1);
  ++_nl_msg_cat_cntr;
}

Language language() { return g_language; }

std::string_view language_tag(Language language) {
  return language == Language::japanese ? "ja" : "en";
}

namespace {
// Notes `text` for the atlas once per registry generation (a cleared registry
// has forgotten everything, so the cache is forgotten with it).
void note_once(const char* text) {
  static std::uint64_t generation = 0;
  if (generation != glyphs().generation()) {
    generation = glyphs().generation();
    g_noted.clear();
  }
  if (g_noted.insert(text).second) glyphs().note_ui_text(text);
}
}  // namespace

const char* tr(const char* msgid) {
  const char* text = dgettext(kDomain, msgid);
  if (text == msgid) {
    glyphs().note_ui_text(text);  // untranslated: msgid may be a temporary, do not cache it
  } else {
    note_once(text);
  }
  return text;
}

const char* verbatim(const char* literal) {
  note_once(literal);
  return literal;
}

}  // namespace shogo::ui
