#pragma once
// Atomic replacement of small files (the keyslots file): after a crash, a full
// disk or a power cut the file holds either the old bytes or the new ones,
// never a mix and never nothing.
//
//   write_file_atomically()  temp file beside the target, write, fsync, rename, fsync dir
//   read_small_file()        whole file into memory, refusing files above a size
//
// Errors are values with plain, translatable messages that say why
// ("… because the disk is full"); they do not name the path, because a message
// is a literal msgid (CONTRIBUTING.md, "Errors") — the caller knows which file
// it was saving and says so on screen.
//
//   file.write      the new content could not be stored; the old file is untouched
//   file.missing    read: there is no such file
//   file.too_large  read: the file is larger than max_bytes
//   file.read       read: any other failure (not a regular file, I/O error)

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "storage/base/result.hpp"

namespace shogo::crypto {

// Replaces `path` with `bytes`, file mode `mode` (not subject to the umask).
// Steps: mkostemp(".<name>.tmp-XXXXXX" in the same directory, O_CLOEXEC, 0600),
// fchmod, write all (short writes and EINTR retried), fsync, close, rename over
// `path`, fsync the directory. On any failure before the rename the temp file
// is removed and `path` is untouched. If only the final directory fsync fails,
// the new content is in place but not yet known to be durable; that is
// reported as file.write too.
[[nodiscard]] Status write_file_atomically(const std::filesystem::path& path,
                                           std::span<const std::uint8_t> bytes, mode_t mode = 0600);

// The whole content of a regular file of at most max_bytes.
[[nodiscard]] Result<std::vector<std::uint8_t>> read_small_file(const std::filesystem::path& path,
                                                                std::size_t max_bytes);

}  // namespace shogo::crypto
