use std::sync::Arc;

use chrono::{Duration, TimeZone};

use super::*;
use crate::clock::ManualClock;
use crate::contacts::DuplicateCheck;
use crate::test_support::{card, dump, saved};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A database file in `dir` with Ada, on a clock at `now`.
fn live(dir: &Path, now: DateTime<Utc>) -> (PathBuf, Database) {
    let path = dir.join("touchpoint.sqlite3");
    let mut db = Database::open(&path, Arc::new(ManualClock::new(now))).unwrap();
    saved(
        db.add_contact(
            &card("Ada Lovelace", "Engines", "ada@engines.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    (path, db)
}

fn add(db: &mut Database, name: &str) {
    saved(
        db.add_contact(&card(name, "", "", ""), DuplicateCheck::SaveAnyway)
            .unwrap(),
    );
}

#[test]
fn a_copy_of_the_live_file_restores_to_exactly_the_state_it_was_taken_at() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut db) = live(dir.path(), at(23, 9));
    let folder = BackupFolder::beside(&path);
    let taken = folder.take(&path, BackupKind::Manual, at(23, 9)).unwrap();
    let at_backup = dump(&db);
    assert!(taken.size_bytes > 0);
    assert_eq!(folder.list().unwrap(), vec![taken.clone()]);

    add(&mut db, "Grace Hopper");
    db.delete_contacts(&[1]).unwrap();
    assert_ne!(dump(&db), at_backup);

    db.restore_from(&folder.path_of(&taken.name).unwrap())
        .unwrap();
    assert_eq!(dump(&db), at_backup, "every row as it was at backup time");
    assert_eq!(
        db.last_action().unwrap(),
        None,
        "the undo journal starts afresh"
    );
    let mode: String = db
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "the live file keeps write-ahead logging");

    // The app goes on working on the restored data, undo included.
    add(&mut db, "Katherine Johnson");
    db.undo().unwrap();
    assert_eq!(dump(&db), at_backup);
    drop(db);
    let reopened = Database::open(&path, Arc::new(ManualClock::new(at(23, 10)))).unwrap();
    assert_eq!(dump(&reopened), at_backup, "and it is what is on disk");
}

#[test]
fn what_is_not_a_sound_touchpoint_database_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut db) = live(dir.path(), at(23, 9));
    let before = dump(&db);
    let refused = |db: &mut Database, file: &Path| {
        let err = db.restore_from(file).unwrap_err();
        err.to_string()
    };

    let text = dir.path().join("notes.sqlite3");
    fs::write(&text, "not a database at all\n".repeat(100)).unwrap();
    assert!(refused(&mut db, &text).ends_with("cannot be restored: it is not an SQLite database"));

    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT); PRAGMA user_version = 1;")
        .unwrap();
    assert!(refused(&mut db, &other).ends_with("it is not a Touchpoint database"));

    let newer = dir.path().join("newer.sqlite3");
    backup_file(&path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", migrations::SCHEMA_VERSION + 1)
        .unwrap();
    assert!(refused(&mut db, &newer).contains("newer version of Touchpoint"));

    let damaged = dir.path().join("damaged.sqlite3");
    backup_file(&path, &damaged).unwrap();
    let mut bytes = fs::read(&damaged).unwrap();
    let page = 4096;
    for b in &mut bytes[page + 100..3 * page] {
        *b = 0xA5;
    }
    fs::write(&damaged, bytes).unwrap();
    assert!(
        refused(&mut db, &damaged).contains("damaged"),
        "integrity check"
    );

    assert_eq!(dump(&db), before, "the live data is untouched");
    add(&mut db, "Grace Hopper");
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "and undo still journals");
}

#[test]
fn an_older_backup_is_brought_up_to_date_when_restored() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("../migrations/001_contacts.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO contacts (name, company, email, phone, created_at, updated_at)
             VALUES ('Ada Lovelace', 'Engines', 'ada@engines.example', '+44 20 7946 0958', 0, 0)",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let (_, mut db) = live(dir.path(), at(23, 9));
    db.restore_from(&old).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::SCHEMA_VERSION);
    let id: i32 = db
        .conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(
        id,
        crate::db::APPLICATION_ID,
        "the restored file is stamped"
    );
    let ada = db.contact(1).unwrap();
    assert_eq!(
        ada.fields.phones[0].e164.as_deref(),
        Some("+442079460958"),
        "migrated"
    );
}

#[test]
fn opening_an_older_file_keeps_a_copy_of_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/001_contacts.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let db = Database::open(&path, Arc::new(ManualClock::new(at(23, 9)))).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::SCHEMA_VERSION);
    let copies = BackupFolder::beside(&path).list().unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].kind, BackupKind::BeforeUpgrade);
    let copy = BackupFolder::beside(&path)
        .path_of(&copies[0].name)
        .unwrap();
    assert_eq!(
        check_backup(&copy).unwrap(),
        1,
        "the copy is the old version"
    );
    drop(db);
    Database::open(&path, Arc::new(ManualClock::new(at(23, 10)))).unwrap();
    assert_eq!(
        BackupFolder::beside(&path).list().unwrap().len(),
        1,
        "an up-to-date file is not copied again"
    );
}

