//! The heavy user's day, measured (issue 19): a realistic database of
//! 100,000 contacts with notes and tags, 1,000,000 touches over three
//! years, 100,300 open follow-ups (1,000 overdue, 300 promised callbacks);
//! for each view, the core's time next to the floor's (the least
//! hand-written SQL for the same rows, same file, same pragmas); then the
//! import of 100,000 vCards into a fresh file.
//!
//! Run: `cargo bench -p touchpoint-core --bench heavy`. Smaller and quicker:
//! `HEAVY_CONTACTS=20000 HEAVY_IMPORT=5000 HEAVY_RUNS=10 cargo bench …`
//! (`HEAVY_IMPORT=0` skips the import, `HEAVY_RUNS=0` runs only the
//! import). The database is built once per size and schema version under
//! the target folder and reused. It prints figures; the one thing it
//! asserts is that each search's floor returns the core's rows.
//! `HEAVY_DB_ONLY=/some/file.sqlite3` only writes that database, as of the
//! system's clock, and exits: scripts/bench-start.sh opens it in the real
//! app, which runs on the system's clock. `HEAVY_ONLY=search` measures only
//! the operations whose name holds that text (and skips the import);
//! `HEAVY_KEYSTROKES=1` adds a line per keystroke searched.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]

mod build;
mod data;
mod floor;
mod import;
mod measure;
mod search;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use touchpoint_core::{
    Channel, ContactQuery, Database, Direction, ManualClock, NextStep, Outcome, SCHEMA_VERSION,
    Settings, TouchInput,
};

use measure::{Line, sample};

/// What `Database::open` sets, for the floor's connection.
pub const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
     PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;";

