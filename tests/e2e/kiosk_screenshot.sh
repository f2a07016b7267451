#!/usr/bin/env bash
# e2e: shogo-kiosk, full screen in a real X server (Xvfb, Mesa), is driven to
# a screen and writes a PNG read back with glReadPixels. It runs in an empty
# working directory, which must stay empty but for the PNG: no imgui.ini, no
# log, nothing else written.
set -euo pipefail
kiosk=$1 check=$2 out=$3 screen=${4:-name-check}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
png="$out/kiosk-$screen.png"
rm -f "$png"
(cd "$work" && xvfb-run -a -s "-screen 0 1280x800x24" \
  "$kiosk" --goto "$screen" --screenshot "$png" --frames 5 --print-startup-time)
"$check" "$png" 1280 800
left=$(ls -A "$work")
if [ -n "$left" ]; then
  echo "the kiosk wrote files into its working directory: $left"
  exit 1
fi
