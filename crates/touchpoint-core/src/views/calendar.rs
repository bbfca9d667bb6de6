//! The calendar of follow-ups: what falls on each day of a visible range, in
//! the user's time zone, and moving a follow-up to another instant.
//!
//! Only the visible range is read (through the open-by-due index), so paging
//! weeks and months stays instant however many follow-ups are scheduled. A
//! day's bounds are local midnights converted one by one: a week across a
//! DST change is 167 or 169 hours long, never "7 × 24".

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::touch::{FollowUp, FollowUpKind};
use crate::followups::{self, ContactTiming};
use crate::settings::Settings;
use crate::time::instant;
use crate::time::{day_start, local_instant, skipped_time};

/// The longest range one query may cover: a month view shows six weeks.
pub const MAX_RANGE_DAYS: i64 = 42;
/// Overdue follow-ups listed in the calendar's lane (all are counted).
const OVERDUE_SHOWN: u32 = 50;

/// One follow-up as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarItem {
    pub followup_id: i64,
    pub contact_id: i64,
    pub contact_name: String,
    pub company: String,
    pub kind: FollowUpKind,
    pub channel: Channel,
    pub due_at: DateTime<Utc>,
    /// "HH:MM" in the user's zone.
    pub local_time: String,
    /// "2026-12-01 07:30" in the contact's zone, and that zone.
    pub their_due: String,
    pub time_zone: String,
    pub prompt: String,
}

/// One day of the range: how many follow-ups fall on it and (up to the
/// asked number) which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub count: u32,
    pub promises: u32,
    pub items: Vec<CalendarItem>,
}

/// The weekly follow-up hour on one day, in the user's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HourBlock {
    pub day: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// "09:00" and "10:00".
    pub local_start: String,
    pub local_end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRange {
    pub time_zone: String,
    /// Every day from `from` up to (not including) `to`.
    pub days: Vec<CalendarDay>,
    /// Open follow-ups already past due: the overdue lane, oldest first.
    pub overdue: Vec<CalendarItem>,
    pub overdue_count: u32,
    pub followup_hours: Vec<HourBlock>,
}

/// What came of a move: done, or a question for the user first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum Reschedule {
    Moved {
        followup: FollowUp,
        /// Set when the time typed does not exist (inside a DST jump): where
        /// it was set instead, in words.
        moved: Option<String>,
    },
    /// Nothing was changed: the new time is outside when the contact can be
    /// reached; ask again with `confirmed` to move it anyway.
    NeedsConfirmation { reason: String },
}

/// The follow-up hour blocks that fall in `from..to`.
pub(crate) fn hour_blocks(settings: &Settings, from: NaiveDate, to: NaiveDate) -> Vec<HourBlock> {
    let zone = settings.zone();
    let (start, end) = settings.followup_hour();
    from.iter_days()
        .take_while(|d| *d < to)
        .filter(|d| crate::time::Day::from(d.weekday()) == settings.followup_hour_day)
        .map(|day| HourBlock {
            day,
            start: local_instant(zone, day.and_time(start)),
            end: local_instant(zone, day.and_time(end)),
            local_start: start.format("%H:%M").to_string(),
            local_end: end.format("%H:%M").to_string(),
        })
        .collect()
}

type ItemRow = (
    i64,
    i64,
    String,
    String,
    FollowUpKind,
    Channel,
    i64,
    String,
    String,
);

fn item(row: ItemRow, zone: Tz) -> rusqlite::Result<CalendarItem> {
    let (followup_id, contact_id, contact_name, company, kind, channel, due_ms, their_zone, prompt) =
        row;
    let due_at = instant(due_ms)?;
    let their: Tz = their_zone.parse().unwrap_or(zone);
    Ok(CalendarItem {
        followup_id,
        contact_id,
        contact_name,
        company,
        kind,
        channel,
        due_at,
        local_time: due_at.with_timezone(&zone).format("%H:%M").to_string(),
        their_due: due_at
            .with_timezone(&their)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        time_zone: their_zone,
        prompt,
    })
}

fn item_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ItemRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

