//! The weekly follow-up hour (seed 001: "schedule an hour per week just to
//! make follow-up calls"): its queue, one contact at a time with everything
//! needed for the call, and what the hour achieved.
//!
//! The queue is promised callbacks, then overdue, then due today, then up to
//! ten customers nobody has called for a while (seed 003). The session keeps
//! no state of its own: every outcome is an ordinary logged touch, so the
//! summary is read back from the touch log since the hour started.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::best_time::LearnedTime;
use crate::followups::touch::{Direction, FollowUp, FollowUpKind, Outcome, Progress};
use crate::followups::{self, ContactTiming};
use crate::settings::Settings;
use crate::time::TimeWindow;
use crate::time::day_start;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QueueReason {
    Promise,
    Overdue,
    DueToday,
    /// A customer or past customer not contacted for the re-engagement days.
    Reengage,
}

impl QueueReason {
    /// Why a follow-up due at `due_at` is called, the user's day starting
    /// at `start_today` (milliseconds).
    fn of(kind: FollowUpKind, due_at: i64, start_today: i64) -> Self {
        if kind == FollowUpKind::Promise {
            QueueReason::Promise
        } else if due_at < start_today {
            QueueReason::Overdue
        } else {
            QueueReason::DueToday
        }
    }
}

/// The user's today, when it started and when it ends (the last
/// millisecond), in their zone.
fn hour_day(settings: &Settings, now: DateTime<Utc>) -> (NaiveDate, i64, i64) {
    let zone = settings.zone();
    let today = now.with_timezone(&zone).date_naive();
    let end = day_start(zone, today + Duration::days(1)) - Duration::milliseconds(1);
    (
        today,
        day_start(zone, today).timestamp_millis(),
        end.timestamp_millis(),
    )
}

