use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use rusqlite::Connection;

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::DuplicateCheck;
use crate::db::{Database, SCHEMA_VERSION};
use crate::error::CoreError;
use crate::test_support::{card, saved};

fn clock() -> Arc<dyn Clock> {
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    ))
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// A closed Touchpoint database holding Ada.
fn touchpoint_file(path: &Path) {
    let mut db = Database::open(path, clock()).unwrap();
    saved(
        db.add_contact(
            &card("Ada Lovelace", "Engines", "ada@engines.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
}

fn application_id(path: &Path) -> i32 {
    Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

/// The bytes of the file and of its write-ahead log and shared-memory
/// index, `None` for one that does not exist.
fn on_disk(path: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    [
        path.to_path_buf(),
        beside(path, "-wal"),
        beside(path, "-shm"),
    ]
    .into_iter()
    .map(|p| {
        let bytes = fs::read(&p).ok();
        (p, bytes)
    })
    .collect()
}

/// Opens `path`, expecting a refusal that changes nothing on disk.
fn refused_untouched(path: &Path) -> CoreError {
    let before = on_disk(path);
    let err = Database::open(path, clock()).unwrap_err();
    for ((file, was), (_, is)) in before.iter().zip(on_disk(path)) {
        assert!(
            *was == is,
            "{} changed (was {:?} bytes, is {:?})",
            file.display(),
            was.as_ref().map(Vec::len),
            is.as_ref().map(Vec::len)
        );
    }
    err
}

fn assert_another_programs(err: &CoreError, path: &Path) {
    let message = err.to_string();
    assert!(matches!(err, CoreError::NotADatabase { .. }), "got {err:?}");
    assert_eq!(
        message,
        format!(
            "{} is an SQLite database of another program, not Touchpoint's; it was left \
             untouched. Choose another file with --db.",
            path.display()
        )
    );
}

/// A copy of the file at `source`, its write-ahead log and index taken
/// while `write` has commits in the log: what a crash or a running
/// program leaves on disk.
fn with_commits_in_its_wal(source: &Path, copy: &Path, write: &str) {
    let conn = Connection::open(source).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute_batch(write).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        fs::copy(beside(source, suffix), beside(copy, suffix)).unwrap();
    }
    assert!(
        fs::metadata(beside(copy, "-wal")).unwrap().len() > 0,
        "the commits are in the log, not yet in the file"
    );
}

#[test]
fn a_new_database_carries_touchpoints_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.sqlite3");
    touchpoint_file(&new);
    assert_eq!(application_id(&new), APPLICATION_ID);

    let empty = dir.path().join("empty.sqlite3");
    fs::write(&empty, b"").unwrap();
    touchpoint_file(&empty);
    assert_eq!(
        application_id(&empty),
        APPLICATION_ID,
        "an empty file is new"
    );
}

#[test]
fn a_touchpoint_file_from_before_the_id_gets_it_on_its_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let current = dir.path().join("current.sqlite3");
    touchpoint_file(&current);
    Connection::open(&current)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    let db = Database::open(&current, clock()).unwrap();
    assert_eq!(db.contact(1).unwrap().fields.display_name, "Ada Lovelace");
    drop(db);
    assert_eq!(application_id(&current), APPLICATION_ID);

    let first = dir.path().join("first.sqlite3");
    Connection::open(&first)
        .unwrap()
        .execute_batch(concat!(
            include_str!("../migrations/001_contacts.sql"),
            "PRAGMA user_version = 1;"
        ))
        .unwrap();
    let db = Database::open(&first, clock()).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    drop(db);
    assert_eq!(application_id(&first), APPLICATION_ID, "and is upgraded");
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "songs.db",
            "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('Blue');",
        ),
        (
            "versioned.db",
            "CREATE TABLE songs (title TEXT); PRAGMA user_version = 3;",
        ),
        (
            "negative.db",
            "CREATE TABLE songs (title TEXT); PRAGMA user_version = -2;",
        ),
        ("stamped.db", "PRAGMA application_id = 1234;"),
    ];
    for (name, sql) in cases {
        let path = dir.path().join(name);
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        let err = refused_untouched(&path);
        assert_another_programs(&err, &path);
    }
}

#[test]
fn a_table_called_like_ours_does_not_make_a_file_ours() {
    let dir = tempfile::tempdir().unwrap();
    for version in [0, 1, 2, SCHEMA_VERSION] {
        let path = dir.path().join(format!("crm-{version}.db"));
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!(
                "CREATE TABLE contacts (id INTEGER PRIMARY KEY, full_name TEXT);
                 INSERT INTO contacts (full_name) VALUES ('Grace');
                 PRAGMA user_version = {version};"
            ))
            .unwrap();
        let err = refused_untouched(&path);
        assert_another_programs(&err, &path);
    }
}

#[test]
fn a_newer_database_with_commits_in_its_wal_is_refused_and_no_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.sqlite3");
    touchpoint_file(&source);
    let copy = dir.path().join("future.sqlite3");
    with_commits_in_its_wal(
        &source,
        &copy,
        &format!(
            "CREATE TABLE from_the_future (x); PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ),
    );
    let err = refused_untouched(&copy);
    assert!(
        matches!(err, CoreError::DatabaseTooNew { found, .. } if found == SCHEMA_VERSION + 1),
        "the version is read through the log: {err:?}"
    );
}

#[test]
fn another_programs_database_with_commits_in_its_wal_is_refused_and_no_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let copy = dir.path().join("songs.db");
    with_commits_in_its_wal(
        &source,
        &copy,
        "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('Blue');",
    );
    let err = refused_untouched(&copy);
    assert_another_programs(&err, &copy);
}

#[test]
fn a_refused_wal_database_gets_no_log_or_index_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("songs.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT);")
            .unwrap();
    }
    assert!(!beside(&path, "-wal").exists(), "closed cleanly");
    let err = refused_untouched(&path);
    assert_another_programs(&err, &path);
}

#[test]
fn a_touchpoint_file_reopens_whatever_its_path_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("50% off? #1 Müller/touch point.sqlite3");
    touchpoint_file(&path);
    let db = Database::open(&path, clock()).unwrap();
    assert_eq!(db.contact(1).unwrap().fields.display_name, "Ada Lovelace");
    drop(db);
    let songs = dir.path().join("50% off? #1 Müller/songs.db");
    Connection::open(&songs)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT);")
        .unwrap();
    assert_another_programs(&refused_untouched(&songs), &songs);
}

#[test]
fn a_log_without_its_index_is_read_and_neither_file_nor_log_changes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let copy = dir.path().join("songs.db");
    with_commits_in_its_wal(&source, &copy, "CREATE TABLE songs (title TEXT);");
    fs::remove_file(beside(&copy, "-shm")).unwrap();
    let file = fs::read(&copy).unwrap();
    let log = fs::read(beside(&copy, "-wal")).unwrap();
    let err = Database::open(&copy, clock()).unwrap_err();
    assert_another_programs(&err, &copy);
    assert_eq!(fs::read(&copy).unwrap(), file);
    assert_eq!(fs::read(beside(&copy, "-wal")).unwrap(), log);
}

#[test]
fn a_touchpoint_file_missing_its_tables_is_called_damaged_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    touchpoint_file(&path);
    Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE touches;")
        .unwrap();
    let err = refused_untouched(&path);
    let message = err.to_string();
    assert!(matches!(err, CoreError::Corrupt(_)), "got {err:?}");
    assert!(
        message.starts_with(&path.display().to_string())
            && message.contains("left untouched")
            && message.contains("Restore a backup"),
        "{message}"
    );
}
