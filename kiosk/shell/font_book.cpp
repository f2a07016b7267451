#include "kiosk/shell/font_book.hpp"

#include <fcntl.h>
#include <ft2build.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "kiosk/ui/widgets.hpp"

namespace shogo::shell {

FontPaths default_font_paths() { return {SHOGO_UI_FONT_PATH, SHOGO_NAME_FONT_PATH}; }

namespace {

struct MappedFile {
  void* data = nullptr;
  std::size_t size = 0;
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data != nullptr) munmap(data, size);
  }
};

Status map_file(const std::string& path, MappedFile& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{"font.missing", "A font file is missing: " + path};
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return Error{"font.unreadable", "A font file cannot be read: " + path};
  }
  void* p = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Error{"font.unreadable", "A font file cannot be read: " + path};
  out.data = p;
  out.size = static_cast<std::size_t>(st.st_size);
  return ok_status();
}

struct Bitmap {
  int width = 0, height = 0;
  float left = 0, top = 0, advance = 0;  // top: pixels above the baseline
  std::vector<unsigned char> pixels;     // width * height alpha
};

// What every font holds whatever is on screen: printable ASCII (numbers,
// ids, times drawn without tr()) and U+FFFD. Everything else — kana and kanji
// included — is noted by tr(), verbatim() and encode_name() as it is used.
void add_base(std::set<ui::Code16>& codes) {
  for (ui::Code16 c = 0x20; c <= 0x7E; ++c) codes.insert(c);
  codes.insert(0xFFFD);
}

std::vector<ImWchar> to_ranges(const std::set<ui::Code16>& codes) {
  std::vector<ImWchar> ranges;
  for (auto it = codes.begin(); it != codes.end();) {
    const ui::Code16 first = *it;
    ui::Code16 last = first;
    for (++it; it != codes.end() && *it == last + 1; ++it) last = *it;
    ranges.push_back(first);
    ranges.push_back(last);
  }
  ranges.push_back(0);
  return ranges;
}

}  // namespace

struct FontBook::Impl {
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  MappedFile ui_file, name_file;
  FT_Library ft = nullptr;
  FT_Face ui_face = nullptr;
  FT_Face name_face = nullptr;

  ~Impl() {
    if (ui_face != nullptr) FT_Done_Face(ui_face);
    if (name_face != nullptr) FT_Done_Face(name_face);
    if (ft != nullptr) FT_Done_FreeType(ft);
  }

  // Same size request as ImGui's FreeType builder: the real height of the font
  // (ascender - descender) equals `size` pixels.
  static void request_size(FT_Face face, float size) {
    FT_Size_RequestRec req{};
    req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
    req.height = static_cast<FT_Long>(std::floor(size * 64.0f));
    FT_Request_Size(face, &req);
  }

  static bool render(FT_Face face, FT_UInt index, Bitmap& out) {
    if (FT_Load_Glyph(face, index, FT_LOAD_NO_BITMAP | FT_LOAD_TARGET_NORMAL) != 0) return false;
    if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) return false;
    const FT_Bitmap& bm = face->glyph->bitmap;
    out.width = static_cast<int>(bm.width);
    out.height = static_cast<int>(bm.rows);
    out.left = static_cast<float>(face->glyph->bitmap_left);
    out.top = static_cast<float>(face->glyph->bitmap_top);
    out.advance = static_cast<float>(face->glyph->advance.x) / 64.0f;
    out.pixels.assign(static_cast<std::size_t>(out.width * out.height), 0);
    for (int y = 0; y < out.height; ++y) {
      const unsigned char* row = bm.buffer + y * bm.pitch;
      std::copy(row, row + out.width, out.pixels.begin() + y * out.width);
    }
    return true;
  }

  FT_UInt name_glyph_index(ui::NameUnit unit) const {
    if (unit.selector != 0) {
      return FT_Face_GetCharVariantIndex(name_face, unit.base, unit.selector);
    }
    return FT_Get_Char_Index(name_face, unit.base);
  }

  // A framed box with the unit's code point(s) in hex, one per line, drawn
  // with the UI font's digits: visible, never mistaken for a character.
  Bitmap missing_box(ui::NameUnit unit, float size) {
    request_size(name_face, size);
    const float ascent = std::ceil(static_cast<float>(name_face->size->metrics.ascender) / 64.0f);
    const float descent = static_cast<float>(name_face->size->metrics.descender) / 64.0f;
    char line1[16], line2[16];
    std::snprintf(line1, sizeof line1, "%04X", static_cast<unsigned>(unit.base));
    std::snprintf(line2, sizeof line2, "%04X", static_cast<unsigned>(unit.selector));
    std::vector<std::string> lines{line1};
    if (unit.selector != 0) lines.emplace_back(line2);

    const int digit_px = std::max(7, static_cast<int>(size * (lines.size() > 1 ? 0.36f : 0.42f)));
    FT_Set_Pixel_Sizes(ui_face, 0, static_cast<FT_UInt>(digit_px));
    std::vector<std::vector<Bitmap>> glyphs(lines.size());
    int text_w = 0;
    for (std::size_t l = 0; l < lines.size(); ++l) {
      int w = 0;
      for (char ch : lines[l]) {
        Bitmap b;
        if (render(ui_face, FT_Get_Char_Index(ui_face, static_cast<FT_ULong>(ch)), b)) {
          w += static_cast<int>(std::lround(b.advance));
          glyphs[l].push_back(std::move(b));
        }
      }
      text_w = std::max(text_w, w);
    }
    Bitmap box;
    box.width = text_w + 6;
    box.height = std::max(static_cast<int>(ascent - descent) - 2,
                          digit_px * static_cast<int>(lines.size()) + 4);
    box.top = ascent - 1;
    box.left = 1;
    box.advance = static_cast<float>(box.width + 3);
    box.pixels.assign(static_cast<std::size_t>(box.width * box.height), 0);
    auto put = [&](int x, int y, unsigned char a) {
      if (x < 0 || y < 0 || x >= box.width || y >= box.height) return;
      auto& p = box.pixels[static_cast<std::size_t>(y * box.width + x)];
      p = std::max(p, a);
    };
    for (int x = 0; x < box.width; ++x) put(x, 0, 255), put(x, box.height - 1, 255);
    for (int y = 0; y < box.height; ++y) put(0, y, 255), put(box.width - 1, y, 255);
    const int line_h = (box.height - 4) / static_cast<int>(lines.size());
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const int baseline =
          2 + line_h * static_cast<int>(l + 1) - (line_h - digit_px) / 2 - digit_px / 6;
      int pen = 3;
      for (const Bitmap& g : glyphs[l]) {
        for (int y = 0; y < g.height; ++y) {
          for (int x = 0; x < g.width; ++x) {
            put(pen + static_cast<int>(g.left) + x, baseline - static_cast<int>(g.top) + y,
                g.pixels[static_cast<std::size_t>(y * g.width + x)]);
          }
        }
        pen += static_cast<int>(std::lround(g.advance));
      }
    }
    return box;
  }
};

