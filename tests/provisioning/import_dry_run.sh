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
# A site's own layout, by a profile and no code (P6.4): 操作日時 is 処理日時 there.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo=$(cd "$(dirname "$0")/../.." && pwd)
sed 's/^when = "操作日時"/when = "処理日時"/' "$repo/storage/import/profiles/juki-access-log.toml" >"$tmp/site.toml"
sed 's/操作日時/処理日時/' "$fixtures/juki-access-log.csv" >"$tmp/site.csv"
"$admin" import --dry-run --json --system JUKI --sheet juki-access-log --profile "$tmp/site.toml" \
  "$tmp/site.csv" | tail -1 | grep -q '"kept":[1-9]'
set +e
"$admin" import --dry-run --json --system JUKI --sheet juki-access-log "$tmp/site.csv" >/dev/null 2>"$tmp/err"
status=$?
set -e
[ $status -eq 1 ] || { echo "the reference profile read a sheet with another header"; exit 1; }
grep -q "header row" "$tmp/err"
# A broken profile says which file and where.
printf 'kind = "juki-access-log"\nsystem = "JUKI"\n[columns\n' >"$tmp/broken.toml"
if "$admin" import --dry-run --json --system JUKI --sheet juki-access-log --profile "$tmp/broken.toml" \
  "$tmp/site.csv" >/dev/null 2>"$tmp/err"; then
  echo "a broken profile was accepted"; exit 1
fi
grep -q "broken.toml" "$tmp/err"
echo "dry-run import behaves"
