//! Figures for the contact book at heavy-user scale (100,000 contacts):
//! import time, and the time each keystroke of search-as-you-type takes.
//!
//! Run: `cargo bench -p touchpoint-core --bench contacts` (add `-- 20000` for
//! a smaller book). It prints figures; it asserts nothing, so it never flakes.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]
#![allow(clippy::cast_precision_loss, reason = "figures for humans")]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use touchpoint_core::{
    ContactFields, ContactQuery, Database, DuplicateAction, Email, ManualClock, ParsedRecord,
    Phone, RecordPosition, Stage,
};

const FIRST: [&str; 24] = [
    "Maria", "Kenji", "Amelia", "Olumide", "Sophie", "David", "Priya", "Lars", "Ana", "Tom",
    "Fatima", "Liam", "Chen", "Isabel", "Noah", "Aisha", "Mateo", "Yuki", "Emma", "Omar", "Grace",
    "Hugo", "Ingrid", "Ravi",
];
const LAST: [&str; 20] = [
    "Gonzalez",
    "Tanaka",
    "Brooks",
    "Adeyemi",
    "Lambert",
    "Cohen",
    "Natarajan",
    "Eriksson",
    "Costa",
    "Whitfield",
    "Haddad",
    "Murphy",
    "Wei",
    "Moreno",
    "Fischer",
    "Khan",
    "Rossi",
    "Sato",
    "Dubois",
    "Novak",
];
const COMPANY: [&str; 16] = [
    "Blue Harbor",
    "Northwind",
    "Helix",
    "Fjord",
    "Verde",
    "Atlas",
    "Summit",
    "Orbit",
    "Pioneer",
    "Cedar",
    "Quantum",
    "Harbor Lights",
    "Red Rock",
    "Silverline",
    "Evergreen",
    "Brightway",
];

fn synthetic(i: usize) -> ContactFields {
    let given = FIRST[i % FIRST.len()];
    let family = LAST[(i / FIRST.len()) % LAST.len()];
    let company = format!(
        "{} {}",
        COMPANY[(i / 7) % COMPANY.len()],
        ["Ltd", "GmbH", "Inc"][i % 3]
    );
    ContactFields {
        given_name: given.into(),
        family_name: family.into(),
        display_name: format!("{given} {family} {i}"),
        company,
        title: ["Owner", "Buyer", "Head of Sales", "CTO"][i % 4].into(),
        emails: vec![Email {
            label: "work".into(),
            address: format!(
                "{}.{}{i}@example.com",
                given.to_lowercase(),
                family.to_lowercase()
            ),
        }],
        phones: vec![Phone {
            label: "mobile".into(),
            number: format!("+1 415 {:03} {:04}", (i / 10_000) % 1000, i % 10_000),
            e164: None,
        }],
        notes: format!(
            "Met at expo {}; wants pricing for {} seats",
            2020 + i % 7,
            i % 90
        ),
        tags: vec![["expo", "referral", "vip", "newsletter"][i % 4].into()],
        stage: [Stage::Prospect, Stage::Customer, Stage::PastCustomer][i % 3],
        ..ContactFields::default()
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "an index"
    )]
    sorted[index as usize]
}

fn main() {
    let size: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite3");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    ));
    let mut db = Database::open(&path, clock).unwrap();

    let records: Vec<ParsedRecord> = (0..size)
        .map(|i| ParsedRecord {
            position: RecordPosition::Card(i + 1),
            result: Ok(synthetic(i)),
            warnings: Vec::new(),
        })
        .collect();
    let (preview, preview_time) = time(|| db.preview_import(records, &mut |_, _| {}).unwrap());
    let (result, commit_time) = time(|| {
        db.commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
            .unwrap()
    });
    println!("contacts: {}", result.added);
    println!(
        "import preview: {:.1} s ({:.0} µs per contact), commit: {:.1} s",
        preview_time.as_secs_f64(),
        preview_time.as_micros() as f64 / size as f64,
        commit_time.as_secs_f64()
    );
    drop(db);
    let db = Database::open(
        &path,
        Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        )),
    )
    .unwrap();
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database file: {:.1} MB ({:.1} KB per contact)",
        bytes as f64 / 1_048_576.0,
        bytes as f64 / 1024.0 / size as f64
    );

    let typed = [
        "m",
        "ma",
        "mar",
        "mari",
        "maria",
        "maria ",
        "maria g",
        "maria go",
        "maria gon",
    ];
    let other = [
        "4", "41", "415", "415 1", "n", "no", "nor", "nort", "northw", "exp", "pricing",
    ];
    let mut all = Vec::new();
    println!("\nsearch as you type (first page of 100 + total), per keystroke, 20 runs each:");
    for text in typed.iter().chain(other.iter()) {
        let query = ContactQuery {
            search: (*text).into(),
            ..ContactQuery::default()
        };
        let mut runs: Vec<Duration> = (0..20)
            .map(|_| time(|| db.list_contacts(&query).unwrap()).1)
            .collect();
        runs.sort();
        let page = db.list_contacts(&query).unwrap();
        let total = format!("{}{}", page.total, if page.total_exact { "" } else { "+" });
        println!(
            "  {:<12} median {:>7.2} ms   p95 {:>7.2} ms   ({total} matches)",
            format!("{text:?}"),
            percentile(&runs, 0.5).as_secs_f64() * 1000.0,
            percentile(&runs, 0.95).as_secs_f64() * 1000.0,
        );
        all.extend(runs);
    }
    all.sort();
    println!(
        "  all keystrokes: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&all, 0.5).as_secs_f64() * 1000.0,
        percentile(&all, 0.95).as_secs_f64() * 1000.0,
        all.last().unwrap().as_secs_f64() * 1000.0
    );

    println!("\nlist and filters (first page of 100 + total), median of 20:");
    for (label, query) in [
        ("name order", ContactQuery::default()),
        (
            "middle page",
            ContactQuery {
                offset: u32::try_from(size / 2).unwrap_or(u32::MAX),
                ..ContactQuery::default()
            },
        ),
        (
            "tag vip",
            ContactQuery {
                tag: Some("vip".into()),
                ..ContactQuery::default()
            },
        ),
        (
            "stage customer",
            ContactQuery {
                stage: Some(Stage::Customer),
                ..ContactQuery::default()
            },
        ),
        (
            "untouched 30 d",
            ContactQuery {
                untouched_days: Some(30),
                ..ContactQuery::default()
            },
        ),
        (
            "sort company",
            ContactQuery {
                sort: touchpoint_core::ContactSort::Company,
                ..ContactQuery::default()
            },
        ),
    ] {
        let mut runs: Vec<Duration> = (0..20)
            .map(|_| time(|| db.list_contacts(&query).unwrap()).1)
            .collect();
        runs.sort();
        println!(
            "  {label:<16} median {:>7.2} ms",
            percentile(&runs, 0.5).as_secs_f64() * 1000.0
        );
    }
    let probe = synthetic(size / 2);
    let mut runs: Vec<Duration> = (0..20)
        .map(|_| time(|| db.find_duplicates(&probe).unwrap()).1)
        .collect();
    runs.sort();
    println!(
        "  duplicate check  median {:>7.2} ms",
        percentile(&runs, 0.5).as_secs_f64() * 1000.0
    );
}
