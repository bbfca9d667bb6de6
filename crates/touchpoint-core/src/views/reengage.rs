//! Re-engagement (seed 003): customers and past customers nobody has spoken
//! to for a while, oldest silence first, and "add 10 to this week".
//!
//! A contact already due a follow-up this week is left out: it is on its way,
//! and "add 10" must pick the next ten rather than the same ones again.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Cached;
use crate::db::Database;
use crate::error::Result;
use crate::followups::touch::{FollowUp, FollowUpKind};
use crate::followups::{self, ContactTiming, NewFollowUp};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::time::day_start;
use crate::time::instant;
use crate::time::{is_weekend, local_instant};

/// A customer or past customer `c` with no touch since `?1` (never touched
/// included): who the list is about, before it leaves out those already due
/// this week. Insights counts them as dormant.
pub(crate) const SILENT_CUSTOMER: &str =
    "c.stage IN ('customer', 'past_customer') AND coalesce(c.last_touch_at, 0) <= ?1";

/// The list's order. The first `limit` are found from the index on stage,
/// last touch and name alone; only their rows are then read.
const ORDER: &str = "ORDER BY coalesce(c.last_touch_at, 0), c.display_name COLLATE NOCASE";

/// Who the list holds, given the cutoff `?1` and the week's end `?2`.
fn reengage_filter() -> String {
    format!(
        "FROM contacts c
         WHERE {SILENT_CUSTOMER}
           AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.contact_id = c.id
                           AND f.status = 'open' AND f.due_at < ?2)"
    )
}

