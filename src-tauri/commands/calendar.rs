//! Commands of the calendar, the follow-up hour and re-engagement views.

use chrono::{DateTime, NaiveDate, Utc};
use tauri::State;
use touchpoint_core::{CalendarRange, FollowUp, HourSummary, QueueEntry, ReengageList, Reschedule};

use crate::error::ApiError;
use crate::store::Store;

type Reply<T> = Result<T, ApiError>;

/// Re-engagement candidates listed at once; the view says how many more there are.
const REENGAGE_SHOWN: u32 = 100;

#[tauri::command]
pub(crate) async fn calendar(
    store: State<'_, Store>,
    from: NaiveDate,
    to: NaiveDate,
    per_day: u32,
) -> Reply<CalendarRange> {
    store.read(move |db| db.calendar(from, to, per_day)).await
}

#[tauri::command]
pub(crate) async fn reschedule(
    store: State<'_, Store>,
    followup_id: i64,
    to: String,
    confirmed: bool,
) -> Reply<Reschedule> {
    store
        .write(move |db| db.reschedule_local(followup_id, &to, confirmed))
        .await
}

#[tauri::command]
pub(crate) async fn followup_hour_queue(store: State<'_, Store>) -> Reply<Vec<QueueEntry>> {
    store
        .read(touchpoint_core::Database::followup_hour_queue)
        .await
}

#[tauri::command]
pub(crate) async fn followup_hour_summary(
    store: State<'_, Store>,
    started_at: DateTime<Utc>,
    skipped: Vec<i64>,
) -> Reply<HourSummary> {
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
