//! A promised callback not made is notified once more (seed 004: the
//! callback is the promise), a set time after its reminder was shown.
//!
//! The second showing is a new occurrence of the same follow-up: claiming it
//! moves `remind_at` to the claim and marks it delivered and re-notified in
//! one statement, so from there on it follows the delivery protocol like any
//! other (taken back if the server refused it, shown again after a crash).
//! `renotified_at` makes it once per promised time; moving the promise to
//! another time clears it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::wording::DueRow;
use crate::error::Result;
use crate::time::instant;

/// The delay after the reminder, or `None` when the user turned it off.
pub(super) fn delay(minutes: u32) -> Option<Duration> {
    (minutes > 0).then(|| Duration::minutes(i64::from(minutes)))
}

/// Open promises whose reminder was shown and not re-notified; the second
/// showing is due `delay` after the reminder was shown (a snoozed one: after
/// it was shown again; one shown late, after the machine slept: an hour
/// after that, not at once).
const CANDIDATES: &str = "FROM followups f JOIN contacts c ON c.id = f.contact_id
     WHERE f.status = 'open' AND f.kind = 'promise' AND f.delivered_at IS NOT NULL
       AND f.renotified_at IS NULL";

pub(super) fn due_rows(
    conn: &Connection,
    now: DateTime<Utc>,
    delay: Duration,
) -> Result<Vec<DueRow>> {
    let sql = format!(
        "SELECT {} {CANDIDATES}
           AND f.delivered_at + ?2 <= ?1",
        DueRow::COLUMNS
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(
            params![now.timestamp_millis(), delay.num_milliseconds()],
            |r| DueRow::read(r, true),
        )?
        .collect::<rusqlite::Result<_>>()?)
}

/// When the next second showing is due.
pub(super) fn next_at(conn: &Connection, delay: Duration) -> Result<Option<DateTime<Utc>>> {
    let sql = format!("SELECT min(f.delivered_at) + ?1 {CANDIDATES}");
    let next: Option<i64> = conn.query_row(&sql, [delay.num_milliseconds()], |r| r.get(0))?;
    Ok(next.map(instant).transpose()?)
}

/// Claims the second showing of `followup` (whose reminder was at
/// `remind_at` when it was read): the new occurrence's `remind_at`, or `None`
/// if it was kept, moved or re-notified meanwhile.
pub(super) fn claim(
    tx: &Transaction<'_>,
    followup: i64,
    remind_at: i64,
    now: i64,
) -> Result<Option<i64>> {
    let marked = tx.execute(
        "UPDATE followups SET remind_at = ?3, delivered_at = ?3, renotified_at = ?3
         WHERE id = ?1 AND remind_at IS ?2 AND status = 'open' AND kind = 'promise'
           AND delivered_at IS NOT NULL AND renotified_at IS NULL",
        params![followup, remind_at, now],
    )?;
    Ok((marked > 0).then_some(now))
}

/// The notice still on screen for `followup` alone (its first showing, or
/// the one a restart took over), to be replaced in place; its record goes,
/// as the new claim stands for it.
pub(super) fn on_screen(tx: &Transaction<'_>, followup: i64) -> Result<Option<u32>> {
    let found: Option<(i64, u32)> = tx
        .query_row(
            "SELECT id, server_id FROM notices_sent
             WHERE server_id IS NOT NULL AND json_extract(notice, '$.followupId') = ?1
             ORDER BY id DESC LIMIT 1",
            [followup],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, server_id)) = found else {
        return Ok(None);
    };
    tx.execute("DELETE FROM notices_sent WHERE id = ?1", [id])?;
    Ok(Some(server_id))
}
