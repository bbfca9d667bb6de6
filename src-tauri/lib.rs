//! Touchpoint's desktop shell: a thin layer over `touchpoint-core`.
//!
//! It parses the command line, resolves where the database lives, and either
//! answers a subcommand without a window or opens the window and serves the
//! UI's commands. Domain rules live in the core, never here.

mod cli;
mod commands;
mod db_path;
mod desktop;
mod error;
mod locale;
mod logging;
mod ocr;
mod store;
mod system_clock;

#[cfg(test)]
mod bindings;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use tauri::Manager;

use crate::commands::{
    app, backups, calendar, card_photo, contacts, followups, insights, sync, transfer, undo,
};
use crate::desktop::{autostart, reminder_runtime, single_instance, tray, window_state};
use crate::store::Store;
use crate::system_clock::SystemClock;

/// When the process started, as near as the app can tell: the start-up
/// time the window reports once it has painted is counted from here.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Entry point shared by the window and the command line.
#[must_use]
pub fn main_entry() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
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
    // Flushes the log file when the app ends.
    let _log = logging::start(logging::log_dir());
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        "started on {}",
        db_path.display()
    );
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
    // Later launches are answered from now on, not once the window is up: a
    // second launch while this one starts exits at once; its wish to see the
    // window waits here until there is one.
    let (wake, wakes) = std::sync::mpsc::channel::<()>();
    if let Some(listener) = listener {
        listener.serve(move || {
            let _ = wake.send(());
        });
    }
    // The file opens on its own thread while the window and its webview
    // start; a failure is kept and shown by the window instead of a silent
    // exit.
    let autostart = autostart::plugin(&db_path);
    let store = Store::open(
        db_path,
        Arc::new(SystemClock::from_env()),
        &locale::System::detect(),
    );
    let app = tauri::Builder::default()
        .plugin(autostart)
        .plugin(crate::desktop::navigation::guard())
        .setup(move |app| {
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                for () in wakes {
                    tray::show_window(&handle);
                }
            });
            // Without a tray (no status-notifier host) the app still works;
            // closing the window then quits it.
            if let Err(error) = tray::build(app.handle()) {
                tracing::warn!("no tray icon: {error}");
            }
            let store = app.state::<Store>().inner().clone();
            if let Some(window) = app.get_webview_window("main") {
                window_state::follow(&window, window_state::state_file(store.path()));
            }
            let runtime = reminder_runtime::ReminderRuntime::start(
                app.handle(),
                store.clone(),
                store.changed(),
            );
            app.manage(runtime);
            app.manage(crate::desktop::sync_loop::SyncLoop::start(
                app.handle(),
                store.clone(),
            ));
            crate::desktop::backups::start(store);
            Ok(())
        })
        .manage(store)
        .manage(transfer::session::ImportSession::default())
        .manage(transfer::ExportPlace::default())
        .invoke_handler(tauri::generate_handler![
            app::app_info,
            app::get_settings,
            app::update_settings,
            contacts::add_contact,
            contacts::update_contact,
            contacts::get_contact,
            contacts::delete_contacts,
            contacts::list_contacts,
            contacts::contact_tags,
            contacts::merge_into,
            contacts::parse_card_text,
            card_photo::read_card_photo,
            contacts::open_contact_link,
            followups::log_touch,
            followups::edit_touch,
            followups::delete_touch,
            followups::contact_plan,
            followups::due_followups,
            followups::cadences,
            followups::enrol_contact,
            followups::create_cadence,
            followups::update_cadence,
            followups::copy_cadence,
            followups::retire_cadence,
            followups::snooze,
            followups::promise_stats,
            followups::today,
            followups::today_part,
            calendar::calendar,
            calendar::reschedule,
            calendar::followup_hour_queue,
            calendar::followup_hour_card,
            calendar::followup_hour_summary,
            calendar::reengagement,
            calendar::schedule_reengagement,
            app::reminder_status,
            app::first_view_painted,
            app::open_log_folder,
            app::open_sample_database,
            transfer::import_upload,
            transfer::import_preview,
            transfer::import_commit,
            transfer::import_cancel,
            transfer::export_contacts,
            transfer::show_export_folder,
            insights::insights,
            insights::insight_contacts,
            insights::answer_rates,
            sync::sync_state,
            sync::sync_connect,
            sync::sync_trust_certificate,
            sync::sync_now,
            sync::sync_disconnect,
            sync::sync_collections,
            sync::sync_choose_collections,
            undo::last_action,
            undo::undo,
            backups::list_backups,
            backups::backup_now,
            backups::restore_backup,
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
            tracing::error!("the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
