#!/usr/bin/env bash
# Kills `touchpoint backup` and `touchpoint restore` with SIGKILL at random
# moments (TRIALS each, default 100) and checks after every kill that the
# live database passes SQLite's integrity check and holds either the data
# from before or, after a restore, the restored data, never a mix; and that
# every backup listed (a file named *.sqlite3 in the backup folder) is a
# complete, sound copy: a copy cut short only ever exists as *.partial.
# Run: ./scripts/crash-backup-restore.sh [TRIALS] (after the app is built;
# the test command runs it). Needs python3 (the setup installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-100}
app=${TOUCHPOINT_BIN:-${CARGO_TARGET_DIR:-./target}/debug/touchpoint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
live=$work/live.sqlite3
pristine=$work/pristine.sqlite3
other=$work/other.sqlite3

# A file big enough that copying it takes a while: 20,000 contacts with
# 100,000 touches. The restore source keeps only the first 5,000.
"$app" contacts list --db "$live" >/dev/null
python3 - "$live" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db:
    db.executemany(
        "INSERT INTO contacts (id, display_name, notes, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
        ((i, f"Person {i}", "met at the expo; wants a pilot " * 4) for i in range(1, 20001)))
    db.executemany(
        "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome, notes, created_at)"
        " VALUES (?, ?, 'call', 'outbound', 'connected', 'talked about the rollout', ?)",
        ((i % 20000 + 1, i, i) for i in range(100000)))
PY
"$app" backup -o "$pristine" --db "$live" >/dev/null
python3 - "$pristine" "$other" <<'PY'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA foreign_keys = ON")
with db:
    db.execute("DELETE FROM contacts WHERE id > 5000")
db.execute("VACUUM")
PY

check() { # $1: what was killed; $2...: the contact counts the live file may hold
  python3 - "$live" "$work/backups" "$work/verified" "$@" <<'PY'
import os, sqlite3, sys
live, folder, verified, what = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
allowed = {int(n) for n in sys.argv[5:]}
db = sqlite3.connect(live)
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
count = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
touches = db.execute("SELECT count(*) FROM touches").fetchone()[0]
db.close()
if ok != "ok" or count not in allowed or touches != {20000: 100000, 5000: 25000}[count]:
    sys.exit(f"after killing {what}: live file {ok!r}, {count} contacts, {touches} touches")
# A listed copy never changes once it has its name: each is checked once.
done = set(open(verified).read().split()) if os.path.exists(verified) else set()
for name in os.listdir(folder) if os.path.isdir(folder) else []:
    if name.endswith(".sqlite3") and name not in done:
        copy = sqlite3.connect(os.path.join(folder, name))
        sound = copy.execute("PRAGMA integrity_check").fetchone()[0]
        copy.close()
        if sound != "ok":
            sys.exit(f"after killing {what}: the listed backup {name} is {sound!r}")
        done.add(name)
open(verified, "w").write("\n".join(sorted(done)))
partial = any(n.endswith(".partial") for n in (os.listdir(folder) if os.path.isdir(folder) else []))
print(count, "partial" if partial else "")
PY
}

# How long a whole run takes here, in ms: kills land anywhere inside it.
duration_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

kill_at_random() { # $1: the window in ms; runs the rest and kills it in that window
  local window=$1
  shift
  "$@" >/dev/null 2>&1 &
  local pid=$!
  # Up to a third past the usual end, so some runs finish before the kill.
  local ms=$((RANDOM * 32768 + RANDOM))
  ms=$((ms % (window * 4 / 3)))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

reset_live() {
  rm -f "$live" "$live-wal" "$live-shm"
  cp "$pristine" "$live"
}

reset_live
backup_ms=$(duration_ms "$app" backup --db "$live")
reset_live
restore_ms=$(duration_ms "$app" restore "$other" --db "$live")
echo "a backup takes ${backup_ms} ms here, a restore ${restore_ms} ms: kills land within those"
reset_live
cut_short=0
for ((i = 1; i <= trials; i++)); do
  rm -f "$work"/backups/*.partial # what the next copy would clear: count this kill's own
  kill_at_random "$backup_ms" "$app" backup --db "$live"
  seen=$(check "backup (trial $i)" 20000)
  [[ $seen == *partial* ]] && cut_short=$((cut_short + 1))
done
echo "backup: $trials kills ($cut_short while a copy was being written), the live file and every listed copy sound"

restored=0
for ((i = 1; i <= trials; i++)); do
  reset_live
  kill_at_random "$restore_ms" "$app" restore "$other" --db "$live"
  seen=$(check "restore (trial $i)" 20000 5000)
  [[ $seen == 5000* ]] && restored=$((restored + 1))
done
echo "restore: $trials kills, the live file always whole: $((trials - restored)) times the old data, $restored times the restored"
