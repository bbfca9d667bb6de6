//! Logging a touch: the touch, the promise it keeps or makes, and the next
//! step, written in one transaction after `checks` accepted the input.
//!
//! A logged touch always ends with the next step scheduled, unless the
//! contact is explicitly closed.

use chrono::Duration;
use rusqlite::{Connection, OptionalExtension, params};

use crate::channel::Channel;
use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::cadence::ScheduleKind;
use crate::followups::promise::PROMISE_GRACE_MINUTES;
use crate::followups::templates;
use crate::followups::touch::{
    CloseReason, Direction, FollowUpKind, LogResult, NextStep, Touch, TouchInput,
};
use crate::followups::{
    self, ContactTiming, NewFollowUp, Scheduling, active_enrolment, close_next_step, enrol,
    open_next_step, progress, schedule_step,
};
use crate::stage::Stage;
use crate::time::instant;

pub(crate) mod checks;

use checks::Checked;

const TOUCH_COLUMNS: &str =
    "id, contact_id, happened_at, channel, direction, outcome, notes, hook, objections";

fn touch_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Touch> {
    let objections: String = r.get(8)?;
    Ok(Touch {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        happened_at: instant(r.get(2)?)?,
        channel: r.get(3)?,
        direction: r.get(4)?,
        outcome: r.get(5)?,
        notes: r.get(6)?,
        hook: r.get(7)?,
        objections: serde_json::from_str(&objections).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, e.into())
        })?,
    })
}

/// A contact's newest touches, by when they happened.
pub(crate) fn touches_of(conn: &Connection, contact_id: i64, limit: u32) -> Result<Vec<Touch>> {
    conn.prepare_cached(&format!(
        "SELECT {TOUCH_COLUMNS} FROM touches WHERE contact_id = ?1
         ORDER BY happened_at DESC, id DESC LIMIT ?2"
    ))?
    .query_map(params![contact_id, limit], touch_row)?
    .collect::<rusqlite::Result<_>>()
    .map_err(Into::into)
}

/// One touch by its id.
fn touch(conn: &Connection, id: i64) -> Result<Touch> {
    conn.prepare_cached(&format!(
        "SELECT {TOUCH_COLUMNS} FROM touches WHERE id = ?1"
    ))?
    .query_row([id], touch_row)
    .optional()?
    .ok_or(CoreError::NotFound { what: "touch", id })
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
        let Checked {
            notes,
            hook,
            objections,
            happened_at,
            custom_due,
            promise,
            moved,
        } = checks::check(input, &timing, now)?;

        self.undoable(&format!("Logged a touch with {}", timing.name), |tx| {
            let enrolment = active_enrolment(tx, input.contact_id)?;
            let completed = match input.direction {
                Direction::Outbound => close_next_step(tx, input.contact_id, "done", now)?,
                Direction::Inbound => None,
            };
            tx.run(
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
            tx.run(
                "UPDATE followups SET status = 'done', closed_at = ?2, closed_by_touch = ?5,
                    kept = CASE WHEN ?3 = 'inbound' OR due_at >= ?4 THEN 1 ELSE 0 END
                 WHERE contact_id = ?1 AND kind = 'promise' AND status = 'open'",
                params![
                    input.contact_id,
                    now.timestamp_millis(),
                    input.direction,
                    on_time_until,
                    touch_id
                ],
            )?;
            tx.run(
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
                                && open_next_step(tx, input.contact_id)?.is_some();
                            if !keep {
                                close_next_step(tx, input.contact_id, "cancelled", now)?;
                                let scheduled = schedule_step(
                                    tx,
                                    input.contact_id,
                                    &e,
                                    next_index,
                                    Some(touch_day),
                                    &mut ctx,
                                )?;
                                if scheduled.is_none() {
                                    // The cadence is done: keep in touch on the nurture cadence.
                                    let nurture = templates::seeded_id(tx, "nurture")?;
                                    enrol(
                                        tx,
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
                                tx,
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
                    close_next_step(tx, input.contact_id, "cancelled", now)?;
                    if let (Some(e), Direction::Outbound) = (&enrolment, input.direction) {
                        tx.run(
                            "UPDATE enrolments SET step = step + 1 WHERE id = ?1",
                            [e.id],
                        )?;
                    }
                    if let Some((due_on, due_at)) = custom_due {
                        followups::insert_followup(
                            tx,
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
                    tx.run(
                        "UPDATE contacts SET stage = ?2, updated_at = ?3 WHERE id = ?1",
                        params![input.contact_id, stage, now.timestamp_millis()],
                    )?;
                    let reason = match reason {
                        CloseReason::Won => "won",
                        CloseReason::Lost => "lost",
                        CloseReason::NotInterested => "not_interested",
                        CloseReason::DoNotContact => "do_not_contact",
                    };
                    followups::enrol_by_stage(tx, input.contact_id, stage, reason, &mut ctx)?;
                }
            }
            if let Some((due_on, due_at)) = promise {
                let promised = followups::insert_followup(
                    tx,
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
                tx.run(
                    "UPDATE followups SET made_by_touch = ?2 WHERE id = ?1",
                    [promised, touch_id],
                )?;
            }
            let result = LogResult {
                // By its id: the newest touch is another one when this one is
                // logged for an earlier time (or another process logged later).
                touch: touch(tx, touch_id)?,
                next: open_next_step(tx, input.contact_id)?,
                progress: progress(tx, input.contact_id)?,
                moved,
            };
            Ok(result)
        })
    }
}

#[cfg(test)]
mod tests;
