//! The follow-ups that are due, read for a list in one query per part:
//! each row comes with its contact, first phone, last hook, touch count and
//! active enrolment, and each cadence is decoded once per call, so a list
//! of 2,000 costs two statements, not 10,000.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use crate::error::{CoreError, Result};
use crate::followups::cadence::ScheduleKind;
use crate::followups::plan::DueItem;
use crate::followups::templates::{self, Cadence};
use crate::followups::{followup_row, progress_of};

/// The columns `followup_row` reads come first.
const DUE_SELECT: &str = "SELECT f.id, f.contact_id, f.kind, f.step, f.due_at, f.time_zone,
        f.channel, f.prompt, c.display_name, c.company,
        (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
        (SELECT hook FROM touches WHERE contact_id = c.id ORDER BY happened_at DESC LIMIT 1),
        (SELECT count(*) FROM touches WHERE contact_id = c.id),
        e.id, e.cadence_id, e.step, e.schedule, e.anchor_on
    FROM followups f JOIN contacts c ON c.id = f.contact_id
    LEFT JOIN enrolments e ON e.contact_id = f.contact_id AND e.ended_at IS NULL";

/// Which open follow-ups of a due range a query reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kinds {
    Promises,
    NotPromises,
    /// Promised callbacks first, then the others.
    Both,
}

/// Open follow-ups of `kinds` due in `from..=until` (milliseconds), each
/// kind by due time.
pub(crate) struct DueRange {
    pub kinds: Kinds,
    pub from: i64,
    pub until: i64,
}

impl DueRange {
    /// Rows `offset..offset + limit` of the range.
    pub(crate) fn read(&self, conn: &Connection, offset: u32, limit: u32) -> Result<Vec<DueItem>> {
        let mut cadences = HashMap::new();
        let mut read =
            |filter, offset, limit| due_of(conn, filter, self, offset, limit, &mut cadences);
        let (promises, others) = ("f.kind = 'promise'", "f.kind <> 'promise'");
        match self.kinds {
            Kinds::Promises => read(promises, offset, limit),
            Kinds::NotPromises => read(others, offset, limit),
            Kinds::Both => {
                let mut items = read(promises, offset, limit)?;
                let got = u32::try_from(items.len()).unwrap_or(u32::MAX);
                if got < limit {
                    // Where the others start: past every promise of the range.
                    let promised = if got > 0 || offset == 0 {
                        offset + got
                    } else {
                        self.promises(conn)?
                    };
                    items.extend(read(others, offset.saturating_sub(promised), limit - got)?);
                }
                Ok(items)
            }
        }
    }

    fn promises(&self, conn: &Connection) -> Result<u32> {
        Ok(conn
            .prepare_cached(
                "SELECT count(*) FROM followups
                 WHERE status = 'open' AND kind = 'promise' AND due_at BETWEEN ?1 AND ?2",
            )?
            .query_row([self.from, self.until], |r| r.get(0))?)
    }
}

/// Open follow-ups matching `filter` in `range`, by due time. Each query
/// walks an index in due order and stops after the page.
fn due_of(
    conn: &Connection,
    filter: &str,
    range: &DueRange,
    offset: u32,
    limit: u32,
    cadences: &mut HashMap<i64, Cadence>,
) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{DUE_SELECT} WHERE f.status = 'open' AND {filter} AND f.due_at BETWEEN ?1 AND ?2
         ORDER BY f.due_at LIMIT ?3 OFFSET ?4"
    ))?;
    let mut rows = stmt.query(params![range.from, range.until, limit, offset])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        items.push(item(conn, r, cadences)?);
    }
    Ok(items)
}

fn item(conn: &Connection, r: &Row<'_>, cadences: &mut HashMap<i64, Cadence>) -> Result<DueItem> {
    let followup = followup_row(r)?;
    let touches: u32 = r.get(12)?;
    let enrolment: Option<i64> = r.get(13)?;
    let progress = match enrolment {
        None => progress_of(touches, None),
        Some(id) => {
            let (cadence_id, step, kind, anchor): (i64, u32, ScheduleKind, String) =
                (r.get(14)?, r.get(15)?, r.get(16)?, r.get(17)?);
            // As `active_enrolment` reads it: an unreadable anchor is an error.
            NaiveDate::parse_from_str(&anchor, "%Y-%m-%d").map_err(|_| {
                CoreError::Corrupt(format!("enrolment {id} has an unreadable anchor"))
            })?;
            let cadence = match cadences.entry(cadence_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => slot.insert(templates::load(conn, cadence_id)?),
            };
            progress_of(touches, Some((cadence, step, kind)))
        }
    };
    Ok(DueItem {
        contact_name: r.get(8)?,
        company: r.get(9)?,
        phone: r.get(10)?,
        hook: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
        progress,
        followup,
    })
}
