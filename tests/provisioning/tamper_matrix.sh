#!/usr/bin/env bash
# The tamper matrix of a key holder (docs/audit-log.md, "Replay"): on copies
# of a demo vault, Debian's `sqlcipher` tool with the printed raw keys edits
# every privileged table, and key slots and survey files are swapped for
# other or older ones. After each, the vault must refuse to open for normal
# work (vault.state_mismatch) where vault.db or keyslots differ from the
# audit chain, and `doctor` must name what differs. Prints "detected N / M"
# and fails on any case not detected.
set -euo pipefail
admin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$tmp/base
keys=$("$admin" demo --vault "$base" --import-dir "$tmp/in" --print-keys)
vkey=$(sed -n "s/^vault.db raw key: //p" <<<"$keys")
skey=$(sed -n "s/^surveys\/demo-2026-1.db raw key: //p" <<<"$keys")
skey2=$(sed -n "s/^surveys\/demo-2026-2.db raw key: //p" <<<"$keys")
manager=(--as "髙木 誠" --passphrase-fd 3)
supervisor=(--as "山﨑 道子" --passphrase-fd 3)
# A disabled user, legitimately, so that one can be re-enabled by SQL.
"$admin" user disable --vault "$base" "${manager[@]}" --name "𠮷川 健二" 3<<<demo-manager-1 >/dev/null
"$admin" doctor --vault "$base" "${manager[@]}" 3<<<demo-manager-1 >"$tmp/doctor" ||
  { cat "$tmp/doctor"; echo "the untouched vault has problems"; exit 1; }

tried=0
detected=0
copy() { rm -rf "$tmp/v"; cp -a "$base" "$tmp/v"; }
sql() { # sql FILE KEY STATEMENTS
  printf 'PRAGMA key="%s";\nPRAGMA cipher_page_size=4096;\n%s\n' "$2" "$3" | sqlcipher "$1" >/dev/null
}
# check NAME EXPECT REFUSE: doctor must report a PROBLEM line matching EXPECT;
# REFUSE=yes: a normal sign-in (survey show) must be refused as well.
check() {
  local name=$1 expect=$2 refuse=$3 ok=yes
  tried=$((tried + 1))
  if "$admin" doctor --vault "$tmp/v" "${manager[@]}" 3<<<demo-manager-1 >"$tmp/out" 2>&1; then
    ok=no
  elif ! grep -E "^PROBLEM .*$expect" "$tmp/out" >/dev/null; then
    ok=no
  fi
  if [ "$refuse" = yes ] &&
    "$admin" survey show --vault "$tmp/v" "${manager[@]}" --id demo-2026-1 3<<<demo-manager-1 \
      >/dev/null 2>"$tmp/err"; then
    ok=no
  fi
  if [ "$ok" = yes ]; then
    detected=$((detected + 1))
    printf 'detected      %-44s %s\n' "$name" "$(grep -m1 '^PROBLEM' "$tmp/out" | cut -c10-120)"
  else
    printf 'NOT DETECTED  %s\n' "$name"
    cat "$tmp/out"
  fi
}

copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE users SET role='manager' WHERE id='佐藤 由美';"
check "investigator made manager" "users/佐藤 由美: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE users SET role='supervisor' WHERE id='髙木 誠';"
check "manager made supervisor" "users/髙木 誠: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE users SET disabled=0 WHERE id='𠮷川 健二';"
check "disabled user re-enabled" "users/𠮷川 健二: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "DELETE FROM users WHERE id='佐藤 由美';"
check "user row deleted" "users/佐藤 由美: recorded by event" yes
# A backdoor manager: a real slot (made on another copy of the same vault,
# so its MAC holds under the vault key) and a users row, with no user_add
# event in this vault's chain.
rm -rf "$tmp/other"; cp -a "$base" "$tmp/other"
"$admin" user add --vault "$tmp/other" "${manager[@]}" --name "裏口" --role manager \
  3< <(printf 'demo-manager-1\nbackdoor pass 1\nbackdoor pass 1\n') >/dev/null
copy; cp "$tmp/other/keyslots" "$tmp/v/keyslots"
sql "$tmp/v/vault.db" "$vkey" "INSERT INTO users VALUES('裏口','裏口','manager',0,1795000000,NULL);"
check "backdoor manager: slot and users row" "keyslots/[0-9]+: in the table, but no event" yes
# An older keyslots file: a user's old passphrase works again.
rm -rf "$tmp/other"; cp -a "$base" "$tmp/other"
"$admin" user passwd --vault "$tmp/other" --name "佐藤 由美" --passphrase-fd 3 \
  3< <(printf 'demo-investigator-1\nnew pass for sato\nnew pass for sato\n') >/dev/null
copy; cp "$tmp/other/vault.db" "$tmp/v/vault.db"  # the change, with the old slot
check "keyslots rolled back past a passphrase change" "keyslots/[0-9]+: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE designations SET on_date='2026-11-11' WHERE seq=1;"
check "designation date changed" "designations/demo-2026-1/1: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE designations SET window_to='17:00' WHERE seq=2;"
check "designation window changed" "designations/demo-2026-1/2: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" \
  "DELETE FROM designation_terminals WHERE seq=3 AND terminal_id='CS-S01-01';"
