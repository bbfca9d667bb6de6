use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use rusqlite::Connection;

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::DuplicateCheck;
use crate::db::{Database, SCHEMA_VERSION, backup_file, export_everything};
use crate::error::CoreError;
use crate::test_support::{card, dump, saved};

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
fn an_export_never_lands_on_the_open_database_or_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("touchpoint.sqlite3");
    touchpoint_file(&live);
    let _open = Database::open(&live, clock()).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let mut aliases = vec![
        live.clone(),
        dir.path().join("sub/../touchpoint.sqlite3"),
        dir.path().join("not-yet/../touchpoint.sqlite3"),
        beside(&live, "-wal"),
        beside(&live, "-shm"),
        beside(&live, "-journal"),
    ];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.sqlite3");
        std::os::unix::fs::symlink(&live, &link).unwrap();
        let hard = dir.path().join("hard.sqlite3");
        fs::hard_link(&live, &hard).unwrap();
        aliases.extend([link, hard]);
    }
    for out in aliases {
        let err = check_export_target(&out, &live).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&out.display().to_string())
                && message.contains("open Touchpoint database")
                && message.contains("left untouched"),
            "{message}"
        );
    }
}

#[test]
fn an_export_never_overwrites_an_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("touchpoint.sqlite3");
    touchpoint_file(&live);
    let other = dir.path().join("songs.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title TEXT);")
        .unwrap();
    let err = check_export_target(&other, &live).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is an existing SQLite database; it was left untouched. Choose a new file \
             name to export to.",
            other.display()
        )
    );

    let csv = dir.path().join("contacts.csv");
    fs::write(&csv, "Name\nAda\n").unwrap();
    check_export_target(&csv, &live).unwrap();
    check_export_target(&dir.path().join("new.sqlite3"), &live).unwrap();
    check_export_target(&dir.path().join("new-folder/new.sqlite3"), &live).unwrap();
}

#[test]
fn exporting_everything_onto_the_open_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("touchpoint.sqlite3");
    touchpoint_file(&live);
    let db = Database::open(&live, clock()).unwrap();
    let before = dump(&db);
    assert!(export_everything(&live, &live).is_err());
    assert_eq!(dump(&db), before);
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_backup_is_never_written_onto_the_open_database() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("touchpoint.sqlite3");
    touchpoint_file(&live);
    let db = Database::open(&live, clock()).unwrap();
    let before = dump(&db);
    let err = backup_file(&live, &dir.path().join("sub/../touchpoint.sqlite3")).unwrap_err();
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(dump(&db), before);
    let copy = dir.path().join("copy.sqlite3");
    backup_file(&live, &copy).unwrap();
    backup_file(&live, &copy).unwrap();
    assert_eq!(
        application_id(&copy),
        APPLICATION_ID,
        "a copy carries the id"
    );
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

#[test]
fn a_log_cut_after_its_header_by_a_crash_does_not_lock_the_user_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    touchpoint_file(&path);
    // What a kill right after SQLite synced a new log's header leaves: the
    // 32-byte header alone, and an index beside it.
    let header = {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE scratch (x)").unwrap();
        let header = fs::read(beside(&path, "-wal")).unwrap()[..32].to_vec();
        conn.execute_batch("DROP TABLE scratch").unwrap();
        header
    };
    fs::write(beside(&path, "-wal"), header).unwrap();
    fs::write(beside(&path, "-shm"), vec![0u8; 32768]).unwrap();
    // Before: "locking protocol" after ten seconds of retries, every time.
    let db = Database::open(&path, clock()).unwrap();
    assert!(dump(&db).contains("Ada Lovelace"), "the data is all there");
}
