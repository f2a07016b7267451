#!/usr/bin/env bash
# Without a display the kiosk says so in plain words, names the Xvfb command,
# and exits with status 3 (not a crash).
set -uo pipefail
kiosk=$1
err=$(env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" 2>&1 >/dev/null)
status=$?
echo "$err"
[ "$status" -eq 3 ] || { echo "expected exit status 3, got $status"; exit 1; }
grep -q "No display was found" <<<"$err" || { echo "no plain message"; exit 1; }
grep -q "xvfb-run" <<<"$err" || { echo "no Xvfb command"; exit 1; }
