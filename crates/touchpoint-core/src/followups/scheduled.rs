//! The stored follow-ups: each open row is a contact's next step or a
//! promised callback, read and written only here.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, ToSql, Transaction, params};

use crate::channel::Channel;
use crate::db::{Batch, Cached};
use crate::error::{CoreError, Result};
use crate::followups::touch::{FollowUp, FollowUpKind};
use crate::time::instant;

const FOLLOWUP_COLUMNS: &str = "id, contact_id, kind, step, due_at, time_zone, channel, prompt";

pub(crate) fn followup_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FollowUp> {
    let zone: String = r.get(5)?;
    let due_at = instant(r.get(4)?)?;
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    Ok(FollowUp {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        kind: r.get(2)?,
        step: r.get(3)?,
        due_at,
        local_due: due_at
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        time_zone: zone,
        channel: r.get(6)?,
        prompt: r.get(7)?,
    })
}

pub(crate) fn is_open(conn: &Connection, id: i64) -> Result<bool> {
    let status: String = conn.row("SELECT status FROM followups WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    Ok(status == "open")
}

pub(crate) fn open_next_step(conn: &Connection, contact_id: i64) -> Result<Option<FollowUp>> {
    Ok(conn
        .row(
            &format!(
                "SELECT {FOLLOWUP_COLUMNS} FROM followups
                 WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'"
            ),
            [contact_id],
            followup_row,
        )
        .optional()?)
}

pub(crate) fn followup(conn: &Connection, id: i64) -> Result<FollowUp> {
    conn.row(
        &format!("SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE id = ?1"),
        [id],
        followup_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "follow-up",
        id,
    })
}

pub(crate) struct NewFollowUp<'a> {
    pub contact_id: i64,
    pub enrolment_id: Option<i64>,
    pub kind: FollowUpKind,
    pub step: Option<u32>,
    pub due_on: NaiveDate,
    pub due_at: DateTime<Utc>,
    pub zone: Tz,
    pub channel: Channel,
    pub prompt: &'a str,
}

/// The values of a new follow-up's row, `?1` to `?11` of [`insert_followup`].
fn with_followup<T>(
    f: &NewFollowUp<'_>,
    now: DateTime<Utc>,
    run: impl FnOnce(&[&dyn ToSql]) -> Result<T>,
) -> Result<T> {
    // Promised callbacks and times the user chose are notified on their own;
    // cadence steps are announced together in the morning digest.
    let remind_at = (f.kind != FollowUpKind::Cadence).then(|| f.due_at.timestamp_millis());
    run(params![
        f.contact_id,
        f.enrolment_id,
        f.kind,
        f.step,
        f.due_on.format("%Y-%m-%d").to_string(),
        f.due_at.timestamp_millis(),
        f.zone.name(),
        f.channel,
        f.prompt,
        now.timestamp_millis(),
        remind_at,
    ])
}

/// One statement, its UID included (the trigger's update would be journaled too).
pub(crate) fn insert_followup(
    tx: &Transaction<'_>,
    f: &NewFollowUp<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    with_followup(f, now, |p| {
        tx.run(
            "INSERT INTO followups (contact_id, enrolment_id, kind, step, due_on, due_at,
                                    time_zone, channel, prompt, created_at, remind_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, lower(hex(randomblob(16))))",
            p,
        )?;
        Ok(())
    })?;
    Ok(tx.last_insert_rowid())
}

/// New follow-ups written many per statement: what [`insert_followup`] writes.
pub(crate) fn followup_batch() -> Batch {
    Batch::new(
        "INSERT INTO followups (contact_id, enrolment_id, kind, step, due_on, due_at,
                                time_zone, channel, prompt, created_at, remind_at, uid) VALUES",
        11,
        ", lower(hex(randomblob(16)))",
    )
}

/// Adds to `batch` the row [`insert_followup`] would write for `f`.
pub(crate) fn push_followup(
    batch: &mut Batch,
    f: &NewFollowUp<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    with_followup(f, now, |p| batch.push(p))
}

/// Closes the open next step as done (carried out by a touch) or cancelled.
pub(crate) fn close_next_step(
    tx: &Transaction<'_>,
    contact_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let id: Option<i64> = tx
        .row(
            "SELECT id FROM followups WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
            [contact_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = id {
        tx.run(
            "UPDATE followups SET status = ?2, closed_at = ?3 WHERE id = ?1",
            params![id, status, now.timestamp_millis()],
        )?;
    }
    Ok(id)
}

/// Moves follow-up `id` to `to`, as a drag on the calendar does: its local
/// day follows in its own `zone`; a reminder of its own (promises, times
/// chosen by hand) moves with it and will be shown again, even if it was
/// shown for the old time.
pub(crate) fn move_followup(
    conn: &Connection,
    id: i64,
    kind: FollowUpKind,
    zone: Tz,
    to: DateTime<Utc>,
) -> Result<()> {
    let remind_at = (kind != FollowUpKind::Cadence).then(|| to.timestamp_millis());
    conn.execute(
        "UPDATE followups SET due_at = ?2, due_on = ?3, remind_at = ?4, delivered_at = NULL,
                renotified_at = NULL
         WHERE id = ?1",
        params![
            id,
            to.timestamp_millis(),
            to.with_timezone(&zone).date_naive().to_string(),
            remind_at,
        ],
    )?;
    Ok(())
}
