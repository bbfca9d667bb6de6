#!/usr/bin/env bash
# Kills the real `touchpoint` binary with SIGKILL at random moments (TRIALS
# per kind, default 50) and checks the database after every kill: what a
# crash leaves must be what the app promises with WAL and synchronous=FULL:
# every write acknowledged (exit 0) is there, no write is ever half there,
# the file is sound, and the binary opens it again.
#
#  writes:     a loop of `touchpoint log` (4 touches), `contacts delete` and
#              `undo` on one database, the loop and the binary killed at
#              once. Every write that exited 0 must be there (each touch is
#              named by its notes), nothing else but the one in flight,
#              nothing twice; a touch always comes with last_touch_at, the
#              follow-up it closed, the next step it scheduled and its undo
#              entry; a deleted contact always with its undo entry; one
#              brought back exactly as it was; every contact with its search
#              row and one next step. The next trial's writes open what the
#              kill left.
#  imports:    `touchpoint import` of CARDS new cards (default 500): the
#              contacts are the ones from before or all of them (an import
#              is one transaction), with their search rows, e-mails, first
#              follow-ups and undo entry; an import that exited 0 is all
#              there; the binary opens what the kill left and lists as many.
#  migrations: opening (`contacts list`) a version-1 database of
#              MIGRATE_CONTACTS contacts (default 300; built from
#              001_contacts.sql as the core's tests do), which backs it up
#              and upgrades it one migration per transaction. The file is at
#              version 1 or a later one, with exactly that version's schema
#              (the migrations' SQL run in an empty database) and data (as an
#              uncut upgrade leaves it, migration 2's Rust backfill
#              included); opening it again succeeds and ends at the current
#              version with every contact; every backup listed is a sound
#              copy of the version-1 file.
#  backups and restores: scripts/crash-backup-restore.sh.
#
# Where the kills land: a transaction stays in memory until it commits, and
# a commit or a checkpoint takes a millisecond or so, so timed kills alone
# seldom cut one. Odd trials kill at a random time in a measured run; even
# ones when the write-ahead log reaches a random size (while a commit is
# written, or before or while it is checkpointed) or, for migrations, just
# after a random version from 2 on was committed (seen by a reader); the
# last trial of each kind kills when the log holds only its 32-byte header
# (synced before the first frame is written).
#
# After every kill a copy of the files as left passes PRAGMA integrity_check
# and FTS5's own check of the search index. The figures come one line per
# kind; the exit status is non-zero on any loss, partial write, corruption,
# failure of the binary to open the file again, or other failure; the files
# a failing trial left are kept (the path is printed).
# The cards carry no phone numbers: in a debug build the first number read
# costs ~0.5 s, which would triple the time of an undo or an import; the
# version-1 contacts do, for migration 2's backfill.
# Run: ./scripts/crash-durability.sh [TRIALS] (after the app is built; 2-3
# minutes with 50 on 2 idle cores). SEED=n repeats the same choices of kill
# times; CARDS and MIGRATE_CONTACTS size the runs. Needs python3 and setsid.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-50}
cards=${CARDS:-500}
migrate_contacts=${MIGRATE_CONTACTS:-300}
app=${TOUCHPOINT_BIN:-${CARGO_TARGET_DIR:-./target}/debug/touchpoint}
if [[ ! -x $app ]]; then
  echo "no binary at $app: build the app first (cargo build)" >&2
  exit 2
