#!/usr/bin/env bash
# shogo-admin must not link ImGui, GLFW or GL (design.md: the CLI is the proof
# that the core stands without the UI).
set -euo pipefail
admin=$1 nm=$2 readelf=$3
needed=$("$readelf" -d "$admin" | grep NEEDED || true)
echo "$needed"
if grep -Eiq 'glfw|libGL|libEGL|libX11|imgui' <<<"$needed"; then
  echo "shogo-admin links a UI library"; exit 1
fi
symbols=$("$nm" -C "$admin" | grep -Ec ' (T|t|U) ImGui::|ImGui_Impl|glfw[A-Z]' || true)
echo "ImGui/GLFW symbols: $symbols"
[ "$symbols" -eq 0 ]
