#!/usr/bin/env bash
# A demo vault.db is a standard SQLCipher file: Debian's `sqlcipher` tool opens
# it with the raw key that `shogo-admin demo --print-keys` prints (the key goes
# in on standard input, never argv), and cannot open it without.
set -euo pipefail
admin=$1
vault=$(mktemp -d)/vault
trap 'rm -rf "$(dirname "$vault")"' EXIT
keys=$("$admin" demo --vault "$vault" --print-keys)
vkey=$(sed -n "s/^vault.db raw key: //p" <<<"$keys")
skey=$(sed -n "s/^surveys\/demo-2026-1.db raw key: //p" <<<"$keys")
users=$(printf 'PRAGMA key="%s";\nPRAGMA cipher_page_size=4096;\nSELECT count(*) FROM users;\n' "$vkey" |
  sqlcipher "$vault/vault.db")
echo "users with the key: $users"
[ "$users" = 4 ]
rows=$(printf 'PRAGMA key="%s";\nPRAGMA cipher_page_size=4096;\nSELECT count(*) FROM access_rows;\n' "$skey" |
  sqlcipher "$vault/surveys/demo-2026-1.db")
echo "survey rows with the key: $rows"
[ "$rows" -gt 100 ]
if printf 'SELECT count(*) FROM users;\n' | sqlcipher "$vault/vault.db" 2>/dev/null; then
  echo "opened without the key"; exit 1
fi
echo "without the key: refused"
