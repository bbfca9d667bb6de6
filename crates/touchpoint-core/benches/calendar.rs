//! Figures for the calendar with 100,000 scheduled follow-ups: the time to
//! read one week or one month (what paging the calendar costs), and the
//! Today screen and the follow-up hour queue on the same book.
//!
//! Run: `cargo bench -p touchpoint-core --bench calendar` (add `-- 20000` for
//! fewer). It prints figures; it asserts nothing, so it never flakes.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, TimeZone, Utc};
use touchpoint_core::{
    ContactFields, Database, DuplicateAction, ManualClock, ParsedRecord, RecordPosition, Settings,
    Stage,
};

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        out = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (out.unwrap(), times[runs / 2], times[runs * 95 / 100])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let size: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calendar.sqlite3");
    // Monday 2026-11-23, 09:00 in New York.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap();
    let mut db = Database::open(&path, Arc::new(ManualClock::new(now))).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        // Every new contact gets a first touch; at 500 a day, 100,000 fill
        // about nine months of working days.
        first_touches_per_day: 500,
        ..Settings::default()
    })
    .unwrap();
    let records: Vec<ParsedRecord> = (0..size)
        .map(|i| ParsedRecord {
            position: RecordPosition::Card(i + 1),
            result: Ok(ContactFields {
                display_name: format!("Contact {i}"),
                company: format!("Company {}", i % 997),
                stage: [Stage::Prospect, Stage::Customer, Stage::PastCustomer][i % 3],
                ..ContactFields::default()
            }),
            warnings: Vec::new(),
        })
        .collect();
    let setup = Instant::now();
    let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
    db.commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
        .unwrap();
    println!(
        "{size} contacts, each with a scheduled follow-up, set up in {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    let monday: NaiveDate = "2026-11-23".parse().unwrap();
    println!("\nweek view (7 days, up to 120 listed per day), 10 weeks paged, 20 runs each:");
    for week in 0..10 {
        let from = monday + Days::weeks(week);
        let (range, median, p95) =
            timed(20, || db.calendar(from, from + Days::days(7), 120).unwrap());
        let count: u32 = range.days.iter().map(|d| d.count).sum();
        println!(
            "  week of {from}: median {:>6.2} ms   p95 {:>6.2} ms   ({count} follow-ups)",
            ms(median),
            ms(p95)
        );
    }
    println!("\nmonth view (42 days, 4 listed per day), 20 runs each:");
    for month in ["2026-11-30", "2027-01-25", "2027-04-26"] {
        let from: NaiveDate = month.parse().unwrap();
        let (range, median, p95) =
            timed(20, || db.calendar(from, from + Days::days(42), 4).unwrap());
        let count: u32 = range.days.iter().map(|d| d.count).sum();
        println!(
            "  6 weeks from {from}: median {:>6.2} ms   p95 {:>6.2} ms   ({count} follow-ups)",
            ms(median),
            ms(p95)
        );
    }
    let (_, median, p95) = timed(20, || db.today().unwrap());
    println!(
        "\ntoday screen: median {:.2} ms   p95 {:.2} ms",
        ms(median),
        ms(p95)
    );
    let (queue, median, p95) = timed(10, || db.followup_hour_queue().unwrap());
    println!(
        "follow-up hour queue ({} contacts): median {:.2} ms   p95 {:.2} ms",
        queue.len(),
        ms(median),
        ms(p95)
    );
}
