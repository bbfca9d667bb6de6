//! Commands of the calendar, the follow-up hour and re-engagement views.

use chrono::{DateTime, NaiveDate, Utc};
use tauri::State;
use touchpoint_core::{
    CalendarRange, FollowUp, HourSummary, QueueEntry, QueueItem, QueueReason, ReengageList,
    Reschedule,
};

use super::arg::Arg;
use crate::error::ApiError;
use crate::store::Store;

type Reply<T> = Result<T, ApiError>;

/// Re-engagement candidates listed at once; the view says how many more there are.
const REENGAGE_SHOWN: u32 = 100;

#[tauri::command]
pub(crate) async fn calendar(
    store: State<'_, Store>,
    from: Arg<NaiveDate>,
    to: Arg<NaiveDate>,
    per_day: Arg<u32>,
) -> Reply<CalendarRange> {
    let from = from.0;
    let to = to.0;
    let per_day = per_day.0;
    store.read(move |db| db.calendar(from, to, per_day)).await
}

#[tauri::command]
pub(crate) async fn reschedule(
    store: State<'_, Store>,
    followup_id: Arg<i64>,
    to: Arg<String>,
    confirmed: Arg<bool>,
) -> Reply<Reschedule> {
    let followup_id = followup_id.0;
    let to = to.0;
    let confirmed = confirmed.0;
    store
        .write(move |db| db.reschedule_local(followup_id, &to, confirmed))
        .await
}

#[tauri::command]
pub(crate) async fn followup_hour_queue(store: State<'_, Store>) -> Reply<Vec<QueueItem>> {
    store
        .read(touchpoint_core::Database::followup_hour_list)
        .await
}

/// What the call to one contact of the queue needs, asked when the hour
/// reaches it.
#[tauri::command]
pub(crate) async fn followup_hour_card(
    store: State<'_, Store>,
    contact_id: Arg<i64>,
    reason: Arg<QueueReason>,
    followup_id: Arg<Option<i64>>,
) -> Reply<QueueEntry> {
    let (contact_id, reason, followup_id) = (contact_id.0, reason.0, followup_id.0);
    store
        .read(move |db| db.followup_hour_card(contact_id, reason, followup_id))
        .await
}

#[tauri::command]
pub(crate) async fn followup_hour_summary(
    store: State<'_, Store>,
    started_at: Arg<DateTime<Utc>>,
    skipped: Arg<Vec<i64>>,
) -> Reply<HourSummary> {
    let started_at = started_at.0;
    let skipped = skipped.0;
    store
        .read(move |db| db.followup_hour_summary(started_at, &skipped))
        .await
}

#[tauri::command]
pub(crate) async fn reengagement(store: State<'_, Store>) -> Reply<ReengageList> {
    store.read(|db| db.reengagement(REENGAGE_SHOWN)).await
}

#[tauri::command]
pub(crate) async fn schedule_reengagement(store: State<'_, Store>) -> Reply<Vec<FollowUp>> {
    store
        .write(|db| db.schedule_reengagement(touchpoint_core::REENGAGE_WEEKLY_BATCH))
        .await
}
