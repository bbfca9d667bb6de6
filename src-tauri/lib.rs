//! Touchpoint's desktop shell: a thin layer over `touchpoint-core`.
//!
//! It parses the command line, resolves where the database lives, and either
//! answers a subcommand without a window or opens the window and serves the
//! UI's commands. Domain rules live in the core, never here.

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
mod store;
mod system_clock;

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
    // Opened before the event loop starts, so no window waits on it; a failure
    // is kept and shown by the window instead of a silent exit.
    let store = Store::open(db_path, Arc::new(SystemClock), &locale::System::detect());
    let app = tauri::Builder::default()
        .setup(|app| {
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
            import_commands::import_upload,
            import_commands::import_preview,
            import_commands::import_commit,
            import_commands::import_cancel,
            import_commands::export_contacts,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event
                    && let Some(runtime) = handle.try_state::<reminder_runtime::ReminderRuntime>()
                {
                    runtime.stop();
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("touchpoint: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
