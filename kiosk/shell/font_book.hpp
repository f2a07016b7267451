#pragma once
// FontBook — builds the ImGui font atlas from what GlyphRegistry asked for.
//
//   ui     IPAexGothic, 20 px   screens, buttons, tables
//   title  IPAexGothic, 30 px   headings
//   name   IPAmj Mincho, 22 px  residents' and users' names (the MJ set)
//
// Ordinary characters go through ImGui's FreeType builder with glyph ranges
// made of exactly the characters in use. "Special" name units (outside the
// BMP, variation sequences, private use) are rasterised here with FreeType
// into custom atlas glyphs at their reserved codes; a unit no font has
// becomes a framed box with its code point in hex. Fonts are mmapped once;
// a rebuild only rasterises (fast enough to run between two frames).
//
// No GL and no GLFW here: the headless harness uses FontBook as it is.

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "kiosk/ui/glyph_registry.hpp"
#include "storage/base/result.hpp"

namespace shogo::shell {

// Every font's fallback glyph: an empty frame at U+FFFD (see rebuild()).
inline constexpr ImWchar kFallbackCode = 0xFFFD;

struct FontPaths {
  std::string ui;    // IPAexGothic
  std::string name;  // IPAmj Mincho
};
FontPaths default_font_paths();  // the Debian packages' files (set at build time)

struct FontSizes {
  float ui = 20.0f;
  float title = 30.0f;
  float name = 22.0f;
};

class FontBook {
 public:
  [[nodiscard]] static Result<std::unique_ptr<FontBook>> open(const FontPaths& paths,
                                                              FontSizes sizes = {});
  ~FontBook();
  FontBook(const FontBook&) = delete;
  FontBook& operator=(const FontBook&) = delete;

  // Coverage of the name font, for GlyphRegistry::set_name_coverage().
  bool name_font_has(ui::NameUnit unit) const;

  // The first rebuild for a registry gives it this font's coverage; the
  // destructor takes it back.
  // Clears `atlas`, adds the three fonts with the registry's characters, builds,
  // draws the special glyphs, sets ui::fonts() and marks the registry built.
  [[nodiscard]] Status rebuild(ImFontAtlas& atlas, ui::GlyphRegistry& registry);

  int rebuild_count() const { return rebuilds_; }
  // The signed-in user's text size (1.0, 1.15, 1.3): every font's size times
  // this from the next rebuild on.
  void set_scale(float scale);
  float scale() const { return scale_; }

 private:
  FontBook() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FontSizes base_;   // at scale 1
  FontSizes sizes_;  // as built
  float scale_ = 1.0f;
  std::vector<ImWchar> ui_ranges_, borrowed_ranges_, name_ranges_;  // must outlive the build
  ui::GlyphRegistry* attached_ = nullptr;                           // whose coverage points at us
  int rebuilds_ = 0;
};

}  // namespace shogo::shell
