#!/usr/bin/env bash
# shogo-admin import --dry-run --json on the reference fixtures: canonical rows
# as JSON Lines and a summary; a window drops rows (P6.2); without --dry-run
# an import into a survey needs --as and --survey (exit 2 without them).
set -euo pipefail
admin=$1 fixtures=$2
for pair in KOSEKI:koseki-issuance JUKI:juki-access-log JUKI:juki-online-forms JUKINET:cs-operations; do
  system=${pair%%:*} sheet=${pair#*:}
  out=$("$admin" import --dry-run --json --system "$system" --sheet "$sheet" "$fixtures/$sheet.csv")
  tail -1 <<<"$out" | grep -q '"summary":{"rows":[0-9]*,"kept":[1-9]'
  echo "$sheet: $(tail -1 <<<"$out" | cut -c1-80)"
done
# The Japanese sheet name is accepted too.
"$admin" import --dry-run --json --system KOSEKI --sheet 証明書発行管理一覧 \
  "$fixtures/koseki-issuance.csv" | tail -1 | grep -q '"sheet":"koseki-issuance"'
# A window outside every row keeps nothing and says why.
out=$("$admin" import --dry-run --json --system KOSEKI --sheet koseki-issuance \
  --window 2026-05-01/09:00-09:15 "$fixtures/koseki-issuance.csv")
tail -1 <<<"$out" | grep -q '"kept":0,"dropped_outside_window":{"date":[1-9]'
# A sheet kind of another system is wrong usage.
set +e
"$admin" import --dry-run --json --system JUKINET --sheet koseki-issuance "$fixtures/koseki-issuance.csv" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "expected exit 2 for a sheet of another system"; exit 1; }
"$admin" import --json --system KOSEKI --sheet koseki-issuance "$fixtures/koseki-issuance.csv" >/dev/null 2>&1
status=$?
set -e
[ $status -eq 2 ] || { echo "expected exit 2 without --dry-run, --as and --survey"; exit 1; }
echo "dry-run import behaves"
