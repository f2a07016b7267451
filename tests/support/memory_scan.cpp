#include "tests/support/memory_scan.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::test {

// How many times each of `needles` occurs in the memory of process `pid`
// (every readable mapping, read through /proc/PID/mem), summed.
std::size_t copies_in_memory(pid_t pid, const std::vector<std::string>& needles) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  const int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
  REQUIRE(mem >= 0);
  std::size_t longest = 0;
  for (const auto& n : needles) longest = std::max(longest, n.size());
  std::vector<char> chunk(1 << 20);
  std::size_t found = 0;
  std::string line;
  while (std::getline(maps, line)) {
    unsigned long long from = 0, to = 0;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%llx-%llx %4s", &from, &to, perms) != 3 || perms[0] != 'r') {
      continue;
    }
    if (line.find("[vvar]") != std::string::npos || line.find("[vsyscall]") != std::string::npos) {
      continue;
    }
    // AddressSanitizer's shadow memory: terabytes reserved, holding only
    // bits about other memory (the dev build runs under ASan). The heap,
    // stacks and libraries are mappings far smaller than this.
    if (to - from > (16ULL << 30)) continue;
    for (unsigned long long at = from; at < to;) {
      const std::size_t want =
          static_cast<std::size_t>(std::min<unsigned long long>(chunk.size(), to - at));
      const ssize_t got = ::pread(mem, chunk.data(), want, static_cast<off_t>(at));
      if (got <= 0) break;
      const std::string_view view(chunk.data(), static_cast<std::size_t>(got));
      for (const auto& n : needles) {
        for (auto p = view.find(n); p != std::string_view::npos; p = view.find(n, p + 1)) {
          ++found;
          if (std::getenv("SHOGO_CANARY_DEBUG")) {
            std::fprintf(stderr, "canary (%zu bytes) at %llx in %s\n", n.size(), at + p,
                         line.c_str());
          }
        }
      }
      // The next chunk starts a needle's length before this one ended.
      const auto step = static_cast<unsigned long long>(got);
      at += step > longest ? step - longest : step;
      if (static_cast<std::size_t>(got) < want) break;
    }
  }
  ::close(mem);
  return found;
}

std::vector<std::string> encodings_of(const std::string& utf8) {
  std::string u16, u32;
  for (char32_t cp : ui::decode_utf8(utf8)) {
    for (int b = 0; b < 4; ++b) u32.push_back(static_cast<char>((cp >> (8 * b)) & 0xFF));
    // The canary is in the BMP: one UTF-16 unit per character.
    u16.push_back(static_cast<char>(cp & 0xFF));
    u16.push_back(static_cast<char>((cp >> 8) & 0xFF));
  }
  std::vector<std::string> out{utf8, u16, u32};
  // EUC-JP: Anthy's dictionary side.
  if (iconv_t cd = iconv_open("EUC-JP", "UTF-8"); cd != reinterpret_cast<iconv_t>(-1)) {
    std::string in = utf8, euc(utf8.size() * 2 + 8, '\0');
    char* src = in.data();
    char* dst = euc.data();
    std::size_t left = in.size(), room = euc.size();
    if (iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1) && left == 0) {
      euc.resize(euc.size() - room);
      out.push_back(euc);
    }
    iconv_close(cd);
  }
  return out;
}

}  // namespace shogo::test
