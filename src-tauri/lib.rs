//! Touchpoint's desktop shell: a thin layer over `touchpoint-core`.
//!
//! It parses the command line, resolves where the database lives, and either
//! answers a subcommand without a window or opens the window and serves the
//! UI's commands. Domain rules live in the core, never here.

mod autostart;
mod calendar_commands;
mod cli;
mod cli_contacts;
mod cli_touch;
mod cli_transfer;
mod commands;
mod db_path;
mod error;
mod export_file;
mod import_commands;
mod import_session;
mod locale;
mod notifier;
mod reminder_runtime;
mod single_instance;
mod store;
mod system_clock;
mod tray;

#[cfg(test)]
mod bindings;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use tauri::Manager;

use crate::store::Store;
use crate::system_clock::SystemClock;

/// Entry point shared by the window and the command line.
#[must_use]
pub fn main_entry() -> ExitCode {
    let args = cli::Args::parse();
    let db_path = match db_path::resolve_from_env(args.db.clone()) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("touchpoint: {message}");
            return ExitCode::FAILURE;
        }
    };
    match args.command {
        Some(command) => cli::run(&command, &db_path),
        None => run_window(db_path),
    }
}

fn run_window(db_path: std::path::PathBuf) -> ExitCode {
    // Under WebDriver (tauri-driver sets this for the webview) the driver owns
    // the app's life: closing the window quits instead of going to the tray,
    // and each session gets its own process, so no single-instance hand-over.
    let automated = std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_some();
    let listener = if automated {
        None
    } else {
        match single_instance::claim(&db_path) {
            single_instance::Instance::AlreadyRunning => {
                eprintln!(
                    "touchpoint: already running on {}; brought it to the front",
                    db_path.display()
                );
                return ExitCode::SUCCESS;
            }
            single_instance::Instance::First(listener) => listener,
        }
    };
    let socket = listener.as_ref().map(|l| l.path.clone());
    // Opened before the event loop starts, so no window waits on it; a failure
    // is kept and shown by the window instead of a silent exit.
    let autostart = autostart::plugin(&db_path);
    let store = Store::open(
        db_path,
        Arc::new(SystemClock::from_env()),
        &locale::System::detect(),
    );
    let app = tauri::Builder::default()
        .plugin(autostart)
        .setup(move |app| {
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                listener.serve(move || tray::show_window(&handle));
            }
            // Without a tray (no status-notifier host) the app still works;
            // closing the window then quits it.
            if let Err(error) = tray::build(app.handle()) {
                eprintln!("touchpoint: no tray icon: {error}");
            }
            let store = app.state::<Store>().inner().clone();
            let runtime = reminder_runtime::ReminderRuntime::start(
                app.handle(),
                store.clone(),
                store.changed(),
            );
            app.manage(runtime);
            Ok(())
        })
        .manage(store)
        .manage(import_session::ImportSession::default())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::get_settings,
            commands::update_settings,
            commands::add_contact,
            commands::update_contact,
            commands::get_contact,
            commands::list_contacts,
            commands::contact_tags,
            commands::merge_into,
            commands::parse_card_text,
            commands::log_touch,
            commands::contact_plan,
            commands::due_followups,
            commands::cadences,
            commands::enrol_contact,
            commands::create_cadence,
            commands::update_cadence,
            commands::copy_cadence,
            commands::retire_cadence,
            commands::snooze,
            commands::promise_stats,
            commands::today,
            calendar_commands::calendar,
            calendar_commands::reschedule,
            calendar_commands::followup_hour_queue,
            calendar_commands::followup_hour_summary,
            calendar_commands::reengagement,
            calendar_commands::schedule_reengagement,
            commands::reminder_status,
            import_commands::import_upload,
            import_commands::import_preview,
            import_commands::import_commit,
            import_commands::import_cancel,
            import_commands::export_contacts,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(move |handle, event| match event {
                // Closing the window keeps Touchpoint in the tray, reminding.
                tauri::RunEvent::WindowEvent {
                    label,
                    event: tauri::WindowEvent::CloseRequested { api, .. },
                    ..
                } if !automated && handle.tray_by_id(tray::TRAY_ID).is_some() => {
                    api.prevent_close();
                    if let Some(window) = handle.get_webview_window(&label) {
                        let _ = window.hide();
                    }
                }
                // Stop answering "already running" as soon as the app is on its way out.
                tauri::RunEvent::ExitRequested { .. } => {
                    if let Some(socket) = &socket {
                        let _ = std::fs::remove_file(socket);
                    }
                }
                tauri::RunEvent::Exit => {
                    if let Some(runtime) = handle.try_state::<reminder_runtime::ReminderRuntime>() {
                        runtime.stop();
                    }
                    if let Some(socket) = &socket {
                        let _ = std::fs::remove_file(socket);
                    }
                }
                _ => {}
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("touchpoint: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
