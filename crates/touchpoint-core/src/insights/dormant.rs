//! Dormant customers (seed 003: "call 10 customers you have not spoken to
//! in the last 30 days"), by the re-engagement list's own rule.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::views::reengage::SILENT_CUSTOMER;

pub(crate) const ABOUT: &str = "Customers and past customers with no touch (yours or theirs) \
for the re-engagement setting's number of days or more, or never touched, today, whatever \
the period. The re-engagement list shows them, less those already due a call this week.";

/// Customers and past customers whose last touch (either direction) is
/// `afterDays` or more days ago, or who were never touched, now: the
/// re-engagement list's rule (setting "re-engage after"), without its
/// leaving out those already due this week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dormant {
    pub about: String,
    pub after_days: u32,
    pub count: u32,
}

pub(crate) fn contacts(conn: &Connection, now: DateTime<Utc>, after_days: u32) -> Result<Vec<i64>> {
    let cutoff = now - Duration::days(i64::from(after_days));
    Ok(conn
        .prepare_cached(&format!(
            "SELECT c.id FROM contacts c WHERE {SILENT_CUSTOMER}"
        ))?
        .query_map([cutoff.timestamp_millis()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
