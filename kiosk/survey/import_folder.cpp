#include "kiosk/survey/import_folder.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace shogo::survey {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool regular(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.symlink_status(ec).type() == fs::file_type::regular;
}

}  // namespace

std::vector<std::string> list_sheet_files(const fs::path& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!regular(*it)) continue;
    const std::string ext = lower(it->path().extension().string());
    if (ext == ".csv" || ext == ".xlsx") files.push_back(it->path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<SiteProfile> load_site_profiles(const fs::path& folder) {
  std::vector<SiteProfile> profiles;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!regular(*it) || lower(it->path().extension().string()) != ".toml") continue;
    SiteProfile p;
    p.name = it->path().filename().string();
    std::ifstream in(it->path(), std::ios::binary);
    std::string text(kMaxProfileBytes + 1, '\0');
    if (in) in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in && !in.eof()) {
      p.error = Error{"profile.unreadable", N_("This profile file could not be opened.")};
    } else if (static_cast<std::size_t>(in.gcount()) > kMaxProfileBytes) {
      p.error = Error{"profile.too_large",
                      N_("This profile file is larger than 64 KiB and is not read.")};
    } else {
      text.resize(static_cast<std::size_t>(in.gcount()));
      if (auto parsed = storage::import::parse_profile(text, &p.where); parsed) {
        p.profile = std::move(*parsed);
      } else {
        p.error = parsed.error();
      }
    }
    profiles.push_back(std::move(p));
  }
  std::sort(profiles.begin(), profiles.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return profiles;
}

}  // namespace shogo::survey
