#pragma once
// A kiosk on a real demo vault (real keyslots and SQLCipher files, Argon2id
// at a small cost), and sign-in as a person does it. Header-only: a test
// using it links shogo_provisioning.
#include <catch2/catch.hpp>

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

#include "kiosk/ui/kiosk_app.hpp"
#include "provisioning/demo_vault.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/ui_harness.hpp"

namespace shogo::test {

inline std::string demo_passphrase(const std::string& name) {
  for (const auto& u : provisioning::demo_users()) {
    if (u.name == name) return std::string(u.passphrase);
  }
  FAIL("no demo user " << name);
  return {};
}

struct DemoKiosk {
  TempDir tmp;
  std::unique_ptr<survey::Vault> vault;
  std::unique_ptr<ui::KioskApp> owned;
  ui::KioskApp* app_ptr = nullptr;
  std::int64_t clock_offset = 0;  // seconds added to the vault's clock (the end of a day)

  DemoKiosk() {
    REQUIRE(provisioning::make_demo_vault(tmp / "vault", 7, {1, 8 * 1024}).ok());
    auto v = survey::Vault::open(tmp / "vault", [this] {
      return static_cast<std::int64_t>(std::time(nullptr)) + clock_offset;
    });
    REQUIRE(v.ok());
    vault = std::move(v.value());
    owned = std::make_unique<ui::KioskApp>(vault.get(), ui::KioskOptions{{}, 300.0});
    app_ptr = owned.get();
  }
  ui::KioskApp& app() { return *app_ptr; }
};

// The lock screen as a person uses it: choose the name, type, press サインイン.
inline void demo_sign_in(UiHarness& h, DemoKiosk& k, const std::string& name,
                         std::string passphrase = {}) {
  if (passphrase.empty()) passphrase = demo_passphrase(name);
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "user:" + name));
  h.frame(k.app());  // the passphrase field appears and asks for the keyboard
  h.frame(k.app());  // ... which it has from this frame on
  h.type(k.app(), passphrase);
  REQUIRE(h.click(k.app(), "サインイン"));
  k.app().wait_for_work();
  h.frame(k.app());
}

}  // namespace shogo::test
