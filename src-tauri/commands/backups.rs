//! Backups: the copies in the app-data folder, a copy now, and restoring one
//! (after a copy of the current state).

use serde::Serialize;
use tauri::State;
use touchpoint_core::{BackupFile, BackupKind};
use ts_rs::TS;

use super::Reply;
use super::arg::Arg;
use crate::error::ApiError;
use crate::store::Store;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    /// Where the copies are, to show the user.
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupFile>,
}

#[tauri::command]
pub(crate) async fn list_backups(store: State<'_, Store>) -> Reply<BackupList> {
    let folder = store.backups();
    tauri::async_runtime::spawn_blocking(move || {
        Ok(BackupList {
            folder: folder.dir().display().to_string(),
            backups: folder.list()?,
        })
    })
    .await
    .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}

#[tauri::command]
pub(crate) async fn backup_now(store: State<'_, Store>) -> Reply<BackupFile> {
    let (folder, path) = (store.backups(), store.path().to_path_buf());
    store
        .read(move |db| folder.take(&path, BackupKind::Manual, db.now()))
        .await
}

/// Replaces everything with backup `name`; returns the copy of the state it
/// replaced, so that one can be restored in turn.
#[tauri::command]
pub(crate) async fn restore_backup(
    store: State<'_, Store>,
    name: Arg<String>,
) -> Reply<BackupFile> {
    let name = name.0;
    let (folder, path) = (store.backups(), store.path().to_path_buf());
    store
        .write(move |db| {
            let source = folder.path_of(&name)?;
            db.restore_after(&source, |db| {
                folder.take(&path, BackupKind::BeforeRestore, db.now())
            })
        })
        .await
}
