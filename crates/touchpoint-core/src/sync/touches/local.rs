//! The touches stored here, read as the VJOURNALs they travel as.

use rusqlite::{Connection, OptionalExtension, params};

use super::journal::{Journal, write_journal};
use crate::error::{CoreError, Result};
use crate::time::instant;

/// A touch stored here, with the contact's name for the phone's words.
pub(super) struct Local {
    pub id: i64,
    pub contact_id: i64,
    pub journal: Journal,
    contact_name: String,
}

impl Local {
    /// The text Touchpoint writes for it.
    pub fn text(&self) -> String {
        write_journal(&self.journal, &self.contact_name)
    }
}

const SELECT: &str = "SELECT t.id, t.uid, c.uid, t.happened_at, t.channel, t.direction, t.outcome,
        t.notes, t.hook, t.objections, t.created_at, f.uid,
        (SELECT p.uid FROM followups p WHERE p.made_by_touch = t.id ORDER BY p.id LIMIT 1),
        c.display_name, c.id
    FROM touches t JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN followups f ON f.id = t.followup_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Local> {
    let id: i64 = r.get(0)?;
    let objections: String = r.get(9)?;
    let objections = serde_json::from_str(&objections).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            9,
            rusqlite::types::Type::Text,
            format!("touch {id} has unreadable objections").into(),
        )
    })?;
    Ok(Local {
        id,
        contact_id: r.get(14)?,
        journal: Journal {
            uid: r.get(1)?,
            contact_uid: r.get(2)?,
            happened_at: instant(r.get(3)?)?,
            channel: r.get(4)?,
            direction: r.get(5)?,
            outcome: r.get(6)?,
            notes: r.get(7)?,
            hook: r.get(8)?,
            objections,
            created_at: instant(r.get(10)?)?,
            carried_out: r.get(11)?,
            promised: r.get(12)?,
            ended: Vec::new(),
        },
        contact_name: r.get(13)?,
    })
}

fn one(conn: &Connection, filter: &str, value: &dyn rusqlite::ToSql) -> Result<Option<Local>> {
    let found = conn
        .query_row(&format!("{SELECT} WHERE {filter}"), [value], row)
        .optional()
        .map_err(|e| match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, why) => {
                CoreError::Corrupt(why.to_string())
            }
            other => other.into(),
        })?;
    let Some(mut local) = found else {
        return Ok(None);
    };
    local.journal.ended = conn
        .prepare_cached("SELECT uid FROM followups WHERE closed_by_touch = ?1 ORDER BY uid")?
        .query_map(params![local.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(local))
}

pub(super) fn by_uid(conn: &Connection, uid: &str) -> Result<Option<Local>> {
    one(conn, "t.uid = ?1", &uid)
}

pub(super) fn by_id(conn: &Connection, id: i64) -> Result<Option<Local>> {
    one(conn, "t.id = ?1", &id)
}
