#pragma once
// Translation through GNU gettext. Message ids in the code are English; the
// Japanese catalog (po/ja.po, compiled to shogo.mo at build time) is the
// default language of the kiosk. English is the untranslated msgid.
//
//   tr("Sign in")  → "サインイン" (Japanese) or "Sign in" (English), and the
//                    characters of the result are noted for the font atlas.

#include <string>
#include <string_view>

namespace shogo::ui {

enum class Language : unsigned char { japanese, english };

// Point gettext at the compiled catalogs. Looks in `dir` when given, else in
// <executable dir>/locale, then <executable dir>/../share/locale.
void init_i18n(const std::string& dir = {});
void set_language(Language language);
Language language();
std::string_view language_tag(Language language);  // "ja", "en"

// format_arg: printf-style checks apply to the msgid; msgfmt --check keeps
// the translation's conversions the same as the msgid's.
__attribute__((format_arg(1))) const char* tr(const char* msgid);
// A string literal shown as written in every language (e.g. "日本語" on the
// language switch); its characters are noted for the atlas like tr()'s.
const char* verbatim(const char* literal);

}  // namespace shogo::ui

#include "storage/base/result.hpp"  // N_(): marks a string for xgettext without translating it