/// One contact of the follow-up hour, with what the call needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueEntry {
    pub contact_id: i64,
    pub contact_name: String,
    pub company: String,
    pub reason: QueueReason,
    /// The follow-up this call carries out; `None` for a re-engagement call.
    pub followup: Option<FollowUp>,
    /// What was agreed last time, and what was said.
    pub hook: String,
    pub last_notes: String,
    pub last_touch_at: Option<DateTime<Utc>>,
    pub preferred_channels: Vec<Channel>,
    pub best_times: Vec<TimeWindow>,
    /// When their own calls say to call them, when they say enough.
    pub learned_time: Option<LearnedTime>,
    /// The contact's zone, for the best times.
    pub time_zone: String,
    pub phone: Option<String>,
    /// The step's conversation prompt.
    pub prompt: String,
    /// A creative way to stand out (seed 000).
    pub idea: String,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoicemailLeft {
    pub contact_id: i64,
    pub contact_name: String,
    /// The callback promised in it, if one was.
    pub promise: Option<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextStepSet {
    pub contact_id: i64,
    pub contact_name: String,
    pub followup: FollowUp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedContact {
    pub contact_id: i64,
    pub contact_name: String,
}

/// What one follow-up hour achieved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HourSummary {
    /// Every touch logged since the hour started.
    pub touches: u32,
    /// Outbound calls among them (voicemails included).
    pub calls: u32,
    pub conversations: u32,
    pub voicemails: Vec<VoicemailLeft>,
    pub next_steps: Vec<NextStepSet>,
    pub skipped: Vec<SkippedContact>,
}

const IDEAS: [&str; 7] = [
    "Write a handwritten note: hardly anyone gets one any more.",
    "Send an article you wrote that solves a problem they mentioned.",
    "Connect on LinkedIn and comment on something they posted.",
    "Invite them to an event or a webinar you are going to.",
    "Offer to put them on your newsletter list.",
    "Give your email an interesting heading, not \"Following up\".",
    "Try an odd hour: 07:30, 12:30 or 17:45, when people are at their desk.",
];

/// A creative way to follow up this time: their birthday when it is near,
/// otherwise a different idea for each touch.
fn creative_idea(contact_id: i64, birthday: &str, today: NaiveDate, touches: u32) -> String {
    // "YYYY-MM-DD" or "--MM-DD": the month and day are the last five characters.
    let next_birthday = birthday
        .get(birthday.len().saturating_sub(5)..)
        .and_then(|md| {
            (0..=1).find_map(|years| {
                NaiveDate::parse_from_str(&format!("{}-{md}", today.year() + years), "%Y-%m-%d")
                    .ok()
                    .filter(|d| *d >= today)
            })
        });
    if let Some(day) = next_birthday
        && (day - today).num_days() <= 21
    {
        return format!(
            "Their birthday is on {}: send a birthday card. A little corny, but it gets attention.",
            day.format("%a %-d %b")
        );
    }
    let turn = usize::try_from(contact_id.unsigned_abs()).unwrap_or(0) + touches as usize;
    IDEAS[turn % IDEAS.len()].to_owned()
}

impl Database {
    /// The follow-up hour's queue with every contact's card: the list and
    /// each [`Database::followup_hour_card`] at once.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn followup_hour_queue(&self) -> Result<Vec<QueueEntry>> {
        let settings = self.settings()?;
        self.hour_list(&settings)?
            .into_iter()
            .map(|item| self.card(&settings, item.contact_id, item.reason, item.followup_id))
            .collect()
    }

    /// What the call to one contact of the queue needs, read when the hour
    /// reaches it: `reason` and `followup_id` as the queue gave them. A
    /// follow-up deleted since is left out of the card.
    ///
    /// # Errors
    /// [`crate::CoreError::NotFound`] for an unknown contact.
    pub fn followup_hour_card(
        &self,
        contact_id: i64,
        reason: QueueReason,
        followup_id: Option<i64>,
    ) -> Result<QueueEntry> {
        let settings = self.settings()?;
        self.card(&settings, contact_id, reason, followup_id)
    }

    fn card(
        &self,
        settings: &Settings,
        contact_id: i64,
        reason: QueueReason,
        followup_id: Option<i64>,
    ) -> Result<QueueEntry> {
        let (today, _, _) = hour_day(settings, self.now());
        let timing = ContactTiming::load(&self.conn, contact_id, settings)?;
        let (contact_name, company, birthday, last_touch_at): (
            String,
            String,
            String,
            Option<i64>,
        ) = self.conn.row(
            "SELECT display_name, company, birthday, last_touch_at FROM contacts WHERE id = ?1",
            [contact_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let latest = |column: &str| -> Result<String> {
            Ok(self
                .conn
                .row(
                    &format!(
                        "SELECT {column} FROM touches WHERE contact_id = ?1 AND {column} <> ''
                         ORDER BY happened_at DESC, id DESC LIMIT 1"
                    ),
                    [contact_id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default())
        };
        let followup = match followup_id {
            Some(id) => match followups::followup(&self.conn, id) {
                Ok(f) => Some(f),
                Err(CoreError::NotFound { .. }) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        let phone = self
            .conn
            .row(
                "SELECT number FROM contact_phones WHERE contact_id = ?1
                 ORDER BY position LIMIT 1",
                [contact_id],
                |r| r.get(0),
            )
            .optional()?;
        let progress = followups::progress(&self.conn, contact_id)?;
        let last_touch_at = last_touch_at.map(crate::time::instant).transpose()?;
        let prompt = match &followup {
            Some(f) => f.prompt.clone(),
            None => match last_touch_at {
                Some(t) => format!(
                    "It has been {} days: ask how things are going, and what has changed since.",
                    (self.now() - t).num_days()
                ),
                None => "No touch on record yet: introduce yourself and ask how things are going."
                    .to_owned(),
            },
        };
        Ok(QueueEntry {
            contact_id,
            idea: creative_idea(contact_id, &birthday, today, progress.touches),
            contact_name,
            company,
            reason,
            followup,
            hook: latest("hook")?,
            last_notes: latest("notes")?,
            last_touch_at,
            preferred_channels: timing.channels,
            best_times: timing.best_times,
            learned_time: timing.learned,
            time_zone: timing.zone.name().to_owned(),
            phone,
            prompt,
            progress,
        })
    }

    /// What was done since the follow-up hour started at `started_at`;
    /// `skipped` are the contacts the user passed over.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn followup_hour_summary(
        &self,
        started_at: DateTime<Utc>,
        skipped: &[i64],
    ) -> Result<HourSummary> {
        let since = started_at.timestamp_millis();
        type Row = (i64, String, Channel, Direction, Outcome);
        let touches: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT t.contact_id, c.display_name, t.channel, t.direction, t.outcome
                 FROM touches t JOIN contacts c ON c.id = t.contact_id
                 WHERE t.created_at >= ?1 ORDER BY t.created_at, t.id",
            )?
            .query_map([since], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut summary = HourSummary {
            touches: u32::try_from(touches.len()).unwrap_or(u32::MAX),
            calls: 0,
            conversations: 0,
            voicemails: Vec::new(),
            next_steps: Vec::new(),
            skipped: Vec::new(),
        };
        for (contact_id, name, channel, direction, outcome) in &touches {
            let call = matches!(channel, Channel::Call | Channel::Voicemail)
                && *direction == Direction::Outbound;
            summary.calls += u32::from(call);
            summary.conversations += u32::from(*outcome == Outcome::Connected);
            if *outcome == Outcome::LeftVoicemail {
                summary.voicemails.push(VoicemailLeft {
                    contact_id: *contact_id,
                    contact_name: name.clone(),
                    promise: self.promise_since(*contact_id, since)?,
                });
            }
            if summary
                .next_steps
                .iter()
                .any(|s| s.contact_id == *contact_id)
            {
                continue;
            }
            if let Some(followup) = followups::open_next_step(&self.conn, *contact_id)? {
                summary.next_steps.push(NextStepSet {
                    contact_id: *contact_id,
                    contact_name: name.clone(),
                    followup,
                });
            }
        }
        for id in skipped {
            if touches.iter().any(|t| t.0 == *id) {
                continue;
            }
            let name: Option<String> = self
                .conn
                .row(
                    "SELECT display_name FROM contacts WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(contact_name) = name {
                summary.skipped.push(SkippedContact {
                    contact_id: *id,
                    contact_name,
                });
            }
        }
        Ok(summary)
    }

    fn promise_since(&self, contact_id: i64, since: i64) -> Result<Option<FollowUp>> {
        let id: Option<i64> = self
            .conn
            .row(
                "SELECT id FROM followups WHERE contact_id = ?1 AND kind = 'promise'
                 AND created_at >= ?2 ORDER BY created_at DESC, id DESC LIMIT 1",
                params![contact_id, since],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| followups::followup(&self.conn, id)).transpose()
    }
}

mod queue;
#[cfg(test)]
mod tests;

pub use queue::QueueItem;
