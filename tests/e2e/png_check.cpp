// png_check FILE WIDTH HEIGHT — exits 0 when FILE is a PNG of that size that
// is not blank: many colours, and at least 2 % of pixels differ from the
// top-left pixel (the background).
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (px == nullptr) {
    std::fprintf(stderr, "png_check: %s is not a readable PNG\n", argv[1]);
    return 1;
  }
  const int want_w = std::atoi(argv[2]);
  const int want_h = std::atoi(argv[3]);
  std::set<unsigned> colours;
  long differing = 0;
  const long total = static_cast<long>(w) * h;
  for (long i = 0; i < total; ++i) {
    const unsigned char* p = px + i * 3;
    colours.insert(static_cast<unsigned>(p[0] << 16 | p[1] << 8 | p[2]));
    if (p[0] != px[0] || p[1] != px[1] || p[2] != px[2]) ++differing;
  }
  stbi_image_free(px);
  const double share = total > 0 ? static_cast<double>(differing) / static_cast<double>(total) : 0;
  std::printf("png_check: %dx%d, %zu colours, %.1f %% non-background\n", w, h, colours.size(),
              share * 100.0);
  if (w != want_w || h != want_h) {
    std::fprintf(stderr, "png_check: expected %dx%d\n", want_w, want_h);
    return 1;
  }
  if (colours.size() < 16 || share < 0.02) {
    std::fprintf(stderr, "png_check: the screenshot is blank\n");
    return 1;
  }
  return 0;
}
