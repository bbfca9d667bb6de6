//! Conversion by touch number: on which of the user's own touches each
//! won deal was won, beside the seeds' "80% on the 5th to 12th contact".

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::error::Result;
use crate::insights::buckets::{
    BenchmarkLine, BucketCount, CONVERSION_BENCHMARK, benchmark, count, distribution,
};

pub(crate) const ABOUT: &str = "Contacts won in the period, by the number of your outbound \
touches up to and including the one that won them. A contact is won by its first touch with \
the outcome \"won\" or that closed it as won; it counts once. \"0\": won without an outbound \
touch (they came to you).";

/// Contacts won in the period, by the outbound touch they were won on.
///
/// A contact's *win* is its earliest touch (by time, then by id) whose
/// outcome is won or whose logging closed the contact as won (the enrolment
/// ended with reason won in the same transaction); a contact has at most
/// one. The touch that closed it is the one logged in the same
/// transaction (the last logged at the instant the enrolment ended). It is
/// in the period when that touch happened in it. Its number is
/// the count of the contact's outbound touches at or before the win (same
/// instant: lower id first), the win itself included when outbound; an
/// inbound win after three calls is "won on touch 3".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    pub about: String,
    /// Every bucket, "0" to "12+", in order.
    pub buckets: Vec<BucketCount>,
    /// Contacts won in the period: the buckets' sum.
    pub won: u32,
    /// The seeds' table beside the user's shares (of wins with at least
    /// one outbound touch).
    pub benchmark: Vec<BenchmarkLine>,
}

/// A contact's win: the touch, when, on which channel, on which outbound touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Win {
    pub contact_id: i64,
    pub at: i64,
    pub channel: Channel,
    pub number: u32,
}

/// Every contact's win, all time.
pub(crate) fn wins(conn: &Connection) -> Result<Vec<Win>> {
    Ok(conn
        .prepare_cached(
            "WITH marked AS (
                 SELECT contact_id, id, happened_at, channel FROM touches WHERE outcome = 'won'
                 UNION
                 SELECT t.contact_id, t.id, t.happened_at, t.channel
                 FROM enrolments e
                 JOIN touches t ON t.id = (
                     SELECT max(id) FROM touches
                     WHERE contact_id = e.contact_id AND created_at = e.ended_at)
                 WHERE e.end_reason = 'won'
             ),
             first AS (
                 SELECT contact_id, id, happened_at, channel, row_number() OVER (
                     PARTITION BY contact_id ORDER BY happened_at, id) AS k
                 FROM marked
             )
             SELECT w.contact_id, w.happened_at, w.channel,
                    (SELECT count(*) FROM touches o
                     WHERE o.contact_id = w.contact_id AND o.direction = 'outbound'
                       AND (o.happened_at < w.happened_at
                            OR (o.happened_at = w.happened_at AND o.id <= w.id)))
             FROM first w WHERE w.k = 1",
        )?
        .query_map([], |r| {
            Ok(Win {
                contact_id: r.get(0)?,
                at: r.get(1)?,
                channel: r.get(2)?,
                number: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn figures(wins: &[&Win]) -> Conversion {
    let buckets = distribution(wins.iter().map(|w| w.number));
    Conversion {
        about: ABOUT.to_owned(),
        benchmark: benchmark(&CONVERSION_BENCHMARK, &buckets),
        buckets,
        won: count(wins.len()),
    }
}