check "designated terminal removed" "designation_terminals/demo-2026-1/3/CS-S01-01: recorded" yes
copy; sql "$tmp/v/vault.db" "$vkey" "DELETE FROM import_problems; DELETE FROM imports WHERE id=1;"
check "import deleted" "imports/1: recorded by event" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE imports SET kept=kept-5 WHERE id=2;"
check "import count changed" "imports/2: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE surveys SET state='approved' WHERE id='demo-2026-1';"
check "survey set to approved" "surveys/demo-2026-1: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE surveys SET state='draft' WHERE id='demo-2026-1';"
check "survey back to draft" "surveys/demo-2026-1: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE surveys SET min_persons=3 WHERE id='demo-2026-1';"
check "counting rules changed" "surveys/demo-2026-1: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" \
  "UPDATE surveys SET survey_key=(SELECT survey_key FROM surveys WHERE id='demo-2026-2') WHERE id='demo-2026-1';"
check "survey key swapped" "surveys/demo-2026-1: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "DELETE FROM surveys WHERE id='demo-2026-2';"
check "survey row deleted" "surveys/demo-2026-2: recorded by event" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE settings SET value='23:30' WHERE key='end_of_day';"
check "end of day changed" "settings/end_of_day: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "INSERT INTO settings VALUES('idle_lock_off','1');"
check "setting added" "settings/idle_lock_off: in the table" yes
copy; sql "$tmp/v/vault.db" "$vkey" "INSERT INTO preferences SELECT id, 130 FROM users LIMIT 1;"
check "a user's text size set behind the log" "preferences/" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE operators SET kind='staff' WHERE kind='contractor';"
check "a contractor's id made staff's behind the log" "operators/" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE sites SET closes='23:59';"
check "site hours changed" "sites/.*: differs" yes
copy; sql "$tmp/v/vault.db" "$vkey" "INSERT INTO terminals VALUES('JK-S09-09','S01','JUKI');"
check "terminal added" "terminals/JK-S09-09: in the table" yes
copy; sql "$tmp/v/vault.db" "$vkey" "UPDATE terminals SET system='KOSEKI' WHERE id='JK-S01-01';"
check "terminal moved to another system" "terminals/JK-S01-01: differs" yes

# Survey files, against the digests their imports recorded.
copy; sql "$tmp/v/surveys/demo-2026-1.db" "$skey" \
  "DELETE FROM access_rows WHERE operator_id=(SELECT operator_id FROM access_rows WHERE system='JUKI' LIMIT 1);"
check "survey file: one operator's rows deleted" "survey demo-2026-1, file [0-9a-f]+: the survey file holds" no
copy; sql "$tmp/v/surveys/demo-2026-1.db" "$skey" \
  "UPDATE access_rows SET resident_name='別人' WHERE id=(SELECT min(id) FROM access_rows);"
check "survey file: a name changed" "survey demo-2026-1, file [0-9a-f]+: the survey file holds" no
copy; sql "$tmp/v/surveys/demo-2026-1.db" "$skey" \
  "UPDATE access_rows SET op_time='09:00:00' WHERE id=(SELECT max(id) FROM access_rows);"
check "survey file: a time changed" "survey demo-2026-1, file [0-9a-f]+: the survey file holds" no
copy; sql "$tmp/v/surveys/demo-2026-1.db" "$skey" \
  "INSERT INTO access_rows(system, op_date, op_time, terminal_id, operator_id, operation, detail, resident_name, resident_kana, resident_birth, resident_address, source_id, source_row, operation_text, reference, resident_honseki) SELECT system, op_date, op_time, terminal_id, operator_id, operation, detail, resident_name, resident_kana, resident_birth, resident_address, source_id, source_row, operation_text, reference, resident_honseki FROM access_rows LIMIT 1;"
check "survey file: a row inserted" "survey demo-2026-1, file [0-9a-f]+: the survey file holds" no
copy; sql "$tmp/v/surveys/demo-2026-1.db" "$skey" \
  "INSERT INTO access_rows(system, op_date, op_time, terminal_id, operator_id, operation, detail, resident_name, resident_kana, resident_birth, resident_address) VALUES('JUKI','2026-11-18','09:00:00','JK-S01-01','X','inquiry','','a','a','1990-01-01','');"
check "survey file: a row of no import" "survey demo-2026-1, rows of no import" no
# An older survey file copied back over the current one (no key needed).
copy
"$admin" survey designate --vault "$tmp/v" "${supervisor[@]}" --id demo-2026-2 --system JUKI \
  --date 2026-11-18 --window 08:30-12:00 --terminals JK-S01-01,JK-S02-01,JK-S03-01 3<<<demo-supervisor-1 >/dev/null
cp "$tmp/v/surveys/demo-2026-2.db" "$tmp/older.db"
"$admin" import --vault "$tmp/v" "${manager[@]}" --survey demo-2026-2 --system JUKI \
  --sheet juki-access-log "$tmp/in/juki-access-log.csv" 3<<<demo-manager-1 >/dev/null
cp "$tmp/older.db" "$tmp/v/surveys/demo-2026-2.db"
check "survey file rolled back past an import" "survey demo-2026-2, file [0-9a-f]+: the survey file holds 0" no
copy; cp "$tmp/v/surveys/demo-2026-2.db" "$tmp/v/surveys/demo-2026-1.db"
check "survey file replaced by another survey's" "survey demo-2026-1: its rows cannot be checked" no
: "$skey2"

echo "detected $detected / $tried"
[ "$detected" -eq "$tried" ]
