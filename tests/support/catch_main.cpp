// One Catch2 main for every test program: libsodium is started (and its
// self-tests run) before any test, as the programs themselves do.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>

#include "crypto/startup.hpp"

int main(int argc, char** argv) {
  if (auto s = shogo::crypto::initialise(); !s) {
    std::fprintf(stderr, "crypto::initialise failed: %s\n", s.error().message.c_str());
    return 1;
  }
  return Catch::Session().run(argc, argv);
}
