#pragma once
// A real fault for the fail-closed tests: from now on every insert into the
// audit chain of this connection fails (a TEMP trigger), as on a full disk or
// a damaged page. mend_audit_appends() takes it away.
#include <catch2/catch.hpp>

#include "storage/database.hpp"

namespace shogo::test {

inline void break_audit_appends(storage::Database& db) {
  REQUIRE(db.exec("CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit_events "
                  "BEGIN SELECT RAISE(ABORT, 'audit append refused by the test'); END;")
              .ok());
}

inline void mend_audit_appends(storage::Database& db) {
  REQUIRE(db.exec("DROP TRIGGER temp.no_audit;").ok());
}

}  // namespace shogo::test
