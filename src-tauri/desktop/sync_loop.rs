//! Sync in the background: on start (with the password from the system
//! keyring), every 5 minutes, on waking from sleep, a little after each
//! change made in the window (so a burst of edits goes up once), and sooner
//! again after a failure (30 s, then doubling up to the 5 minutes).
//!
//! A sync runs on a blocking thread with a database connection of its own,
//! so the window's reads and writes go on meanwhile: no lock of the
//! window's is held while the server answers, and each change sync makes
//! is a short transaction of its own. The password is kept in the system
//! keyring (`keyring`), never in the database or a log; without a keyring
//! it is kept for this run only and asked again after a restart.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use touchpoint_core::{Clock, CoreError, Database, SyncAccount, SyncReport, UntrustedCertificate};
use ts_rs::TS;

use super::keyring;
use crate::error::ApiError;
use crate::store::Store;

/// How often sync runs by itself.
const EVERY: Duration = Duration::from_secs(5 * 60);
/// How long after a change in the window it runs (more changes meanwhile
/// wait for the same sync).
const AFTER_A_CHANGE: Duration = Duration::from_secs(10);
/// The first retry after a failed sync; each next one waits twice as long, up to `EVERY`.
const FIRST_RETRY: Duration = Duration::from_secs(30);

/// How often the wait looks whether the machine slept meanwhile.
const TICK: Duration = Duration::from_secs(15);
/// A wall clock ahead of the monotonic one by more than this: a suspend.
const SLEPT: Duration = Duration::from_secs(60);

/// Whether the machine was asleep in a span in which the wall clock moved
/// on by `wall` and the monotonic clock (stopped in a suspend) by `awake`.
fn slept(wall: Duration, awake: Duration) -> bool {
    wall > awake.saturating_add(SLEPT)
}

/// Waits `wait`; returns early, with true, when the machine wakes from
/// sleep meanwhile (so sync catches up on what happened elsewhere).
async fn wait_or_wake(wait: Duration, clock: &dyn Clock) -> bool {
    let start = Instant::now();
    loop {
        let left = wait.saturating_sub(start.elapsed());
        if left.is_zero() {
            return false;
        }
        let (wall, awake) = (clock.now(), Instant::now());
        tokio::time::sleep(left.min(TICK)).await;
        let moved = (clock.now() - wall).to_std().unwrap_or_default();
        if slept(moved, awake.elapsed()) {
            return true;
        }
    }
}

/// How long to wait before the next sync after `failures` failed ones in a row.
fn next_wait(failures: u32) -> Duration {
    match failures {
        0 => EVERY,
        n => FIRST_RETRY.saturating_mul(1 << (n - 1).min(8)).min(EVERY),
    }
}

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
    /// Whether the password is in the system keyring, so sync starts by
    /// itself with Touchpoint.
    pub password_saved: bool,
    /// Why the system keyring could not keep or give the password, if it could not.
    pub keyring_problem: Option<String>,
    /// The server certificate the last sync of this run was refused for,
    /// which the user may choose to trust.
    pub refused_certificate: Option<RefusedCertificate>,
}

/// A server certificate a sync refused, with the account it was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedCertificate {
    pub url: String,
    pub user: String,
    pub certificate: UntrustedCertificate,
}