const ITEM_SELECT: &str = "SELECT f.id, f.contact_id, c.display_name, c.company, f.kind, f.channel,
            f.due_at, f.time_zone, f.prompt
     FROM followups f JOIN contacts c ON c.id = f.contact_id";

impl Database {
    /// The follow-ups of the days `from..to` in the user's zone, at most
    /// `per_day` listed on each day (all counted), with the overdue lane and
    /// the follow-up hour blocks.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for an empty range or one longer than [`MAX_RANGE_DAYS`].
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate, per_day: u32) -> Result<CalendarRange> {
        let span = (to - from).num_days();
        if !(1..=MAX_RANGE_DAYS).contains(&span) {
            return Err(CoreError::invalid(
                "range",
                format!("A calendar range is 1 to {MAX_RANGE_DAYS} days; {from} to {to} is not"),
            ));
        }
        let settings = self.settings()?;
        let zone = settings.zone();
        let now = self.now();
        let bounds: Vec<DateTime<Utc>> = from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|d| day_start(zone, d))
            .collect();
        let mut days: Vec<CalendarDay> = from
            .iter_days()
            .take_while(|d| *d < to)
            .map(|day| CalendarDay {
                day,
                count: 0,
                promises: 0,
                items: Vec::new(),
            })
            .collect();
        // Past-due follow-ups live in the overdue lane, not on their old day.
        // Each day is counted from the index and only its first `per_day`
        // rows are read: a month shows 4 a day of thousands.
        let start = bounds[0].max(now).timestamp_millis();
        let mut count = self.conn.prepare_cached(
            "SELECT count(*), coalesce(sum(kind = 'promise'), 0) FROM followups
             WHERE status = 'open' AND due_at >= ?1 AND due_at < ?2",
        )?;
        let mut items = self.conn.prepare_cached(&format!(
            "{ITEM_SELECT} WHERE f.status = 'open' AND f.due_at >= ?1 AND f.due_at < ?2
             ORDER BY f.due_at, f.id LIMIT ?3"
        ))?;
        for (day, edges) in days.iter_mut().zip(bounds.windows(2)) {
            let (from, to) = (
                edges[0].timestamp_millis().max(start),
                edges[1].timestamp_millis(),
            );
            if from >= to {
                continue;
            }
            (day.count, day.promises) =
                count.query_row(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if per_day > 0 && day.count > 0 {
                day.items = items
                    .query_map(params![from, to, per_day], item_row)?
                    .map(|row| row.and_then(|row| item(row, zone)))
                    .collect::<rusqlite::Result<_>>()?;
            }
        }
        let (overdue, overdue_count) = self.overdue_lane(zone, now)?;
        Ok(CalendarRange {
            time_zone: zone.name().to_owned(),
            days,
            overdue,
            overdue_count,
            followup_hours: hour_blocks(&settings, from, to),
        })
    }

    fn overdue_lane(&self, zone: Tz, now: DateTime<Utc>) -> Result<(Vec<CalendarItem>, u32)> {
        let now = now.timestamp_millis();
        let count: u32 = self.conn.row(
            "SELECT count(*) FROM followups WHERE status = 'open' AND due_at < ?1",
            [now],
            |r| r.get(0),
        )?;
        // Promised callbacks first, each kind read in due order from its
        // index, rather than sorting every overdue row.
        let mut items: Vec<CalendarItem> = Vec::new();
        for kind in ["f.kind = 'promise'", "f.kind <> 'promise'"] {
            let left = OVERDUE_SHOWN.saturating_sub(u32::try_from(items.len()).unwrap_or(u32::MAX));
            if left == 0 {
                break;
            }
            let rows = self
                .conn
                .prepare_cached(&format!(
                    "{ITEM_SELECT} WHERE f.status = 'open' AND {kind} AND f.due_at < ?1
                     ORDER BY f.due_at LIMIT ?2"
                ))?
                .query_map(params![now, left], item_row)?
                .map(|row| row.and_then(|row| item(row, zone)))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            items.extend(rows);
        }
        Ok((items, count))
    }

    /// [`Database::reschedule`] to a wall time in the user's zone, as the
    /// calendar shows it: "2026-11-26 14:30".
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for text that is not such a time, else as `reschedule`.
    pub fn reschedule_local(
        &mut self,
        followup_id: i64,
        local: &str,
        confirmed: bool,
    ) -> Result<Reschedule> {
        let Some(wall) = crate::time::parse_local(local) else {
            return Err(CoreError::invalid(
                "when",
                format!("\"{local}\" is not a date and time; type it like 2026-11-26 14:30"),
            ));
        };
        let zone = self.settings()?.zone();
        let to = local_instant(zone, wall);
        Ok(match self.reschedule(followup_id, to, confirmed)? {
            Reschedule::Moved { followup, .. } => Reschedule::Moved {
                followup,
                moved: skipped_time(zone, wall, to).map(|skipped| {
                    format!(
                        "{skipped}: moved to {}.",
                        to.with_timezone(&zone).format("%H:%M")
                    )
                }),
            },
            other => other,
        })
    }

    /// Moves an open follow-up to `to`. A time outside the contact's best
    /// time to call (or, without one, outside 08:00–18:00 on a working day in
    /// their zone) changes nothing until the user `confirmed` it.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown follow-up; [`CoreError::Invalid`]
    /// for a closed one or a time in the past.
    pub fn reschedule(
        &mut self,
        followup_id: i64,
        to: DateTime<Utc>,
        confirmed: bool,
    ) -> Result<Reschedule> {
        let current = followups::followup(&self.conn, followup_id)?;
        if !followups::is_open(&self.conn, followup_id)? {
            return Err(CoreError::invalid(
                "followup",
                "This follow-up is already done; there is nothing to move",
            ));
        }
        let now = self.now();
        let settings = self.settings()?;
        let user_zone = settings.zone();
        let shown = to.with_timezone(&user_zone).format("%a %-d %b %H:%M");
        if to < now - Duration::minutes(1) {
            return Err(CoreError::invalid(
                "when",
                format!("{shown} has already passed; pick a time from now on"),
            ));
        }
        if to > now + Duration::days(3660) {
            return Err(CoreError::invalid(
                "when",
                "Pick a time within the next ten years",
            ));
        }
        let timing = ContactTiming::load(&self.conn, current.contact_id, &settings)?;
        if !confirmed && let Some(reason) = outside_reach(&timing, &settings, to) {
            return Ok(Reschedule::NeedsConfirmation { reason });
        }
        let zone: Tz = current.time_zone.parse().unwrap_or(timing.zone);
        self.undoable(
            &format!("Moved {}'s follow-up to {shown}", timing.name),
            |tx| followups::move_followup(tx, followup_id, current.kind, zone, to),
        )?;
        Ok(Reschedule::Moved {
            followup: followups::followup(&self.conn, followup_id)?,
            moved: None,
        })
    }
}

/// Why `to` is a poor time to reach the contact, in words; `None` if it is fine.
fn outside_reach(timing: &ContactTiming, settings: &Settings, to: DateTime<Utc>) -> Option<String> {
    let policy = timing.policy(settings);
    let local = to.with_timezone(&timing.zone);
    let their = local.format("%H:%M on %a %-d %b").to_string();
    let zone = timing.zone.name();
    if !timing.best_times.is_empty() {
        if policy.fits(to) {
            return None;
        }
        let windows = timing
            .best_times
            .iter()
            .map(|w| format!("{}–{}", w.start, w.end))
            .collect::<Vec<_>>()
            .join(", ");
        return Some(format!(
            "{their} ({zone}) is outside their best time to call ({windows}). Move it anyway?"
        ));
    }
    if !policy.allows(local.date_naive()) {
        return Some(format!(
            "{their} ({zone}) is not a working day for them. Move it anyway?"
        ));
    }
    let hour = local.time();
    let (open, close) = (
        NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
        NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
    );
    if hour < open || hour >= close {
        return Some(format!(
            "{their} ({zone}) is outside working hours (08:00–18:00 their time). Move it anyway?"
        ));
    }
    None
}

#[cfg(test)]
mod tests;
