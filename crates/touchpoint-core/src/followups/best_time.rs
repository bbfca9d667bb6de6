//! The best time to call, learned from the user's own logged calls: how
//! often a call was answered, by weekday and hour in the contact's zone, for
//! one contact and for all of them.
//!
//! A call is an outbound touch on the phone (call or voicemail channel);
//! answered when someone picked up (connected, replied, meeting booked, not
//! interested, won, lost), not answered on no answer or a voicemail left;
//! "other" says neither and is left out.
//!
//! Enough evidence ([`CONTACT_MIN_CALLS`], [`ALL_MIN_CALLS`]): for one
//! contact, a band of hours with at least 4 calls to them, 60% or more
//! answered; for all contacts, a band with at least 20 calls answered at
//! least 10 points more often than calls at other hours. The best band is
//! the qualifying one answered most often (ties: more calls, then earlier).
//! The suggested time is the middle of the answered calls' times in it, to
//! the quarter hour.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::time::instant;

/// The hours of the day calls are counted in, `[from, to)` local hours.
const BANDS: [(u8, u8); 7] = [
    (0, 8),
    (8, 10),
    (10, 12),
    (12, 14),
    (14, 16),
    (16, 18),
    (18, 24),
];

/// One contact: a band needs this many calls to them.
pub const CONTACT_MIN_CALLS: u32 = 4;
/// One contact: and this share answered, in percent.
pub const CONTACT_MIN_PERCENT: u32 = 60;
/// All contacts: a band needs this many calls.
pub const ALL_MIN_CALLS: u32 = 20;
/// All contacts: and to be answered this many points more often than the rest.
pub const ALL_MIN_LEAD_POINTS: u32 = 10;

const ANSWERED: &str = "'connected', 'replied', 'meeting_booked', 'not_interested', 'won', 'lost'";
const CALLS: &str = "t.direction = 'outbound' AND t.channel IN ('call', 'voicemail')
    AND t.outcome IN ('connected', 'replied', 'meeting_booked', 'not_interested', 'won', 'lost',
                      'no_answer', 'left_voicemail')";

pub(crate) const ABOUT: &str = "Your outbound calls by the hour and weekday they were made, in \
each contact's own time zone, and how many were answered (someone picked up). A voicemail left \
or no answer counts as not answered.";

/// A band of hours in the contact's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallBand {
    pub from_hour: u8,
    pub to_hour: u8,
    /// "before 08:00", "10:00–12:00", "after 18:00".
    pub label: String,
}

impl CallBand {
    fn of(index: usize) -> CallBand {
        let (from, to) = BANDS[index];
        let label = match (from, to) {
            (0, to) => format!("before {to:02}:00"),
            (from, 24) => format!("after {from:02}:00"),
            (from, to) => format!("{from:02}:00–{to:02}:00"),
        };
        CallBand {
            from_hour: from,
            to_hour: to,
            label,
        }
    }

    fn index_of(hour: u32) -> usize {
        BANDS
            .iter()
            .position(|&(from, to)| (u32::from(from)..u32::from(to)).contains(&hour))
            .unwrap_or(BANDS.len() - 1)
    }
}

/// Calls made and answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerCount {
    pub calls: u32,
    pub answered: u32,
}

impl AnswerCount {
    fn add(&mut self, answered: bool) {
        self.calls += 1;
        self.answered += u32::from(answered);
    }

    fn percent(self) -> u32 {
        (self.answered * 100).checked_div(self.calls).unwrap_or(0)
    }
}

/// Whose calls a suggestion was learned from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LearnedFrom {
    ThisContact,
    AllContacts,
}

/// When to call, learned, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LearnedTime {
    pub band: CallBand,
    pub count: AnswerCount,
    /// "HH:MM" in the contact's zone: the middle of the answered calls' times.
    pub suggested: String,
    pub from: LearnedFrom,
    /// "answered 4 of 5 calls before 08:00".
    pub why: String,
}

/// All contacts' calls by weekday and band, for Insights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRates {
    pub about: String,
    /// What counts as enough evidence for a suggestion.
    pub evidence: String,
    pub bands: Vec<CallBand>,
    /// `grid[day][band]`, Monday first.
    pub grid: Vec<Vec<AnswerCount>>,
    pub by_band: Vec<AnswerCount>,
    pub total: AnswerCount,
    /// The best band for all contacts, when the evidence is enough.
    pub best: Option<LearnedTime>,
}

pub(crate) const EVIDENCE: &str = "A time is suggested for one contact after at least 4 calls to \
them in the same hours, 60% or more answered; for all contacts, after at least 20 calls in the \
same hours answered at least 10 points more often than calls at other hours.";

/// One call: its local weekday (Monday 0), minute of the day, and whether answered.
struct Call {
    day: usize,
    minute: u32,
    answered: bool,
}

fn call(at: DateTime<Utc>, zone: Tz, answered: bool) -> Call {
    let local = at.with_timezone(&zone);
    Call {
        day: local.weekday().num_days_from_monday() as usize,
        minute: local.hour() * 60 + local.minute(),
        answered,
    }
}

