#pragma once
// Canaries in a process's memory, for the residue tests: how many copies of
// a text a child process holds, read through /proc/PID/mem.
#include <sys/types.h>

#include <string>
#include <vector>

namespace shogo::test {

// How many times each of `needles` occurs in the memory of process `pid`
// (every readable mapping but ASan's shadow), summed. SHOGO_CANARY_DEBUG=1
// prints where.
std::size_t copies_in_memory(pid_t pid, const std::vector<std::string>& needles);
// `utf8` (BMP only) as UTF-8, UTF-16LE, UTF-32LE and, where it converts,
// EUC-JP: the ways a program (ImGui, Anthy) holds text.
std::vector<std::string> encodings_of(const std::string& utf8);

}  // namespace shogo::test
