//! The app itself: what it runs on, the user's settings, and whether
//! reminders can be shown.

use tauri::State;
use touchpoint_core::Settings;

use super::Reply;
use crate::desktop::reminder_runtime::{ReminderRuntime, ReminderStatus};
use crate::store::{AppInfo, Store};

#[tauri::command]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Tauri hands State over by value"
)]
pub(crate) fn app_info(store: State<'_, Store>) -> AppInfo {
    store.info()
}

#[tauri::command]
pub(crate) async fn get_settings(store: State<'_, Store>) -> Reply<Settings> {
    store.run(|db| db.settings()).await
}

#[tauri::command]
pub(crate) async fn update_settings(
    app: tauri::AppHandle,
    store: State<'_, Store>,
    settings: Settings,
) -> Reply<Settings> {
    let at_login = settings.start_at_login;
    let saved = store.run(move |db| db.update_settings(settings)).await?;
    // Applied once the rest is known good, so a refused value changes nothing.
    crate::desktop::autostart::apply(&app, at_login)?;
    Ok(saved)
}

#[tauri::command]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Tauri hands State over by value"
)]
pub(crate) fn reminder_status(runtime: State<'_, ReminderRuntime>) -> ReminderStatus {
    runtime.status()
}
