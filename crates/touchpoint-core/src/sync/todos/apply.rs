//! A follow-up from the server written here, in one transaction with the
//! agreement it settles: inserted as it is (with the enrolment it belongs
//! to), or the local row moved, done or cancelled to match.
//!
//! A contact has at most one open next step: when the server brings one
//! while another is open here (two machines planned the same contact), the
//! one planned later stays open and the other is cancelled, on every
//! machine alike, since both sides compare the same two rows.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::ical::{EnrolmentRef, Status, Todo};
use super::local::Local;
use crate::error::Result;
use crate::followups::move_followup;
use crate::followups::touch::FollowUpKind;

/// What applying one VTODO did here.
#[derive(Default)]
pub(super) struct Applied {
    pub moved: bool,
    pub closed: bool,
}

pub(super) fn contact_id(conn: &Connection, contact_uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM contacts WHERE uid = ?1",
            [contact_uid],
            |r| r.get(0),
        )
        .optional()?)
}

/// Ends the contact's other active enrolments: it follows one cadence.
fn end_others(conn: &Connection, contact_id: i64, keep: &str, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE enrolments SET ended_at = ?3, end_reason = 'replaced by sync'
         WHERE contact_id = ?1 AND ended_at IS NULL AND uid <> ?2",
        params![contact_id, keep, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The local enrolment `e` names, made if missing; made active (its step
/// moved on to `step`) when the follow-up is an open one. `None` when its
/// cadence is not here (a cadence the user made on the other machine).
fn enrolment(
    conn: &Connection,
    contact_id: i64,
    e: &EnrolmentRef,
    open_step: Option<u32>,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM enrolments WHERE uid = ?1", [&e.uid], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            let cadence: Option<i64> = conn
                .query_row(
                    "SELECT id FROM cadences WHERE seeded_key = ?1
                        OR (seeded_key IS NULL AND name = ?1)
                     ORDER BY retired_at IS NOT NULL, seeded_key IS NULL, id LIMIT 1",
                    [&e.cadence],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(cadence) = cadence else {
                return Ok(None);
            };
            conn.execute(
                "INSERT INTO enrolments (contact_id, cadence_id, schedule, anchor_on, step,
                                         started_at, ended_at, end_reason, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 'synced', ?7)",
                params![
                    contact_id,
                    cadence,
                    e.schedule,
                    e.anchor.format("%Y-%m-%d").to_string(),
                    open_step.unwrap_or(0),
                    now.timestamp_millis(),
                    e.uid,
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    if let Some(step) = open_step {
        end_others(conn, contact_id, &e.uid, now)?;
        conn.execute(
            "UPDATE enrolments SET ended_at = NULL, end_reason = NULL, step = max(step, ?2)
             WHERE id = ?1",
            params![id, step],
        )?;
    }
    Ok(Some(id))
}

/// Whether `t`, an open next step, may stay open here: yes unless another
/// open next step of the contact was planned later (ties: the later step,
/// then the larger UID).
/// The loser among them is cancelled.
fn may_open(conn: &Connection, contact_id: i64, t: &Todo, now: DateTime<Utc>) -> Result<bool> {
    if t.kind == FollowUpKind::Promise {
        return Ok(true);
    }
    let other: Option<(i64, i64, Option<u32>, String)> = conn
        .query_row(
            "SELECT id, created_at, step, uid FROM followups
             WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise' AND uid <> ?2",
            params![contact_id, t.uid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, created, step, uid)) = other else {
        return Ok(true);
    };
    if (t.created_at.timestamp_millis(), t.step, t.uid.as_str()) < (created, step, uid.as_str()) {
        return Ok(false);
    }
    conn.execute(
        "UPDATE followups SET status = 'cancelled', closed_at = ?2 WHERE id = ?1",
        params![id, now.timestamp_millis()],
    )?;
    Ok(true)
}

/// Inserts a follow-up that came from the server, as it is.
pub(super) fn insert(
    conn: &Connection,
    contact_id: i64,
    t: &Todo,
    now: DateTime<Utc>,
) -> Result<()> {
    let open = t.status == Status::Open && may_open(conn, contact_id, t, now)?;
    let (status, closed_at) = match (t.status, open) {
        (Status::Open, true) => (Status::Open, None),
        (Status::Open, false) => (Status::Cancelled, Some(now)),
        (status, _) => (status, t.closed_at.or(Some(now))),
    };
    let enrolment_id = match &t.enrolment {
        Some(e) => enrolment(conn, contact_id, e, t.step.filter(|_| open), now)?,
        None => None,
    };
    conn.execute(
        "INSERT INTO followups (contact_id, enrolment_id, kind, step, due_on, due_at, time_zone,
                                channel, prompt, status, closed_at, created_at, remind_at, kept,
                                uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            contact_id,
            enrolment_id,
            t.kind,
            t.step,
            t.due_at.with_timezone(&t.zone).date_naive().to_string(),
            t.due_at.timestamp_millis(),
            t.zone.name(),
            t.channel,
            t.prompt,
            status.as_str(),
            closed_at.map(|c| c.timestamp_millis()),
            t.created_at.timestamp_millis(),
            (t.kind != FollowUpKind::Cadence).then(|| t.due_at.timestamp_millis()),
            t.kept,
            t.uid,
        ],
    )?;
    Ok(())
}

/// What the row should become: the server's version, unless this machine
/// changed it since both agreed (`base`); then each side's own change is
/// kept, a follow-up done or cancelled on either side is closed, and one
/// done on either side is done.
pub(super) fn settle(base: Option<&Todo>, ours: &Todo, theirs: &Todo) -> Todo {
    let Some(base) = base.filter(|b| *b != ours) else {
        return theirs.clone();
    };
    let mut settled = ours.clone();
    if ours.due_at == base.due_at {
        settled.due_at = theirs.due_at;
    }
    // A snooze is for one due time: moved there, their reminder time goes
    // with it.
    if ours.snoozed == base.snoozed || settled.due_at != ours.due_at {
        settled.snoozed = theirs.snoozed;
    }
    // Done or cancelled on either side stays so; done says more than cancelled.
    let closes = match (ours.status, theirs.status) {
        (Status::Open, other) => other != Status::Open,
        (Status::Cancelled, Status::Done) => true,
        _ => false,
    };
    if closes {
        settled.status = theirs.status;
        settled.closed_at = theirs.closed_at;
        settled.kept = theirs.kept;
    }
    settled
}

/// Changes the local row to `to`.
pub(super) fn update(
    conn: &Connection,
    contact_id: i64,
    ours: &Local,
    to: &Todo,
    now: DateTime<Utc>,
) -> Result<Applied> {
    let mut applied = Applied::default();
    let from = &ours.todo;
    if to.due_at != from.due_at {
        move_followup(conn, ours.id, from.kind, from.zone, to.due_at)?;
        applied.moved = true;
    }
    if to.snoozed != from.snoozed || applied.moved && to.snoozed.is_some() {
        // Snoozed there (or the snooze undone by a move): a new occurrence
        // here too, so this machine rings at the new time, not the old.
        let remind = to
            .snoozed
            .or((from.kind != FollowUpKind::Cadence).then_some(to.due_at));
        conn.execute(
            "UPDATE followups SET remind_at = ?2, delivered_at = NULL
             WHERE id = ?1 AND remind_at IS NOT ?2",
            params![ours.id, remind.map(|r| r.timestamp_millis())],
        )?;
    }
    if to.status == from.status {
        return Ok(applied);
    }
    if to.status == Status::Open {
        // Taken back elsewhere (an undo): open again, unless a newer next
        // step took its place meanwhile.
        if may_open(conn, contact_id, to, now)? {
            conn.execute(
                "UPDATE followups SET status = 'open', closed_at = NULL, kept = NULL WHERE id = ?1",
                [ours.id],
            )?;
            if let (Some(e), Some(step)) = (&to.enrolment, to.step) {
                enrolment(conn, contact_id, e, Some(step), now)?;
            }
        }
        return Ok(applied);
    }
    conn.execute(
        "UPDATE followups SET status = ?2, closed_at = ?3, kept = ?4 WHERE id = ?1",
        params![
            ours.id,
            to.status.as_str(),
            to.closed_at.unwrap_or(now).timestamp_millis(),
            to.kept,
        ],
    )?;
    applied.closed = true;
    Ok(applied)
}
