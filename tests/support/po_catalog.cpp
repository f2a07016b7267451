#include "tests/support/po_catalog.hpp"

#include <catch2/catch.hpp>
#include <gettext-po.h>

#include <cstdio>
#include <memory>

namespace shogo::test {

namespace {

std::string problems;  // what libgettextpo reported while reading

void on_error(int severity, po_message_t, const char* file, size_t line, size_t, int,
              const char* text) {
  char where[64];
  std::snprintf(where, sizeof where, ":%zu: ", line);
  problems += (file != nullptr ? file : "?") + std::string(where) + text + "\n";
  if (severity == PO_SEVERITY_FATAL_ERROR) throw std::runtime_error(problems);
}

void on_error2(int severity, po_message_t, const char* file1, size_t line1, size_t, int,
               const char* text1, po_message_t, const char*, size_t, size_t, int,
               const char* text2) {
  on_error(severity, nullptr, file1, line1, 0, 0, (std::string(text1) + " " + text2).c_str());
}

}  // namespace

std::vector<CatalogEntry> read_catalog(const std::filesystem::path& po) {
  problems.clear();
  const po_xerror_handler handler{on_error, on_error2};
  std::unique_ptr<po_file, void (*)(po_file_t)> file(po_file_read(po.c_str(), &handler),
                                                     po_file_free);
  INFO(problems);
  REQUIRE(file != nullptr);
  REQUIRE(problems.empty());
  std::vector<CatalogEntry> out;
  std::unique_ptr<struct po_message_iterator, void (*)(po_message_iterator_t)> it(
      po_message_iterator(file.get(), nullptr), po_message_iterator_free);
  while (po_message_t m = po_next_message(it.get())) {
    if (po_message_is_obsolete(m) != 0) continue;
    const char* id = po_message_msgid(m);
    if (id == nullptr || *id == '\0') continue;  // the header
    CatalogEntry e;
    e.msgid = id;
    e.msgstr = po_message_msgstr(m) != nullptr ? po_message_msgstr(m) : "";
    if (po_filepos_t pos = po_message_filepos(m, 0); pos != nullptr) {
      e.where =
          std::string(po_filepos_file(pos)) + ":" + std::to_string(po_filepos_start_line(pos));
    }
    e.fuzzy = po_message_is_fuzzy(m) != 0;
    e.c_format = po_message_is_format(m, "c-format") != 0;
    out.push_back(std::move(e));
  }
  return out;
}

std::filesystem::path ja_catalog_path() {
  return std::filesystem::path(SHOGO_SOURCE_DIR) / "po/ja.po";
}

}  // namespace shogo::test
