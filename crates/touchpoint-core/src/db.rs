//! Opening the one SQLite file that holds everything.
//!
//! Invariants: a file that is not a Touchpoint database this build can
//! open (another program's, one from a newer Touchpoint) is refused before
//! a single byte of it, its write-ahead log or its index changes: it is
//! judged on a connection that cannot write (see `ownership`); every
//! migration is applied in its own transaction; pragmas are set once here
//! and nowhere else.

use std::cell::Cell;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::clock::Clock;
use crate::error::{CoreError, ForeignFile, Result};

mod backup;
mod batch;
mod cached;
mod journal;
mod migrations;
mod name_order;
mod ownership;
mod stored;

pub use backup::{BackupFile, BackupFolder, BackupKind, backup_file, export_everything};
pub(crate) use batch::Batch;
pub(crate) use cached::Cached;
pub(crate) use journal::{journal_added_contacts, newest, record, take_back_newest};
pub use migrations::SCHEMA_VERSION;
pub(crate) use name_order::NameOrder;
pub use ownership::{APPLICATION_ID, check_backup, check_export_target};
pub(crate) use stored::stored_by_name;

pub struct Database {
    pub(crate) conn: Connection,
    clock: Arc<dyn Clock>,
    /// Where each contact comes by name, for search (read when first needed).
    pub(crate) name_order: Mutex<NameOrder>,
    /// Whether this connection's undo triggers are in place: made by the
    /// first undoable action, since a connection that only reads (the
    /// reminder runtime, most CLI commands) never needs their ninety
    /// statements compiled.
    pub(crate) journal_ready: Cell<bool>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("path", &self.conn.path())
            .finish_non_exhaustive()
    }
}

impl Database {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date.
    ///
    /// # Errors
    /// [`CoreError::DatabaseTooNew`] for a file from a newer Touchpoint,
    /// [`CoreError::NotADatabase`] for a file that is not SQLite or is
    /// another program's database, [`CoreError::Corrupt`] for a Touchpoint
    /// file missing its tables (all of them left untouched), and
    /// [`CoreError::Io`] when the folder cannot be created.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| CoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        ownership::refuse_unless_ours(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::init(conn, clock, Some(path)).map_err(|e| match e {
            CoreError::Storage(rusqlite::Error::SqliteFailure(f, _))
                if f.code == ErrorCode::NotADatabase =>
            {
                CoreError::NotADatabase {
                    path: path.to_path_buf(),
                    what: ForeignFile::NotSqlite,
                }
            }
            other => other,
        })
    }

    /// A private in-memory database, for tests and previews.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Self> {
        Self::init(Connection::open_in_memory()?, clock, None)
    }

    fn init(mut conn: Connection, clock: Arc<dyn Clock>, path: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Every view's statements stay compiled: the default 16 is fewer
        // than one screen and the import use, so they were compiled anew.
        conn.set_prepared_statement_cache_capacity(256);
        migrations::refuse_newer(&conn)?;
        let found = migrations::stored_version(&conn)?;
        if let Some(path) = path
            && (1..migrations::SCHEMA_VERSION).contains(&found)
        {
            // An upgrade rewrites the user's data: keep it as it was first.
            backup::before_upgrade(&conn, path, clock.now())?;
        }
        // WAL lets the reminder runtime read while the window writes.
        // synchronous=FULL: a logged touch or promised callback must survive a
        // power cut, and user actions are far too rare for the fsync to matter.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 16 MiB of page cache (the default is 2 MiB): at 100,000 contacts
        // and a million touches, one screen's indexes and rows fit, so a
        // view re-read a moment later does not go back to the file.
        conn.pragma_update(None, "cache_size", -16_384)?;
        // The undo journal records each change into a temporary table, and
        // a statement that fires triggers keeps a statement journal: on disk
        // these were 80 small writes per imported contact. In memory they
        // live only as long as their transaction or statement.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        if path.is_some() {
            migrations::migrate(&mut conn)?;
        } else {
            migrations::migrate_private(&mut conn)?;
        }
        Ok(Self {
            conn,
            clock,
            name_order: Mutex::default(),
            journal_ready: Cell::new(false),
        })
    }

    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The schema version stored in the file.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::stored_version(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use chrono::TimeZone;

    fn clock() -> Arc<dyn Clock> {
        Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        ))
    }

    #[test]
    fn open_sets_the_pragmas_the_app_relies_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("t.sqlite3"), clock()).unwrap();
        let mode: String = db
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let fk: i64 = db
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        let sync: i64 = db
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "write-ahead logging is on");
        assert_eq!(fk, 1, "foreign keys are enforced");
        assert_eq!(sync, 2, "synchronous is FULL");
    }

    #[test]
    fn open_sizes_the_page_cache_for_a_heavy_book() {
        let db = Database::open_in_memory(clock()).unwrap();
        let size: i64 = db
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .unwrap();
        assert_eq!(size, -16_384, "16 MiB, in KiB");
    }

    #[test]
    fn open_creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/touchpoint.sqlite3");
        Database::open(&path, clock()).unwrap();
        assert!(
            path.exists(),
            "the database file was created with its folders"
        );
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        let text = "these are my notes, not a database\n".repeat(200);
        std::fs::write(&path, &text).unwrap();
        let err = Database::open(&path, clock()).unwrap_err();
        assert!(
            matches!(err, CoreError::NotADatabase { .. }),
            "expected NotADatabase, got {err:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "the file is unchanged"
        );
    }

    #[test]
    fn a_database_from_a_newer_touchpoint_is_refused_byte_for_byte_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
                .unwrap();
            conn.pragma_update(None, "user_version", crate::SCHEMA_VERSION + 7)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Database::open(&path, clock()).unwrap_err();
        assert!(
            matches!(err, CoreError::DatabaseTooNew { .. }),
            "expected DatabaseTooNew, got {err:?}"
        );
        assert!(
            err.to_string().contains("Update Touchpoint"),
            "says what to do"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "not one byte changed"
        );
        assert!(
            !dir.path().join("future.sqlite3-wal").exists(),
            "no WAL file was started"
        );
    }
}
