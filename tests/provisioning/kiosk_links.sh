#!/usr/bin/env bash
# shogo-kiosk must not contain the synthetic ward or sheet generators
# (provisioning/synthetic): demo data is made by shogo-admin demo, never by the
# product. The generators' functions live in survey::synthetic.
set -euo pipefail
kiosk=$1 nm=$2
symbols=$("$nm" -C "$kiosk" | grep -E ' (T|t|W) ' | grep -c 'survey::synthetic::' || true)
echo "survey::synthetic symbols in shogo-kiosk: $symbols"
[ "$symbols" -eq 0 ]
