//! Whether the callbacks promised in voicemails were kept: on time (within
//! the grace), late, or not at all.

use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::Result;
use crate::followups::promise::PROMISE_GRACE_MINUTES;

/// "Promises kept on time" and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromiseStats {
    pub kept_on_time: u32,
    /// Kept late, or past due by more than the grace without a call.
    pub not_kept: u32,
    pub open: u32,
    /// Kept on time out of all promises that came due; `None` before the first.
    pub percent_kept: Option<u32>,
}

impl Database {
    /// The share of promised callbacks kept on time.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn promise_stats(&self) -> Result<PromiseStats> {
        let late = (self.now() - Duration::minutes(PROMISE_GRACE_MINUTES)).timestamp_millis();
        let (kept, not_kept, open, overdue): (u32, u32, u32, u32) = self.conn.query_row(
            "SELECT
                count(*) FILTER (WHERE status = 'done' AND kept = 1),
                count(*) FILTER (WHERE status = 'done' AND kept = 0),
                count(*) FILTER (WHERE status = 'open'),
                count(*) FILTER (WHERE status = 'open' AND due_at < ?1)
             FROM followups WHERE kind = 'promise'",
            [late],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let not_kept = not_kept + overdue;
        let came_due = kept + not_kept;
        Ok(PromiseStats {
            kept_on_time: kept,
            not_kept,
            open,
            percent_kept: (came_due > 0).then(|| kept * 100 / came_due),
        })
    }
}
