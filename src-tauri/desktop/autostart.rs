//! "Start at login": an entry in the session's autostart list that opens
//! Touchpoint on the same database, so reminders run from the first minute.

use tauri::AppHandle;
use tauri_plugin_autostart::ManagerExt;

use crate::error::ApiError;

pub(crate) fn plugin(db_path: &std::path::Path) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_autostart::Builder::new()
        .app_name("Touchpoint")
        .args(["--db".to_owned(), db_path.display().to_string()])
        .build()
}

pub(crate) fn apply(app: &AppHandle, enabled: bool) -> Result<(), ApiError> {
    let launcher = app.autolaunch();
    let result = if enabled {
        launcher.enable()
    } else if launcher.is_enabled().unwrap_or(false) {
        launcher.disable()
    } else {
        Ok(())
    };
    result.map_err(|e| ApiError::internal(format!("cannot change \"start at login\": {e}")))
}
