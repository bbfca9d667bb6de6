//! What the contact page and Today show of a contact's follow-up: the plan
//! (the next step, the steps to come, "touch N of M", the suggestion for
//! the next touch), switching cadence, and the follow-ups that are due.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::best_time::LearnedTime;
use crate::followups::cadence::{PlannedStep, ScheduleKind};
use crate::followups::log::touches_of;
use crate::followups::promise::promise_default;
use crate::followups::templates;
use crate::followups::touch::{FollowUp, Progress, Touch};
use crate::followups::{
    self, ContactTiming, Scheduling, active_enrolment, due, enrol, open_next_step, progress,
};
use crate::stage::Stage;

/// What the contact page shows about follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactPlan {
    pub progress: Progress,
    /// The active enrolment's cadence and schedule kind.
    pub cadence_id: Option<i64>,
    /// The next step; `None` when the contact is closed or the cadence ended.
    pub next: Option<FollowUp>,
    /// Callbacks promised in voicemails, still open.
    pub promises: Vec<FollowUp>,
    /// The cadence's steps after the next one, as they stand today.
    pub upcoming: Vec<UpcomingStep>,
    /// What "follow the cadence" would schedule if an outbound touch were logged now.
    pub suggestion: Option<Suggestion>,
    /// The default promised callback after a voicemail left now: the next
    /// working day at the same local time, "YYYY-MM-DD HH:MM" in the contact's zone.
    pub promise_default: String,
    /// The contact's date now, "YYYY-MM-DD" in their zone: what "today" and
    /// "tomorrow" mean in what is said to them.
    pub their_today: String,
    /// Newest first.
    pub touches: Vec<Touch>,
    /// When their own calls say to call them, when they say enough.
    pub learned_time: Option<LearnedTime>,
    /// Where they stand now (a touch may have just closed them).
    pub stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// "YYYY-MM-DD HH:MM" in `timeZone`.
    pub when: String,
    pub time_zone: String,
    pub channel: Channel,
    pub prompt: String,
}

