//! The Today screen and the calendar file: what is due, in the user's day.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::Result;
use crate::followups::due::{DueRange, Kinds};
use crate::followups::plan::DueItem;
use crate::followups::touch::FollowUpKind;
use crate::time::local_instant;

/// Follow-ups by when they are due, promised callbacks first in each part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Today {
    /// Promised callbacks whose time has come, whatever the day: on top
    /// until they are made, oldest first.
    pub promised: Vec<DueItem>,
    /// Due before today.
    pub overdue: Vec<DueItem>,
    /// Due today, at or before now.
    pub due_now: Vec<DueItem>,
    pub later_today: Vec<DueItem>,
    pub tomorrow: Vec<DueItem>,
    /// The user's time zone the parts are cut in.
    pub time_zone: String,
}

fn promises_first(items: &mut [DueItem]) {
    items.sort_by_key(|i| (i.followup.kind != FollowUpKind::Promise, i.followup.due_at));
}

/// One part of Today, for reading it a page at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TodayPart {
    Promised,
    Overdue,
    DueNow,
    LaterToday,
    Tomorrow,
}

impl TodayPart {
    pub const ALL: [TodayPart; 5] = [
        TodayPart::Promised,
        TodayPart::Overdue,
        TodayPart::DueNow,
        TodayPart::LaterToday,
        TodayPart::Tomorrow,
    ];
}

/// How many follow-ups each part of Today holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayCounts {
    pub promised: u32,
    pub overdue: u32,
    pub due_now: u32,
    pub later_today: u32,
    pub tomorrow: u32,
}

/// The first rows of each part of Today, with every part counted: the first
/// screen, read in a few milliseconds whatever the backlog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayPage {
    /// Each part holds at most the asked number of rows, in Today's order.
    pub parts: Today,
    pub counts: TodayCounts,
}

/// Where the user's day is cut, in milliseconds.
struct Bounds {
    zone: Tz,
    now: i64,
    start_today: i64,
    end_today: i64,
    end_tomorrow: i64,
}

impl Database {
    fn today_bounds(&self) -> Result<Bounds> {
        let zone = self.settings()?.zone();
        let now = self.now();
        let today = now.with_timezone(&zone).date_naive();
        let midnight = |days: i64| -> i64 {
            local_instant(
                zone,
                (today + Duration::days(days))
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default(),
            )
            .timestamp_millis()
        };
        Ok(Bounds {
            zone,
            now: now.timestamp_millis(),
            start_today: midnight(0),
            end_today: midnight(1),
            end_tomorrow: midnight(2),
        })
    }

    /// # Errors
    /// Only if SQLite fails.
    pub fn today(&self) -> Result<Today> {
        let b = self.today_bounds()?;
        let (zone, now) = (b.zone, b.now);
        let (start_today, end_today) = (b.start_today, b.end_today);
        let mut out = empty(zone);
        let until = DateTime::from_timestamp_millis(b.end_tomorrow - 1).unwrap_or_default();
        for item in self.due_followups(until, 2000)? {
            let due = item.followup.due_at.timestamp_millis();
            let part = if item.followup.kind == FollowUpKind::Promise && due <= now {
                &mut out.promised
            } else if due < start_today {
                &mut out.overdue
            } else if due <= now {
                &mut out.due_now
            } else if due < end_today {
                &mut out.later_today
            } else {
                &mut out.tomorrow
            };
            part.push(item);
        }
        for part in [
            &mut out.promised,
            &mut out.overdue,
            &mut out.due_now,
            &mut out.later_today,
            &mut out.tomorrow,
        ] {
            promises_first(part);
        }
        Ok(out)
    }

    /// Today's first screen: the first `per_part` rows of each part, and
    /// how many each holds (promised, overdue and due now add up to the
    /// tray's count).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn today_page(&self, per_part: u32) -> Result<TodayPage> {
        let b = self.today_bounds()?;
        let mut parts = empty(b.zone);
        for part in TodayPart::ALL {
            let items = range(&b, part).read(&self.conn, 0, per_part)?;
            *part_of(&mut parts, part) = items;
        }
        let counts = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(kind = 'promise' AND due_at <= ?1), 0),
                        coalesce(sum(kind <> 'promise' AND due_at < ?2), 0),
                        coalesce(sum(kind <> 'promise' AND due_at >= ?2 AND due_at <= ?1), 0),
                        coalesce(sum(due_at > ?1 AND due_at < ?3), 0),
                        coalesce(sum(due_at >= ?3), 0)
                 FROM followups WHERE status = 'open' AND due_at < ?4",
            )?
            .query_row(
                params![b.now, b.start_today, b.end_today, b.end_tomorrow],
                |r| {
                    Ok(TodayCounts {
                        promised: r.get(0)?,
                        overdue: r.get(1)?,
                        due_now: r.get(2)?,
                        later_today: r.get(3)?,
                        tomorrow: r.get(4)?,
                    })
                },
            )?;
        Ok(TodayPage { parts, counts })
    }

    /// Rows `offset..offset + limit` of one part of Today, in its order:
    /// the next page after [`Database::today_page`].
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn today_part(&self, part: TodayPart, offset: u32, limit: u32) -> Result<Vec<DueItem>> {
        let b = self.today_bounds()?;
        range(&b, part).read(&self.conn, offset, limit)
    }
}

fn empty(zone: Tz) -> Today {
    Today {
        promised: Vec::new(),
        overdue: Vec::new(),
        due_now: Vec::new(),
        later_today: Vec::new(),
        tomorrow: Vec::new(),
        time_zone: zone.name().to_owned(),
    }
}

fn part_of(today: &mut Today, part: TodayPart) -> &mut Vec<DueItem> {
    match part {
        TodayPart::Promised => &mut today.promised,
        TodayPart::Overdue => &mut today.overdue,
        TodayPart::DueNow => &mut today.due_now,
        TodayPart::LaterToday => &mut today.later_today,
        TodayPart::Tomorrow => &mut today.tomorrow,
    }
}

/// The follow-ups a part holds, as [`Database::today`] sorts them: a
/// promise whose time has come is promised whatever its day, so overdue
/// and due now hold none.
fn range(b: &Bounds, part: TodayPart) -> DueRange {
    let (kinds, from, until) = match part {
        TodayPart::Promised => (Kinds::Promises, i64::MIN, b.now),
        TodayPart::Overdue => (Kinds::NotPromises, i64::MIN, b.start_today - 1),
        TodayPart::DueNow => (Kinds::NotPromises, b.start_today, b.now),
        TodayPart::LaterToday => (Kinds::Both, b.now + 1, b.end_today - 1),
        TodayPart::Tomorrow => (Kinds::Both, b.end_today, b.end_tomorrow - 1),
    };
    DueRange { kinds, from, until }
}

#[cfg(test)]
mod tests;
