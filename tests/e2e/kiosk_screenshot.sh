#!/usr/bin/env bash
# e2e: shogo-kiosk, full screen in a real X server (Xvfb, Mesa), is driven to
# the name-check screen and writes a PNG read back with glReadPixels.
set -euo pipefail
kiosk=$1 check=$2 out=$3 screen=${4:-name-check}
png="$out/kiosk-$screen.png"
rm -f "$png"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$kiosk" --goto "$screen" --screenshot "$png" --frames 5 --print-startup-time
"$check" "$png" 1280 800
