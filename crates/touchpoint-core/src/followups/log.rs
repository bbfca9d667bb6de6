//! Logging a touch, and what the contact page shows: the timeline, the next
//! step, the steps to come and "touch N of M".
//!
//! A logged touch always ends with the next step scheduled, unless the
//! contact is explicitly closed; that decision and the touch itself are
//! written in one transaction.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::cadence::ScheduleKind;
use crate::followups::promise::{PROMISE_GRACE_MINUTES, promise_default};
use crate::followups::templates;
use crate::followups::touch::{
    CloseReason, Direction, FollowUp, FollowUpKind, LogResult, NextStep, Objection, Progress,
    Touch, TouchInput,
};
use crate::followups::{
    self, ContactTiming, NewFollowUp, Scheduling, UpcomingStep, active_enrolment, close_next_step,
    enrol, open_next_step, progress, schedule_step,
};
use crate::stage::Stage;
use crate::time::instant;
use crate::time::{local_instant, parse_local};

const MAX_NOTES: usize = 20_000;
const MAX_HOOK: usize = 500;

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
    /// Newest first.
    pub touches: Vec<Touch>,
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

fn check_text(field: &str, label: &str, text: &str, max: usize) -> Result<String> {
    if text.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("{label} is too long: at most {max} characters"),
        ));
    }
    Ok(text.trim().to_owned())
}

