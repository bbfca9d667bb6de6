//! The referral number (seed 003): how many of the user's customers send
//! them new contacts, and who sends the most.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::insights::buckets::{count, percent_of};
use crate::time::instant;

pub(crate) const ABOUT: &str = "Your referral number: of your customers and past customers \
today, the share who referred at least one contact added in the period (a contact whose \
\"referred by\" names them), and those who referred the most. Month by month: the contacts \
referred that month, and the share of today's customers who referred them.";

/// All time shows at most this many months, the latest.
pub(crate) const MONTHS_SHOWN: usize = 24;

/// How many referrers are listed at most.
pub(crate) const TOP: usize = 5;

/// A customer who referred contacts, with how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referrer {
    pub contact_id: i64,
    pub name: String,
    /// Contacts added in the period whose "referred by" is this customer.
    pub referred: u32,
}

/// Customers are contacts whose stage is now customer or past customer; a
/// *referrer* is one of them named as "referred by" by at least one contact
/// added (created) in the period. `percent` is referrers out of customers,
/// rounded; `top` the referrers with the most such contacts (ties: by name,
/// then id), at most five.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referrals {
    pub about: String,
    pub customers: u32,
    pub referrers: u32,
    /// `None` without customers.
    pub percent: Option<u32>,
    pub top: Vec<Referrer>,
    /// Every month of the period (all time: from the first referral, the
    /// latest 24), empty months included.
    pub months: Vec<ReferralMonth>,
}

/// One calendar month, in the user's zone, of contacts referred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralMonth {
    /// "2026-11".
    pub month: String,
    /// Contacts added that month whose "referred by" is a customer.
    pub referred: u32,
    /// The customers who referred them.
    pub referrers: u32,
    /// `referrers` out of today's customers; `None` without customers.
    pub percent: Option<u32>,
}

/// Every referrer in the period, most referrals first.
pub(crate) fn referrers(conn: &Connection, since: i64) -> Result<Vec<Referrer>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.display_name, count(*) FROM contacts c
             JOIN contacts r ON r.id = c.referred_by
             WHERE r.stage IN ('customer', 'past_customer') AND c.created_at >= ?1
             GROUP BY r.id
             ORDER BY count(*) DESC, r.display_name COLLATE NOCASE, r.id",
        )?
        .query_map([since], |r| {
            Ok(Referrer {
                contact_id: r.get(0)?,
                name: r.get(1)?,
                referred: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The period's months with who was referred in each.
pub(crate) fn months(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: Tz,
    customers: u32,
) -> Result<Vec<ReferralMonth>> {
    let since_ms = since.map_or(i64::MIN, |s| s.timestamp_millis());
    let rows: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT c.created_at, c.referred_by FROM contacts c
             JOIN contacts r ON r.id = c.referred_by
             WHERE r.stage IN ('customer', 'past_customer') AND c.created_at >= ?1",
        )?
        .query_map([since_ms], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let month_of = |at: DateTime<Utc>| {
        let local = at.with_timezone(&zone);
        (local.year(), local.month())
    };
    let mut by_month: BTreeMap<(i32, u32), (u32, HashSet<i64>)> = BTreeMap::new();
    for (created, referrer) in rows {
        let entry = by_month.entry(month_of(instant(created)?)).or_default();
        entry.0 += 1;
        entry.1.insert(referrer);
    }
    let Some(first) = since
        .map(month_of)
        .or_else(|| by_month.keys().next().copied())
    else {
        return Ok(Vec::new());
    };
    let last = month_of(now).max(by_month.keys().last().copied().unwrap_or(first));
    let mut out = Vec::new();
    let mut month = first;
    while month <= last {
        let (referred, referrers) = by_month
            .get(&month)
            .map_or((0, 0), |(n, who)| (*n, count(who.len())));
        out.push(ReferralMonth {
            month: format!("{}-{:02}", month.0, month.1),
            referred,
            referrers,
            percent: percent_of(referrers, customers),
        });
        month = if month.1 == 12 {
            (month.0 + 1, 1)
        } else {
            (month.0, month.1 + 1)
        };
    }
    let skip = out.len().saturating_sub(MONTHS_SHOWN);
    Ok(out.split_off(skip))
}

pub(crate) fn customers(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM contacts WHERE stage IN ('customer', 'past_customer')",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn figures(
    customers: u32,
    mut referrers: Vec<Referrer>,
    months: Vec<ReferralMonth>,
) -> Referrals {
    let how_many = count(referrers.len());
    referrers.truncate(TOP);
    Referrals {
        about: ABOUT.to_owned(),
        customers,
        referrers: how_many,
        percent: percent_of(how_many, customers),
        top: referrers,
        months,
    }
}