Result<std::unique_ptr<FontBook>> FontBook::open(const FontPaths& paths, FontSizes sizes) {
  std::unique_ptr<FontBook> book(new FontBook());
  book->base_ = book->sizes_ = sizes;
  book->impl_ = std::make_unique<Impl>();
  Impl& im = *book->impl_;
  if (auto s = map_file(paths.ui, im.ui_file); !s) return s.error();
  if (auto s = map_file(paths.name, im.name_file); !s) return s.error();
  if (FT_Init_FreeType(&im.ft) != 0) {
    return Error{"font.freetype", "The font engine (FreeType) could not start."};
  }
  if (FT_New_Memory_Face(im.ft, static_cast<const FT_Byte*>(im.ui_file.data),
                         static_cast<FT_Long>(im.ui_file.size), 0, &im.ui_face) != 0 ||
      FT_New_Memory_Face(im.ft, static_cast<const FT_Byte*>(im.name_file.data),
                         static_cast<FT_Long>(im.name_file.size), 0, &im.name_face) != 0) {
    return Error{"font.broken", "A font file is damaged and cannot be used."};
  }
  return book;
}

FontBook::~FontBook() {
  // The registry outlives us (it is global): it must not call into a dead book.
  if (attached_ != nullptr) attached_->set_name_coverage(nullptr);
}

void FontBook::set_scale(float scale) {
  scale_ = scale;
  sizes_ = {base_.ui * scale, base_.title * scale, base_.name * scale};
}

bool FontBook::name_font_has(ui::NameUnit unit) const { return impl_->name_glyph_index(unit) != 0; }

