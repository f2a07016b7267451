#pragma once
// Start-up of every Shogo program (kiosk and shogo-admin), in this order:
//   1. harden_process()  — core dumps off (RLIMIT_CORE=0, PR_SET_DUMPABLE=0),
//                          so a crash never writes keys or names to disk;
//   2. initialise()      — libsodium, then known-answer self-tests of every
//                          primitive Shogo uses; a program refuses to run if
//                          one fails (as KeePassXC does).

#include "storage/base/result.hpp"

namespace shogo::crypto {

[[nodiscard]] Status harden_process();
[[nodiscard]] Status initialise();

// The known-answer tests alone (initialise() runs them); exposed for tests.
[[nodiscard]] Status run_self_tests();

}  // namespace shogo::crypto
