#!/usr/bin/env bash
# A survey begins, from the command line (P6.3, P6.4, P6.2): on a demo vault,
# the supervisor designates the draft survey (a short window is refused), the
# manager imports a synthetic sheet (a second import of the same file is
# refused), the counts per system are shown, and the audit chain still holds.
set -euo pipefail
admin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vault=$tmp/vault
keys=$("$admin" demo --vault "$vault" --import-dir "$tmp/in" --print-keys)
sed -n "s/^audit seed (k0): //p" <<<"$keys" >"$tmp/seed"
ls "$tmp/in" | grep -q '^juki-access-log.csv$'
manager=(--as "髙木 誠" --passphrase-fd 3)
supervisor=(--as "山﨑 道子" --passphrase-fd 3)
terms=JK-S01-01,JK-S02-01,JK-S03-01

# The demo's first survey is designated and imported: counts per system.
"$admin" survey show --vault "$vault" "${manager[@]}" --id demo-2026-1 3<<<demo-manager-1 >"$tmp/show"
cat "$tmp/show"
grep -q "state designated" "$tmp/show"
grep -Eq "JUKI +rows +[1-9][0-9]* +accesses +[1-9]" "$tmp/show"

# P6.3.b: a 10-minute window is refused, and says so.
set +e
"$admin" survey designate --vault "$vault" "${supervisor[@]}" --id demo-2026-2 --system JUKI \
  --date 2026-11-18 --window 09:00-09:10 --terminals "$terms" 3<<<demo-supervisor-1 2>"$tmp/err"
status=$?
set -e
[ $status -eq 1 ] || { echo "a short window was not refused"; exit 1; }
grep -q "designation.short_window" "$tmp/err"
# Only the supervisor designates.
if "$admin" survey designate --vault "$vault" "${manager[@]}" --id demo-2026-2 --system JUKI \
  --date 2026-11-18 --window 09:00-10:00 --terminals "$terms" 3<<<demo-manager-1 2>/dev/null; then
  echo "a manager designated"; exit 1
fi
"$admin" survey designate --vault "$vault" "${supervisor[@]}" --id demo-2026-2 --system JUKI \
  --date 2026-11-18 --window 09:00-10:00 --terminals "$terms" 3<<<demo-supervisor-1 | grep -q "Designation 1 of demo-2026-2"

# P6.4: the manager imports; the same file twice is refused.
"$admin" import --vault "$vault" "${manager[@]}" --survey demo-2026-2 --system JUKI \
  --sheet juki-access-log "$tmp/in/juki-access-log.csv" 3<<<demo-manager-1 >"$tmp/imported"
cat "$tmp/imported"
grep -Eq "^Imported juki-access-log into demo-2026-2: [1-9][0-9]* rows stored" "$tmp/imported"
if "$admin" import --vault "$vault" "${manager[@]}" --survey demo-2026-2 --system JUKI \
  --sheet 住基アクセスログ内部監査 "$tmp/in/juki-access-log.csv" 3<<<demo-manager-1 2>"$tmp/err"; then
  echo "the same file was imported twice"; exit 1
fi
grep -q "already imported" "$tmp/err"
"$admin" survey show --vault "$vault" "${manager[@]}" --id demo-2026-2 3<<<demo-manager-1 | tee "$tmp/show2"
grep -q "designation 1: JUKI" "$tmp/show2"
grep -Eq "KOSEKI .*\(not designated\)" "$tmp/show2"

# The appliance's draw, then the whole chain verifies with the seed.
"$admin" survey draw --vault "$vault" "${supervisor[@]}" --id demo-2026-2 --system KOSEKI 3<<<demo-supervisor-1 | grep -q "(drawn)"
"$admin" audit verify --vault "$vault" "${manager[@]}" --seed-file "$tmp/seed" 3<<<demo-manager-1 | grep -q "every MAC matches the seed"
# No resident's name from the sheet is in the audit export.
name=$(sed -n '4p' "$tmp/in/juki-access-log.csv" | cut -d, -f7)
[ -n "$name" ]
if "$admin" audit export --vault "$vault" "${manager[@]}" 3<<<demo-manager-1 | grep -qF "$name"; then
  echo "a resident's name is in the audit log"; exit 1
fi
echo "survey commands behave"
