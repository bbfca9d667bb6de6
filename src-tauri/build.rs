/// Every command the UI may call. Only these get permissions, and the
/// capability file grants them to the main window alone.
const COMMANDS: &[&str] = &[
    "app_info",
    "get_settings",
    "update_settings",
    "add_contact",
    "update_contact",
    "get_contact",
    "delete_contacts",
    "list_contacts",
    "contact_tags",
    "merge_into",
    "parse_card_text",
    "read_card_photo",
    "log_touch",
    "edit_touch",
    "delete_touch",
    "contact_plan",
    "due_followups",
    "cadences",
    "enrol_contact",
    "create_cadence",
    "update_cadence",
    "copy_cadence",
    "retire_cadence",
    "snooze",
    "promise_stats",
    "today",
    "today_part",
    "calendar",
    "reschedule",
    "followup_hour_queue",
    "followup_hour_card",
    "followup_hour_summary",
    "reengagement",
    "schedule_reengagement",
    "reminder_status",
    "first_view_painted",
    "open_log_folder",
    "open_sample_database",
    "open_contact_link",
    "import_upload",
    "import_preview",
    "import_commit",
    "import_cancel",
    "export_contacts",
    "show_export_folder",
    "last_action",
    "undo",
    "list_backups",
    "backup_now",
    "restore_backup",
    "insights",
    "insight_contacts",
    "answer_rates",
    "sync_state",
    "sync_connect",
    "sync_trust_certificate",
    "sync_now",
    "sync_disconnect",
    "sync_collections",
    "sync_choose_collections",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
