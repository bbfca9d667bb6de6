//! What to notify now, and delivering each reminder occurrence once.
//!
//! An occurrence is a follow-up at a `remind_at` instant; how it is handed
//! to the notification server without holding a lock is in `delivery`.
//! Nothing is shown before its instant; everything that came due while the
//! app was closed or the machine slept is shown on the next tick, grouped into
//! one summary when there are more than three.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::touch::{FollowUp, FollowUpKind};
use crate::followups::{self, ContactTiming};
use crate::time::instant;
use crate::time::local_instant;

mod delivery;
mod followup_hour;
mod promises;
mod renotify;
mod wording;

pub use delivery::{Claim, TakeOver};
pub use promises::PromiseStats;
use wording::{DueRow, names, single};

/// More than this many reminders at once become one summary notification.
pub const GROUP_ABOVE: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Promise,
    FollowUp,
    Summary,
    /// A summary with promised callbacks among its reminders.
    PromiseSummary,
    Digest,
    /// The weekly follow-up hour begins.
    FollowupHour,
}

/// What the notification says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    /// Set when the notice is about one follow-up: the target of snooze and "open contact".
    pub followup_id: Option<i64>,
    pub contact_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub notice: Notice,
    /// (follow-up id, remind_at in ms): the occurrences this notice delivers.
    pub occurrences: Vec<(i64, i64)>,
    /// Those of `occurrences` that are a promise's second showing.
    pub renotify: Vec<i64>,
    /// A notice shown once per local day (the digest, the follow-up hour) and that day.
    pub day_notice: Option<(DayNotice, NaiveDate)>,
}

/// The notices shown at most once on a day, each remembered in its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayNotice {
    Digest,
    FollowupHour,
}