impl Database {
    /// Enrols a contact in another cadence (ending the current one), with the
    /// first step planned from today. History is kept.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown contact or cadence;
    /// [`CoreError::Invalid`] for a retired cadence or a do-not-contact contact.
    pub fn enrol_contact(
        &mut self,
        contact_id: i64,
        cadence_id: i64,
        kind: ScheduleKind,
    ) -> Result<ContactPlan> {
        let cadence = templates::load(&self.conn, cadence_id)?;
        if cadence.retired_at.is_some() {
            return Err(CoreError::invalid(
                "cadence",
                format!("\"{}\" is retired; choose another cadence", cadence.name),
            ));
        }
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, contact_id, &settings)?;
        if timing.stage == Stage::DoNotContact {
            return Err(CoreError::invalid(
                "cadence",
                "This contact asked not to be contacted: change the stage before enrolling them",
            ));
        }
        let now = self.now();
        self.undoable(&format!("Switched to {}", cadence.name), |tx| {
            enrol(
                tx,
                contact_id,
                Some((cadence_id, kind)),
                None,
                "switched",
                &mut Scheduling::new(&settings, now),
            )?;
            Ok(())
        })?;
        self.contact_plan(contact_id)
    }

    /// The contact page's follow-up view.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown contact.
    pub fn contact_plan(&self, contact_id: i64) -> Result<ContactPlan> {
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, contact_id, &settings)?;
        let next = open_next_step(&self.conn, contact_id)?;
        let promises = self
            .conn
            .prepare_cached(
                "SELECT id FROM followups WHERE contact_id = ?1 AND status = 'open' AND kind = 'promise'
                 ORDER BY due_at",
            )?
            .query_map([contact_id], |r| r.get::<_, i64>(0))?
            .map(|id| followups::followup(&self.conn, id?))
            .collect::<Result<Vec<_>>>()?;
        let enrolment = active_enrolment(&self.conn, contact_id)?;
        let last_touch: Option<NaiveDate> = touches_of(&self.conn, contact_id, 1)?
            .first()
            .map(|t| t.happened_at.with_timezone(&timing.zone).date_naive());
        let (upcoming, suggestion) = match &enrolment {
            None => (Vec::new(), None),
            Some(e) => {
                let after_next =
                    e.step + u32::from(next.as_ref().is_some_and(|n| n.step.is_some()));
                let previous = next
                    .as_ref()
                    .map(|n| n.due_at.with_timezone(&timing.zone).date_naive())
                    .or(last_touch);
                let planned = e.cadence.plan.upcoming(
                    after_next,
                    e.kind,
                    e.anchor,
                    previous,
                    timing.wish(),
                    5,
                );
                let today = timing.today(self.now());
                let policy = timing.policy(&settings);
                // Shown as they will be planned: on allowed days, and none
                // before the next step or today.
                let floor = next
                    .as_ref()
                    .map(|n| n.due_at.with_timezone(&timing.zone).date_naive())
                    .map_or(today, |d| d.max(today));
                let planned: Vec<PlannedStep> = planned
                    .into_iter()
                    .map(|p| PlannedStep {
                        date: policy.first_allowed_on_or_after(p.date.max(floor)),
                        ..p
                    })
                    .collect();
                let suggestion = e
                    .cadence
                    .plan
                    .step_due(e.step + 1, e.kind, e.anchor, Some(today), timing.wish())
                    .map(|p| {
                        let (_, due) = policy.next_due(p.date.max(today), self.now());
                        Suggestion {
                            when: due
                                .with_timezone(&timing.zone)
                                .format("%Y-%m-%d %H:%M")
                                .to_string(),
                            time_zone: timing.zone.name().to_owned(),
                            channel: p.channel,
                            prompt: p.prompt,
                        }
                    });
                (upcoming(&planned), suggestion)
            }
        };
        Ok(ContactPlan {
            progress: progress(&self.conn, contact_id)?,
            cadence_id: enrolment.as_ref().map(|e| e.cadence.id),
            next,
            promises,
            upcoming,
            suggestion,
            their_today: self
                .now()
                .with_timezone(&timing.zone)
                .format("%Y-%m-%d")
                .to_string(),
            promise_default: promise_default(
                self.now().with_timezone(&timing.zone).naive_local(),
                settings.weekends,
            )
            .format("%Y-%m-%d %H:%M")
            .to_string(),
            touches: touches_of(&self.conn, contact_id, 200)?,
            learned_time: timing.learned,
            stage: timing.stage,
        })
    }

    /// Follow-ups due up to `until`, promised callbacks first, then by due time.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_followups(&self, until: DateTime<Utc>, limit: u32) -> Result<Vec<DueItem>> {
        let range = due::DueRange {
            kinds: due::Kinds::Both,
            from: i64::MIN,
            until: until.timestamp_millis(),
        };
        range.read(&self.conn, 0, limit)
    }

    /// Rows `offset..offset + limit` of the due list up to `until`, in its
    /// order, and how many it holds: the list a page at a time.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_page(&self, until: DateTime<Utc>, offset: u32, limit: u32) -> Result<DuePage> {
        let range = due::DueRange {
            kinds: due::Kinds::Both,
            from: i64::MIN,
            until: until.timestamp_millis(),
        };
        Ok(DuePage {
            items: range.read(&self.conn, offset, limit)?,
            total: self.due_total(until)?,
        })
    }

    /// How many follow-ups are due up to `until`, overdue included: the
    /// due list's total when it shows a page.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_total(&self, until: DateTime<Utc>) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM followups WHERE status = 'open' AND due_at <= ?1",
            )?
            .query_row([until.timestamp_millis()], |r| r.get(0))?)
    }
}

/// One follow-up that is due, with what the user needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub followup: FollowUp,
    pub contact_name: String,
    pub company: String,
    pub phone: Option<String>,
    /// What was agreed last time.
    pub hook: String,
    pub progress: Progress,
}

/// A page of the due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuePage {
    pub items: Vec<DueItem>,
    /// Due in all, not only on this page.
    pub total: u32,
}

/// A step still to come, for the contact page's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpcomingStep {
    /// 1-based.
    pub number: u32,
    pub due_on: NaiveDate,
    pub channel: Channel,
    pub prompt: String,
}

pub(crate) fn upcoming(steps: &[PlannedStep]) -> Vec<UpcomingStep> {
    steps
        .iter()
        .map(|p| UpcomingStep {
            number: p.step + 1,
            due_on: p.date,
            channel: p.channel,
            prompt: p.prompt.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
