#pragma once
// The translation catalog as the tests read it: po/ja.po through GNU
// libgettextpo (the library msgfmt itself uses), for the tests that check
// every message — line breaking at several widths, the wording lint.
//
//   read_catalog(path)   every message but the header and obsolete ones;
//                        an unreadable or malformed file fails the test
//   ja_catalog_path()    the repository's po/ja.po

#include <filesystem>
#include <string>
#include <vector>

namespace shogo::test {

struct CatalogEntry {
  std::string msgid;   // English, as in the code
  std::string msgstr;  // Japanese; "" when untranslated
  std::string where;   // first source reference, "kiosk/ui/…cpp:12"
  bool fuzzy = false;
  bool c_format = false;
};

std::vector<CatalogEntry> read_catalog(const std::filesystem::path& po);
std::filesystem::path ja_catalog_path();

}  // namespace shogo::test
