#!/usr/bin/env bash
# e2e: a kiosk stopped by SIGTERM (systemd stopping the service) closes its
# sitting and records it. The demo manager signs in, the kiosk runs full
# screen under Xvfb, gets SIGTERM, must exit 0 within 10 s, and the audit log
# must then end with a `close` whose reason is `terminated`.
set -euo pipefail
kiosk=$1 admin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vault="$work/vault"
"$admin" demo --vault "$vault" >/dev/null
pidfile="$work/pid"
# xvfb-run starts the kiosk through bash so that its own pid is known.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c \
  'echo $$ > "$1"; exec "$2" --vault "$3" --sign-in "髙木 誠" --passphrase-fd 3 3<<<"demo-manager-1"' \
  bash "$pidfile" "$kiosk" "$vault" 2>"$work/stderr" &
runner=$!
for _ in $(seq 100); do [ -s "$pidfile" ] && break; sleep 0.1; done
kiosk_pid=$(cat "$pidfile")
# Until the sitting is open: the sign-in event is in the log.
sleep 3
kill -TERM "$kiosk_pid"
status=0
for _ in $(seq 100); do kill -0 "$kiosk_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$kiosk_pid" 2>/dev/null; then
  echo "the kiosk did not exit within 10 s of SIGTERM"
  kill -KILL "$kiosk_pid"
  exit 1
fi
wait "$runner" || status=$?
if [ "$status" -ne 0 ]; then
  echo "the kiosk exited with $status after SIGTERM"; cat "$work/stderr"; exit 1
fi
grep -q "stopped by signal 15" "$work/stderr" || { echo "no stop message"; cat "$work/stderr"; exit 1; }
last=$("$admin" audit export --vault "$vault" --as "髙木 誠" --passphrase-fd 3 --format jsonl \
  3<<<"demo-manager-1" | grep '"actor":"髙木 誠"' | grep '"action":"close"' | tail -1)
case "$last" in
  *'reason=terminated'*) echo "ok: $last" ;;
  *) echo "no close with reason=terminated by the manager; last close: $last"; exit 1 ;;
esac
