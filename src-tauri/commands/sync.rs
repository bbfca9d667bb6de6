//! Sync with a CardDAV server: what the window shows of it, connecting
//! (the first sync), trusting a server's certificate, choosing the address
//! book and the calendar, syncing now, and stopping. The work is the sync
//! loop's (`desktop::sync_loop`), off the UI thread.

use tauri::{AppHandle, State};
use touchpoint_core::{CollectionChoice, SyncCollections, SyncReport};

use super::Reply;
use super::arg::Arg;
use crate::desktop::sync_loop::{SyncLoop, SyncState};
use crate::store::Store;

#[tauri::command]
pub(crate) async fn sync_state(
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
) -> Reply<SyncState> {
    sync.state(&store).await
}

/// Syncs with the server now; on success it goes on by itself.
#[tauri::command]
pub(crate) async fn sync_connect(
    app: AppHandle,
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
    url: Arg<String>,
    user: Arg<String>,
    password: Arg<String>,
) -> Reply<SyncReport> {
    sync.connect(&app, &store, url.0, user.0, password.0).await
}

/// Trusts, for `user` at `url`, the server certificate with `fingerprint`
/// (the one a sync was refused for, which the user compared with their
/// server's); returns it as kept. The next sync accepts that certificate.
#[tauri::command]
pub(crate) async fn sync_trust_certificate(
    store: State<'_, Store>,
    url: Arg<String>,
    user: Arg<String>,
    fingerprint: Arg<String>,
) -> Reply<String> {
    let (url, user, fingerprint) = (url.0, user.0, fingerprint.0);
    store
        .write_quietly(move |db| db.trust_sync_certificate(&url, &user, &fingerprint))
        .await
}

#[tauri::command]
pub(crate) async fn sync_now(
    app: AppHandle,
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
) -> Reply<SyncReport> {
    sync.run(&app, &store).await
}

#[tauri::command]
pub(crate) async fn sync_disconnect(
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
) -> Reply<()> {
    sync.disconnect(&store).await
}

/// The server's address books and calendars that take tasks, with the
/// ones the account syncs with; `password` empty: the one sync has.
#[tauri::command]
pub(crate) async fn sync_collections(
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
    url: Arg<String>,
    user: Arg<String>,
    password: Arg<String>,
) -> Reply<SyncCollections> {
    sync.collections(&store, url.0, user.0, password.0).await
}

/// Syncs the account with the address book and the calendar chosen (made
/// first when new); a changed one gets everything at the next sync.
#[tauri::command]
pub(crate) async fn sync_choose_collections(
    store: State<'_, Store>,
    sync: State<'_, SyncLoop>,
    url: Arg<String>,
    user: Arg<String>,
    password: Arg<String>,
    address_book: Arg<CollectionChoice>,
    calendar: Arg<CollectionChoice>,
) -> Reply<SyncCollections> {
    let account = (url.0, user.0, password.0);
    sync.choose(&store, account, address_book.0, calendar.0)
        .await
}
