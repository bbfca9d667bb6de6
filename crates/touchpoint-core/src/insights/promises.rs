//! Promised callbacks in the period: kept on time, kept late, missed, and
//! the same week by week for the trend.
//!
//! "On time" is the touch log's own verdict (the `kept` mark it writes:
//! within the grace after the promised time, or the contact reached the
//! user first), the one the Contacts header's "Promises kept on time"
//! shows; what is not on time is late while the promised day lasts in the
//! promise's zone, and missed after.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::time::{day_start, instant};

pub(crate) const ABOUT: &str = "Callbacks you promised in a voicemail during the period: kept \
on time (you called within an hour of the promised time, or they reached you first), kept \
late (later, but on the promised day), missed (not kept by the end of the promised day), or \
still pending. Cancelled promises are left out.";

/// Where a promised callback stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PromiseOutcome {
    /// Marked kept by the touch that ended it: a call within the grace
    /// after the promised time, or the contact reaching the user first.
    KeptOnTime,
    /// Ended by a call after the grace, before the promised day ended (in
    /// the promise's zone).
    KeptLate,
    /// Ended after the promised day, or still open once it is over.
    Missed,
    /// Still open, and its day is not over.
    Pending,
}

/// Promised callbacks by outcome; `made` is their sum (cancelled ones,
/// e.g. for a contact marked do-not-contact, are not counted at all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromiseCounts {
    pub made: u32,
    pub kept_on_time: u32,
    pub kept_late: u32,
    pub missed: u32,
    pub pending: u32,
}

impl PromiseCounts {
    fn add(&mut self, outcome: PromiseOutcome) {
        self.made += 1;
        match outcome {
            PromiseOutcome::KeptOnTime => self.kept_on_time += 1,
            PromiseOutcome::KeptLate => self.kept_late += 1,
            PromiseOutcome::Missed => self.missed += 1,
            PromiseOutcome::Pending => self.pending += 1,
        }
    }
}

/// One ISO week (Monday to Sunday in the user's zone) of promises made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromiseWeek {
    /// "2026-W48".
    pub week: String,
    /// Its Monday.
    pub starts_on: NaiveDate,
    pub counts: PromiseCounts,
}

/// Promised callbacks made in the period (when the voicemail that made
/// them happened, else when they were logged), by outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Promises {
    pub about: String,
    pub total: PromiseCounts,
    /// Every week from the period's first (for all time: the first
    /// promise's) to the current one, empty weeks included.
    pub weeks: Vec<PromiseWeek>,
}

/// One promise, as made and as it stands.
pub(crate) struct Made {
    pub contact_id: i64,
    pub at: DateTime<Utc>,
    pub outcome: PromiseOutcome,
}

/// The promises made in the period with their outcomes, cancelled ones aside.
pub(crate) fn made(
    conn: &Connection,
    since: i64,
    now: DateTime<Utc>,
    user_zone: Tz,
) -> Result<Vec<Made>> {
    type Row = (i64, i64, String, String, String, Option<i64>, Option<i64>);
    let rows: Vec<Row> = conn
        .prepare_cached(
            "SELECT f.contact_id, coalesce(m.happened_at, f.created_at), f.due_on, f.time_zone,
                    f.status, f.kept, coalesce(c.happened_at, f.closed_at)
             FROM followups f
             LEFT JOIN touches m ON m.id = f.made_by_touch
             LEFT JOIN touches c ON c.id = f.closed_by_touch
             WHERE f.kind = 'promise' AND f.status <> 'cancelled'
               AND coalesce(m.happened_at, f.created_at) >= ?1",
        )?
        .query_map([since], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (contact_id, made_at, due_on, zone, status, kept, closed_at) in rows {
        let zone: Tz = zone.parse().unwrap_or(user_zone);
        let day_over = NaiveDate::parse_from_str(&due_on, "%Y-%m-%d")
            .map(|day| day_start(zone, day + Duration::days(1)))
            .map_err(|_| {
                crate::error::CoreError::Corrupt(format!(
                    "a promised callback has an unreadable day {due_on:?}"
                ))
            })?;
        let outcome = match (status.as_str(), kept, closed_at) {
            ("done", Some(1), _) => PromiseOutcome::KeptOnTime,
            ("done", _, Some(closed)) if instant(closed)? < day_over => PromiseOutcome::KeptLate,
            ("done", _, _) => PromiseOutcome::Missed,
            _ if now >= day_over => PromiseOutcome::Missed,
            _ => PromiseOutcome::Pending,
        };
        out.push(Made {
            contact_id,
            at: instant(made_at)?,
            outcome,
        });
    }
    Ok(out)
}

fn monday(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    let day = at.with_timezone(&zone).date_naive();
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub(crate) fn figures(
    made: &[Made],
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: Tz,
) -> Promises {
    let mut total = PromiseCounts::default();
    let mut by_week: BTreeMap<NaiveDate, PromiseCounts> = BTreeMap::new();
    for promise in made {
        total.add(promise.outcome);
        by_week
            .entry(monday(promise.at, zone))
            .or_default()
            .add(promise.outcome);
    }
    let first = since
        .map(|at| monday(at, zone))
        .or_else(|| by_week.keys().next().copied());
    let last = monday(now, zone).max(by_week.keys().last().copied().unwrap_or(NaiveDate::MIN));
    let mut weeks = Vec::new();
    let mut week = first.unwrap_or(last);
    while first.is_some() && week <= last {
        let iso = week.iso_week();
        weeks.push(PromiseWeek {
            week: format!("{}-W{:02}", iso.year(), iso.week()),
            starts_on: week,
            counts: by_week.get(&week).copied().unwrap_or_default(),
        });
        week += Duration::days(7);
    }
    Promises {
        about: ABOUT.to_owned(),
        total,
        weeks,
    }
}
