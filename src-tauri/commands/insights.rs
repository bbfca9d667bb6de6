//! Insights: the user's own figures for a period, and the contacts behind
//! any one of them. Reads only: the reminder runtime is not woken.

use tauri::State;
use touchpoint_core::{AnswerRates, ContactSummary, InsightFigure, Insights, InsightsPeriod};

use super::Reply;
use super::arg::Arg;
use crate::store::Store;

#[tauri::command]
pub(crate) async fn insights(
    store: State<'_, Store>,
    period: Arg<InsightsPeriod>,
) -> Reply<Insights> {
    let period = period.0;
    store.read(move |db| db.insights(period)).await
}

/// The contacts a figure counted, by name (referrers: most referrals first).
#[tauri::command]
pub(crate) async fn insight_contacts(
    store: State<'_, Store>,
    period: Arg<InsightsPeriod>,
    figure: Arg<InsightFigure>,
) -> Reply<Vec<ContactSummary>> {
    let (period, figure) = (period.0, figure.0);
    store
        .read(move |db| db.insight_contacts(period, figure))
        .await
}

/// Every contact's calls by weekday and hour, how many were answered.
#[tauri::command]
pub(crate) async fn answer_rates(store: State<'_, Store>) -> Reply<AnswerRates> {
    store.read(touchpoint_core::Database::answer_rates).await
}
