//! Follow-ups: the touch log, cadences, what is due, promised callbacks.

use tauri::State;
use touchpoint_core::{
    Cadence, CadenceInput, ContactPlan, DueItem, DuePage, FollowUp, LogResult, PromiseStats,
    ScheduleKind, Snooze, TodayPage, TodayPart, TouchEdit, TouchInput,
};

use super::Reply;
use super::arg::Arg;
use crate::store::Store;

#[tauri::command]
pub(crate) async fn log_touch(store: State<'_, Store>, input: Arg<TouchInput>) -> Reply<LogResult> {
    let input = input.0;
    store.write(move |db| db.log_touch(&input)).await
}

/// Corrects a logged touch; the contact's plan as it now is.
#[tauri::command]
pub(crate) async fn edit_touch(
    store: State<'_, Store>,
    id: Arg<i64>,
    edit: Arg<TouchEdit>,
) -> Reply<ContactPlan> {
    let id = id.0;
    let edit = edit.0;
    store.write(move |db| db.edit_touch(id, &edit)).await
}

#[tauri::command]
pub(crate) async fn delete_touch(store: State<'_, Store>, id: Arg<i64>) -> Reply<ContactPlan> {
    let id = id.0;
    store.write(move |db| db.delete_touch(id)).await
}

#[tauri::command]
pub(crate) async fn contact_plan(store: State<'_, Store>, id: Arg<i64>) -> Reply<ContactPlan> {
    let id = id.0;
    store.read(move |db| db.contact_plan(id)).await
}

/// Follow-ups due within the next `days` days (0: due now), overdue
/// included: rows `offset..offset + limit` and how many are due in all.
#[tauri::command]
pub(crate) async fn due_followups(
    store: State<'_, Store>,
    days: Arg<u32>,
    offset: Arg<u32>,
    limit: Arg<u32>,
) -> Reply<DuePage> {
    let (days, offset, limit) = (days.0, offset.0, limit.0.min(MAX_PAGE));
    store
        .read(move |db| {
            let until = db.now() + chrono::Duration::days(i64::from(days.min(366)));
            db.due_page(until, offset, limit)
        })
        .await
}

#[tauri::command]
pub(crate) async fn cadences(store: State<'_, Store>) -> Reply<Vec<Cadence>> {
    store.read(touchpoint_core::Database::cadences).await
}

#[tauri::command]
pub(crate) async fn enrol_contact(
    store: State<'_, Store>,
    contact_id: Arg<i64>,
    cadence_id: Arg<i64>,
    schedule: Arg<ScheduleKind>,
) -> Reply<ContactPlan> {
    let contact_id = contact_id.0;
    let cadence_id = cadence_id.0;
    let schedule = schedule.0;
    store
        .write(move |db| db.enrol_contact(contact_id, cadence_id, schedule))
        .await
}

#[tauri::command]
pub(crate) async fn create_cadence(
    store: State<'_, Store>,
    input: Arg<CadenceInput>,
) -> Reply<Cadence> {
    let input = input.0;
    store.write(move |db| db.create_cadence(&input)).await
}

#[tauri::command]
pub(crate) async fn update_cadence(
    store: State<'_, Store>,
    id: Arg<i64>,
    input: Arg<CadenceInput>,
) -> Reply<Cadence> {
    let id = id.0;
    let input = input.0;
    store.write(move |db| db.update_cadence(id, &input)).await
}

#[tauri::command]
pub(crate) async fn copy_cadence(store: State<'_, Store>, id: Arg<i64>) -> Reply<Cadence> {
    let id = id.0;
    store.write(move |db| db.copy_cadence(id)).await
}

#[tauri::command]
pub(crate) async fn retire_cadence(store: State<'_, Store>, id: Arg<i64>) -> Reply<Cadence> {
    let id = id.0;
    store.write(move |db| db.retire_cadence(id)).await
}

#[tauri::command]
pub(crate) async fn snooze(
    store: State<'_, Store>,
    followup_id: Arg<i64>,
    snooze: Arg<Snooze>,
) -> Reply<FollowUp> {
    let followup_id = followup_id.0;
    let snooze = snooze.0;
    store.write(move |db| db.snooze(followup_id, snooze)).await
}

#[tauri::command]
pub(crate) async fn promise_stats(store: State<'_, Store>) -> Reply<PromiseStats> {
    store.read(touchpoint_core::Database::promise_stats).await
}

/// Today's first `per_part` rows of each part, and every part counted: the
/// window never holds a heavy user's whole backlog at once.
#[tauri::command]
pub(crate) async fn today(store: State<'_, Store>, per_part: Arg<u32>) -> Reply<TodayPage> {
    let per_part = per_part.0.min(MAX_PAGE);
    store.read(move |db| db.today_page(per_part)).await
}

/// More rows of one part of Today, after the `offset` already shown.
#[tauri::command]
pub(crate) async fn today_part(
    store: State<'_, Store>,
    part: Arg<TodayPart>,
    offset: Arg<u32>,
    limit: Arg<u32>,
) -> Reply<Vec<DueItem>> {
    let (part, offset, limit) = (part.0, offset.0, limit.0.min(MAX_PAGE));
    store
        .read(move |db| db.today_part(part, offset, limit))
        .await
}

/// At most this many rows a call, whatever the window asks.
const MAX_PAGE: u32 = 500;
