//! The follow-ups stored here, read as the VTODOs they travel as.

use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension};

use super::ical::{EnrolmentRef, Status, Todo, Words, write_todo_with};
use super::marks::Marks;
use crate::error::{CoreError, Result};
use crate::followups::touch::FollowUpKind;
use crate::time::instant;

/// A follow-up stored here, with what its VTODO's words need.
pub(super) struct Local {
    pub id: i64,
    pub todo: Todo,
    pub marks: Marks,
    contact_name: String,
    cadence_name: Option<String>,
}

impl Local {
    /// The text Touchpoint writes for it.
    pub fn text(&self) -> String {
        write_todo_with(
            &self.todo,
            &Words {
                contact_name: &self.contact_name,
                cadence_name: self.cadence_name.as_deref(),
            },
            &self.marks,
        )
    }
}

const SELECT: &str = "SELECT f.id, f.uid, c.uid, f.kind, f.step, f.due_at, f.time_zone, f.channel,
        f.prompt, f.status, f.closed_at, f.created_at, f.kept,
        e.uid, coalesce(k.seeded_key, k.name), e.schedule, e.anchor_on, c.display_name, k.name,
        f.remind_at, f.delivered_at, f.renotified_at
    FROM followups f JOIN contacts c ON c.id = f.contact_id
    LEFT JOIN enrolments e ON e.id = f.enrolment_id
    LEFT JOIN cadences k ON k.id = e.cadence_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Local> {
    let id: i64 = r.get(0)?;
    let corrupt = |what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("follow-up {id} has an unreadable {what}").into(),
        )
    };
    let zone: String = r.get(6)?;
    let status: String = r.get(9)?;
    let enrolment = match (
        r.get::<_, Option<String>>(13)?,
        r.get::<_, Option<String>>(14)?,
    ) {
        (Some(uid), Some(cadence)) => {
            let anchor: String = r.get(16)?;
            Some(EnrolmentRef {
                uid,
                cadence,
                schedule: r.get(15)?,
                anchor: chrono::NaiveDate::parse_from_str(&anchor, "%Y-%m-%d")
                    .map_err(|_| corrupt("enrolment day 0"))?,
            })
        }
        _ => None,
    };
    let due_at = instant(r.get(5)?)?;
    let mark = |occurrence: Option<i64>, at: Option<i64>| -> rusqlite::Result<_> {
        Ok(match (occurrence, at) {
            (Some(o), Some(a)) => Some((instant(o)?, instant(a)?)),
            _ => None,
        })
    };
    let kind: FollowUpKind = r.get(3)?;
    let remind_at: Option<i64> = r.get(19)?;
    let renotified_at: Option<i64> = r.get(21)?;
    // A reminder moved from its usual time, not by a second showing (that
    // travels as its mark): a snooze.
    let usual = (kind != FollowUpKind::Cadence).then(|| due_at.timestamp_millis());
    let snoozed = remind_at
        .filter(|&at| Some(at) != usual && Some(at) != renotified_at)
        .map(instant)
        .transpose()?;
    let marks = Marks {
        delivered: mark(remind_at, r.get(20)?)?,
        renotified: mark(Some(due_at.timestamp_millis()), r.get(21)?)?,
    };
    Ok(Local {
        id,
        marks,
        todo: Todo {
            uid: r.get(1)?,
            contact_uid: r.get(2)?,
            kind,
            step: r.get(4)?,
            due_at,
            zone: zone.parse::<Tz>().unwrap_or(chrono_tz::UTC),
            channel: r.get(7)?,
            prompt: r.get(8)?,
            status: Status::parse(&status).ok_or_else(|| corrupt("status"))?,
            closed_at: r.get::<_, Option<i64>>(10)?.map(instant).transpose()?,
            created_at: instant(r.get(11)?)?,
            kept: r.get::<_, Option<i64>>(12)?.map(|k| k != 0),
            enrolment,
            snoozed,
        },
        contact_name: r.get(17)?,
        cadence_name: r.get(18)?,
    })
}

fn one(conn: &Connection, filter: &str, value: &dyn rusqlite::ToSql) -> Result<Option<Local>> {
    conn.query_row(&format!("{SELECT} WHERE {filter}"), [value], row)
        .optional()
        .map_err(|e| match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, why) => {
                CoreError::Corrupt(why.to_string())
            }
            other => other.into(),
        })
}

pub(super) fn by_uid(conn: &Connection, uid: &str) -> Result<Option<Local>> {
    one(conn, "f.uid = ?1", &uid)
}

pub(super) fn by_id(conn: &Connection, id: i64) -> Result<Option<Local>> {
    one(conn, "f.id = ?1", &id)
}