#[derive(Default)]
struct Shared {
    credentials: Option<Credentials>,
    syncing: bool,
    last_report: Option<SyncReport>,
    password_saved: bool,
    keyring_problem: Option<String>,
    refused_certificate: Option<RefusedCertificate>,
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
            let clock = store.clock();
            let mut failures = u32::from(!looping.resume(&app, &store).await);
            loop {
                tokio::select! {
                    woke = wait_or_wake(next_wait(failures), clock.as_ref()) => {
                        if woke {
                            tracing::info!("sync: the machine woke from sleep");
                        }
                    }
                    () = changed.notified() => {
                        tokio::time::sleep(AFTER_A_CHANGE).await;
                    }
                }
                if looping.credentials().is_none() {
                    failures = 0;
                    continue;
                }
                match looping.run(&app, &store).await {
                    Ok(_) => failures = 0,
                    Err(error) => {
                        failures = failures.saturating_add(1);
                        tracing::warn!("sync: {}", error.message);
                    }
                }
            }
        });
        this
    }

    /// On start: the account's password from the keyring, and a first
    /// sync with it. Returns false when that sync failed.
    async fn resume(&self, app: &AppHandle, store: &Store) -> bool {
        let Ok(Some(account)) = store.read(Database::sync_account_status).await else {
            return true;
        };
        match keyring::find(&account.url, &account.user).await {
            Ok(Some(password)) => {
                {
                    let mut shared = self.shared();
                    shared.credentials = Some(Credentials {
                        url: account.url,
                        user: account.user,
                        password,
                    });
                    shared.password_saved = true;
                }
                match self.run(app, store).await {
                    Ok(_) => true,
                    Err(error) => {
                        tracing::warn!("sync on start: {}", error.message);
                        false
                    }
                }
            }
            Ok(None) => true,
            Err(problem) => {
                tracing::warn!("sync: {problem}");
                self.shared().keyring_problem = Some(problem.0);
                let _ = app.emit("sync-changed", ());
                true
            }
        }
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
            password_saved: shared.password_saved,
            keyring_problem: shared.keyring_problem.clone(),
            refused_certificate: shared.refused_certificate.clone(),
        })
    }

    /// Syncs with `url` as `user` now; on success the password is kept (in
    /// the system keyring, else for this run) and sync goes on by itself.
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
        let report = self
            .run_with(app, store, credentials.clone(), false)
            .await?;
        self.shared().credentials = Some(credentials.clone());
        // The keyring may ask the user to unlock it: the reply does not wait.
        let (this, app) = (self.clone(), app.clone());
        tauri::async_runtime::spawn(async move {
            let saved =
                keyring::save(&credentials.url, &credentials.user, &credentials.password).await;
            {
                let mut shared = this.shared();
                shared.password_saved = saved.is_ok();
                shared.keyring_problem = saved.err().map(|problem| {
                    tracing::warn!("sync: {problem}");
                    problem.0
                });
            }
            let _ = app.emit("sync-changed", ());
        });
        Ok(report)
    }

    /// Syncs now with the connected account.
    pub(crate) async fn run(&self, app: &AppHandle, store: &Store) -> Result<SyncReport, ApiError> {
        let credentials = self.credentials().ok_or_else(|| {
            ApiError::invalid(
                "password",
                "Enter the password to sync: the system keyring did not give it to Touchpoint",
            )
        })?;
        self.run_with(app, store, credentials, true).await
    }

    /// Forgets the password (here and in the keyring) and the account;
    /// contacts stay where they are.
    pub(crate) async fn disconnect(&self, store: &Store) -> Result<(), ApiError> {
        let _one_at_a_time = self.running.lock().await;
        let account = store.read(Database::sync_account_status).await?;
        {
            let mut shared = self.shared();
            shared.credentials = None;
            shared.password_saved = false;
            shared.keyring_problem = None;
        }
        store.write(Database::forget_sync_accounts).await?;
        if let Some(account) = account
            && let Err(problem) = keyring::forget(&account.url, &account.user).await
        {
            tracing::warn!("sync: {problem}");
        }
        Ok(())
    }

    async fn run_with(
        &self,
        app: &AppHandle,
        store: &Store,
        credentials: Credentials,
        stored: bool,
    ) -> Result<SyncReport, ApiError> {
        let _one_at_a_time = self.running.lock().await;
        self.shared().syncing = true;
        let _ = app.emit("sync-changed", ());
        let (path, clock) = (store.path().to_owned(), store.clock());
        let (credentials_url, credentials_user) =
            (credentials.url.clone(), credentials.user.clone());
        let outcome = tauri::async_runtime::spawn_blocking(move || {
            let mut db = Database::open(&path, clock)?;
            db.sync_contacts(&credentials.url, &credentials.user, &credentials.password)
        })
        .await;
        let refused_certificate = match &outcome {
            Ok(Err(CoreError::UntrustedCertificate(certificate))) => Some(RefusedCertificate {
                url: credentials_url.clone(),
                user: credentials_user.clone(),
                certificate: certificate.clone(),
            }),
            _ => None,
        };
        let result = outcome
            .map_err(|e| ApiError::internal(format!("the sync task failed: {e}")))
            .and_then(|r| r.map_err(ApiError::from));
        // The password kept refused: not one just typed, which may be a
        // slip while the kept one still works.
        let refused = stored && matches!(&result, Err(e) if e.field.as_deref() == Some("password"));
        {
            let mut shared = self.shared();
            shared.syncing = false;
            shared.refused_certificate = refused_certificate;
            if let Ok(report) = &result {
                shared.last_report = Some(report.clone());
            }
            if refused {
                // Changed on the server: trying it again every few minutes
                // would not help (and may lock the account). Asked again.
                shared.credentials = None;
                shared.password_saved = false;
            }
        }
        if refused && let Err(problem) = keyring::forget(&credentials_url, &credentials_user).await
        {
            tracing::warn!("sync: {problem}");
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

mod choice;
#[cfg(test)]
mod tests;
