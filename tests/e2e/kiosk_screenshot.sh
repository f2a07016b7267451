#!/usr/bin/env bash
# e2e: `shogo-admin demo` makes a demo vault; shogo-kiosk, full screen in a
# real X server (Xvfb, Mesa), signs the demo manager in through that vault
# (passphrase on a file descriptor), opens a screen and writes a PNG read back
# with glReadPixels. It runs in an empty working directory, which must stay
# empty but for nothing: no imgui.ini, no log, nothing else written.
set -euo pipefail
kiosk=$1 admin=$2 check=$3 out=$4 screen=${5:-name-check}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vault="$work/../$(basename "$work")-vault"
trap 'rm -rf "$work" "$vault"' EXIT
"$admin" demo --vault "$vault" >/dev/null
png="$out/kiosk-$screen.png"
rm -f "$png"
sign_in=()
if [ "$screen" != lock ]; then
  sign_in=(--sign-in "髙木 誠" --passphrase-fd 3 --goto "$screen")
fi
(cd "$work" && xvfb-run -a -s "-screen 0 1280x800x24" \
  "$kiosk" --vault "$vault" "${sign_in[@]}" --screenshot "$png" --frames 5 \
  --print-startup-time 3<<<"demo-manager-1")
"$check" "$png" 1280 800
left=$(ls -A "$work")
if [ -n "$left" ]; then
  echo "the kiosk wrote files into its working directory: $left"
  exit 1
fi
