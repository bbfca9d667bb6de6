//! The app itself: what it runs on, the user's settings, and whether
//! reminders can be shown.

use tauri::State;
use touchpoint_core::{SampleDatabase, Settings};

use super::Reply;
use super::arg::Arg;
use crate::desktop::reminder_runtime::{ReminderRuntime, ReminderStatus};
use crate::error::ApiError;
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
    store.read(touchpoint_core::Database::settings).await
}

#[tauri::command]
pub(crate) async fn update_settings(
    app: tauri::AppHandle,
    store: State<'_, Store>,
    settings: Arg<Settings>,
) -> Reply<Settings> {
    let settings = settings.0;
    let at_login = settings.start_at_login;
    let saved = store.write(move |db| db.update_settings(settings)).await?;
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

/// The window has painted its first view: the log says how long the start
/// took (scripts/bench-start.sh waits for this line on stderr).
#[tauri::command]
pub(crate) fn first_view_painted() {
    let ms = crate::STARTED
        .get()
        .map(|at| u64::try_from(at.elapsed().as_millis()).unwrap_or(u64::MAX));
    tracing::info!(ms_after_start = ms, "first view painted");
}

/// Opens the log folder in the OS's file manager (making it first, should
/// nothing have been logged yet); returns the folder.
#[tauri::command]
pub(crate) async fn open_log_folder() -> Reply<String> {
    let folder = crate::logging::log_dir()
        .ok_or_else(|| ApiError::unavailable("this system has no folder for logs"))?;
    tauri::async_runtime::spawn_blocking(move || {
        std::fs::create_dir_all(&folder).map_err(|e| {
            ApiError::unavailable(format!("could not make {}: {e}", folder.display()))
        })?;
        crate::desktop::opener::open_folder(&folder)?;
        Ok(folder.display().to_string())
    })
    .await
    .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}

/// Writes a fresh sample database beside the user's and opens it in a
/// window (a process) of its own, so made-up people never mix with real ones.
#[tauri::command]
pub(crate) async fn open_sample_database(store: State<'_, Store>) -> Reply<SampleDatabase> {
    let like = store.read(touchpoint_core::Database::settings).await?;
    if like.sample {
        return Err(ApiError::invalid(
            "sample",
            "This window is the sample database already",
        ));
    }
    let path = store.path().with_file_name(SAMPLE_FILE);
    let now = store.clock().now();
    tauri::async_runtime::spawn_blocking(move || {
        let written = touchpoint_core::write_sample(&path, now, &like)?;
        let app = std::env::current_exe()
            .map_err(|e| ApiError::unavailable(format!("cannot find Touchpoint's program: {e}")))?;
        std::process::Command::new(app)
            .arg("--db")
            .arg(&path)
            .spawn()
            .map_err(|e| ApiError::unavailable(format!("cannot open a second window: {e}")))?;
        Ok(written)
    })
    .await
    .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}

/// The sample's file name, in the folder of the user's database.
const SAMPLE_FILE: &str = "touchpoint-sample.sqlite3";
