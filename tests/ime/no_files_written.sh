#!/usr/bin/env bash
# Anthy keeps a plain-text history of everything converted in the home
# directory (found through /etc/passwd). With Shogo's converter it must not
# write any file at all: the probe converts synthetic words under strace,
# which lists every file it opens for writing, creates, renames or removes.
set -euo pipefail
probe=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
strace -f -qq -e trace=openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,truncate,ftruncate \
  -o "$log" "$probe"
writes=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|mkdir|rename|unlink|truncate' "$log" |
  grep -v ' = -1 ' || true)
echo "files opened: $(grep -c 'open' "$log"), written: $(printf '%s' "$writes" | grep -c . || true)"
if [ -n "$writes" ]; then
  echo "written:"; echo "$writes"; exit 1
fi
