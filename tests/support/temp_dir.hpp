#pragma once
// TempDir — a private (0700) folder under $TMPDIR or /tmp, removed with
// everything in it when the object goes.
#include <filesystem>
#include <string>
#include <vector>

namespace shogo::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::vector<unsigned char> read_bytes(const std::filesystem::path& file);
void write_bytes(const std::filesystem::path& file, const std::vector<unsigned char>& bytes);
bool contains(const std::vector<unsigned char>& haystack, std::string_view needle);

}  // namespace shogo::test
