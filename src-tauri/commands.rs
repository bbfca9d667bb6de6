//! The commands the UI may call (listed again in `build.rs` for permissions).
//! Each only takes its arguments from IPC and delegates to the core through
//! the [`Store`], which runs it off the UI thread.

use tauri::State;
use touchpoint_core::{
    Cadence, CadenceInput, CardParse, Contact, ContactFields, ContactPage, ContactPlan,
    ContactQuery, DueItem, DuplicateCheck, FollowUp, LogResult, PromiseStats, SaveOutcome,
    ScheduleKind, Settings, Snooze, Today, TouchInput,
};

use crate::error::ApiError;
use crate::store::{AppInfo, Store};

type Reply<T> = Result<T, ApiError>;

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
    crate::autostart::apply(&app, at_login)?;
    Ok(saved)
}

#[tauri::command]
pub(crate) async fn add_contact(
    store: State<'_, Store>,
    fields: ContactFields,
    check: DuplicateCheck,
) -> Reply<SaveOutcome> {
    store.run(move |db| db.add_contact(&fields, check)).await
}

#[tauri::command]
pub(crate) async fn update_contact(
    store: State<'_, Store>,
    id: i64,
    fields: ContactFields,
) -> Reply<Contact> {
    store.run(move |db| db.update_contact(id, &fields)).await
}

#[tauri::command]
pub(crate) async fn get_contact(store: State<'_, Store>, id: i64) -> Reply<Contact> {
    store.run(move |db| db.contact(id)).await
}

#[tauri::command]
pub(crate) async fn list_contacts(
    store: State<'_, Store>,
    query: ContactQuery,
) -> Reply<ContactPage> {
    store.run(move |db| db.list_contacts(&query)).await
}

#[tauri::command]
pub(crate) async fn contact_tags(store: State<'_, Store>) -> Reply<Vec<String>> {
    store.run(|db| db.contact_tags()).await
}

#[tauri::command]
pub(crate) async fn merge_into(
    store: State<'_, Store>,
    target: i64,
    fields: ContactFields,
) -> Reply<Contact> {
    store.run(move |db| db.merge_into(target, &fields)).await
}

/// Pasted text above this size is not a card.
const MAX_PASTE_BYTES: usize = 256 * 1024;

#[tauri::command]
pub(crate) async fn parse_card_text(text: String) -> Reply<CardParse> {
    if text.len() > MAX_PASTE_BYTES {
        return Err(ApiError::invalid(
            "pasteText",
            format!(
                "That is {} KB of text; paste one card, signature or profile at a time (at most {} KB)",
                text.len() / 1024,
                MAX_PASTE_BYTES / 1024
            ),
        ));
    }
    tauri::async_runtime::spawn_blocking(move || touchpoint_core::parse_card_text(&text))
        .await
        .map_err(|e| ApiError::internal(format!("reading the card failed: {e}")))
}

#[tauri::command]
pub(crate) async fn log_touch(store: State<'_, Store>, input: TouchInput) -> Reply<LogResult> {
    store.run(move |db| db.log_touch(&input)).await
}

#[tauri::command]
pub(crate) async fn contact_plan(store: State<'_, Store>, id: i64) -> Reply<ContactPlan> {
    store.run(move |db| db.contact_plan(id)).await
}

/// Follow-ups due within the next `days` days (0: due now), overdue included.
#[tauri::command]
pub(crate) async fn due_followups(store: State<'_, Store>, days: u32) -> Reply<Vec<DueItem>> {
    store
        .run(move |db| {
            let until = db.now() + chrono::Duration::days(i64::from(days.min(366)));
            db.due_followups(until, 500)
        })
        .await
}

#[tauri::command]
pub(crate) async fn cadences(store: State<'_, Store>) -> Reply<Vec<Cadence>> {
    store.run(|db| db.cadences()).await
}

#[tauri::command]
pub(crate) async fn enrol_contact(
    store: State<'_, Store>,
    contact_id: i64,
    cadence_id: i64,
    schedule: ScheduleKind,
) -> Reply<ContactPlan> {
    store
        .run(move |db| db.enrol_contact(contact_id, cadence_id, schedule))
        .await
}

#[tauri::command]
pub(crate) async fn create_cadence(store: State<'_, Store>, input: CadenceInput) -> Reply<Cadence> {
    store.run(move |db| db.create_cadence(&input)).await
}

#[tauri::command]
pub(crate) async fn update_cadence(
    store: State<'_, Store>,
    id: i64,
    input: CadenceInput,
) -> Reply<Cadence> {
    store.run(move |db| db.update_cadence(id, &input)).await
}

#[tauri::command]
pub(crate) async fn copy_cadence(store: State<'_, Store>, id: i64) -> Reply<Cadence> {
    store.run(move |db| db.copy_cadence(id)).await
}

#[tauri::command]
pub(crate) async fn retire_cadence(store: State<'_, Store>, id: i64) -> Reply<Cadence> {
    store.run(move |db| db.retire_cadence(id)).await
}

#[tauri::command]
pub(crate) async fn snooze(
    store: State<'_, Store>,
    followup_id: i64,
    snooze: Snooze,
) -> Reply<FollowUp> {
    store.run(move |db| db.snooze(followup_id, snooze)).await
}

#[tauri::command]
pub(crate) async fn promise_stats(store: State<'_, Store>) -> Reply<PromiseStats> {
    store.run_quietly(|db| db.promise_stats()).await
}

#[tauri::command]
pub(crate) async fn today(store: State<'_, Store>) -> Reply<Today> {
    store.run_quietly(|db| db.today()).await
}

#[tauri::command]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Tauri hands State over by value"
)]
pub(crate) fn reminder_status(
    runtime: State<'_, crate::reminder_runtime::ReminderRuntime>,
) -> crate::reminder_runtime::ReminderStatus {
    runtime.status()
}
