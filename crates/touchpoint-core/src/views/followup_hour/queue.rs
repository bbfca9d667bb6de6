//! The follow-up hour's queue as light rows: who to call and why, read from
//! the due index in a few milliseconds whatever the history. What a call
//! needs (the last hook and notes, their calls, the phone) is read for one
//! contact when the hour reaches it ([`Database::followup_hour_card`]).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{QueueReason, hour_day};
use crate::db::Database;
use crate::error::Result;
use crate::followups::touch::FollowUpKind;
use crate::settings::Settings;
use crate::time::instant;
use crate::views::reengage::WEEKLY_BATCH;

/// The due follow-ups the queue looks at, as the due list reads them.
const DUE_LIMIT: u32 = 500;

/// One contact of the follow-up hour's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    pub contact_id: i64,
    pub contact_name: String,
    pub company: String,
    pub reason: QueueReason,
    /// The follow-up this call carries out; `None` for a re-engagement call.
    pub followup_id: Option<i64>,
    pub last_touch_at: Option<DateTime<Utc>>,
}

/// A due follow-up as the queue reads it: (follow-up, contact, kind, due
/// at, name, company, last touch).
type DueRow = (i64, i64, FollowUpKind, i64, String, String, Option<i64>);

impl Database {
    /// The follow-up hour's queue, in the order to call: promised
    /// callbacks, then overdue, then due today (one entry per contact),
    /// then up to ten customers nobody has called for a while.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn followup_hour_list(&self) -> Result<Vec<QueueItem>> {
        let settings = self.settings()?;
        self.hour_list(&settings)
    }

    pub(super) fn hour_list(&self, settings: &Settings) -> Result<Vec<QueueItem>> {
        let (_, start_today, until) = hour_day(settings, self.now());
        // The due list's first rows: promises first, then the others.
        let mut due = self.hour_due("f.kind = 'promise'", until, DUE_LIMIT)?;
        let left = DUE_LIMIT - u32::try_from(due.len()).unwrap_or(DUE_LIMIT);
        if left > 0 {
            due.extend(self.hour_due("f.kind <> 'promise'", until, left)?);
        }
        let reason = |kind, due_at| QueueReason::of(kind, due_at, start_today);
        due.sort_by_key(|r| (reason(r.2, r.3) as u8, r.3));
        let mut called = HashSet::new();
        let mut items = Vec::new();
        for (id, contact_id, kind, due_at, name, company, last) in due {
            // One call settles everything due for a contact.
            if !called.insert(contact_id) {
                continue;
            }
            items.push(QueueItem {
                contact_id,
                contact_name: name,
                company,
                reason: reason(kind, due_at),
                followup_id: Some(id),
                last_touch_at: last.map(instant).transpose()?,
            });
        }
        for r in self.reengage_items(settings, WEEKLY_BATCH)? {
            items.push(QueueItem {
                contact_id: r.contact_id,
                contact_name: r.contact_name,
                company: r.company,
                reason: QueueReason::Reengage,
                followup_id: None,
                last_touch_at: r.last_touch_at,
            });
        }
        Ok(items)
    }

    /// Open follow-ups matching `filter` due up to `until`, by due time:
    /// the same walk of the due index as the due list, without the rows'
    /// history.
    fn hour_due(&self, filter: &str, until: i64, limit: u32) -> Result<Vec<DueRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT f.id, f.contact_id, f.kind, f.due_at, c.display_name, c.company,
                    c.last_touch_at
             FROM followups f JOIN contacts c ON c.id = f.contact_id
             WHERE f.status = 'open' AND {filter} AND f.due_at BETWEEN ?1 AND ?2
             ORDER BY f.due_at LIMIT ?3"
        ))?;
        let rows = stmt
            .query_map(params![i64::MIN, until, limit], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
