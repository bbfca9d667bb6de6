//! The referral number (seed 003): how many of the user's customers send
//! them new contacts, and who sends the most.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::insights::buckets::{count, percent_of};

pub(crate) const ABOUT: &str = "Your referral number: of your customers and past customers \
today, the share who referred at least one contact added in the period (a contact whose \
\"referred by\" names them), and those who referred the most.";

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

pub(crate) fn figures(conn: &Connection, mut referrers: Vec<Referrer>) -> Result<Referrals> {
    let customers: u32 = conn.query_row(
        "SELECT count(*) FROM contacts WHERE stage IN ('customer', 'past_customer')",
        [],
        |r| r.get(0),
    )?;
    let how_many = count(referrers.len());
    referrers.truncate(TOP);
    Ok(Referrals {
        about: ABOUT.to_owned(),
        customers,
        referrers: how_many,
        percent: percent_of(how_many, customers),
        top: referrers,
    })
}