/// How many "add to this week" schedules at once.
pub const WEEKLY_BATCH: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReengageItem {
    pub contact_id: i64,
    pub contact_name: String,
    pub company: String,
    pub stage: Stage,
    /// `None`: never touched.
    pub last_touch_at: Option<DateTime<Utc>>,
    pub days_since: Option<u32>,
    /// When the next follow-up is due, if one is scheduled (after this week).
    pub next_due_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReengageList {
    pub after_days: u32,
    pub items: Vec<ReengageItem>,
    /// All who qualify, of which `items` are the first.
    pub total: u32,
}

/// The working days left in the user's week (today included), or next
/// week's when none are left.
fn week_days(today: NaiveDate, weekends: bool) -> Vec<NaiveDate> {
    let allowed = |d: &NaiveDate| weekends || !is_weekend(*d);
    let to_sunday = 6 - i64::from(today.weekday().num_days_from_monday());
    let left: Vec<NaiveDate> = (0..=to_sunday)
        .map(|n| today + Duration::days(n))
        .filter(allowed)
        .collect();
    if !left.is_empty() {
        return left;
    }
    let monday = today + Duration::days(to_sunday + 1);
    (0..7)
        .map(|n| monday + Duration::days(n))
        .filter(allowed)
        .collect()
}

/// Where `count` contacts go over `days`, oldest silence first: in blocks
/// that differ by at most one.
fn spread(count: usize, days: &[NaiveDate]) -> Vec<NaiveDate> {
    (0..count).map(|i| days[i * days.len() / count]).collect()
}

impl Database {
    /// The end of the user's current week (next Monday's midnight).
    fn end_of_week(&self, settings: &Settings) -> DateTime<Utc> {
        let zone = settings.zone();
        let today = self.now().with_timezone(&zone).date_naive();
        let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
        day_start(zone, monday)
    }

    /// Customers and past customers untouched for the configured number of
    /// days (never touched first, then the longest silence), at most `limit`.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn reengagement(&self, limit: u32) -> Result<ReengageList> {
        let settings = self.settings()?;
        let (cutoff, week_end) = self.reengage_bounds(&settings);
        let total: u32 = self.conn.row(
            &format!("SELECT count(*) {}", reengage_filter()),
            params![cutoff, week_end],
            |r| r.get(0),
        )?;
        Ok(ReengageList {
            after_days: settings.reengage_after_days,
            items: self.reengage_items(&settings, limit)?,
            total,
        })
    }

    /// The silence cutoff and the end of the week, in milliseconds.
    fn reengage_bounds(&self, settings: &Settings) -> (i64, i64) {
        let cutoff = self.now() - Duration::days(i64::from(settings.reengage_after_days));
        (
            cutoff.timestamp_millis(),
            self.end_of_week(settings).timestamp_millis(),
        )
    }

    /// The first `limit` of the re-engagement list, without counting the
    /// rest (the follow-up hour's queue and "add 10" need only these).
    pub(crate) fn reengage_items(
        &self,
        settings: &Settings,
        limit: u32,
    ) -> Result<Vec<ReengageItem>> {
        let now = self.now();
        let (cutoff, week_end) = self.reengage_bounds(settings);
        type Row = (i64, String, String, Stage, Option<i64>, Option<i64>);
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(&format!(
                "SELECT c.id, c.display_name, c.company, c.stage, c.last_touch_at,
                        (SELECT min(due_at) FROM followups f
                         WHERE f.contact_id = c.id AND f.status = 'open')
                 FROM (SELECT c.id {} {ORDER} LIMIT ?3) AS first
                 JOIN contacts c ON c.id = first.id
                 {ORDER}",
                reengage_filter()
            ))?
            .query_map(params![cutoff, week_end, limit], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, name, company, stage, last, next)| {
                let last_touch_at = last.map(instant).transpose()?;
                Ok(ReengageItem {
                    contact_id: id,
                    contact_name: name,
                    company,
                    stage,
                    days_since: last_touch_at
                        .map(|t| u32::try_from((now - t).num_days()).unwrap_or(0)),
                    last_touch_at,
                    next_due_at: next.map(instant).transpose()?,
                })
            })
            .collect()
    }

    /// Schedules a call this week for the first `count` of the
    /// re-engagement list, spread evenly over the week's working days left
    /// (next week's when this one is over). A contact's scheduled next step
    /// is brought forward and becomes the call; one without gets a new one.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn schedule_reengagement(&mut self, count: u32) -> Result<Vec<FollowUp>> {
        let settings = self.settings()?;
        let items = self.reengage_items(&settings, count)?;
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.now();
        let today = now.with_timezone(&settings.zone()).date_naive();
        let days = spread(items.len(), &week_days(today, settings.weekends));
        let ids = self.undoable(&format!("Planned {} catch-up calls this week", items.len()), |tx| {
            let mut ids = Vec::new();
            for (item, day) in items.iter().zip(days) {
                let timing = ContactTiming::load(tx, item.contact_id, &settings)?;
                let policy = timing.policy(&settings);
                // Today's call time may have passed: then the call is due now.
                let due_at = local_instant(timing.zone, day.and_time(policy.time_on(day))).max(now);
                let due_on = due_at.with_timezone(&timing.zone).date_naive();
                let prompt = match item.days_since {
                    Some(days) => {
                        format!("It has been {days} days: call to catch up, ask how things are going.")
                    }
                    None => "No touch on record: call to catch up, ask how things are going.".into(),
                };
                let id = match followups::open_next_step(tx, item.contact_id)? {
                    Some(step) => {
                        tx.run(
                            "UPDATE followups SET due_at = ?2, due_on = ?3, channel = 'call', prompt = ?4,
                                    remind_at = CASE WHEN kind = 'cadence' THEN NULL ELSE ?2 END,
                                    delivered_at = NULL, renotified_at = NULL
                             WHERE id = ?1",
                            params![step.id, due_at.timestamp_millis(), due_on.to_string(), prompt],
                        )?;
                        step.id
                    }
                    None => followups::insert_followup(
                        tx,
                        &NewFollowUp {
                            contact_id: item.contact_id,
                            enrolment_id: None,
                            kind: FollowUpKind::Custom,
                            step: None,
                            due_on,
                            due_at,
                            zone: timing.zone,
                            channel: Channel::Call,
                            prompt: &prompt,
                        },
                        now,
                    )?,
                };
                ids.push(id);
            }
            Ok(ids)
        })?;
        ids.into_iter()
            .map(|id| followups::followup(&self.conn, id))
            .collect()
    }
}

#[cfg(test)]
mod tests;
