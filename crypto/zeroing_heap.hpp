#pragma once
// A heap whose blocks are zeroed when freed — for libraries that keep copies
// of what passes through them (ImGui's text fields hold a typed passphrase).
// Each block carries its size in a 16-byte header.

#include <cstddef>

namespace shogo::crypto {

void* zeroing_alloc(std::size_t size);  // nullptr if out of memory
void zeroing_free(void* block);         // zeroes, then frees; nullptr is fine

}  // namespace shogo::crypto