/// Bump when the made-up book or an unreleased migration changes, so the
/// cached file is rebuilt.
const GENERATION: u32 = 3;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let contacts = env("HEAVY_CONTACTS", 100_000);
    let imported = env("HEAVY_IMPORT", contacts);
    let runs = usize::try_from(env("HEAVY_RUNS", 30)).unwrap();
    // Monday 2026-11-23, noon in New York.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap();
    if let Some(path) = std::env::var_os("HEAVY_DB_ONLY") {
        let start = Instant::now();
        build::build(std::path::Path::new(&path), contacts, Utc::now());
        println!("built in {:.1} s", start.elapsed().as_secs_f64());
        return;
    }
    if runs == 0 {
        import::run(imported, now).print();
        return;
    }
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "heavy-{contacts}-schema{SCHEMA_VERSION}-gen{GENERATION}.sqlite3"
    ));
    if !cache.exists() {
        let start = Instant::now();
        build::build(&cache, contacts, now);
        println!(
            "built {} in {:.1} s",
            cache.display(),
            start.elapsed().as_secs_f64()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("heavy.sqlite3");
    std::fs::copy(&cache, &work).unwrap();
    let mut db = Database::open(&work, Arc::new(ManualClock::new(now))).unwrap();
    let mut floor = floor::Floor::open(&work, now);
    let only = std::env::var("HEAVY_ONLY").unwrap_or_default();
    let wants = |what: &str| what.contains(only.as_str());
    let mut lines = Vec::new();
    let mut line = |what: &str, rows: String, core, floor, goal| {
        lines.push(Line {
            what: what.to_owned(),
            rows,
            core,
            floor,
            goal,
        });
    };

    if wants("Today (all rows)") {
        let today = db.today().unwrap();
        let shown = today.promised.len()
            + today.overdue.len()
            + today.due_now.len()
            + today.later_today.len()
            + today.tomorrow.len();
        let core = sample(runs, |_| db.today().unwrap());
        line(
            "Today (all rows)",
            shown.to_string(),
            core,
            sample(runs, |_| floor.today()),
            "≤ 5 ms",
        );
    }

    if wants("Today first screen") {
        let page = db.today_page(20).unwrap();
        let c = page.counts;
        let counted = c.promised + c.overdue + c.due_now + c.later_today + c.tomorrow;
        let core = sample(runs, |_| db.today_page(20).unwrap());
        let fl = sample(runs, |_| floor.today_page(20));
        line(
            "Today first screen (20 a part + counts)",
            format!("≤ 100 of {counted}"),
            core,
            fl,
            "≤ 5 ms",
        );
    }

    if wants("due list") {
        let until = now + Duration::days(1);
        // The window reads the due list a page at a time.
        let total = db.due_total(until).unwrap();
        let core = sample(runs, |_| db.due_page(until, 0, 50).unwrap());
        let fl = sample(runs, |_| floor.due_page(until, 50));
        line(
            "due list page (50 + total)",
            format!("50 of {total}"),
            core,
            fl,
            "≤ 5 ms",
        );
    }

    // The hour opens on its queue and the first contact's card; each next
    // card is read when the hour reaches it.
    if wants("follow-up hour") {
        let queue = db.followup_hour_list().unwrap();
        let card = |db: &Database, i: usize| {
            let item = &queue[i % queue.len()];
            db.followup_hour_card(item.contact_id, item.reason, item.followup_id)
                .unwrap()
        };
        let core = sample(runs, |_| {
            let list = db.followup_hour_list().unwrap();
            (card(&db, 0), list)
        });
        let week_end = build_week_end(now);
        let silent = i64::from(Settings::default().reengage_after_days);
        let first = (queue[0].contact_id, queue[0].followup_id);
        let fl = sample(runs, |_| {
            floor.hour_queue(silent, week_end) + floor.hour_card(first.0, first.1)
        });
        line(
            "follow-up hour: queue + first card",
            format!("{} + 1", queue.len()),
            core,
            fl,
            "≤ 20 ms",
        );
        let core = sample(runs, |i| card(&db, i + 1));
        let fl = sample(runs, |i| {
            let item = &queue[(i + 1) % queue.len()];
            floor.hour_card(item.contact_id, item.followup_id)
        });
        line("follow-up hour: next card", "1".into(), core, fl, "≤ 20 ms");
    }

    for (what, from, days, per_day, goal) in [
        (
            "calendar week (120 a day)",
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            7,
            120,
            "≤ 5 ms",
        ),
        (
            "calendar month (4 a day)",
            NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
            42,
            4,
            "≤ 10 ms",
        ),
    ] {
        if !wants(what) {
            continue;
        }
        let to = from + Duration::days(days);
        let range = db.calendar(from, to, per_day).unwrap();
        let items: usize = range.days.iter().map(|d| d.items.len()).sum();
        let count: u32 = range.days.iter().map(|d| d.count).sum();
        let core = sample(runs, |_| db.calendar(from, to, per_day).unwrap());
        let fl = sample(runs, |_| floor.calendar(from, to, per_day));
        let rows = format!("{items} of {count}, lane {}", range.overdue.len());
        line(what, rows, core, fl, goal);
    }

    if wants("search per keystroke") {
        let each = std::env::var_os("HEAVY_KEYSTROKES").is_some();
        for l in search::lines(&db, &floor, runs, each) {
            line(&l.what, l.rows, l.core, l.floor, l.goal);
        }
    }

    if wants("contact list first page") {
        let first = ContactQuery::default();
        let total = db.list_contacts(&first).unwrap().total;
        let core = sample(runs, |_| db.list_contacts(&first).unwrap());
        line(
            "contact list first page",
            format!("100 of {total}"),
            core,
            sample(runs, |_| floor.list()),
            "≤ 3 ms",
        );
    }

    if wants("log a touch") {
        let next = now + Duration::days(7);
        let core = sample(runs, |i| {
            db.log_touch(&TouchInput {
                contact_id: i64::try_from(contacts / 5).unwrap() + i64::try_from(i).unwrap(),
                channel: Channel::Call,
                direction: Direction::Outbound,
                outcome: Outcome::Connected,
                notes: "Talked it through.".into(),
                hook: String::new(),
                objections: Vec::new(),
                happened_at: None,
                next: NextStep::At {
                    when: "2026-11-30 10:00".into(),
                    channel: Channel::Email,
                    prompt: String::new(),
                },
                promise: None,
            })
            .unwrap();
        });
        let fl = sample(runs, |i| {
            floor.log_touch(
                i64::try_from(contacts / 2).unwrap() + i64::try_from(i).unwrap(),
                next,
            );
        });
        line(
            "log a touch with next step (fsync)",
            "1".into(),
            core,
            fl,
            "≤ 10 ms",
        );
    }

    println!(
        "\n{contacts} contacts, {} touches, release build, {runs} runs each\n",
        contacts * 10
    );
    measure::print(&lines);
    if imported > 0 && only.is_empty() {
        import::run(imported, now).print();
    }
}

/// Next Monday's midnight in New York: the end of the user's week.
fn build_week_end(now: chrono::DateTime<Utc>) -> i64 {
    use chrono::Datelike;
    let today = now
        .with_timezone(&chrono_tz::America::New_York)
        .date_naive();
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    chrono_tz::America::New_York
        .from_local_datetime(&monday.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .timestamp_millis()
}
