#!/usr/bin/env bash
# shogo-admin audit verify on a demo vault: holds with the printed seed;
# names the first bad event after a row of vault.db is edited with the raw key
# (someone holding the vault key); catches a deleted tail with a paper anchor,
# or with the seed alone (the saved state's key); export gives JSON Lines and
# CSV with no resident's data.
set -euo pipefail
admin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vault=$tmp/vault
keys=$("$admin" demo --vault "$vault" --print-keys)
sed -n "s/^audit seed (k0): //p" <<<"$keys" >"$tmp/seed"
vkey=$(sed -n "s/^vault.db raw key: //p" <<<"$keys")
as=(--as "髙木 誠" --passphrase-fd 3)
pass=demo-manager-1
sql() { printf 'PRAGMA key="%s";\nPRAGMA cipher_page_size=4096;\n%s\n' "$vkey" "$1" | sqlcipher "$vault/vault.db"; }

out=$("$admin" audit verify --vault "$vault" "${as[@]}" --seed-file "$tmp/seed" 3<<<"$pass")
echo "$out"
grep -q "every MAC matches the seed" <<<"$out"
head=$(sed -n "s/^head: //p" <<<"$out")

# Each verify records its sign-in and result after verifying: the next run's
# head is later, and old anchors stay valid.
"$admin" audit verify --vault "$vault" "${as[@]}" --anchor "$head" 3<<<"$pass" | grep -q "1 paper anchor(s) match"

# A forged anchor hash is caught.
seq=${head%%:*}
if "$admin" audit verify --vault "$vault" "${as[@]}" --anchor "$seq:0000000000000000" 3<<<"$pass" >"$tmp/o"; then
  echo "a wrong anchor passed"; exit 1
fi
grep -q "anchor_mismatch" "$tmp/o"

# Someone with the vault key edits history: the first survey_create becomes a sign-in.
edited=$(sql "SELECT min(seq) FROM audit_events WHERE action = 'survey_create';")
sql "UPDATE audit_events SET action = 'sign_in' WHERE seq = $edited;"
if "$admin" audit verify --vault "$vault" "${as[@]}" 3<<<"$pass" >"$tmp/o"; then
  echo "an edited event passed"; exit 1
fi
cat "$tmp/o"
grep -q "FAILED at event $edited (edited)" "$tmp/o"
sql "UPDATE audit_events SET action = 'survey_create' WHERE seq = $edited;"

# The tail is cut off and the state's next_seq and head rewound to match (the
# key cannot be rewound without the seed). Each run appends its own events, so
# each starts from the same cut copy.
last=$(sql "SELECT max(seq) FROM audit_events;")
anchor=$("$admin" audit export --vault "$vault" "${as[@]}" --format csv 3<<<"$pass" |
  awk -F, -v s="$last" '$1 == s {print s ":" substr($11, 1, 16)}')
sql "DELETE FROM audit_events WHERE seq >= $((last - 2));
     UPDATE audit_state SET next_seq = $((last - 2)), head = (SELECT hash FROM audit_events WHERE seq = $((last - 3)));"
cp "$vault/vault.db" "$tmp/cut.db"
# Without the seed, only the paper anchor notices.
"$admin" audit verify --vault "$vault" "${as[@]}" 3<<<"$pass" | grep -q "its key was not checked"
cp "$tmp/cut.db" "$vault/vault.db"
if "$admin" audit verify --vault "$vault" "${as[@]}" --anchor "$anchor" 3<<<"$pass" >"$tmp/o"; then
  echo "a truncated log passed its anchor"; exit 1
fi
cat "$tmp/o"
grep -q "FAILED at event $((last - 2)) (truncated_before_anchor)" "$tmp/o"
# With the seed, the saved key notices alone: it is not k_$((last - 2)).
cp "$tmp/cut.db" "$vault/vault.db"
if "$admin" audit verify --vault "$vault" "${as[@]}" --seed-file "$tmp/seed" 3<<<"$pass" >"$tmp/o"; then
  echo "a truncated log passed the seed"; exit 1
fi
cat "$tmp/o"
grep -q "FAILED at event $((last - 2)) (state_key_mismatch)" "$tmp/o"

# Export: JSON Lines and CSV.
"$admin" audit export --vault "$vault" "${as[@]}" --format jsonl 3<<<"$pass" >"$tmp/j"
head -1 "$tmp/j" | grep -q '"action":"vault_create"'
"$admin" audit export --vault "$vault" "${as[@]}" --format csv 3<<<"$pass" >"$tmp/c"
head -1 "$tmp/c" | grep -q '^seq,at_utc_ms'
echo "audit verify and export behave"
