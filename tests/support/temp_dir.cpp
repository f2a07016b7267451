#include "tests/support/temp_dir.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>

namespace shogo::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/shogo-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::vector<unsigned char> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& file, const std::vector<unsigned char>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

bool contains(const std::vector<unsigned char>& haystack, std::string_view needle) {
  if (needle.empty()) return true;
  // Boyer-Moore-Horspool: grep tests search hundreds of names in whole files.
  const std::string_view hay(reinterpret_cast<const char*>(haystack.data()), haystack.size());
  return std::search(hay.begin(), hay.end(),
                     std::boyer_moore_horspool_searcher(needle.begin(), needle.end())) != hay.end();
}

}  // namespace shogo::test
