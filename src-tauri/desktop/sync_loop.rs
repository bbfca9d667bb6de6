//! Sync in the background: on connecting, every 5 minutes, and a little
//! after each change made in the window (so a burst of edits goes up once).
//!
//! A sync runs on a blocking thread with a database connection of its own,
//! so the window's reads and writes go on meanwhile: no lock of the
//! window's is held while the server answers, and each change sync makes
//! is a short transaction of its own. The password stays in memory only:
//! it is asked again after a restart, never written down.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use touchpoint_core::{Database, SyncAccount, SyncReport};
use ts_rs::TS;

use crate::error::ApiError;
use crate::store::Store;

/// How often sync runs by itself.
const EVERY: Duration = Duration::from_secs(5 * 60);
/// How long after a change in the window it runs (more changes meanwhile
/// wait for the same sync).
const AFTER_A_CHANGE: Duration = Duration::from_secs(10);

#[derive(Clone)]
struct Credentials {
    url: String,
    user: String,
    password: String,
}

/// What the window shows of sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    /// The account last synced with, remembered in the database.
    pub account: Option<SyncAccount>,
    /// Whether this run has the password, so sync goes on by itself.
    pub connected: bool,
    pub syncing: bool,
    /// What the last sync of this run did.
    pub last_report: Option<SyncReport>,
}

#[derive(Default)]
struct Shared {
    credentials: Option<Credentials>,
    syncing: bool,
    last_report: Option<SyncReport>,
}

#[derive(Clone)]
pub(crate) struct SyncLoop {
    shared: Arc<Mutex<Shared>>,
    /// One sync at a time.
    running: Arc<tokio::sync::Mutex<()>>,
}

impl SyncLoop {
    pub(crate) fn start(app: &AppHandle, store: Store) -> Self {
        let this = SyncLoop {
            shared: Arc::default(),
            running: Arc::default(),
        };
        let looping = this.clone();
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let changed = store.sync_wake();
            loop {
                tokio::select! {
                    () = tokio::time::sleep(EVERY) => {}
                    () = changed.notified() => {
                        tokio::time::sleep(AFTER_A_CHANGE).await;
                    }
                }
                if looping.credentials().is_some()
                    && let Err(error) = looping.run(&app, &store).await
                {
                    tracing::warn!("sync: {}", error.message);
                }
            }
        });
        this
    }

    fn shared(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn credentials(&self) -> Option<Credentials> {
        self.shared().credentials.clone()
    }

    pub(crate) async fn state(&self, store: &Store) -> Result<SyncState, ApiError> {
        let account = store.read(Database::sync_account_status).await?;
        let shared = self.shared();
        Ok(SyncState {
            account,
            connected: shared.credentials.is_some(),
            syncing: shared.syncing,
            last_report: shared.last_report.clone(),
        })
    }

    /// Syncs with `url` as `user` now; on success the password is kept (in
    /// memory) and sync goes on by itself.
    pub(crate) async fn connect(
        &self,
        app: &AppHandle,
        store: &Store,
        url: String,
        user: String,
        password: String,
    ) -> Result<SyncReport, ApiError> {
        let credentials = Credentials {
            url,
            user,
            password,
        };
        let report = self.run_with(app, store, credentials.clone()).await?;
        self.shared().credentials = Some(credentials);
        Ok(report)
    }

    /// Syncs now with the connected account.
    pub(crate) async fn run(&self, app: &AppHandle, store: &Store) -> Result<SyncReport, ApiError> {
        let credentials = self.credentials().ok_or_else(|| {
            ApiError::invalid(
                "password",
                "Enter the password to sync: Touchpoint does not keep it after it closes",
            )
        })?;
        self.run_with(app, store, credentials).await
    }

    /// Forgets the password and the account; contacts stay where they are.
    pub(crate) async fn disconnect(&self, store: &Store) -> Result<(), ApiError> {
        let _one_at_a_time = self.running.lock().await;
        self.shared().credentials = None;
        store.write(Database::forget_sync_accounts).await
    }

    async fn run_with(
        &self,
        app: &AppHandle,
        store: &Store,
        credentials: Credentials,
    ) -> Result<SyncReport, ApiError> {
        let _one_at_a_time = self.running.lock().await;
        self.shared().syncing = true;
        let _ = app.emit("sync-changed", ());
        let (path, clock) = (store.path().to_owned(), store.clock());
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut db = Database::open(&path, clock)?;
            db.sync_contacts(&credentials.url, &credentials.user, &credentials.password)
        })
        .await
        .map_err(|e| ApiError::internal(format!("the sync task failed: {e}")))
        .and_then(|r| r.map_err(ApiError::from));
        {
            let mut shared = self.shared();
            shared.syncing = false;
            if let Ok(report) = &result {
                shared.last_report = Some(report.clone());
            }
        }
        if let Ok(report) = &result
            && report.received + report.deleted_here > 0
        {
            // Contacts changed under the window and the reminders.
            store.changed().notify_one();
            let _ = app.emit("schedule-changed", ());
        }
        let _ = app.emit("sync-changed", ());
        result
    }
}
