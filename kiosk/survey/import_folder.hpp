#pragma once
// The import folder and the profile folder (P6.4): what the import screen may
// offer. There is no file dialog: the kiosk reads only regular files directly
// in these two folders, never a link, a sub-folder or any other path.
//
//   list_sheet_files()    the *.csv and *.xlsx file names of the import folder, sorted
//   load_site_profiles()  every *.toml file of the profile folder, parsed (at
//                         most kMaxProfileBytes each); a file that does not
//                         parse is listed with the reason and cannot be chosen
//
// Site profiles: "a site adds its own vendor layout by writing a profile,
// without code" (docs/import-formats.md). A missing folder holds nothing.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "storage/base/result.hpp"
#include "storage/import/profile.hpp"

namespace shogo::survey {

inline constexpr const char* kDefaultImportDir = "/var/lib/shogo-import";
inline constexpr const char* kDefaultProfileDir = "/etc/shogo/profiles";  // missing: none
inline constexpr std::size_t kMaxProfileBytes = 64 * 1024;  // a larger file is not read

std::vector<std::string> list_sheet_files(const std::filesystem::path& folder);

struct SiteProfile {                                // one *.toml file of the profile folder
  std::string name;                                 // file name
  std::optional<storage::import::Profile> profile;  // parsed; else why not:
  Error error;
  std::string where;  // parse_profile()'s key or "line N"
};
std::vector<SiteProfile> load_site_profiles(const std::filesystem::path& folder);

}  // namespace shogo::survey