Status FontBook::rebuild(ImFontAtlas& atlas, ui::GlyphRegistry& registry) {
  Impl& im = *impl_;
  if (!registry.has_coverage() || attached_ != &registry) {
    registry.set_name_coverage([this](ui::NameUnit u) { return name_font_has(u); });
    attached_ = &registry;
  }
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;

  std::set<ui::Code16> ui_codes = registry.ui_codes();
  add_base(ui_codes);
  // What IPAexGothic lacks (髙, 﨑, 邉 … typed into a survey's title) is
  // borrowed from IPAmj Mincho, merged into the UI fonts at their sizes.
  std::set<ui::Code16> borrowed;
  for (auto it = ui_codes.begin(); it != ui_codes.end();) {
    if (*it >= 0x80 && *it != 0xFFFD && FT_Get_Char_Index(im.ui_face, *it) == 0 &&
        FT_Get_Char_Index(im.name_face, *it) != 0) {
      borrowed.insert(*it);
      it = ui_codes.erase(it);
    } else {
      ++it;
    }
  }
  std::set<ui::Code16> name_codes = registry.name_codes();
  add_base(name_codes);
  ui_ranges_ = to_ranges(ui_codes);
  borrowed_ranges_ = to_ranges(borrowed);
  name_ranges_ = to_ranges(name_codes);

  // ImGui 1.86 copies font data it does not own (46 MB for IPAmj Mincho, on
  // every rebuild). So it is told it owns our mmapped files for the length of
  // Build() — no copy — and told otherwise right after, before anything could
  // make it free them.
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;
  cfg.OversampleH = cfg.OversampleV = 1;
  ImFontConfig merged = cfg;
  merged.MergeMode = true;
  auto borrow = [&](float size) {
    if (borrowed.empty()) return;
    atlas.AddFontFromMemoryTTF(im.name_file.data, static_cast<int>(im.name_file.size), size,
                               &merged, borrowed_ranges_.data());
  };
  ImFont* ui_font = atlas.AddFontFromMemoryTTF(im.ui_file.data, static_cast<int>(im.ui_file.size),
                                               sizes_.ui, &cfg, ui_ranges_.data());
  borrow(sizes_.ui);
  ImFont* title = atlas.AddFontFromMemoryTTF(im.ui_file.data, static_cast<int>(im.ui_file.size),
                                             sizes_.title, &cfg, ui_ranges_.data());
  borrow(sizes_.title);
  ImFont* name = atlas.AddFontFromMemoryTTF(im.name_file.data, static_cast<int>(im.name_file.size),
                                            sizes_.name, &cfg, name_ranges_.data());

  struct Pending {
    int rect = 0;
    ui::Code16 code = 0;
    Bitmap bitmap;
  };
  std::vector<Pending> pending;
  Impl::request_size(im.name_face, sizes_.name);
  for (const ui::SpecialGlyph& special : registry.specials()) {
    Bitmap bm;
    const FT_UInt index =
        special.kind == ui::SpecialKind::font_glyph ? im.name_glyph_index(special.unit) : 0;
    if (index == 0 || !Impl::render(im.name_face, index, bm)) {
      bm = im.missing_box(special.unit, sizes_.name);
      Impl::request_size(im.name_face, sizes_.name);
    }
    const int w = std::max(bm.width, 1);
    const int h = std::max(bm.height, 1);
    const int rect = atlas.AddCustomRectFontGlyph(name, special.code, w, h, bm.advance,
                                                  ImVec2(bm.left, -bm.top));
    pending.push_back({rect, special.code, std::move(bm)});
  }

  // A font without U+FFFD falls back to "?" in ImGui. Give every font a
  // U+FFFD of ours — an empty frame — so that a character that reached a font
  // without being asked for is visibly wrong, never a plausible "?". Tests
  // assert that no frame draws it.
  struct Fallback {
    int rect = 0;
    int w = 0, h = 0;
  };
  std::vector<Fallback> fallbacks;
  for (auto [font, face, size] :
       {std::tuple{ui_font, im.ui_face, sizes_.ui}, std::tuple{title, im.ui_face, sizes_.title},
        std::tuple{name, im.name_face, sizes_.name}}) {
    if (FT_Get_Char_Index(face, 0xFFFD) != 0) continue;
    const int h = std::max(6, static_cast<int>(size * 0.7f));
    const int w = std::max(4, static_cast<int>(size * 0.5f));
    const int rect = atlas.AddCustomRectFontGlyph(font, kFallbackCode, w, h, size * 0.6f,
                                                  ImVec2(size * 0.05f, size * 0.15f));
    fallbacks.push_back({rect, w, h});
  }

  const bool built = atlas.Build();
  for (ImFontConfig& c : atlas.ConfigData) c.FontDataOwnedByAtlas = false;
  if (!built) return Error{"font.atlas", "The screen font could not be prepared."};

  unsigned char* pixels = nullptr;
  int tex_w = 0, tex_h = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &tex_w, &tex_h);
  for (const Fallback& f : fallbacks) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(f.rect);
    for (int y = 0; y < f.h; ++y) {
      for (int x = 0; x < f.w; ++x) {
        const bool edge = x == 0 || y == 0 || x == f.w - 1 || y == f.h - 1;
        pixels[(r->Y + y) * tex_w + r->X + x] = edge ? 255 : 0;
      }
    }
  }
  const float baseline = std::round(name->Ascent);
  for (const Pending& p : pending) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(p.rect);
    for (int y = 0; y < p.bitmap.height; ++y) {
      for (int x = 0; x < p.bitmap.width; ++x) {
        pixels[(r->Y + y) * tex_w + r->X + x] =
            p.bitmap.pixels[static_cast<std::size_t>(y * p.bitmap.width + x)];
      }
    }
    // Custom glyphs are placed relative to the top of the line; ours were
    // measured from the baseline.
    if (auto* g = const_cast<ImFontGlyph*>(name->FindGlyphNoFallback(p.code))) {
      g->Y0 += baseline;
      g->Y1 += baseline;
    }
  }

  ui::fonts() = {ui_font, title, name};
  registry.mark_built();
  ++rebuilds_;
  return ok_status();
}

}  // namespace shogo::shell
