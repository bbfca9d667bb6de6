//! The tray icon: the number due now, and Open / Today / the follow-up hour / Quit. Closing the
//! window leaves Touchpoint running here so reminders keep coming.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Manager};

pub(crate) const TRAY_ID: &str = "touchpoint";

pub(crate) fn build(app: &AppHandle) -> tauri::Result<TrayIcon> {
    let open = MenuItem::with_id(app, "open", "Open Touchpoint", true, None::<&str>)?;
    let today = MenuItem::with_id(app, "today", "What is due", true, None::<&str>)?;
    let hour = MenuItem::with_id(app, "hour", "Start follow-up hour", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Touchpoint", true, Some("CmdOrCtrl+Q"))?;
    let menu = Menu::with_items(app, &[&open, &today, &hour, &quit])?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Touchpoint")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_window(app),
            "today" => {
                show_window(app);
                let _ = app.emit("show-due", ());
            }
            "hour" => start_followup_hour(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)
}

pub(crate) fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Brings the window up with the follow-up hour started (tray, notification).
pub(crate) fn start_followup_hour(app: &AppHandle) {
    show_window(app);
    let _ = app.emit("start-followup-hour", ());
}

/// Shows how many follow-ups are due now, in the tray and the window title.
pub(crate) fn show_due_count(app: &AppHandle, due: u32) {
    let label = match due {
        0 => "Touchpoint — nothing due".to_owned(),
        1 => "Touchpoint — 1 due".to_owned(),
        n => format!("Touchpoint — {n} due"),
    };
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(&label));
        let _ = tray.set_title((due > 0).then(|| due.to_string()));
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&label);
    }
}
