//! The database as the window's commands see it.
//!
//! Every call runs on a blocking thread (`spawn_blocking`): SQLite never runs on
//! the UI thread, and the lock is taken and released inside that thread, never
//! held across an `.await`. A database that failed to open is kept as its
//! error, so the window can show why instead of disappearing.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::{DateTime, Utc};
use serde::Serialize;
use touchpoint_core::{Clock, Database};
use ts_rs::TS;

use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The database file this window reads and writes.
    pub db_path: String,
    /// The app's "now", so the window's notion of today is the reminders' one.
    pub now: DateTime<Utc>,
    /// Where the log files are, if the OS has a place for them.
    pub log_folder: Option<String>,
    /// Where exports are written.
    pub export_folder: Option<String>,
}

/// The database once its opening ended: open, or the reason it is not.
type Opened = Result<Arc<Mutex<Database>>, ApiError>;

#[derive(Clone)]
pub(crate) struct Store {
    path: PathBuf,
    clock: Arc<dyn Clock>,
    /// Filled by the thread that opens the file; every call waits for it.
    db: Arc<OnceLock<Opened>>,
    /// Woken after every change, so the reminder runtime looks again at once.
    changed: Arc<tokio::sync::Notify>,
    /// Woken after every change too, for sync to send it up.
    sync_wake: Arc<tokio::sync::Notify>,
}

impl Store {
    /// Starts opening the database on a thread of its own and returns at
    /// once: the window and its webview start meanwhile, and an upgrade's
    /// backup of a large file never holds up the main thread. The system's
    /// region ("US", from the locale) and time zone become the user's
    /// defaults unless the user already chose.
    pub(crate) fn open(
        path: PathBuf,
        clock: Arc<dyn Clock>,
        system: &crate::locale::System,
    ) -> Self {
        let db = Arc::new(OnceLock::new());
        let (slot, file, opener_clock, system) =
            (db.clone(), path.clone(), clock.clone(), system.clone());
        let opener = move || {
            // Nothing the closure touches is looked at after a panic; the
            // waiting calls get an error instead of waiting for ever.
            let opening = std::panic::AssertUnwindSafe(|| open_file(&file, opener_clock, &system));
            let opened = std::panic::catch_unwind(opening).unwrap_or_else(|_| {
                Err(ApiError::internal(format!(
                    "opening {} failed unexpectedly; the log has the details",
                    file.display()
                )))
            });
            let _ = slot.set(opened);
        };
        if let Err(error) = std::thread::Builder::new()
            .name("open-database".into())
            .spawn(opener)
        {
            let _ = db.set(Err(ApiError::internal(format!(
                "could not start opening the database: {error}"
            ))));
        }
        Self {
            path,
            clock,
            db,
            changed: Arc::new(tokio::sync::Notify::new()),
            sync_wake: Arc::new(tokio::sync::Notify::new()),
        }
    }

    pub(crate) fn changed(&self) -> Arc<tokio::sync::Notify> {
        self.changed.clone()
    }

    pub(crate) fn sync_wake(&self) -> Arc<tokio::sync::Notify> {
        self.sync_wake.clone()
    }

    /// Runs `work`, which only reads: the reminder runtime is not woken.
    pub(crate) async fn read<R, F>(&self, work: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&Database) -> touchpoint_core::Result<R> + Send + 'static,
    {
        self.on_blocking_thread(move |db| work(db)).await
    }

    /// Runs `work`, which writes, then tells the reminder runtime the
    /// schedule may have changed.
    pub(crate) async fn write<R, F>(&self, work: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Database) -> touchpoint_core::Result<R> + Send + 'static,
    {
        let result = self.on_blocking_thread(work).await;
        self.changed.notify_one();
        self.sync_wake.notify_one();
        result
    }

    /// Runs `work`, which writes, without waking the reminder runtime: for
    /// the runtime's own writes (delivery marks, snoozes it then reads).
    pub(crate) async fn write_quietly<R, F>(&self, work: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Database) -> touchpoint_core::Result<R> + Send + 'static,
    {
        self.on_blocking_thread(work).await
    }

    /// Off the UI thread; the lock is taken and released on that thread.
    async fn on_blocking_thread<R, F>(&self, work: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Database) -> touchpoint_core::Result<R> + Send + 'static,
    {
        let slot = self.db.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let db = slot.wait().clone()?;
            // A panic mid-call rolled its transaction back: the data is sound.
            let mut db = db.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut db).map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::internal(format!("a database task failed: {e}")))?
    }

    /// The clock the database runs on, for work outside it (the reminder timer).
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// The database file, which backups copy through a connection of their own.
    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub(crate) fn backups(&self) -> touchpoint_core::BackupFolder {
        touchpoint_core::BackupFolder::beside(&self.path)
    }

    pub(crate) fn info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            db_path: self.path.display().to_string(),
            now: self.clock.now(),
            log_folder: crate::logging::log_dir().map(|d| d.display().to_string()),
            export_folder: crate::commands::transfer::export_folder(),
        }
    }
}