/// The contact's calls, in `zone`.
fn contact_calls(conn: &Connection, contact_id: i64, zone: Tz) -> Result<Vec<Call>> {
    let sql = format!(
        "SELECT t.happened_at, t.outcome IN ({ANSWERED}) FROM touches t
         WHERE t.contact_id = ?1 AND {CALLS}"
    );
    let rows: Vec<(i64, bool)> = conn
        .prepare_cached(&sql)?
        .query_map([contact_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(at, answered)| Ok(call(instant(at)?, zone, answered)))
        .collect()
}

/// Everyone's calls, each in its contact's zone (else `user_zone`). The
/// few contacts with a zone of their own are read first, so the calls come
/// from one index alone, with no visit to a touch's or a contact's row.
fn all_calls(conn: &Connection, user_zone: Tz) -> Result<Vec<Call>> {
    let mut zones: HashMap<String, Tz> = HashMap::new();
    let mut zone_of: HashMap<i64, Tz> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT id, time_zone FROM contacts WHERE time_zone <> ''")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(1)?;
        let zone = *zones
            .entry(name)
            .or_insert_with_key(|name| name.parse().unwrap_or(user_zone));
        zone_of.insert(r.get(0)?, zone);
    }
    let sql = format!(
        "SELECT t.happened_at, t.outcome IN ({ANSWERED}), t.contact_id FROM touches t
         WHERE {CALLS}"
    );
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let zone = zone_of
            .get(&r.get::<_, i64>(2)?)
            .copied()
            .unwrap_or(user_zone);
        out.push(call(instant(r.get(0)?)?, zone, r.get(1)?));
    }
    Ok(out)
}

fn by_band(calls: &[Call]) -> Vec<AnswerCount> {
    let mut out = vec![AnswerCount::default(); BANDS.len()];
    for c in calls {
        out[CallBand::index_of(c.minute / 60)].add(c.answered);
    }
    out
}

/// The middle of the answered calls' minutes in band `index`, to the
/// quarter hour, kept inside the band.
fn suggested(calls: &[Call], index: usize) -> String {
    let mut minutes: Vec<u32> = calls
        .iter()
        .filter(|c| c.answered && CallBand::index_of(c.minute / 60) == index)
        .map(|c| c.minute)
        .collect();
    minutes.sort_unstable();
    let middle = minutes.get(minutes.len() / 2).copied().unwrap_or(0);
    let (from, to) = BANDS[index];
    let rounded = ((middle + 7) / 15 * 15).clamp(u32::from(from) * 60, u32::from(to) * 60 - 15);
    format!("{:02}:{:02}", rounded / 60, rounded % 60)
}

/// The best qualifying band: answered most often, then more calls, then earlier.
fn best(bands: &[AnswerCount], qualifies: impl Fn(usize, AnswerCount) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &count) in bands.iter().enumerate() {
        if !qualifies(i, count) {
            continue;
        }
        let better = best.is_none_or(|b| {
            let held = bands[b];
            let (mine, theirs) = (
                u64::from(count.answered) * u64::from(held.calls),
                u64::from(held.answered) * u64::from(count.calls),
            );
            mine > theirs || (mine == theirs && count.calls > held.calls)
        });
        if better {
            best = Some(i);
        }
    }
    best
}

fn learned(calls: &[Call], index: usize, count: AnswerCount, from: LearnedFrom) -> LearnedTime {
    let band = CallBand::of(index);
    let who = match from {
        LearnedFrom::ThisContact => "answered",
        LearnedFrom::AllContacts => "your contacts answered",
    };
    LearnedTime {
        why: format!(
            "{who} {} of {} calls {}",
            count.answered, count.calls, band.label
        ),
        suggested: suggested(calls, index),
        band,
        count,
        from,
    }
}

/// What one contact's own calls say, when they say enough.
pub(crate) fn for_contact(
    conn: &Connection,
    contact_id: i64,
    zone: Tz,
) -> Result<Option<LearnedTime>> {
    let calls = contact_calls(conn, contact_id, zone)?;
    let bands = by_band(&calls);
    Ok(best(&bands, |_, c| {
        c.calls >= CONTACT_MIN_CALLS && c.percent() >= CONTACT_MIN_PERCENT
    })
    .map(|i| learned(&calls, i, bands[i], LearnedFrom::ThisContact)))
}

/// Every contact's calls by weekday and band, and the best band for all.
pub(crate) fn rates(conn: &Connection, user_zone: Tz) -> Result<AnswerRates> {
    let calls = all_calls(conn, user_zone)?;
    let mut grid = vec![vec![AnswerCount::default(); BANDS.len()]; 7];
    let mut total = AnswerCount::default();
    for c in &calls {
        grid[c.day][CallBand::index_of(c.minute / 60)].add(c.answered);
        total.add(c.answered);
    }
    let bands = by_band(&calls);
    let best_band = best(&bands, |_, c| {
        let rest = AnswerCount {
            calls: total.calls - c.calls,
            answered: total.answered - c.answered,
        };
        c.calls >= ALL_MIN_CALLS
            && rest.calls > 0
            && c.percent() >= rest.percent() + ALL_MIN_LEAD_POINTS
    });
    Ok(AnswerRates {
        about: ABOUT.to_owned(),
        evidence: EVIDENCE.to_owned(),
        bands: (0..BANDS.len()).map(CallBand::of).collect(),
        grid,
        best: best_band.map(|i| learned(&calls, i, bands[i], LearnedFrom::AllContacts)),
        by_band: bands,
        total,
    })
}

/// The suggested time as a time of day, for the scheduler.
pub(crate) fn time_of(learned: &LearnedTime) -> Option<NaiveTime> {
    crate::time::parse_hhmm(&learned.suggested)
}

#[cfg(test)]
mod tests;