impl DayNotice {
    fn table(self) -> &'static str {
        match self {
            DayNotice::Digest => "digests",
            DayNotice::FollowupHour => "followup_hour_notices",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Snooze {
    Minutes15,
    Hour,
    /// Tomorrow at 07:30 in the contact's time zone.
    TomorrowMorning,
}

impl Database {
    /// Reminders due now: first showings, then promises due a second one
    /// (a promise is in one or the other), promises first.
    fn due_rows(&self, now: DateTime<Utc>) -> Result<Vec<DueRow>> {
        let sql = format!(
            "SELECT {} FROM followups f JOIN contacts c ON c.id = f.contact_id
             WHERE f.status = 'open' AND f.delivered_at IS NULL AND f.remind_at <= ?1",
            DueRow::COLUMNS
        );
        let mut rows: Vec<DueRow> = self
            .conn
            .prepare_cached(&sql)?
            .query_map([now.timestamp_millis()], |r| DueRow::read(r, false))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(delay) = renotify::delay(self.settings()?.renotify_promises_after_minutes) {
            rows.extend(renotify::due_rows(&self.conn, now, delay)?);
        }
        rows.sort_by_key(|r| (r.kind != FollowUpKind::Promise, r.remind_at, r.id));
        Ok(rows)
    }

    /// The user's local day and the instant its digest is due.
    fn digest_slot(&self, day_offset: i64) -> Result<(NaiveDate, DateTime<Utc>)> {
        let settings = self.settings()?;
        let zone = settings.zone();
        let day = self.now().with_timezone(&zone).date_naive() + Duration::days(day_offset);
        Ok((
            day,
            local_instant(zone, day.and_time(settings.digest_time())),
        ))
    }

    /// Cadence steps due on the user's local `day` (overdue ones included).
    fn steps_due_by_end_of(&self, day: NaiveDate) -> Result<Vec<String>> {
        let zone = self.settings()?.zone();
        let end = local_instant(
            zone,
            (day + Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        );
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.display_name FROM followups f JOIN contacts c ON c.id = f.contact_id
                 WHERE f.status = 'open' AND f.kind = 'cadence' AND f.due_at < ?1 ORDER BY f.due_at",
            )?
            .query_map([end.timestamp_millis()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn delivered(&self, notice: DayNotice, day: NaiveDate) -> Result<bool> {
        Ok(self
            .conn
            .row(
                &format!("SELECT 1 FROM {} WHERE day = ?1", notice.table()),
                [day.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Everything that should be notified now, grouped as the user should see it.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        // The sample's people are made up: nobody is to be called.
        if self.settings()?.sample {
            return Ok(Vec::new());
        }
        let now = self.now();
        let rows = self.due_rows(now)?;
        let mut out = Vec::new();
        if rows.len() > GROUP_ABOVE {
            let promises = rows
                .iter()
                .filter(|r| r.kind == FollowUpKind::Promise)
                .count();
            let all: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            // "New": these are the reminders not shown before, while Today
            // also lists what is still due from earlier, so its count is
            // larger and must not read as the same thing.
            let title = if promises > 0 {
                format!(
                    "{} new reminders — {}",
                    rows.len(),
                    wording::count(promises, "promised callback", "promised callbacks")
                )
            } else {
                format!("{} new reminders", rows.len())
            };
            out.push(Reminder {
                notice: Notice {
                    kind: if promises > 0 {
                        NoticeKind::PromiseSummary
                    } else {
                        NoticeKind::Summary
                    },
                    title,
                    body: names(&all, 5),
                    followup_id: None,
                    contact_id: None,
                },
                occurrences: rows.iter().map(|r| (r.id, r.remind_at)).collect(),
                renotify: rows.iter().filter(|r| r.renotify).map(|r| r.id).collect(),
                day_notice: None,
            });
        } else {
            out.extend(rows.iter().map(|r| Reminder {
                notice: single(r),
                occurrences: vec![(r.id, r.remind_at)],
                renotify: if r.renotify { vec![r.id] } else { Vec::new() },
                day_notice: None,
            }));
        }
        let (today, at) = self.digest_slot(0)?;
        if now >= at && !self.delivered(DayNotice::Digest, today)? {
            let due = self.steps_due_by_end_of(today)?;
            if !due.is_empty() {
                let all: Vec<&str> = due.iter().map(String::as_str).collect();
                out.push(Reminder {
                    notice: Notice {
                        kind: NoticeKind::Digest,
                        title: format!(
                            "{} follow-up{} due today",
                            due.len(),
                            if due.len() == 1 { "" } else { "s" }
                        ),
                        body: names(&all, 5),
                        followup_id: None,
                        contact_id: None,
                    },
                    occurrences: Vec::new(),
                    renotify: Vec::new(),
                    day_notice: Some((DayNotice::Digest, today)),
                });
            }
        }
        if let Some(notice) = self.followup_hour_notice(now)? {
            out.push(notice);
        }
        Ok(out)
    }

    /// When the next reminder falls due, for the runtime's next wake-up.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn next_reminder_at(&self) -> Result<Option<DateTime<Utc>>> {
        if self.settings()?.sample {
            return Ok(None);
        }
        let next: Option<i64> = self.conn.row(
            "SELECT min(remind_at) FROM followups
             WHERE status = 'open' AND delivered_at IS NULL AND remind_at IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        let next = next.map(instant).transpose()?;
        let (today, at) = self.digest_slot(0)?;
        let digest = if self.delivered(DayNotice::Digest, today)? || self.now() >= at {
            self.digest_slot(1)?.1
        } else {
            at
        };
        let again = match renotify::delay(self.settings()?.renotify_promises_after_minutes) {
            Some(delay) => renotify::next_at(&self.conn, delay)?,
            None => None,
        };
        let soonest = [next, again, self.next_followup_hour_at(self.now())?]
            .into_iter()
            .flatten()
            .fold(digest, DateTime::min);
        Ok(Some(soonest))
    }

    /// Moves a reminder later; a new occurrence that will be shown again.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown follow-up; [`CoreError::Invalid`] for a closed one.
    pub fn snooze(&mut self, followup_id: i64, snooze: Snooze) -> Result<FollowUp> {
        let f = followups::followup(&self.conn, followup_id)?;
        if !followups::is_open(&self.conn, followup_id)? {
            return Err(CoreError::invalid(
                "snooze",
                "This follow-up is already done",
            ));
        }
        let now = self.now();
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, f.contact_id, &settings)?;
        let until = match snooze {
            Snooze::Minutes15 => now + Duration::minutes(15),
            Snooze::Hour => now + Duration::hours(1),
            Snooze::TomorrowMorning => {
                let tomorrow = timing.today(now) + Duration::days(1);
                local_instant(
                    timing.zone,
                    tomorrow.and_hms_opt(7, 30, 0).unwrap_or_default(),
                )
            }
        };
        self.conn.run(
            "UPDATE followups SET remind_at = ?2, delivered_at = NULL WHERE id = ?1",
            params![followup_id, until.timestamp_millis()],
        )?;
        followups::followup(&self.conn, followup_id)
    }

    /// How many follow-ups are due now (overdue included): the tray's number.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_count(&self) -> Result<u32> {
        Ok(self.conn.row(
            "SELECT count(*) FROM followups WHERE status = 'open' AND due_at <= ?1",
            [self.now().timestamp_millis()],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests;
