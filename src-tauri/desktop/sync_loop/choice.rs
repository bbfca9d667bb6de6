//! The address book and the calendar chosen in Settings: listed and kept
//! off the UI thread, like a sync, with the password typed or, when none
//! is, the one sync already has for that account.

use touchpoint_core::{CollectionChoice, CoreError, Database, SyncCollections};

use super::SyncLoop;
use crate::error::ApiError;
use crate::store::Store;

impl SyncLoop {
    fn password_for(&self, url: &str, user: &str, typed: String) -> Result<String, ApiError> {
        if !typed.is_empty() {
            return Ok(typed);
        }
        match self.credentials() {
            Some(c) if c.url.trim() == url.trim() && c.user.trim() == user.trim() => Ok(c.password),
            _ => Err(ApiError::invalid(
                "password",
                "Enter the password to see the server's address books and calendars",
            )),
        }
    }

    async fn on_own_connection<T: Send + 'static>(
        store: &Store,
        work: impl FnOnce(&mut Database) -> Result<T, CoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (path, clock) = (store.path().to_owned(), store.clock());
        tauri::async_runtime::spawn_blocking(move || {
            let mut db = Database::open(&path, clock)?;
            work(&mut db)
        })
        .await
        .map_err(|e| ApiError::internal(format!("the sync task failed: {e}")))?
        .map_err(ApiError::from)
    }

    pub(crate) async fn collections(
        &self,
        store: &Store,
        url: String,
        user: String,
        password: String,
    ) -> Result<SyncCollections, ApiError> {
        let password = self.password_for(&url, &user, password)?;
        Self::on_own_connection(store, move |db| db.sync_collections(&url, &user, &password)).await
    }

    /// Keeps the choice; not while a sync runs, which would write the old
    /// collection's sync token back over the new one's. The sync the
    /// window asks for next tells the window.
    pub(crate) async fn choose(
        &self,
        store: &Store,
        (url, user, password): (String, String, String),
        address_book: CollectionChoice,
        calendar: CollectionChoice,
    ) -> Result<SyncCollections, ApiError> {
        let password = self.password_for(&url, &user, password)?;
        let _one_at_a_time = self.running.lock().await;
        Self::on_own_connection(store, move |db| {
            db.choose_sync_collections(&url, &user, &password, &address_book, &calendar)
        })
        .await
    }
}
