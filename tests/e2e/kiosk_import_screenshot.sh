#!/usr/bin/env bash
# e2e: the import screen (P6.4) in a real window under Xvfb. `shogo-admin demo`
# makes a demo vault and writes the four synthetic sheets to an import folder;
# the kiosk signs the demo manager in, opens the import screen on that folder
# (--import-dir) and writes a PNG. Nothing may be written to its working directory.
set -euo pipefail
kiosk=$1 admin=$2 check=$3 out=$4
work=$(mktemp -d)
vault="$work/../$(basename "$work")-vault"
imports="$work/../$(basename "$work")-import"
trap 'rm -rf "$work" "$vault" "$imports"' EXIT
"$admin" demo --vault "$vault" --import-dir "$imports" >/dev/null
ls "$imports"/*.csv >/dev/null  # the folder the screen lists
png="$out/kiosk-import.png"
rm -f "$png"
(cd "$work" && xvfb-run -a -s "-screen 0 1280x800x24" \
  "$kiosk" --vault "$vault" --import-dir "$imports" --sign-in "髙木 誠" --passphrase-fd 3 \
  --goto import --screenshot "$png" --frames 5 3<<<"demo-manager-1")
"$check" "$png" 1280 800
left=$(ls -A "$work")
if [ -n "$left" ]; then
  echo "the kiosk wrote files into its working directory: $left"
  exit 1
fi
