//! Correcting the touch log: a logged touch edited or deleted, and the
//! schedule following it. A promise made by a voicemail that turns out not
//! to have been one is cancelled; a promise a deleted touch ended is open
//! again (not notified again if it already was); whether a promise was kept
//! on time follows a corrected time; the last touch, "touch N of M" and a
//! rolling next step follow the touches that remain; a cadence step a
//! deleted touch carried out is owed again. Each correction is one undoable
//! action.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::log::checks::{MAX_HOOK, MAX_NOTES, check_text};
use crate::followups::plan::ContactPlan;
use crate::followups::promise::PROMISE_GRACE_MINUTES;
use crate::followups::touch::{Direction, Objection, Outcome};
use crate::followups::{ContactTiming, Scheduling, replan_next_step};

/// A logged touch as corrected by the user; what it was planned to lead to
/// stays (move or change the next step itself to change that).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TouchEdit {
    pub channel: Channel,
    pub outcome: Outcome,
    pub notes: String,
    pub hook: String,
    pub objections: Vec<Objection>,
    pub happened_at: DateTime<Utc>,
}

struct Logged {
    contact_id: i64,
    direction: Direction,
    happened_at: i64,
}

fn logged(tx: &Transaction<'_>, id: i64) -> Result<Logged> {
    tx.query_row(
        "SELECT contact_id, direction, happened_at FROM touches WHERE id = ?1",
        [id],
        |r| {
            Ok(Logged {
                contact_id: r.get(0)?,
                direction: r.get(1)?,
                happened_at: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "touch", id })
}

fn set_last_touch(tx: &Transaction<'_>, contact_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE contacts SET last_touch_at =
            (SELECT max(happened_at) FROM touches WHERE contact_id = ?1) WHERE id = ?1",
        [contact_id],
    )?;
    Ok(())
}

/// The contact's last touch and rolling next step, after its touches changed.
fn follow_the_touches(
    tx: &Transaction<'_>,
    contact_id: i64,
    ctx: &mut Scheduling<'_>,
) -> Result<()> {
    set_last_touch(tx, contact_id)?;
    replan_next_step(tx, contact_id, ctx)
}

/// When touch `id` carried out the cadence step the contact's cadence last
/// moved on from, that step is owed again: the next step planned after it
/// goes and the step itself is open once more, with its own date and what
/// was already notified of it. Returns whether it was.
fn reopen_the_step_it_did(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    let done: Option<(i64, i64, i64, i64)> = tx
        .query_row(
            "SELECT f.id, f.contact_id, f.step, e.id FROM touches t
               JOIN followups f ON f.id = t.followup_id
               JOIN enrolments e ON e.id = f.enrolment_id
             WHERE t.id = ?1 AND f.kind = 'cadence' AND f.status = 'done'
               AND e.ended_at IS NULL AND e.step = f.step + 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((followup, contact_id, step, enrolment)) = done else {
        return Ok(false);
    };
    tx.execute(
        "DELETE FROM followups
         WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
        [contact_id],
    )?;
    tx.execute(
        "UPDATE enrolments SET step = ?2 WHERE id = ?1",
        params![enrolment, step],
    )?;
    tx.execute(
        "UPDATE followups SET status = 'open', closed_at = NULL WHERE id = ?1",
        [followup],
    )?;
    Ok(true)
}

impl Database {
    fn touch_contact(&self, id: i64) -> Result<i64> {
        self.conn
            .query_row("SELECT contact_id FROM touches WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(CoreError::NotFound { what: "touch", id })
    }

    /// Corrects logged touch `id`.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown touch; [`CoreError::Invalid`]
    /// for text too long or a time in the future; nothing changes then.
    pub fn edit_touch(&mut self, id: i64, edit: &TouchEdit) -> Result<ContactPlan> {
        let now = self.now();
        let contact_id = self.touch_contact(id)?;
        let notes = check_text("notes", "Notes", &edit.notes, MAX_NOTES)?;
        let hook = check_text("hook", "The hook", &edit.hook, MAX_HOOK)?;
        if edit.objections.len() > 10 {
            return Err(CoreError::invalid(
                "objections",
                "At most 10 objections per touch",
            ));
        }
        if edit.happened_at > now + Duration::minutes(5) {
            return Err(CoreError::invalid(
                "happenedAt",
                "A touch cannot be in the future",
            ));
        }
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, contact_id, &settings)?;
        self.undoable(&format!("Corrected a touch with {}", timing.name), |tx| {
            let before = logged(tx, id)?;
            tx.execute(
                "UPDATE touches SET channel = ?2, outcome = ?3, notes = ?4, hook = ?5,
                        objections = ?6, happened_at = ?7
                 WHERE id = ?1",
                params![
                    id,
                    edit.channel,
                    edit.outcome,
                    notes,
                    hook,
                    serde_json::to_string(&edit.objections).unwrap_or_else(|_| "[]".into()),
                    edit.happened_at.timestamp_millis(),
                ],
            )?;
            if edit.outcome != Outcome::LeftVoicemail {
                // No voicemail, no promise in it: a callback it promised goes.
                tx.execute(
                    "UPDATE followups SET status = 'cancelled', closed_at = ?2
                     WHERE made_by_touch = ?1 AND status = 'open'",
                    params![id, now.timestamp_millis()],
                )?;
            }
            let on_time_until =
                (edit.happened_at - Duration::minutes(PROMISE_GRACE_MINUTES)).timestamp_millis();
            tx.execute(
                "UPDATE followups SET
                    kept = CASE WHEN ?2 = 'inbound' OR due_at >= ?3 THEN 1 ELSE 0 END
                 WHERE closed_by_touch = ?1",
                params![id, before.direction, on_time_until],
            )?;
            if before.happened_at != edit.happened_at.timestamp_millis() {
                follow_the_touches(tx, before.contact_id, &mut Scheduling::new(&settings, now))?;
            }
            Ok(())
        })?;
        self.contact_plan(contact_id)
    }

    /// Deletes logged touch `id` from the contact's history.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown touch.
    pub fn delete_touch(&mut self, id: i64) -> Result<ContactPlan> {
        let now = self.now();
        let contact_id = self.touch_contact(id)?;
        let settings = self.settings()?;
        let timing = ContactTiming::load(&self.conn, contact_id, &settings)?;
        self.undoable(&format!("Deleted a touch with {}", timing.name), |tx| {
            tx.execute(
                "UPDATE followups SET status = 'cancelled', closed_at = ?2
                 WHERE made_by_touch = ?1 AND status = 'open'",
                params![id, now.timestamp_millis()],
            )?;
            // The callback this touch was is owed again; delivered_at stays,
            // so what was notified is not notified a second time.
            tx.execute(
                "UPDATE followups SET status = 'open', closed_at = NULL, kept = NULL,
                        closed_by_touch = NULL
                 WHERE closed_by_touch = ?1",
                [id],
            )?;
            let step_owed = reopen_the_step_it_did(tx, id)?;
            tx.execute("DELETE FROM touches WHERE id = ?1", [id])?;
            if step_owed {
                // The reopened step is where it was planned from the touches
                // that remain; only the last touch moves.
                set_last_touch(tx, contact_id)
            } else {
                follow_the_touches(tx, contact_id, &mut Scheduling::new(&settings, now))
            }
        })?;
        self.contact_plan(contact_id)
    }
}

#[cfg(test)]
mod tests;
