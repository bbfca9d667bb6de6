#!/usr/bin/env bash
# Start-up time and memory on a heavy user's database (issue 19), next to a
# hello-world Tauri app (benches/hello-tauri: same tauri, features and
# release profile). Builds both in release and the heavy database (as of
# the system's clock, since the release app runs on it; kept under the
# target folder for the day), then runs the two apps in turn:
# - start: from spawning the process to the window saying its first view
#   (Today; hello-world's one line) has painted: each page reports after the
#   frame that shows it (two requestAnimationFrame), on stderr;
# - memory: after the paint and a settle time, the proportional set size
#   (PSS, /proc/PID/smaps_rollup) summed over the app and every process
#   under it (WebKit's web and network processes), and the RSS likewise.
# "Cold" here is a fresh process (and a fresh WebKit) each run, with the
# binaries and the database file read through the OS cache: dropping the
# page cache needs root and would measure the disk. One run of each app
# before the measured ones warms that cache. Every run of Touchpoint is the
# day's first start: the backups beside the database are removed before it,
# so the start-up backup runs as it does each morning.
#
# Usage: ./scripts/bench-start.sh [runs]   (default 7; medians printed)
# BENCH_START_CONTACTS (default 100000; the touches are ten times that),
# BENCH_START_SETTLE seconds after the paint before memory is read (3),
# BENCH_START_DB a database to open instead (copied; built there if missing).
# Runs itself under xvfb-run and dbus-run-session when there is no display.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- "$0" "$@"
fi
runs=${1:-7}
contacts=${BENCH_START_CONTACTS:-100000}
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
export CARGO_TARGET_DIR=$target

./scripts/build-ui.sh
# Together, so the two share every dependency and feature.
cargo build --release -p touchpoint -p hello-tauri --bins

heavy=${BENCH_START_DB:-}
if [ -z "$heavy" ]; then
  heavy="$target/start-bench/heavy-$contacts-$(date +%F).sqlite3"
  # Yesterday's book: the app would find a day of next steps overdue.
  [ -f "$heavy" ] || rm -f "$target"/start-bench/heavy-"$contacts"-*
fi
if [ ! -f "$heavy" ]; then
  mkdir -p "$(dirname "$heavy")"
  HEAVY_DB_ONLY="$heavy" HEAVY_CONTACTS="$contacts" cargo bench -p touchpoint-core --bench heavy
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$heavy" "$work/heavy.sqlite3"
python3 - "$runs" "${BENCH_START_SETTLE:-3}" "$work" "$contacts" \
  "$target/release/touchpoint" "$target/release/hello-tauri" <<'PY'
import os, select, signal, statistics, subprocess, sys, threading, time

runs, settle, work, contacts = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
apps = {"hello-world": [sys.argv[6]], "Touchpoint": [sys.argv[5]]}
db = os.path.join(work, "heavy.sqlite3")
backups = os.path.join(work, "backups")
MARKER = b"first view painted"


def children():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        kids.setdefault(ppid, []).append(int(pid))
    return kids


def tree(root):
    kids, out, todo = children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def kib(pid, path, field):
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(name):
    home = os.path.join(work, "home", name)
    env = dict(os.environ, HOME=home, TOUCHPOINT_DB=db, TOUCHPOINT_LOG="debug",
               TOUCHPOINT_LOG_DIR=os.path.join(work, "logs"))
    for var, sub in [("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")]:
        env[var] = os.path.join(home, sub)
        os.makedirs(env[var], exist_ok=True)
    if name == "Touchpoint" and os.path.isdir(backups):
        subprocess.run(["rm", "-rf", backups], check=True)
    start = time.monotonic()
    app = subprocess.Popen(apps[name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, painted = b"", None
    while painted is None:
        left = start + 60 - time.monotonic()
        if left <= 0 or not select.select([app.stderr], [], [], left)[0]:
            break
        chunk = os.read(app.stderr.fileno(), 65536)
        if not chunk:
            break
        seen += chunk
        if MARKER in seen:
            painted = time.monotonic() - start
    if painted is None:
        app.kill()
        sys.exit(f"{name} did not say it painted within 60 s; it said:\n{seen.decode(errors='replace')}")
    # Keep reading, so the app never blocks on a full pipe.
    threading.Thread(target=lambda: app.stderr.read(), daemon=True).start()
    time.sleep(settle)
    pids = tree(app.pid)
    pss = sum(kib(p, "smaps_rollup", "Pss:") for p in pids) / 1024
    rss = sum(kib(p, "status", "VmRSS:") for p in pids) / 1024
    app.send_signal(signal.SIGTERM)
    try:
        app.wait(10)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()
    for pid in pids[1:]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return painted * 1000, pss, rss, len(pids)


for name in apps:
    run(name)  # warms the OS cache; not counted
figures = {name: [] for name in apps}
for i in range(runs):
    for name in apps:
        figures[name].append(run(name))

med = {name: [statistics.median(f[k] for f in rows) for k in range(3)] for name, rows in figures.items()}
print(f"\nstart to first view painted, and memory of the whole process tree "
      f"({runs} runs each, medians; {contacts} contacts; settle {settle:g} s)\n")
print(f"{'':12} {'start ms':>9} {'min-max ms':>13} {'PSS MB':>8} {'RSS MB':>8} {'processes':>9}")
for name, rows in figures.items():
    ms = [r[0] for r in rows]
    print(f"{name:12} {med[name][0]:9.0f} {min(ms):6.0f}-{max(ms):<6.0f} {med[name][1]:8.0f} "
          f"{med[name][2]:8.0f} {rows[0][3]:9d}")
h, t = med["hello-world"], med["Touchpoint"]
print(f"\nstart: {t[0] / h[0]:.2f}x hello-world (goal <= 1.2x)")
print(f"memory: +{t[1] - h[1]:.0f} MB PSS, +{t[2] - h[2]:.0f} MB RSS over hello-world (goal <= +60 MB)")
print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
PY
