//! Insights at heavy-user scale (100,000 contacts, 1,000,000 touches over
//! three years): the time of every figure for all time (the goal: at most
//! 150 ms), for the last 90 days, of opening the largest bar, and of the
//! answer rates by weekday and hour (loaded after the figures).
//!
//! Run: `cargo bench -p touchpoint-core --bench insights` (add `-- 20000
//! 200000` for a smaller book). It prints figures and asserts nothing.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rusqlite::{Connection, params};
use touchpoint_core::{Database, InsightFigure, InsightsPeriod, ManualClock, TouchBucket};

const CHANNELS: [&str; 5] = ["call", "email", "linkedin", "sms", "meeting"];
const OUTCOMES: [&str; 6] = [
    "no_answer",
    "connected",
    "left_voicemail",
    "replied",
    "other",
    "meeting_booked",
];

/// Years of use written straight into the tables: seven prospects in ten,
/// the rest customers and past customers, one contact in twenty referred,
/// a next step for nine contacts in ten, a promise for one in five, a win
/// for about one in a hundred touches' contacts.
fn fill(path: &Path, contacts: i64, touches: i64, now_ms: i64) {
    let mut conn = Connection::open(path).unwrap();
    // A referrer may come later in the file than the contact it referred.
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut contact = tx
            .prepare(
                "INSERT INTO contacts (id, display_name, company, stage, referred_by,
                                       created_at, updated_at, last_touch_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL)",
            )
            .unwrap();
        for id in 1..=contacts {
            let stage = match id % 10 {
                0..=6 => "prospect",
                7 | 8 => "customer",
                _ => "past_customer",
            };
            let referred_by = (id % 20 == 0).then(|| (id * 7) % contacts + 1);
            let created = now_ms - 1_100 * 86_400_000 + id * 900_000;
            contact
                .execute(params![
                    id,
                    format!("Contact {id}"),
                    format!("Company {}", id % 5003),
                    stage,
                    referred_by,
                    created.min(now_ms),
                ])
                .unwrap();
        }
        let mut touch = tx
            .prepare(
                "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome,
                                      notes, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Talked about the rollout.', ?2)",
            )
            .unwrap();
        let span = 3 * 365 * 86_400_000_i64;
        for n in 0..touches {
            let at = now_ms - span + n * (span / touches);
            let contact = n % contacts + 1;
            let outcome = if n % 101 == 0 {
                "won"
            } else {
                OUTCOMES[usize::try_from(n % 6).unwrap()]
            };
            let direction = if n % 7 == 0 { "inbound" } else { "outbound" };
            touch
                .execute(params![
                    contact,
                    at,
                    CHANNELS[usize::try_from(n % 5).unwrap()],
                    direction,
                    outcome
                ])
                .unwrap();
        }
        tx.execute_batch(
            "UPDATE contacts SET last_touch_at =
                 (SELECT max(happened_at) FROM touches WHERE contact_id = contacts.id)",
        )
        .unwrap();
        let mut followup = tx
            .prepare(
                "INSERT INTO followups (contact_id, kind, step, due_on, due_at, time_zone, channel,
                                        status, kept, closed_at, created_at)
                 VALUES (?1, ?2, NULL, ?3, ?4, 'America/New_York', 'call', ?5, ?6, ?7, ?8)",
            )
            .unwrap();
        for id in 1..=contacts {
            if id % 10 != 3 {
                followup
                    .execute(params![
                        id,
                        "cadence",
                        "2026-12-10",
                        now_ms + 8 * 86_400_000,
                        "open",
                        None::<i64>,
                        None::<i64>,
                        now_ms
                    ])
                    .unwrap();
            }
            if id % 5 == 0 {
                let made = now_ms - (id % 1000) * 86_400_000;
                let due = made + 86_400_000;
                let (status, kept) = match id % 4 {
                    0 => ("done", Some(1)),
                    1 => ("done", Some(0)),
                    _ => ("open", None),
                };
                let day = chrono::DateTime::from_timestamp_millis(due)
                    .unwrap()
                    .format("%Y-%m-%d")
                    .to_string();
                let closed = (status == "done").then_some(due + 3_600_000 * (id % 30));
                followup
                    .execute(params![id, "promise", day, due, status, kept, closed, made])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut times = Vec::with_capacity(runs);
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        out = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (out.unwrap(), times[runs / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<i64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let contacts = args.first().copied().unwrap_or(100_000);
    let touches = args.get(1).copied().unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    // INSIGHTS_BENCH_DB names a file to fill once and reuse on later runs.
    let path = std::env::var_os("INSIGHTS_BENCH_DB")
        .map_or_else(|| dir.path().join("insights.sqlite3"), PathBuf::from);
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(now));
    if path.exists() {
        println!("reusing {}", path.display());
    } else {
        drop(Database::open(&path, clock.clone()).unwrap());
        let started = Instant::now();
        fill(&path, contacts, touches, now.timestamp_millis());
        println!(
            "{contacts} contacts, {touches} touches: filled in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let db = Database::open(&path, clock).unwrap();

    let (all, took) = timed(7, || db.insights(InsightsPeriod::AllTime).unwrap());
    println!(
        "insights(all time):  {:>7.1} ms median of 7 (goal <= 150 ms): {} stopped, {} won, {} promises",
        ms(took),
        all.persistence.stopped,
        all.conversion.won,
        all.promises.total.made
    );
    let (_, took) = timed(7, || db.insights(InsightsPeriod::Last90Days).unwrap());
    println!("insights(90 days):   {:>7.1} ms median of 7", ms(took));
    let figure = InsightFigure::WonOnTouch {
        bucket: TouchBucket::FifthToTwelfth,
    };
    let (listed, took) = timed(7, || {
        db.insight_contacts(InsightsPeriod::AllTime, figure)
            .unwrap()
    });
    println!(
        "contacts behind \"won on 5-12\": {:>7.1} ms median of 7 ({} contacts)",
        ms(took),
        listed.len()
    );
    let (rates, took) = timed(7, || db.answer_rates().unwrap());
    println!(
        "answer rates (all calls): {:>7.1} ms median of 7 ({} calls)",
        ms(took),
        rates.total.calls
    );
}
