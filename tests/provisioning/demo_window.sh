#!/usr/bin/env bash
# ImGui's demo window is in the kiosk only when SHOGO_DEV_WINDOWS is on (dev
# preset); release builds leave it out.
set -euo pipefail
kiosk=$1 nm=$2 expect=$3
count=$("$nm" -C "$kiosk" | grep -c 'ImGui::ShowDemoWindow' || true)
echo "ImGui::ShowDemoWindow symbols: $count (expected: $expect)"
if [ "$expect" = yes ]; then [ "$count" -gt 0 ]; else [ "$count" -eq 0 ]; fi
