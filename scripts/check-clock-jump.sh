#!/usr/bin/env bash
# Checks the running app after a suspend-like jump of the wall clock: a
# promised callback due in two hours must be notified within 30 s after the
# clock jumps past it (the monotonic clock does not move, as in a suspend),
# and only once. Uses libfaketime, a private D-Bus session and dbus-monitor.
# Run: ./scripts/check-clock-jump.sh (after ./scripts/test.sh has built the app).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${DISPLAY:-}" ]; then
  command -v faketime >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq faketime >/dev/null; }
  exec xvfb-run -a dbus-run-session -- "$0" "$@"
fi
app=./target/debug/touchpoint
work=$(mktemp -d)
db=$work/jump.sqlite3
printf 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nTEL:+1 212 555 0199\r\nEND:VCARD\r\n' > "$work/grace.vcf"
"$app" import "$work/grace.vcf" --db "$db" >/dev/null
promise=$(date -u -d '+2 hours' '+%Y-%m-%d %H:%M')
"$app" log grace --channel call --outcome left-voicemail --hook "the renewal quote" --promise "$promise" --db "$db" >/dev/null
echo "+0" > "$work/offset"
(dunst >/dev/null 2>&1 &) || true
dbus-monitor --session "interface='org.freedesktop.Notifications',member='Notify'" > "$work/monitor.log" 2>&1 &
LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 FAKETIME_TIMESTAMP_FILE="$work/offset" \
  FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 NO_AT_BRIDGE=1 "$app" --db "$db" >/dev/null 2>&1 &
pid=$!
sleep 8
before=$(grep -c 'string "Call back' "$work/monitor.log" || true)
echo "+7260" > "$work/offset"   # the wall clock jumps 2 h 1 min forward
start=$(date +%s)
until grep -q 'string "Call back' "$work/monitor.log"; do
  [ $(( $(date +%s) - start )) -gt 45 ] && { echo "FAIL: not notified 45 s after the jump"; kill $pid; exit 1; }
  sleep 1
done
after=$(( $(date +%s) - start ))
sleep 5
total=$(grep -c 'string "Call back' "$work/monitor.log")
kill $pid
echo "before the jump: $before notifications; notified ${after} s after the jump; total: $total"
[ "$before" = 0 ] && [ "$after" -le 31 ] && [ "$total" = 1 ] && echo "clock jump: 1 passed, 0 failed"
