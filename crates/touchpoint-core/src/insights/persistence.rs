//! Persistence: how many outbound touches the prospects the user stopped
//! following got, beside the seeds' "48% never follow up".

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::search::{GAVE_UP_EARLY, NO_NEXT_STEP};
use crate::error::Result;
use crate::insights::buckets::{
    BenchmarkLine, BucketCount, PERSISTENCE_BENCHMARK, benchmark, count, distribution,
};

pub(crate) const ABOUT: &str = "Prospects you stopped following in the period: still a \
prospect, never won, nothing scheduled next, and their last touch (or, never touched, the \
day they were added) in the period. Each is counted once, by the outbound touches they got \
in all. Inbound touches are not yours, so they are not counted.";

/// Prospects the user stopped following, by the outbound touches they got.
///
/// A prospect is *stopped* when its stage is still prospect, it was never
/// won (no touch with outcome won, no close as won), it has no open next
/// step (an open promised callback alone does not count, as on the "gave up
/// too early" list), and its last touch of either direction (the contact's
/// `lastTouchAt`), or its creation when never touched, falls in the period.
/// Its bucket is its number of outbound touches, all time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Persistence {
    /// What is counted, in words for the screen.
    pub about: String,
    /// Every bucket, "0" to "12+", in order.
    pub buckets: Vec<BucketCount>,
    /// Stopped prospects in all: the buckets' sum.
    pub stopped: u32,
    /// The seeds' figures beside the user's shares (of stopped prospects
    /// with at least one outbound touch).
    pub benchmark: Vec<BenchmarkLine>,
    /// The "gave up too early" list's length, now (whatever the period):
    /// prospects touched 1 to 3 times (inbound touches included, as the list
    /// counts) with nothing scheduled next.
    pub gave_up_too_early: u32,
}

/// Each stopped prospect in the period with its outbound touches.
pub(crate) fn stopped(
    conn: &Connection,
    since: i64,
    won: &HashSet<i64>,
) -> Result<Vec<(i64, u32)>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT c.id, (SELECT count(*) FROM touches t
                           WHERE t.contact_id = c.id AND t.direction = 'outbound')
             FROM contacts c
             WHERE c.stage = 'prospect' AND {NO_NEXT_STEP}
               AND coalesce(c.last_touch_at, c.created_at) >= ?1"
        ))?
        .query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, u32)>>>()?;
    Ok(rows
        .into_iter()
        .filter(|(id, _)| !won.contains(id))
        .collect())
}

pub(crate) fn gave_up_too_early(conn: &Connection) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT c.id FROM contacts c WHERE {GAVE_UP_EARLY}"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn figures(stopped: &[(i64, u32)], gave_up_too_early: usize) -> Persistence {
    let buckets = distribution(stopped.iter().map(|(_, n)| *n));
    Persistence {
        about: ABOUT.to_owned(),
        benchmark: benchmark(&PERSISTENCE_BENCHMARK, &buckets),
        buckets,
        stopped: count(stopped.len()),
        gave_up_too_early: count(gave_up_too_early),
    }
}