#[test]
fn one_daily_copy_a_day_and_the_last_seven_days_and_four_weeks_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _db) = live(dir.path(), at(1, 9));
    let folder = BackupFolder::beside(&path);
    let day = |t: DateTime<Utc>| t.date_naive();
    let start = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
    for n in 0..60 {
        let now = start + Duration::days(n);
        assert!(folder.daily(&path, now, day).unwrap().is_some(), "day {n}");
        assert!(
            folder
                .daily(&path, now + Duration::hours(3), day)
                .unwrap()
                .is_none(),
            "one a day"
        );
    }
    let kept: Vec<NaiveDate> = folder
        .list()
        .unwrap()
        .iter()
        .map(|b| day(b.taken_at))
        .collect();
    let last = day(start + Duration::days(59));
    let daily: Vec<NaiveDate> = (0..7).map(|n| last - Duration::days(n)).collect();
    assert_eq!(kept[..7], daily[..], "the last seven days");
    assert_eq!(kept.len(), 11, "and four older weeks: {kept:?}");
    let weeks: Vec<u32> = kept[7..].iter().map(|d| d.iso_week().week()).collect();
    let mut distinct = weeks.clone();
    distinct.dedup();
    assert_eq!(weeks, distinct, "one copy per older week, the newest of it");
    assert!(kept[7] < daily[6]);
}

#[test]
fn a_copy_cut_short_is_never_listed_and_is_cleared_away() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _db) = live(dir.path(), at(23, 9));
    let folder = BackupFolder::beside(&path);
    fs::create_dir_all(folder.dir()).unwrap();
    let partial = folder.dir().join("daily-20261123-090000.sqlite3.partial");
    fs::write(&partial, b"SQLite format 3\0half").unwrap();
    assert!(folder.list().unwrap().is_empty());
    assert!(
        folder
            .path_of("daily-20261123-090000.sqlite3.partial")
            .is_err()
    );
    folder.take(&path, BackupKind::Manual, at(23, 9)).unwrap();
    assert!(!partial.exists(), "pruned with the next copy");
}

#[test]
fn only_a_listed_backup_can_be_named_for_a_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _db) = live(dir.path(), at(23, 9));
    let folder = BackupFolder::beside(&path);
    assert!(folder.path_of("../touchpoint.sqlite3").is_err());
    assert!(folder.path_of("daily-20261123-090000.sqlite3").is_err());
}

#[test]
fn everything_exported_and_restored_into_an_empty_database_exports_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut db) = live(dir.path(), at(23, 9));
    add(&mut db, "Grace Hopper");
    db.delete_contacts(&[1]).unwrap();
    db.undo().unwrap();
    let first = dir.path().join("everything.sqlite3");
    export_everything(&path, &first).unwrap();

    let empty_dir = tempfile::tempdir().unwrap();
    let empty = empty_dir.path().join("new.sqlite3");
    let mut fresh = Database::open(&empty, Arc::new(ManualClock::new(at(24, 9)))).unwrap();
    fresh.restore_from(&first).unwrap();
    assert_eq!(dump(&fresh), dump(&db), "the same app state");
    drop(fresh);
    let second = dir.path().join("again.sqlite3");
    export_everything(&empty, &second).unwrap();
    // Byte for byte, but for the schema cookie (header bytes 40-43), a
    // counter SQLite bumps whenever a connection changes the schema.
    let (a, b) = (fs::read(&first).unwrap(), fs::read(&second).unwrap());
    let differ: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i] && !(40..44).contains(&i))
        .take(20)
        .collect();
    assert!(
        a.len() == b.len() && differ.is_empty(),
        "sizes {} and {}, differing at bytes {differ:?}",
        a.len(),
        b.len()
    );
    let journal: i64 = Connection::open(&first)
        .unwrap()
        .query_row("SELECT count(*) FROM undo_journal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, 0, "the export carries no undo history");
}

#[test]
fn the_export_format_document_names_the_schema_version_and_every_table() {
    // docs/export-format.md is what someone reading an export without
    // Touchpoint has: it fell behind by seven migrations once.
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/export-format.md"),
    )
    .unwrap();
    let v = migrations::SCHEMA_VERSION;
    assert!(
        doc.contains(&format!("writes version {v} and reads 1–{v}")),
        "the document names schema version {v}"
    );
    let db = Database::open_in_memory(Arc::new(ManualClock::new(at(23, 9)))).unwrap();
    let tables: Vec<String> = db
        .conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND name NOT LIKE 'contact\\_search\\_%' ESCAPE '\\'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let missing: Vec<&String> = tables
        .iter()
        .filter(|t| !doc.contains(&format!("`{t}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "tables the document leaves out: {missing:?}"
    );
}
