#pragma once
// shogo-admin's commands as functions (the executable is a thin CLI11 main).
// Each returns the process exit status and writes plain sentences to the
// given streams; none prints a secret or a resident's personal data, except
// `ward`, which summarises the synthetic ward (never real people) by counts.
//
//   selftest   crypto known-answer tests and the SQLCipher probe      0 ok, 1 failed
//   ward       counts of the synthetic ward for a seed                0

#include <cstdint>
#include <cstdio>

namespace shogo::provisioning {

int run_selftest(std::FILE* out, std::FILE* err);
int run_ward(std::uint64_t seed, std::FILE* out);

}  // namespace shogo::provisioning
