#!/usr/bin/env bash
# e2e: what a manager types at the kiosk leaves no file behind. The real
# window's typing test (a survey's title, a note with 髙橋 and 渡邉, through
# real X key events and Anthy) runs under strace, which lists every file
# opened for writing, created, renamed or removed. Allowed: the test's own
# vault directory (/tmp/shogo-test-*), the screenshots it is told to write
# (e2e-*.png, in this directory), and devices. Anything else — Anthy's
# ~/.anthy history, a cache, a log — fails the test.
set -euo pipefail
binary=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Mesa's shader cache is the GL driver's (compiled shaders, nothing typed);
# the appliance's unit turns it off as well.
MESA_SHADER_CACHE_DISABLE=true xvfb-run -a -s "-screen 0 1280x800x24" \
  strace -f -qq -y -e trace=openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,truncate \
  -o "$log" "$binary" "real window: a manager types*"
writes=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|mkdir|rename|unlink|truncate' "$log" |
  grep -v ' = -1 ' || true)
# -y prints the directory a relative name is in: unlinkat(3</tmp/shogo-test-x/vault>, "keyslots").
allowed='/tmp/shogo-(test|demo)-[^">]*|e2e-[a-z]+\.png|/dev/[^">]*'
outside=$(printf '%s\n' "$writes" |
  grep -v -E "^[0-9]+ +[a-z0-9]+\((AT_FDCWD(<[^>]*>)?, )?\"($allowed)\"" |
  grep -v -E "^[0-9]+ +[a-z0-9]+\([0-9]+<($allowed)>, " |
  grep . || true)
echo "files opened: $(grep -c 'open' "$log"), written: $(printf '%s' "$writes" | grep -c . || true)," \
  "outside the vault: $(printf '%s' "$outside" | grep -c . || true)"
if [ -n "$outside" ]; then
  echo "written outside the vault:"; echo "$outside"; exit 1
fi
