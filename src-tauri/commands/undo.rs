//! Undo: what the newest undoable action was, and taking it back.

use tauri::State;
use touchpoint_core::{Database, RecentAction};

use super::Reply;
use crate::store::Store;

#[tauri::command]
pub(crate) async fn last_action(store: State<'_, Store>) -> Reply<Option<RecentAction>> {
    store.read(Database::last_action).await
}

/// Wakes the reminder runtime: an undone move or touch changes what is due.
#[tauri::command]
pub(crate) async fn undo(store: State<'_, Store>) -> Reply<RecentAction> {
    store.write(Database::undo).await
}