pub(crate) fn touches_of(conn: &Connection, contact_id: i64, limit: u32) -> Result<Vec<Touch>> {
    conn.prepare_cached(
        "SELECT id, contact_id, happened_at, channel, direction, outcome, notes, hook, objections
         FROM touches WHERE contact_id = ?1 ORDER BY happened_at DESC, id DESC LIMIT ?2",
    )?
    .query_map(params![contact_id, limit], |r| {
        let objections: String = r.get(8)?;
        Ok(Touch {
            id: r.get(0)?,
            contact_id: r.get(1)?,
            happened_at: instant(r.get(2)?),
            channel: r.get(3)?,
            direction: r.get(4)?,
            outcome: r.get(5)?,
            notes: r.get(6)?,
            hook: r.get(7)?,
            objections: serde_json::from_str(&objections).unwrap_or_default(),
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .map_err(Into::into)
}

impl Database {
    /// Records a touch and schedules what comes next, in one transaction.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown contact; [`CoreError::Invalid`]
    /// for a touch in the future, a next step in the past or malformed, text
    /// too long, or a next step for a do-not-contact contact. Nothing is
    /// written then.
    pub fn log_touch(&mut self, input: &TouchInput) -> Result<LogResult> {
        let now = self.now();
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, input.contact_id, &settings)?;
        let notes = check_text("notes", "Notes", &input.notes, MAX_NOTES)?;
        let hook = check_text("hook", "The hook", &input.hook, MAX_HOOK)?;
        if input.objections.len() > 10 {
            return Err(CoreError::invalid(
                "objections",
                "At most 10 objections per touch",
            ));
        }
        let objections: Vec<Objection> = input
            .objections
            .iter()
            .enumerate()
            .map(|(i, o)| {
                Ok(Objection {
                    kind: o.kind,
                    note: check_text(
                        &format!("objections[{i}]"),
                        "How it was handled",
                        &o.note,
                        MAX_HOOK,
                    )?,
                })
            })
            .collect::<Result<_>>()?;
        let happened_at = input.happened_at.unwrap_or(now);
        if happened_at > now + Duration::minutes(5) {
            return Err(CoreError::invalid(
                "happenedAt",
                "A touch cannot be in the future",
            ));
        }
        let custom_due = match &input.next {
            NextStep::At { when, prompt, .. } => {
                check_text("next", "The next step's note", prompt, MAX_HOOK)?;
                let local = parse_local(when).ok_or_else(|| {
                    CoreError::invalid(
                        "next",
                        format!("\"{when}\" is not a date and time such as 2026-12-01 07:30"),
                    )
                })?;
                let due = local_instant(timing.zone, local);
                if due <= now {
                    return Err(CoreError::invalid(
                        "next",
                        "The next step must be in the future",
                    ));
                }
                Some((local.date(), due))
            }
            _ => None,
        };
        let promise = match input
            .promise
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => None,
            Some(when) => {
                let local = parse_local(when).ok_or_else(|| {
                    CoreError::invalid(
                        "promise",
                        format!("\"{when}\" is not a date and time such as 2026-12-01 07:30"),
                    )
                })?;
                let due = local_instant(timing.zone, local);
                if due <= now {
                    return Err(CoreError::invalid(
                        "promise",
                        "The promised callback must be in the future",
                    ));
                }
                if matches!(
                    input.next,
                    NextStep::Close {
                        reason: CloseReason::DoNotContact
                    }
                ) {
                    return Err(CoreError::invalid(
                        "promise",
                        "A do-not-contact contact gets no callback",
                    ));
                }
                Some((local.date(), due))
            }
        };
        if timing.stage == Stage::DoNotContact && !matches!(input.next, NextStep::Close { .. }) {
            return Err(CoreError::invalid(
                "next",
                "This contact asked not to be contacted: no next step can be scheduled (change the stage first)",
            ));
        }

        let tx = self.conn.transaction()?;
        let enrolment = active_enrolment(&tx, input.contact_id)?;
        let completed = match input.direction {
            Direction::Outbound => close_next_step(&tx, input.contact_id, "done", now)?,
            Direction::Inbound => None,
        };
        tx.execute(
            "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome, notes, hook,
                                  objections, followup_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                input.contact_id,
                happened_at.timestamp_millis(),
                input.channel,
                input.direction,
                input.outcome,
                notes,
                hook,
                serde_json::to_string(&objections).unwrap_or_else(|_| "[]".into()),
                completed,
                now.timestamp_millis(),
            ],
        )?;
        let touch_id = tx.last_insert_rowid();
        // Open promises end with this touch: the contact reached us first, or
        // we called back (on time, or late).
        let on_time_until =
            (happened_at - Duration::minutes(PROMISE_GRACE_MINUTES)).timestamp_millis();
        tx.execute(
            "UPDATE followups SET status = 'done', closed_at = ?2,
                kept = CASE WHEN ?3 = 'inbound' OR due_at >= ?4 THEN 1 ELSE 0 END
             WHERE contact_id = ?1 AND kind = 'promise' AND status = 'open'",
            params![
                input.contact_id,
                now.timestamp_millis(),
                input.direction,
                on_time_until
            ],
        )?;
        tx.execute(
            "UPDATE contacts SET last_touch_at = max(coalesce(last_touch_at, 0), ?2) WHERE id = ?1",
            params![input.contact_id, happened_at.timestamp_millis()],
        )?;
        let mut ctx = Scheduling::new(&settings, now);
        let touch_day = happened_at.with_timezone(&timing.zone).date_naive();
        match &input.next {
            NextStep::Cadence => {
                let step_now = enrolment.as_ref().map_or(0, |e| e.step);
                let next_index = match input.direction {
                    Direction::Outbound => step_now + 1,
                    Direction::Inbound => step_now,
                };
                match enrolment {
                    Some(e) => {
                        let keep = input.direction == Direction::Inbound
                            && e.kind == ScheduleKind::Anchored
                            && open_next_step(&tx, input.contact_id)?.is_some();
                        if !keep {
                            close_next_step(&tx, input.contact_id, "cancelled", now)?;
                            let scheduled = schedule_step(
                                &tx,
                                input.contact_id,
                                &e,
                                next_index,
                                Some(touch_day),
                                &mut ctx,
                            )?;
                            if scheduled.is_none() {
                                // The cadence is done: keep in touch on the nurture cadence.
                                let nurture = templates::seeded_id(&tx, "nurture")?;
                                enrol(
                                    &tx,
                                    input.contact_id,
                                    nurture.map(|id| (id, ScheduleKind::Rolling)),
                                    Some(touch_day),
                                    "finished",
                                    &mut ctx,
                                )?;
                            }
                        }
                    }
                    None => {
                        followups::enrol_by_stage(
                            &tx,
                            input.contact_id,
                            timing.stage,
                            "re-enrolled",
                            &mut ctx,
                        )?;
                    }
                }
            }
            NextStep::At {
                channel, prompt, ..
            } => {
                close_next_step(&tx, input.contact_id, "cancelled", now)?;
                if let (Some(e), Direction::Outbound) = (&enrolment, input.direction) {
                    tx.execute(
                        "UPDATE enrolments SET step = step + 1 WHERE id = ?1",
                        [e.id],
                    )?;
                }
                if let Some((due_on, due_at)) = custom_due {
                    followups::insert_followup(
                        &tx,
                        &NewFollowUp {
                            contact_id: input.contact_id,
                            enrolment_id: enrolment.as_ref().map(|e| e.id),
                            kind: FollowUpKind::Custom,
                            step: None,
                            due_on,
                            due_at,
                            zone: timing.zone,
                            channel: *channel,
                            prompt: prompt.trim(),
                        },
                        now,
                    )?;
                }
            }
            NextStep::Close { reason } => {
                let stage = match reason {
                    CloseReason::Won => Stage::Customer,
                    CloseReason::Lost | CloseReason::NotInterested => Stage::Lost,
                    CloseReason::DoNotContact => Stage::DoNotContact,
                };
                tx.execute(
                    "UPDATE contacts SET stage = ?2, updated_at = ?3 WHERE id = ?1",
                    params![input.contact_id, stage, now.timestamp_millis()],
                )?;
                let reason = match reason {
                    CloseReason::Won => "won",
                    CloseReason::Lost => "lost",
                    CloseReason::NotInterested => "not_interested",
                    CloseReason::DoNotContact => "do_not_contact",
                };
                followups::enrol_by_stage(&tx, input.contact_id, stage, reason, &mut ctx)?;
            }
        }
        if let Some((due_on, due_at)) = promise {
            followups::insert_followup(
                &tx,
                &NewFollowUp {
                    contact_id: input.contact_id,
                    enrolment_id: None,
                    kind: FollowUpKind::Promise,
                    step: None,
                    due_on,
                    due_at,
                    zone: timing.zone,
                    channel: Channel::Call,
                    prompt: hook.as_str(),
                },
                now,
            )?;
        }
        let result = LogResult {
            touch: touches_of(&tx, input.contact_id, 1)?
                .into_iter()
                .find(|t| t.id == touch_id)
                .ok_or(CoreError::NotFound {
                    what: "touch",
                    id: touch_id,
                })?,
            next: open_next_step(&tx, input.contact_id)?,
            progress: progress(&tx, input.contact_id)?,
        };
        tx.commit()?;
        Ok(result)
    }

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
        let tx = self.conn.transaction()?;
        enrol(
            &tx,
            contact_id,
            Some((cadence_id, kind)),
            None,
            "switched",
            &mut Scheduling::new(&settings, now),
        )?;
        tx.commit()?;
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
                let suggestion = e
                    .cadence
                    .plan
                    .step_due(e.step + 1, e.kind, e.anchor, Some(today), timing.wish())
                    .map(|p| {
                        let policy = timing.policy(&settings);
                        let day = policy.first_allowed_on_or_after(p.date.max(today));
                        let due = policy.due_instant(day);
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
                (followups::upcoming(&planned), suggestion)
            }
        };
        Ok(ContactPlan {
            progress: progress(&self.conn, contact_id)?,
            cadence_id: enrolment.as_ref().map(|e| e.cadence.id),
            next,
            promises,
            upcoming,
            suggestion,
            promise_default: promise_default(
                self.now().with_timezone(&timing.zone).naive_local(),
                settings.weekends,
            )
            .format("%Y-%m-%d %H:%M")
            .to_string(),
            touches: touches_of(&self.conn, contact_id, 200)?,
        })
    }

    /// Follow-ups due up to `until`, promised callbacks first, then by due time.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn due_followups(&self, until: DateTime<Utc>, limit: u32) -> Result<Vec<DueItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, c.display_name, c.company,
                    (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
                    (SELECT hook FROM touches WHERE contact_id = c.id ORDER BY happened_at DESC LIMIT 1)
             FROM followups f JOIN contacts c ON c.id = f.contact_id
             WHERE f.status = 'open' AND f.due_at <= ?1
             ORDER BY f.kind <> 'promise', f.due_at LIMIT ?2",
        )?;
        type Row = (i64, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = stmt
            .query_map(params![until.timestamp_millis(), limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, name, company, phone, hook)| {
                let followup = followups::followup(&self.conn, id)?;
                Ok(DueItem {
                    progress: progress(&self.conn, followup.contact_id)?,
                    followup,
                    contact_name: name,
                    company,
                    phone,
                    hook: hook.unwrap_or_default(),
                })
            })
            .collect()
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

#[cfg(test)]
mod tests;