fi
app=$(cd "$(dirname "$app")" && pwd)/$(basename "$app")
migrations=$PWD/crates/touchpoint-core/src/db/migrations
seed=${SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$seed
echo "seed $seed (SEED=$seed repeats these kill delays)"

# The interpreter itself: a version manager's shim costs ~0.1 s a call.
python=$(python3 -c 'import sys; print(sys.executable)')
work=$(mktemp -d)
writer_pid=
# shellcheck disable=SC2317 # run by the trap
cleanup() {
  if [[ -n $writer_pid ]]; then kill -9 -- "-$writer_pid" 2>/dev/null || true; fi
  local job
  for job in $(jobs -p); do kill -9 "$job" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
check=$work/check.py

cat >"$check" <<'PY'
"""The checks: python3 check.py KIND ARGS..., one line of figures out."""
import glob, hashlib, json, os, re, sqlite3, sys

def connect(path):
    return sqlite3.connect(path, isolation_level=None)

def as_left(path):
    """A copy of the database and its logs as the kill left them. Opening
    it recovers the log and closing it checkpoints: done on the copy, the
    binary's next open still meets the files the kill left."""
    import shutil
    scratch = os.path.join(os.environ["SCRATCH"], "as-left")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    copy = os.path.join(scratch, "touchpoint.sqlite3")
    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(path + suffix):
            shutil.copyfile(path + suffix, copy + suffix)
    return copy

def rows(db, sql, *args):
    return db.execute(sql, args).fetchall()

def corrupt(db):
    """None when SQLite finds the file sound, else what it found."""
    try:
        found = rows(db, "PRAGMA integrity_check")
    except sqlite3.DatabaseError as e:
        return f"cannot be read: {e}"
    if found != [("ok",)]:
        return f"integrity_check: {found[:5]}"
    # The full-text index is not covered by integrity_check: FTS5 checks its own.
    if rows(db, "SELECT 1 FROM sqlite_schema WHERE name = 'contact_search'"):
        try:
            db.execute("INSERT INTO contact_search (contact_search) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as e:
            return f"the search index: {e}"
    return None

def digest(db, table):
    got = sorted(repr(r) for r in rows(db, f'SELECT * FROM "{table}"'))
    return hashlib.sha256("\n".join(got).encode()).hexdigest()

def schema(db):
    return sorted(rows(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"))

def problems_everywhere(db):
    """The invariants every write keeps, on a database that holds only
    prospects (so each has exactly one open next step)."""
    bad = []
    def expect_none(what, sql):
        found = rows(db, sql)
        if found:
            bad.append(f"{what}: {found[:5]}")
    expect_none("foreign keys broken", "PRAGMA foreign_key_check")
    expect_none("last_touch_at is not the newest touch's time (contact, stored, newest)",
        """SELECT c.id, c.last_touch_at, max(t.happened_at) FROM contacts c
           LEFT JOIN touches t ON t.contact_id = c.id GROUP BY c.id
           HAVING c.last_touch_at IS NOT max(t.happened_at)""")
    expect_none("contacts without exactly one open next step (contact, open ones)",
        """SELECT c.id, (SELECT count(*) FROM followups f WHERE f.contact_id = c.id
                         AND f.status = 'open' AND f.kind <> 'promise') AS n
           FROM contacts c WHERE n <> 1""")
    expect_none("outbound touches whose follow-up was not closed with them",
        """SELECT t.id, t.followup_id FROM touches t LEFT JOIN followups f ON f.id = t.followup_id
           WHERE t.direction = 'outbound'
             AND (f.id IS NULL OR f.status <> 'done' OR f.closed_at IS NOT t.created_at)""")
    expect_none("next steps marked done by no touch",
        """SELECT f.id FROM followups f WHERE f.status = 'done' AND f.kind <> 'promise'
           AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.followup_id = f.id)""")
    expect_none("contacts whose newest touch did not schedule their open next step",
        """SELECT t.contact_id, max(t.created_at) AS m FROM touches t GROUP BY t.contact_id
           HAVING NOT EXISTS (SELECT 1 FROM followups f WHERE f.contact_id = t.contact_id
                              AND f.status = 'open' AND f.kind <> 'promise' AND f.created_at = m)""")
    people = {r[0] for r in rows(db, "SELECT id FROM contacts")}
    indexed = {r[0] for r in rows(db, "SELECT rowid FROM contact_search")}
    if people != indexed:
        bad.append(f"search rows out of step: {sorted(people - indexed)[:5]} lack one, "
                   f"{sorted(indexed - people)[:5]} have one without a contact")
    # Each logged touch is journaled with it (its undo deletes it), and the
    # journal keeps the newest actions: the touches it names are the newest.
    named = []
    for label, steps in rows(db, "SELECT label, steps FROM undo_journal WHERE label LIKE 'Logged a touch%'"):
        ids = [m for step in json.loads(steps)
               for m in re.findall(r'^DELETE FROM main\."touches" WHERE "id" = (\d+)$', step)]
        if len(ids) != 1:
            bad.append(f"undo entry {label!r} removes {len(ids)} touches")
        named += map(int, ids)
    newest = [r[0] for r in rows(db, "SELECT id FROM touches ORDER BY id DESC LIMIT ?", len(named))]
    if sorted(named) != sorted(newest):
        bad.append(f"the undo journal names touches {sorted(named)[-5:]}, the newest are {sorted(newest)[-5:]}")
    return bad

def pawn_rows(db, pawn):
    out = {}
    for table, key in [("contacts", "id"), ("contact_emails", "contact_id"),
                       ("contact_phones", "contact_id"), ("contact_tags", "contact_id"),
                       ("enrolments", "contact_id"), ("followups", "contact_id")]:
        out[table] = sorted(repr(r) for r in rows(db, f"SELECT * FROM {table} WHERE {key} = ?", pawn))
    out["contact_search"] = [repr(r) for r in rows(db, "SELECT rowid, * FROM contact_search WHERE rowid = ?", pawn)]
    return out

def writes_start(db_path, state_path, pawn_name):
    db = connect(db_path)
    pawn = rows(db, "SELECT id FROM contacts WHERE display_name = ?", pawn_name)[0][0]
    json.dump({"pawn": pawn, "pawn_name": pawn_name, "present": True,
               "snapshot": pawn_rows(db, pawn), "known": []}, open(state_path, "w"))
    print(pawn)

def writes(db_path, state_path, ops_path):
    """After a kill of the write loop: prints acked logs, acked deletes,
    acked undos, lost, partial, corrupt, the op in flight, whether the
    pawn is there."""
    state = json.load(open(state_path))
    ops = [line.split() for line in open(ops_path).read().splitlines()] if os.path.exists(ops_path) else []
    done = {seq: op for kind, op, seq, *_ in ops if kind == "ok"}
    ended = {seq for kind, op, seq, *_ in ops if kind in ("ok", "fail")}
    started = [(op, seq) for kind, op, seq, *_ in ops if kind == "go"]
    in_flight = started[-1] if started and started[-1][1] not in ended else None
    # An op that failed (counted by the caller) may or may not have written.
    maybe = [(op, seq) for kind, op, seq, *_ in ops if kind == "fail"] + ([in_flight] if in_flight else [])
    lost, partial = [], []
    db = connect(as_left(db_path))
    broken = corrupt(db)
    if broken:
        print(f"corrupt: {broken}", file=sys.stderr)
        print(sum(op == "log" for op in done.values()), sum(op == "del" for op in done.values()),
              sum(op == "undo" for op in done.values()), 0, 0, 1, "-", 0)
        return
    # Touches: the notes name the write that made them.
    present = {r[0] for r in rows(db, "SELECT notes FROM touches")}
    total = db.execute("SELECT count(*) FROM touches").fetchone()[0]
    if total != len(present):
        partial.append(f"{total} touches for {len(present)} writes: one was written twice")
    acked = {"w" + seq for seq, op in done.items() if op == "log"}
    known = set(state["known"])
    for gone in sorted((known | acked) - present):
        lost.append(f"touch {gone} is missing ({'acknowledged' if gone in acked else 'seen before'})")
    may = {"w" + seq for op, seq in maybe if op == "log"}
    for extra in sorted(present - known - acked - may):
        partial.append(f"touch {extra!r} was never written by a finished or running log")
    # The pawn: deleted and brought back by undo, over and over.
    pawn = state["pawn"]
    expected = state["present"]
    for kind, op, seq, *_ in ops:
        if kind == "ok" and op in ("del", "undo"):
            expected = op == "undo"
    allowed = {expected, not expected} if any(op in ("del", "undo") for op, _ in maybe) else {expected}
    there = bool(rows(db, "SELECT 1 FROM contacts WHERE id = ?", pawn))
    if there not in allowed:
        lost.append(f"{state['pawn_name']} is {'there' if there else 'gone'}, but the acknowledged "
                    f"deletes and undos leave it {'there' if expected else 'gone'}")
    labels = [r[0] for r in rows(db, "SELECT label FROM undo_journal ORDER BY id DESC")]
    deleted_label = f"Deleted {state['pawn_name']}"
    if there:
        if pawn_rows(db, pawn) != state["snapshot"]:
            partial.append(f"{state['pawn_name']} came back different: {pawn_rows(db, pawn)}")
        if deleted_label in labels:
            partial.append(f"{state['pawn_name']} is there but its delete is still in the undo journal")
    elif not labels or labels[0] != deleted_label:
        partial.append(f"{state['pawn_name']} is gone but the newest undo entry is {labels[:1]}")
    partial += problems_everywhere(db)
    for p in lost:
        print(f"lost: {p}", file=sys.stderr)
    for p in partial:
        print(f"partial: {p}", file=sys.stderr)
    state["known"] = sorted(present)
    state["present"] = there
    json.dump(state, open(state_path, "w"))
    ops_done = list(done.values())
    print(ops_done.count("log"), ops_done.count("del"), ops_done.count("undo"),
          len(lost), len(partial), 0, in_flight[0] if in_flight else "-", int(there))

def counts(db_path):
    db = connect(db_path)
    print(*[db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("contacts", "contact_emails", "undo_journal")])

def imports(db_path, before, before_emails, cards, rc):
    """After a kill of an import: prints whole|none, lost, partial, corrupt."""
    before, before_emails, cards, rc = map(int, (before, before_emails, cards, rc))
    db = connect(as_left(db_path))
    broken = corrupt(db)
    if broken:
        print(f"corrupt: {broken}", file=sys.stderr)
        print("-", 0, 0, 1)
        return
    lost, partial = [], []
    people = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
    emails = db.execute("SELECT count(*) FROM contact_emails").fetchone()[0]
    entry = db.execute("SELECT count(*) FROM undo_journal WHERE label = ?", (f"Imported {cards} cards",)).fetchone()[0]
    if people == before + cards:
        outcome = "whole"
        if emails != before_emails + cards or entry != 1:
            partial.append(f"all {cards} contacts, but {emails - before_emails} new e-mails and {entry} undo entries")
    elif people == before:
        outcome = "none"
        if rc == 0:
            lost.append(f"the import exited 0 but no contact is there")
        if emails != before_emails or entry != 0:
            partial.append(f"no new contact, but {emails - before_emails} new e-mails and {entry} undo entries")
    else:
        outcome = "mixed"
        partial.append(f"{people - before} of the {cards} cards are there")
    partial += problems_everywhere(db)
    for p in lost:
        print(f"lost: {p}", file=sys.stderr)
    for p in partial:
        print(f"partial: {p}", file=sys.stderr)
    print(outcome, len(lost), len(partial), 0)

def build_v1(path, n):
    db = connect(path)
    db.executescript(open(os.path.join(MIGRATIONS, "001_contacts.sql")).read())
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO contacts (name, company, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ((f"Renée Müller {i}" if i % 7 == 0 else f"Person {i}", f"Company {i % 300}" if i % 5 else "",
          f"p{i}@c{i % 300}.example" if i % 3 else None,
          f"+1 415 555 {i % 10000:04d}" if i % 2 else None, i, i + 1) for i in range(1, n + 1)))
    db.execute("COMMIT")
    db.execute("PRAGMA user_version = 1")
    db.close()

MIGRATIONS = os.environ["MIGRATIONS"]

def reference_schemas():
    """The schema after each version's SQL, in an empty database: what the
    binary's migrations make (the Rust backfill changes data, not schema)."""
    files = sorted(f for f in os.listdir(MIGRATIONS) if f.endswith(".sql"))
    out = {}
    db = connect(":memory:")
    for version in range(1, 100):
        mine = [f for f in files if f.startswith(f"{version:03d}_")]
        if not mine:
            break
        # 003_cadences.sql before 003_seed_cadences.sql: the schema, then its data
        for f in sorted(mine, key=lambda f: "seed" in f):
            db.executescript(open(os.path.join(MIGRATIONS, f)).read())
        out[version] = schema(db)
    return out

SKIP = re.compile(r"^(sqlite_|contact_search_|settings$)")

def tables_of(db):
    return [r[0] for r in rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table'") if not SKIP.match(r[0])]

def migrate_reference(v1_path, done_path, ref_path, contacts):
    """From the pristine version-1 file and one uncut upgrade of it."""
    v1 = connect(v1_path)
    done = connect(done_path)
    ref = {"v1": digest(v1, "contacts"), "contacts": int(contacts),
           "final": {t: digest(done, t) for t in tables_of(done)},
           "final_version": done.execute("PRAGMA user_version").fetchone()[0],
           "schemas": {str(k): v for k, v in reference_schemas().items()}}
    mismatch = [o for o in schema(done) if o not in ref["schemas"][str(ref["final_version"])]]
    if mismatch or corrupt(done):
        sys.exit(f"the uncut upgrade does not match the migrations' SQL (is the binary built from "
                 f"this tree?): {mismatch[:3]} {corrupt(done)}")
    json.dump(ref, open(ref_path, "w"))
    print(ref["final_version"], len(ref["schemas"]))

def migrate_check(db_path, ref_path, stage, rc="0", listed=""):
    """stage cut: after a kill. stage reopened: after opening it again
    (rc, and the JSON list it printed). Prints version, lost, partial,
    corrupt."""
    ref = json.load(open(ref_path))
    lost, partial = [], []
    if stage == "reopened" and rc != "0":
        partial.append(f"opening it again failed (exit {rc})")
    db = connect(as_left(db_path))
    broken = corrupt(db)
    if broken:
        print(f"corrupt ({stage}): {broken}", file=sys.stderr)
        print("-", 0, len(partial), 1)
        return
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if str(version) not in ref["schemas"]:
        partial.append(f"user_version {version} is no version")
    else:
        found, wanted = schema(db), [tuple(o) for o in ref["schemas"][str(version)]]
        if found != sorted(wanted):
            partial.append(f"version {version} with another schema: extra {[o[1] for o in found if o not in wanted]}, "
                           f"missing {[o[1] for o in wanted if o not in found]}")
        elif version == 1:
            if digest(db, "contacts") != ref["v1"]:
                lost.append("version 1, but the contacts changed")
        else:
            for t in tables_of(db):
                if digest(db, t) != ref["final"].get(t):
                    (lost if t == "contacts" else partial).append(f"version {version}: table {t} is not as an uncut upgrade leaves it")
            if db.execute("PRAGMA application_id").fetchone()[0] != 0x54506E74:
                partial.append(f"version {version} without Touchpoint's application_id")
    if stage == "reopened":
        if version != ref["final_version"]:
            partial.append(f"opened again, it stays at version {version}")
        if rc == "0" and len(json.load(open(listed))) != ref["contacts"]:
            lost.append(f"contacts list shows {len(json.load(open(listed)))} of {ref['contacts']} contacts")
    else:
        # A copy that has its name is complete: the old file, as it was.
        for copy in glob.glob(os.path.join(os.path.dirname(db_path), "backups", "*.sqlite3")):
            c = connect(f"file:{copy}?mode=ro")
            bad = corrupt(c)
            if bad or c.execute("PRAGMA user_version").fetchone()[0] != 1 or digest(c, "contacts") != ref["v1"]:
                partial.append(f"the backup {os.path.basename(copy)} is not the version-1 file: {bad}")
            c.close()
    for p in lost:
        print(f"lost ({stage}): {p}", file=sys.stderr)
    for p in partial:
        print(f"partial ({stage}): {p}", file=sys.stderr)
    print(version, len(lost), len(partial), 0)

def migrate_kill_at(app, path, version, extra_ms):
    """Runs an upgrade while reading user_version every millisecond, as the
    reminder runtime reads while the window writes; kills it with SIGKILL
    extra_ms after version `version` was first seen committed. Prints when
    that was (ms from the start; - if it ended first)."""
    import signal, subprocess, time
    version, extra = int(version), int(extra_ms) / 1000
    start = time.monotonic()
    run = subprocess.Popen([app, "contacts", "list", "--json", "--db", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = None
    while run.poll() is None:
        try:
            c = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0)
            if c.execute("PRAGMA user_version").fetchone()[0] >= version:
                seen = time.monotonic() - start
            c.close()
        except sqlite3.Error:
            pass
        if seen is not None:
            time.sleep(extra)
            run.send_signal(signal.SIGKILL)
            break
        time.sleep(0.001)
    run.wait()
    print("-" if seen is None else round(seen * 1000))

def kill_at_wal(db_path, threshold, *command):
    """Runs command in a process group of its own, watching the size of
    db_path's write-ahead log; kills the whole group with SIGKILL once the
    log has grown to `threshold` bytes (a log a kill left counts once it
    changes), or, for a threshold of 32, once it holds just its header;
    never for 0; after 20 s in any case. Prints the exit status, the largest
    size seen and the group's id."""
    import signal, subprocess, time
    threshold, wal = int(threshold), db_path + "-wal"
    def size():
        try:
            return os.stat(wal).st_size
        except OSError:
            return 0
    initial = size()
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    largest, give_up = 0, time.monotonic() + 20
    while run.poll() is None:
        now = size()
        largest = max(largest, now)
        if threshold == 32:
            hit = now == 32
        else:
            hit = threshold and now >= threshold and now != initial
        if hit or time.monotonic() > give_up:
            os.killpg(run.pid, signal.SIGKILL)
            break
        time.sleep(0.0005)
    print(run.wait(), largest, run.pid)

kind, args = sys.argv[1], sys.argv[2:]
# A check that cannot read the file counts as corruption, in the kind's line.
FAILED = {"writes": "0 0 0 0 0 1 - 1", "imports": "- 0 0 1", "migrate": "- 0 0 1"}
try:
    {"writes-start": writes_start, "writes": writes, "counts": counts, "imports": imports,
     "build-v1": lambda p, n: build_v1(p, int(n)), "migrate-reference": migrate_reference,
     "migrate-kill-at": migrate_kill_at, "kill-at-wal": kill_at_wal,
     "migrate": migrate_check}[kind](*args)
except sqlite3.DatabaseError as e:
    if kind not in FAILED:
        raise
    print(f"corrupt: {e!r}", file=sys.stderr)
    print(FAILED[kind])
PY
export MIGRATIONS=$migrations SCRATCH=$work
py() { "$python" "$check" "$@"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# A random delay in [from, to) ms, slept.
sleep_between() {
  local from=$1 to=$2 ms
  ms=$((RANDOM * 32768 + RANDOM))
  ms=$((from + ms % (to - from > 0 ? to - from : 1)))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
}

# Waits until no process of the group is still running. The binary the
# loop ran is orphaned by the kill: it stays a zombie until init reaps it,
# but a zombie holds no file or lock.
wait_group_gone() {
  local tries=0
  while ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ {f = 1} END {exit !f}' &&
    ((tries++ < 400)); do
    sleep 0.005
  done
}

status=0

# Copies the database $1 and its logs and index as the kill left them into $2.
save_left() {
  rm -rf "$2"
  mkdir -p "$2"
  local suffix
  for suffix in "" -wal -shm -journal; do
    if [[ -e $1$suffix ]]; then cp "$1$suffix" "$2/"; fi
  done
}

# The size of the write-ahead log of $1 (0 when there is none).
wal_size() {
  if [[ -e $1-wal ]]; then stat -c %s "$1-wal"; else echo 0; fi
}

# How many contacts `touchpoint contacts list` shows for the database $1.
list_count() {
  local listed
  listed=$("$app" contacts list --json --db "$1" 2>"$work/err") || return 1
  "$python" -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$listed" 2>>"$work/err"
}
kept=
keep() { # $1: a name; $2...: files to keep for a look after the run
  local name=$1
  shift
  [[ -n $kept ]] || kept=$(mktemp -d "${TMPDIR:-/tmp}/crash-durability-kept.XXXXXX")
  mkdir -p "$kept/$name"
  cp -r "$@" "$kept/$name/" 2>/dev/null || true
  echo "  kept in $kept/$name" >&2
}

### writes ###################################################################
SECONDS=0
mkdir -p "$work/w"
wdb=$work/w/touchpoint.sqlite3
"$python" - "$work/w/people.vcf" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 21):
        f.write(f"BEGIN:VCARD\nVERSION:3.0\nFN:Writer {i}\nORG:Firm {i}\nEMAIL:w{i}@firm{i}.example\nEND:VCARD\n")
    f.write("BEGIN:VCARD\nVERSION:3.0\nFN:Pawn Person\nORG:Chess Club\nEMAIL:pawn@chess.example\n"
            "NOTE:deleted and brought back\nCATEGORIES:chess,club\nEND:VCARD\n")
PY
"$app" import "$work/w/people.vcf" --db "$wdb" >/dev/null
"$app" backup -o "$work/pristine.sqlite3" --db "$wdb" >/dev/null
pawn=$(py writes-start "$wdb" "$work/w/state.json" "Pawn Person")
writers=$("$python" -c "import sqlite3,sys; print(' '.join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(\"SELECT id FROM contacts WHERE display_name LIKE 'Writer %'\")))" "$wdb")

# The loop the kill cuts: 4 touches, a delete, its undo, again and again.
# Each op is logged "go" before it starts and "ok" once it exited 0.
# shellcheck disable=SC2016 # expanded by the loop's own shell
loop='
app=$1 db=$2 ops=$3 trial=$4 pawn=$5 pawn_gone=$6 cycles=$7
shift 7
writers=("$@")
RANDOM=$trial
n=0
run() {
  local op=$1
  shift
  n=$((n + 1))
  echo "go $op $trial.$n" >>"$ops"
  if "$app" "$@" --db "$db" >/dev/null 2>>"$ops.err"; then
    echo "ok $op $trial.$n" >>"$ops"
  else
    echo "fail $op $trial.$n $?" >>"$ops"
  fi
}
if [[ $pawn_gone == 1 ]]; then run undo undo; fi
for ((c = 0; c != cycles; c++)); do
  for _ in 1 2 3 4; do
    run log log "${writers[RANDOM % ${#writers[@]}]}" --channel call --outcome connected --notes "w$trial.$((n + 1))"
  done
  run del contacts delete "$pawn"
  run undo undo
done
'
cp "$work/pristine.sqlite3" "$work/w/measure.sqlite3"
start=$(now_ms)
# shellcheck disable=SC2086 # the writer ids are words on purpose
read -r _ wal_bytes _ < <(py kill-at-wal "$work/w/measure.sqlite3" 0 \
  bash -c "$loop" loop "$app" "$work/w/measure.sqlite3" "$work/w/measure.ops" 0 "$pawn" 0 1 $writers)
cycle_ms=$(($(now_ms) - start))
if grep -q '^fail' "$work/w/measure.ops"; then
  echo "the uncut write loop failed:" >&2
  cat "$work/w/measure.ops" >&2
  exit 1
fi
# A write is in memory until it commits, and each process checkpoints its
# log into the file as it closes: a commit and a checkpoint take a
# millisecond or so. Odd trials kill at a random moment in one loop; even
# ones once the log has grown to a random size up to 3/4 of the largest a
# loop wrote: while a commit is written, or after it before or while it is
# checkpointed.
echo "writes: one loop (4 logs, a delete, an undo) takes ${cycle_ms} ms here, its largest log ${wal_bytes} bytes:" \
  "kills land within it, every other one when the log reaches 33-$((wal_bytes * 3 / 4)) bytes, the last one at its 32-byte header"

w_kills=0 w_logs_left=0 w_acked=0 w_dels=0 w_undos=0 w_lost=0 w_partial=0 w_corrupt=0 w_unopenable=0 pawn_gone=0
declare -A w_during=([log]=0 [del]=0 [undo]=0 [-]=0)
for ((i = 1; i <= trials; i++)); do
  ops=$work/w/ops.$i
  if ((i % 2 && i != trials)); then
    # shellcheck disable=SC2086
    setsid bash -c "$loop" loop "$app" "$wdb" "$ops" "$i" "$pawn" "$pawn_gone" -1 $writers &
    writer_pid=$!
    sleep_between 0 "$cycle_ms"
    kill -9 -- "-$writer_pid" 2>/dev/null || true
    wait "$writer_pid" 2>/dev/null || true
    wait_group_gone "$writer_pid"
    writer_pid=
  else
    # The last trial kills as soon as the log has its 32-byte header: while
    # the header is synced, before the first frame is written.
    threshold=$((i == trials ? 32 : 33 + (RANDOM * 32768 + RANDOM) % (wal_bytes * 3 / 4)))
    # shellcheck disable=SC2086
    read -r _ _ group < <(py kill-at-wal "$wdb" "$threshold" \
      bash -c "$loop" loop "$app" "$wdb" "$ops" "$i" "$pawn" "$pawn_gone" -1 $writers)
    wait_group_gone "$group"
  fi
  if [[ -e $ops ]] && grep -q '^fail' "$ops"; then
    # The binary could not use what an earlier kill left (a timed kill may
    # have cut the failing open short before): every later trial would
    # fail the same way.
    echo "  writes trial $i: the binary fails on the file the kills left (as of trial $((i - 1)), kept):" \
      "$(grep '^fail' "$ops" | head -1); it said: $(sort -u "$ops.err" | head -3)" >&2
    keep "writes-$((i - 1))-left-unusable" "$work/w/left"
    w_unopenable=$((w_unopenable + 1))
  fi
  rm -rf "$work/w/left"
  save_left "$wdb" "$work/w/left"
  (($(wal_size "$wdb") > 0)) && w_logs_left=$((w_logs_left + 1))
  w_kills=$((w_kills + 1))
  read -r logs dels undos lost partial corrupt during there < <(py writes "$wdb" "$work/w/state.json" "$ops")
  pawn_gone=$((1 - there))
  w_acked=$((w_acked + logs)) w_dels=$((w_dels + dels)) w_undos=$((w_undos + undos))
  w_lost=$((w_lost + lost)) w_partial=$((w_partial + partial)) w_corrupt=$((w_corrupt + corrupt))
  w_during[$during]=$((${w_during[$during]} + 1))
  if ((lost + partial + corrupt)); then
    echo "  writes trial $i: the kill came during ${during}; ops: $(tr '\n' ' ' <"$ops")" >&2
    keep "writes-$i" "$work/w/left" "$ops"
  fi
  if ((corrupt + w_unopenable)); then
    echo "  writes: stopped after trial $i" >&2
    break
  fi
done
# The binary opens what the last kill left (the others were opened by the
# next trial's writes) and lists every contact there.
if ((w_unopenable == 0)); then
  want=$((20 + 1 - pawn_gone))
  if ! listed=$(list_count "$wdb"); then
    echo "  writes: the binary cannot open what the last kill left: $(cat "$work/err")" >&2
    keep "writes-$((i - 1))-left-unusable" "$work/w/left"
    w_unopenable=$((w_unopenable + 1))
  elif [[ $listed != "$want" ]]; then
    echo "  writes: opened again after the last kill, the binary lists $listed, not $want contacts" >&2
    w_partial=$((w_partial + 1))
  fi
fi
echo "writes: $w_kills kills, $((w_acked + w_dels + w_undos)) acknowledged writes ($w_acked touches, $w_dels deletes," \
  "$w_undos undos), $w_lost lost, $w_partial partial, $w_corrupt corrupt, $w_unopenable left the binary unable to" \
  "open the file (killed during: ${w_during[log]} logs, ${w_during[del]} deletes, ${w_during[undo]} undos," \
  "${w_during[-]} between; $w_logs_left left a log to recover; ${SECONDS} s)"
((w_lost + w_partial + w_corrupt + w_unopenable == 0)) || status=1

### imports ##################################################################
SECONDS=0
mkdir -p "$work/i"
idb=$work/i/touchpoint.sqlite3
"$python" - "$work/i/cards.vcf" "$cards" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(f"BEGIN:VCARD\nVERSION:3.0\nFN:Card Person {i}\nN:Person {i};Card;;;\nORG:Firm {i}\n"
                f"TITLE:Buyer\nEMAIL;TYPE=work:card{i}@firm{i}.example\n"
                f"NOTE:met at the trade fair, booth {i}\nEND:VCARD\n")
PY
reset_import_db() {
  rm -f "$idb" "$idb-wal" "$idb-shm"
  cp "$work/pristine.sqlite3" "$idb"
}
reset_import_db
read -r before before_emails _ < <(py counts "$idb")
start=$(now_ms)
"$app" import "$work/i/cards.vcf" --dry-run --db "$idb" >/dev/null
preview_ms=$(($(now_ms) - start))
reset_import_db
start=$(now_ms)
read -r _ wal_bytes _ < <(py kill-at-wal "$idb" 0 "$app" import "$work/i/cards.vcf" --db "$idb")
import_ms=$(($(now_ms) - start))
read -r uncut _ < <(py counts "$idb")
if ((uncut != before + cards)); then
  echo "the uncut import left $uncut contacts, not $((before + cards))" >&2
  exit 1
fi
# The transaction stays in memory until it commits: the log is written in a
# few tens of ms at the end. Odd trials kill at a random moment, mostly while
# the import works (from 3/4 of the preview to an eighth of the work past the
# usual end: some finish first); even ones once the log has grown to a
# random size up to what the commit writes: in the middle of the commit.
from_ms=$((preview_ms * 3 / 4))
to_ms=$((import_ms + (import_ms - preview_ms) / 8))
echo "imports: $cards cards take ${import_ms} ms here, ${preview_ms} ms of it before writing, and a" \
  "${wal_bytes}-byte log: kills land in ${from_ms}-${to_ms} ms, every other one when the log reaches 33-${wal_bytes} bytes, the last one at its 32-byte header"
i_whole=0 i_none=0 i_torn=0 i_done=0 i_lost=0 i_partial=0 i_corrupt=0 i_unopenable=0
for ((i = 1; i <= trials; i++)); do
  reset_import_db
  if ((i % 2 && i != trials)); then
    "$app" import "$work/i/cards.vcf" --db "$idb" >/dev/null 2>&1 &
    pid=$!
    sleep_between "$from_ms" "$to_ms"
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
  else
    # The last trial kills as soon as the log has its 32-byte header.
    threshold=$((i == trials ? 32 : 33 + (RANDOM * 32768 + RANDOM) % wal_bytes))
    read -r rc _ _ < <(py kill-at-wal "$idb" "$threshold" \
      "$app" import "$work/i/cards.vcf" --db "$idb")
  fi
  ((rc == 0)) && i_done=$((i_done + 1))
  save_left "$idb" "$work/i/left"
  left_log=$(wal_size "$idb")
  read -r outcome lost partial corrupt < <(py imports "$idb" "$before" "$before_emails" "$cards" "$rc")
  case $outcome in
    whole) i_whole=$((i_whole + 1)) ;;
    none) i_none=$((i_none + 1)) && ((left_log > 0)) && i_torn=$((i_torn + 1)) ;;
  esac
  # The binary opens what the kill left (recovering its log) and lists the same.
  case $outcome in
    whole) want=$((before + cards)) ;;
    none) want=$before ;;
    *) want="?" ;;
  esac
  unopenable=0
  if ! listed=$(list_count "$idb"); then
    echo "  imports trial $i: the binary cannot open what the kill left: $(cat "$work/err")" >&2
    unopenable=1
  elif [[ $listed != "$want" ]]; then
    echo "  imports trial $i: opened again, the binary lists $listed, not $want contacts" >&2
    partial=$((partial + 1))
  fi
  i_lost=$((i_lost + lost)) i_partial=$((i_partial + partial)) i_corrupt=$((i_corrupt + corrupt))
  i_unopenable=$((i_unopenable + unopenable))
  if ((lost + partial + corrupt + unopenable)); then
    echo "  imports trial $i: exit $rc, $outcome" >&2
    keep "import-$i" "$work/i/left"
  fi
done
echo "imports: $trials kills of a $cards-card import ($i_done had exited 0 first), $i_whole times all $cards there, $i_none times none ($i_torn of them with the commit cut short in the log), $i_lost lost, $i_partial partial, $i_corrupt corrupt, $i_unopenable left the binary unable to open the file (${SECONDS} s)"
((i_lost + i_partial + i_corrupt + i_unopenable == 0)) || status=1

### migrations ###############################################################
SECONDS=0
mkdir -p "$work/m"
mdb=$work/m/touchpoint.sqlite3
py build-v1 "$work/v1.sqlite3" "$migrate_contacts"
reset_v1() {
  rm -rf "$work/m"
  mkdir -p "$work/m"
  cp "$work/v1.sqlite3" "$mdb"
}
reset_v1
start=$(now_ms)
"$app" contacts list --json --db "$mdb" >/dev/null
migrate_ms=$(($(now_ms) - start))
read -r current _ < <(py migrate-reference "$work/v1.sqlite3" "$mdb" "$work/m-ref.json" "$migrate_contacts")
# Migration 2 (with its backfill) is most of an upgrade; 3 to the last
# follow within milliseconds of each other, too few for a timed kill to hit
# often. So odd trials kill at a random moment in the run; even ones from a
# reader that watches user_version and kills 0-1 ms after it saw version K
# (K random, from 2 to the one before the last) committed.
echo "migrations: upgrading $migrate_contacts contacts from version 1 to $current takes ${migrate_ms} ms here (a backup first):" \
  "kills land in 0-$((migrate_ms * 4 / 3)) ms, every other one just after a version from 2 to $((current - 1)) is committed, the last one when the log has its 32-byte header"
declare -A m_at=()
m_lost=0 m_partial=0 m_corrupt=0 m_reopened=0 m_logs_left=0 m_unopenable=0
for ((i = 1; i <= trials; i++)); do
  reset_v1
  if ((i == trials)); then
    # The last trial kills as soon as the log has its 32-byte header.
    py kill-at-wal "$mdb" 32 "$app" contacts list --json --db "$mdb" >/dev/null
  elif ((i % 2)); then
    "$app" contacts list --json --db "$mdb" >/dev/null 2>&1 &
    pid=$!
    sleep_between 0 $((migrate_ms * 4 / 3))
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  else
    py migrate-kill-at "$app" "$mdb" $((2 + RANDOM % (current - 2))) $((RANDOM % 2)) >/dev/null
  fi
  save_left "$mdb" "$work/m-left"
  (($(wal_size "$mdb") > 0)) && m_logs_left=$((m_logs_left + 1))
  read -r cut_at lost partial corrupt < <(py migrate "$mdb" "$work/m-ref.json" cut)
  m_at[$cut_at]=$((${m_at[$cut_at]:-0} + 1))
  problems=$((lost + partial + corrupt))
  m_lost=$((m_lost + lost)) m_partial=$((m_partial + partial)) m_corrupt=$((m_corrupt + corrupt))
  rc=0
  "$app" contacts list --json --db "$mdb" >"$work/m/listed.json" 2>"$work/m/err" || rc=$?
  if ((rc != 0)); then
    echo "  migrations trial $i: the binary cannot open what the kill left: $(cat "$work/m/err")" >&2
    m_unopenable=$((m_unopenable + 1))
    problems=$((problems + 1))
    version="-" lost=0 partial=0 corrupt=0
  else
    read -r version lost partial corrupt < <(py migrate "$mdb" "$work/m-ref.json" reopened "$rc" "$work/m/listed.json")
    ((lost + partial + corrupt == 0)) && m_reopened=$((m_reopened + 1))
    problems=$((problems + lost + partial + corrupt))
  fi
  m_lost=$((m_lost + lost)) m_partial=$((m_partial + partial)) m_corrupt=$((m_corrupt + corrupt))
  if ((problems)); then
    echo "  migrations trial $i: the kill left version $cut_at, opening it again version $version" >&2
    keep "migration-$i" "$work/m-left" "$work/m"
  fi
done
found=""
for v in $(printf '%s\n' "${!m_at[@]}" | sort -n); do found+=" v$v: ${m_at[$v]},"; done
echo "migrations: $trials kills ($m_logs_left left a log to recover), left at${found%,}; $m_reopened opened again to version $current with all $migrate_contacts contacts; $m_lost lost, $m_partial partial, $m_corrupt corrupt, $m_unopenable left the binary unable to open the file (${SECONDS} s)"
((m_lost + m_partial + m_corrupt + m_unopenable == 0)) || status=1

echo "backups and restores: see scripts/crash-backup-restore.sh"
exit "$status"
