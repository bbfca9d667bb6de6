//! Persistence: how many outbound touches the prospects the user stopped
//! following got, beside the seeds' "48% never follow up".

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::search::NO_NEXT_STEP;
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

/// A prospect with nothing scheduled next: what both the stopped prospects
/// and the "gave up too early" list are cut from, read in one pass.
pub(crate) struct Idle {
    id: i64,
    outbound: u32,
    touches: u32,
    /// The last touch, or the creation when never touched.
    last: i64,
}

pub(crate) fn idle_prospects(conn: &Connection) -> Result<Vec<Idle>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT c.id,
                    (SELECT count(*) FROM touches t
                     WHERE t.contact_id = c.id AND t.direction = 'outbound'),
                    (SELECT count(*) FROM touches t WHERE t.contact_id = c.id),
                    coalesce(c.last_touch_at, c.created_at)
             FROM contacts c
             WHERE c.stage = 'prospect' AND {NO_NEXT_STEP}"
        ))?
        .query_map([], |r| {
            Ok(Idle {
                id: r.get(0)?,
                outbound: r.get(1)?,
                touches: r.get(2)?,
                last: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Each stopped prospect in the period with its outbound touches.
pub(crate) fn stopped(idle: &[Idle], since: i64, won: &HashSet<i64>) -> Vec<(i64, u32)> {
    idle.iter()
        .filter(|p| p.last >= since && !won.contains(&p.id))
        .map(|p| (p.id, p.outbound))
        .collect()
}

/// The contact list's "gave up too early" (`GAVE_UP_EARLY` in
/// `contacts::search`): an idle prospect with one to three touches.
pub(crate) fn gave_up_too_early(idle: &[Idle]) -> Vec<i64> {
    idle.iter()
        .filter(|p| (1..=3).contains(&p.touches))
        .map(|p| p.id)
        .collect()
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
