//! Figures for backups at heavy-user scale (100,000 contacts, 1,000,000
//! touches): the time and size of a backup, of an "everything" export, of
//! the check a restore makes, and of a restore into a new database.
//!
//! Run: `cargo bench -p touchpoint-core --bench backup` (add `-- 20000
//! 200000` for a smaller file). It prints figures and asserts nothing.

#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time on purpose"
)]
#![allow(
    clippy::unwrap_used,
    reason = "a failed setup should stop the benchmark"
)]
#![allow(clippy::cast_precision_loss, reason = "figures for humans")]

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use rusqlite::{Connection, params};
use touchpoint_core::{
    BackupFolder, BackupKind, Clock, Database, ManualClock, check_backup, export_everything,
};

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

/// Contacts and touches written straight into the tables, as years of use
/// leave them (the search index aside): the figures are about copying a
/// file of this size, not about how it was filled.
fn fill(path: &Path, contacts: i64, touches: i64) {
    let mut conn = Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut contact = tx
            .prepare(
                "INSERT INTO contacts (id, display_name, given_name, family_name, company, title,
                                       notes, stage, created_at, updated_at, last_touch_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Head of Operations', ?6, 'prospect', 0, 0, ?7)",
            )
            .unwrap();
        let mut email = tx
            .prepare(
                "INSERT INTO contact_emails (contact_id, position, label, address, address_key)
                 VALUES (?1, 0, 'work', ?2, ?2)",
            )
            .unwrap();
        for id in 1..=contacts {
            let given = format!("Given{id}");
            let family = format!("Family{}", id % 977);
            contact
                .execute(params![
                    id,
                    format!("{given} {family}"),
                    given,
                    family,
                    format!("Company {}", id % 5003),
                    "Met at the spring expo; wants a pilot for two sites before the budget round.",
                    1_700_000_000_000_i64 + id,
                ])
                .unwrap();
            email
                .execute(params![
                    id,
                    format!("person{id}@company{}.example", id % 5003)
                ])
                .unwrap();
        }
        let mut touch = tx
            .prepare(
                "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome, notes,
                                      hook, created_at)
                 VALUES (?1, ?2, 'call', 'outbound', 'connected', ?3, ?4, ?2)",
            )
            .unwrap();
        for n in 0..touches {
            touch
                .execute(params![
                    n % contacts + 1,
                    1_700_000_000_000_i64 + n * 60_000,
                    "Talked about the rollout; they need the security review first.",
                    "call back after the review",
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn main() {
    let args: Vec<i64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let contacts = args.first().copied().unwrap_or(100_000);
    let touches = args.get(1).copied().unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("touchpoint.sqlite3");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
    ));
    drop(Database::open(&live, clock.clone()).unwrap());
    let started = Instant::now();
    fill(&live, contacts, touches);
    println!(
        "{contacts} contacts, {touches} touches: filled in {:.1} s, database file {}",
        started.elapsed().as_secs_f64(),
        mb(std::fs::metadata(&live).unwrap().len())
    );

    let folder = BackupFolder::beside(&live);
    let started = Instant::now();
    let copy = folder.take(&live, BackupKind::Manual, clock.now()).unwrap();
    println!(
        "backup (VACUUM INTO, synced):   {:>6.2} s  {}",
        started.elapsed().as_secs_f64(),
        mb(copy.size_bytes)
    );

    let everything = dir.path().join("everything.sqlite3");
    let started = Instant::now();
    let size = export_everything(&live, &everything).unwrap();
    println!(
        "export everything:              {:>6.2} s  {}",
        started.elapsed().as_secs_f64(),
        mb(size)
    );

    let started = Instant::now();
    check_backup(&everything).unwrap();
    println!(
        "restore's check (integrity):    {:>6.2} s",
        started.elapsed().as_secs_f64()
    );

    let fresh = dir.path().join("fresh.sqlite3");
    let mut db = Database::open(&fresh, clock).unwrap();
    let started = Instant::now();
    db.restore_from(&everything).unwrap();
    println!(
        "restore into a new database:    {:>6.2} s  (check included)",
        started.elapsed().as_secs_f64()
    );
}
