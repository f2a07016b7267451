#include "storage/vault_schema.hpp"

#include <array>

namespace shogo::storage {

namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE users (
  id           TEXT PRIMARY KEY NOT NULL,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('supervisor', 'manager', 'investigator')),
  disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at   INTEGER NOT NULL
);
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('idle_lock_seconds', '300'), ('end_of_day', '18:00');
CREATE TABLE surveys (
  id          TEXT PRIMARY KEY NOT NULL,
  fiscal_year INTEGER NOT NULL,
  title       TEXT NOT NULL,
  survey_key  BLOB NOT NULL CHECK (typeof(survey_key) = 'blob' AND length(survey_key) = 32),
  created_at  INTEGER NOT NULL
);
CREATE TABLE events (
  seq     INTEGER PRIMARY KEY,
  at_utc  INTEGER,
  actor   TEXT,
  action  TEXT,
  object  TEXT,
  outcome TEXT,
  detail  TEXT
);
)sql";

constexpr const char* kVersion2 = R"sql(
ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;
CREATE TABLE sites (
  id     TEXT PRIMARY KEY NOT NULL,
  name   TEXT NOT NULL,
  opens  TEXT NOT NULL CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]'),
  closes TEXT NOT NULL CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]' AND closes > opens)
);
CREATE TABLE terminals (
  id      TEXT PRIMARY KEY NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites (id),
  system  TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET'))
);
CREATE INDEX terminals_by_site ON terminals (site_id);
)sql";

// The audit log (docs/audit-log.md): a hash chain with a forward-secure MAC.
// The placeholder events table of version 1 goes; its rows had no chain.
constexpr const char* kVersion3 = R"sql(
DROP TABLE events;
CREATE TABLE audit_events (
  seq          INTEGER PRIMARY KEY NOT NULL,
  at_utc_ms    INTEGER NOT NULL,
  monotonic_ms INTEGER NOT NULL,
  actor        TEXT NOT NULL,
  role         TEXT NOT NULL,
  action       TEXT NOT NULL,
  objects      TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  detail       TEXT NOT NULL,
  prev_hash    BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash         BLOB NOT NULL CHECK (length(hash) = 32),
  mac          BLOB NOT NULL CHECK (length(mac) = 32)
);
CREATE TABLE audit_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  next_seq INTEGER NOT NULL,
  head     BLOB NOT NULL CHECK (length(head) = 32),
  mac_key  BLOB NOT NULL CHECK (length(mac_key) = 32)
);
)sql";

// Surveys begin (P6.3, P6.4): each survey's state, its designations (a
// re-designation adds, never replaces), and what was imported into it — the
// files' hashes and counts only; the rows themselves live in surveys/<id>.db.
constexpr const char* kVersion4 = R"sql(
ALTER TABLE surveys ADD COLUMN state TEXT NOT NULL DEFAULT 'draft'
  CHECK (state IN ('draft', 'designated', 'sheets_made', 'reconciling', 'follow_up', 'reported',
                   'approved', 'recheck', 'on_hold', 'wiped', 'retained', 'purged'));
ALTER TABLE surveys ADD COLUMN min_persons INTEGER NOT NULL DEFAULT 10 CHECK (min_persons >= 1);
ALTER TABLE surveys ADD COLUMN group_gap_minutes INTEGER NOT NULL DEFAULT 15
  CHECK (group_gap_minutes >= 0);
