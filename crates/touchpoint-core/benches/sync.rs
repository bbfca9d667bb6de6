//! Sync at scale with a real CardDAV/CalDAV server: the first sync of
//! 10,000 contacts and their 10,000 follow-ups (the import plans each one's
//! first touch) up from one machine and down to another, a sync with
//! nothing to do, and one with a single change each way (the aims: first
//! sync at most 60 s, a one-change sync at most 1 s). No touches are logged,
//! so none travel.
//!
//! Run: `./scripts/bench-sync.sh` (it starts a local Radicale and runs this
//! with `SYNC_BENCH_URL`, `_USER`, `_PASSWORD`); add a count for another
//! size: `./scripts/bench-sync.sh 2000`. It prints figures and asserts only
//! that each sync went through without a problem.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use touchpoint_core::{
    ContactFields, Database, DuplicateAction, Email, ManualClock, ParsedRecord, Phone,
    RecordPosition, SyncReport,
};

fn timed(what: &str, sync: impl FnOnce() -> SyncReport) {
    let started = Instant::now();
    let report = sync();
    println!(
        "{what:<34} {:>8.2} s   cards sent {}, received {}; follow-ups sent {}, received {}; touches sent {}, received {}",
        started.elapsed().as_secs_f64(),
        report.sent,
        report.received,
        report.followups.sent,
        report.followups.received,
        report.touches.sent,
        report.touches.received
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

fn main() {
    let var = |name: &str| std::env::var(name).expect("run it with ./scripts/bench-sync.sh");
    let (url, user, password) = (
        var("SYNC_BENCH_URL"),
        var("SYNC_BENCH_USER"),
        var("SYNC_BENCH_PASSWORD"),
    );
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
    ));
    let mut a = Database::open(&dir.path().join("a.sqlite3"), clock.clone()).unwrap();
    let mut b = Database::open(&dir.path().join("b.sqlite3"), clock).unwrap();

    let records = (0..count)
        .map(|i| {
            ParsedRecord::plain(
                RecordPosition::Card(i + 1),
                Ok(ContactFields {
                    display_name: format!("Contact {i:05} Example"),
                    company: format!("Company {}", i % 700),
                    title: "Buyer".into(),
                    emails: vec![Email {
                        label: "work".into(),
                        address: format!("contact{i}@example.com"),
                    }],
                    phones: vec![Phone {
                        label: "work".into(),
                        number: format!("+1 415 555 {:04}", i % 10_000),
                        e164: None,
                    }],
                    notes: "Met at the spring fair; wants a quote for the autumn order.".into(),
                    tags: vec!["fair".into()],
                    ..ContactFields::default()
                }),
            )
        })
        .collect();
    let preview = a.preview_import(records, &mut |_, _| {}).unwrap();
    a.commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
        .unwrap();
    println!("{count} contacts and their first touches on machine A; server {url}");

    timed("first sync, A up", || {
        a.sync_contacts(&url, &user, &password).unwrap()
    });
    timed("first sync, B down", || {
        b.sync_contacts(&url, &user, &password).unwrap()
    });
    timed("sync with nothing to do (A)", || {
        a.sync_contacts(&url, &user, &password).unwrap()
    });
    let one = a.all_contacts().unwrap().into_iter().next().unwrap();
    let mut fields = one.fields;
    fields.title = "Head of Purchasing".into();
    a.update_contact(one.id, &fields).unwrap();
    timed("one change, A up", || {
        a.sync_contacts(&url, &user, &password).unwrap()
    });
    timed("one change, B down", || {
        b.sync_contacts(&url, &user, &password).unwrap()
    });
}