fn open_file(
    path: &std::path::Path,
    clock: Arc<dyn Clock>,
    system: &crate::locale::System,
) -> Opened {
    let started = std::time::Instant::now();
    let db = Database::open(path, clock)
        .and_then(|mut db| {
            db.adopt_system_defaults(&system.region, &system.time_zone)?;
            Ok(db)
        })
        .map(|db| Arc::new(Mutex::new(db)))
        .map_err(ApiError::from);
    match &db {
        Ok(_) => tracing::info!("database opened in {:?}", started.elapsed()),
        Err(error) => tracing::error!("{error}"),
    }
    db
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use tauri::async_runtime::block_on;
    use touchpoint_core::{
        Contact, ContactFields, ContactQuery, DuplicateCheck, Email, ManualClock, SaveOutcome,
    };

    use super::*;
    use crate::error::ErrorKind;

    fn clock() -> Arc<dyn Clock> {
        Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        ))
    }

    fn us() -> crate::locale::System {
        crate::locale::System {
            region: "US".into(),
            time_zone: "America/New_York".into(),
        }
    }

    fn card(name: &str, email: &str) -> ContactFields {
        ContactFields {
            display_name: name.into(),
            emails: vec![Email {
                label: String::new(),
                address: email.into(),
            }],
            ..ContactFields::default()
        }
    }

    fn saved(outcome: SaveOutcome) -> Contact {
        match outcome {
            SaveOutcome::Saved { contact } => *contact,
            SaveOutcome::PossibleDuplicates { .. } => panic!("expected a saved contact"),
        }
    }

    #[test]
    fn add_then_list_goes_through_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let store = Store::open(path.clone(), clock(), &us());
        let added = saved(
            block_on(store.write(|db| {
                db.add_contact(
                    &card("Ada Lovelace", "ada@example.com"),
                    DuplicateCheck::Warn,
                )
            }))
            .unwrap(),
        );
        drop(store);

        let reopened = Store::open(path, clock(), &us());
        let page =
            block_on(reopened.read(|db| db.list_contacts(&ContactQuery::default()))).unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(
            page.items[0].id, added.id,
            "the contact is read back after reopening"
        );
        assert_eq!(page.items[0].email.as_deref(), Some("ada@example.com"));
    }

    #[test]
    fn a_bad_email_comes_back_as_an_invalid_error_on_that_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            dir.path().join("t.sqlite3"),
            clock(),
            &crate::locale::System::default(),
        );
        let err = block_on(
            store.write(|db| db.add_contact(&card("Ada", "ada@nowhere"), DuplicateCheck::Warn)),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(err.field.as_deref(), Some("emails[0]"));
        let page = block_on(store.write(|db| db.list_contacts(&ContactQuery::default()))).unwrap();
        assert_eq!(page.total, 0, "nothing was written");
    }

    #[test]
    fn the_locale_region_is_adopted_on_first_open_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let store = Store::open(
            path.clone(),
            clock(),
            &crate::locale::System {
                region: "GB".into(),
                time_zone: "Europe/London".into(),
            },
        );
        assert_eq!(
            block_on(store.write(|db| db.settings()))
                .unwrap()
                .phone_region,
            "GB"
        );
        drop(store);
        let store = Store::open(path, clock(), &us());
        assert_eq!(
            block_on(store.write(|db| db.settings()))
                .unwrap()
                .phone_region,
            "GB"
        );
    }

    #[test]
    fn a_database_that_failed_to_open_answers_every_call_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "not a database, just text that is long enough ".repeat(50),
        )
        .unwrap();
        let store = Store::open(path, clock(), &us());
        let err =
            block_on(store.write(|db| db.list_contacts(&ContactQuery::default()))).unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotADatabase);
        assert!(err.message.contains("notes.txt"), "names the file: {err}");
    }

    #[test]
    fn info_reports_the_database_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let store = Store::open(path.clone(), clock(), &us());
        assert_eq!(store.info().db_path, path.display().to_string());
        // The file is opened on a thread of its own: let it finish before
        // the folder goes.
        block_on(store.read(Database::settings)).unwrap();
    }

    #[test]
    fn a_read_leaves_the_reminder_runtime_asleep_and_a_write_wakes_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("t.sqlite3"), clock(), &us());
        let changed = store.changed();
        let woken = || {
            block_on(async {
                tokio::time::timeout(std::time::Duration::from_millis(50), changed.notified())
                    .await
                    .is_ok()
            })
        };
        block_on(store.read(|db| db.list_contacts(&ContactQuery::default()))).unwrap();
        block_on(store.read(Database::settings)).unwrap();
        assert!(!woken(), "reads wake nothing");
        block_on(
            store.write(|db| db.add_contact(&card("Ada", "ada@example.com"), DuplicateCheck::Warn)),
        )
        .unwrap();
        assert!(woken(), "a write wakes the runtime");
    }
}