CREATE TABLE designations (
  survey_id    TEXT NOT NULL REFERENCES surveys (id),
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  system       TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  on_date      TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  window_from  TEXT NOT NULL CHECK (window_from GLOB '[0-2][0-9]:[0-5][0-9]'),
  window_to    TEXT NOT NULL CHECK (window_to GLOB '[0-2][0-9]:[0-5][0-9]' AND window_to > window_from),
  drawn        INTEGER NOT NULL CHECK (drawn IN (0, 1)),
  acknowledged TEXT NOT NULL DEFAULT '',
  made_by      TEXT NOT NULL,
  made_at      INTEGER NOT NULL,
  PRIMARY KEY (survey_id, seq)
);
CREATE TABLE designation_terminals (
  survey_id   TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  PRIMARY KEY (survey_id, seq, terminal_id),
  FOREIGN KEY (survey_id, seq) REFERENCES designations (survey_id, seq)
);
CREATE TABLE imports (
  id                INTEGER PRIMARY KEY,
  survey_id         TEXT NOT NULL REFERENCES surveys (id),
  sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
  size              INTEGER NOT NULL,
  sheet_kind        TEXT NOT NULL,
  system            TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  designations      INTEGER NOT NULL,
  rows              INTEGER NOT NULL,
  kept              INTEGER NOT NULL,
  already_stored    INTEGER NOT NULL,
  problems          INTEGER NOT NULL,
  blank             INTEGER NOT NULL,
  totals            INTEGER NOT NULL,
  dropped_date      INTEGER NOT NULL,
  dropped_time      INTEGER NOT NULL,
  dropped_terminal  INTEGER NOT NULL,
  imported_by       TEXT NOT NULL,
  imported_at       INTEGER NOT NULL,
  UNIQUE (survey_id, sha256, designations)
);
CREATE TABLE import_problems (
  import_id   INTEGER NOT NULL REFERENCES imports (id),
  row         INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  code        TEXT NOT NULL
);
CREATE INDEX import_problems_by_import ON import_problems (import_id);
)sql";

// Survey files bound to the vault (docs/audit-log.md, "Replay"): each import
// says how many rows it stored and their digest (a sum of one SHA-256 hash
// per row, so the digests of a file's imports add up to the digest of its
// rows in the survey file). Imports made before have no digest ('').
// keyslots_pending: a change of key slots commits the new keyslots file here
// with its event, and the file is written after the commit; an unlock that
// finds a row left (a crash between the two) writes the file from it.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE imports ADD COLUMN stored INTEGER NOT NULL DEFAULT 0 CHECK (stored >= 0);
ALTER TABLE imports ADD COLUMN rows_digest TEXT NOT NULL DEFAULT '';
CREATE TABLE keyslots_pending (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  file BLOB NOT NULL
);
)sql";

// Each user's own preferences: the text size of the screens (older eyes
// read them all day), in percent of the standard size.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE preferences (
  user_id   TEXT PRIMARY KEY REFERENCES users (id),
  text_size INTEGER NOT NULL CHECK (text_size IN (100, 115, 130))
);
)sql";

// The operator roster (P4): who each operator id of the sheets belongs to —
// staff of the division, another division's id, or a contractor's employee —
// and, for the appliance's own users, which ids are theirs (P5.3.c). Staff
// names, never residents'.
constexpr const char* kVersion7 = R"sql(
CREATE TABLE operators (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('staff', 'other-division', 'contractor')),
  affiliation TEXT NOT NULL,
  user_id     TEXT REFERENCES users (id)
);
)sql";

// The lending ledger (P6.4.c, P10.3) and the reconciliation's decisions
// (P6.5). A lending is one system's sheet of one survey lent to one
// investigator until the end of the day; it is never deleted (no personal
// data: ids and times). At most one lending of a sheet is open at a time.
// A decision is what an investigator found for one access group (P6.2),
// named by the id of the group's first row in the survey file: the kind of
// document and its reference (the digital sticky note of P6.5.c), a
// mistyped search (P6.5.b) with the group that shows the right person,
// "not found", or "withdrawn" (an undo: the group is undecided again).
// Follow-ups (P6.6) of the "not found" groups — an interview, or a
// contractor's report — findings (P7.2) and the survey's hold (P9.2): their
// free text passed the check against the survey's residents' data. Phrases
// are the manager's frequent sentences for that text (no survey's data).
// Decisions are never replaced: a correction is a new row, the latest row
// of a group is its decision, the others its history. Ids, kinds and
// document numbers only: no resident's data.
constexpr const char* kVersion8 = R"sql(
CREATE TABLE lendings (
  id           INTEGER PRIMARY KEY NOT NULL,
  survey_id    TEXT NOT NULL REFERENCES surveys (id),
  system       TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  investigator TEXT NOT NULL REFERENCES users (id),
  lent_by      TEXT NOT NULL REFERENCES users (id),
  lent_at      INTEGER NOT NULL,
  due_at       INTEGER NOT NULL CHECK (due_at > lent_at),
  returned_at  INTEGER,
  returned_by  TEXT,
  return_kind  TEXT CHECK (return_kind IN ('returned', 'end_of_day', 'sitting_closed')),
  CHECK ((returned_at IS NULL) = (return_kind IS NULL))
);
CREATE UNIQUE INDEX lendings_one_holder ON lendings (survey_id, system) WHERE returned_at IS NULL;
CREATE TABLE decisions (
  id            INTEGER PRIMARY KEY NOT NULL,
  survey_id     TEXT NOT NULL REFERENCES surveys (id),
  system        TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  group_id      INTEGER NOT NULL,
  group_rows    INTEGER NOT NULL CHECK (group_rows >= 1),
  outcome       TEXT NOT NULL
                CHECK (outcome IN ('document', 'mistyped_search', 'not_found', 'withdrawn')),
  document      TEXT NOT NULL,
  reference     TEXT NOT NULL,
  related_group INTEGER,
  lending_id    INTEGER NOT NULL REFERENCES lendings (id),
  decided_by    TEXT NOT NULL,
  decided_at    INTEGER NOT NULL
);
CREATE INDEX decisions_by_group ON decisions (survey_id, system, group_id, id);
CREATE TABLE follow_ups (
  id            INTEGER PRIMARY KEY NOT NULL,
  survey_id     TEXT NOT NULL REFERENCES surveys (id),
  system        TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  group_id      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('interview', 'contractor')),
  held_on       TEXT NOT NULL,
  report_on     TEXT NOT NULL,
  account       TEXT NOT NULL,
  manager_check TEXT NOT NULL,
  conclusion    TEXT NOT NULL
                CHECK (conclusion IN ('pending', 'business', 'mistyped_search', 'not_business')),
  recorded_by   TEXT NOT NULL,
  recorded_at   INTEGER NOT NULL
);
CREATE TABLE findings (
  id          INTEGER PRIMARY KEY NOT NULL,
  survey_id   TEXT NOT NULL REFERENCES surveys (id),
  system      TEXT NOT NULL CHECK (system IN ('KOSEKI', 'JUKI', 'JUKINET')),
  group_id    INTEGER NOT NULL,
  cause       TEXT NOT NULL,
  measures    TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE TABLE phrases (
  id       INTEGER PRIMARY KEY NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('reason', 'measure')),
  text     TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL
);
CREATE TABLE holds (
  survey_id   TEXT PRIMARY KEY NOT NULL REFERENCES surveys (id),
  placed_at   INTEGER NOT NULL,
  placed_by   TEXT NOT NULL,
  additional  TEXT NOT NULL CHECK (additional IN ('undecided', 'none', 'ongoing', 'ended')),
  released_at INTEGER
);
)sql";

constexpr std::array kVaultMigrations = {
    Migration{1, "users, settings, surveys and their keys, events (audit placeholder)", kVersion1},
    Migration{2, "users.last_sign_in_at, sites, terminals", kVersion2},
    Migration{3, "the audit log: chained, MACed events and the chain's state", kVersion3},
    Migration{4, "survey state, designations, imports and their problems", kVersion4},
    Migration{
        5,
        "imports.stored, imports.rows_digest (survey files bound to the vault), keyslots_pending",
        kVersion5},
    Migration{6, "preferences: each user's text size", kVersion6},
    Migration{7, "operators: the roster of operator ids (P4)", kVersion7},
    Migration{8,
              "lendings (P6.4.c), decisions (P6.5), follow-ups, findings, holds (P6.6, P7.2, P9.2)",
              kVersion8},
};

static_assert(kVaultMigrations.size() == kVaultSchemaVersion);
static_assert(migrations_well_formed(kVaultMigrations), "vault migrations must read 1, 2, … n");

}  // namespace

std::span<const Migration> vault_migrations() { return kVaultMigrations; }

}  // namespace shogo::storage
