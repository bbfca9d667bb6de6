//! Insights: the user's own numbers beside the seeds' — how long they keep
//! following prospects (`persistence`), on which touch deals are won
//! (`conversion`), by channel (`channels`), promised callbacks kept
//! (`promises`), the referral number (`referrals`) and dormant customers
//! (`dormant`), for a period (`period`) on the injected clock.
//!
//! Every number can be opened: [`Database::insight_contacts`] lists the
//! contacts behind a figure, computed by the same code that counted them.
//! Read-only; it reads the tables directly, above every other module.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::contacts::ContactSummary;
use crate::contacts::search::summaries;
use crate::db::Database;
use crate::error::Result;
use crate::followups::best_time::{self, AnswerRates};

mod buckets;
mod channels;
mod conversion;
mod dormant;
mod period;
mod persistence;
mod promises;
mod referrals;

pub use buckets::{BenchmarkLine, BucketCount, TouchBucket};
pub use channels::{ChannelFigures, Channels};
pub use conversion::Conversion;
pub use dormant::Dormant;
pub use period::InsightsPeriod;
pub use persistence::Persistence;
pub use promises::{PromiseCounts, PromiseOutcome, PromiseWeek, Promises};
pub use referrals::{ReferralMonth, Referrals, Referrer};

use channels::Kind;
use conversion::Win;
use period::since_millis;

/// Every Insights figure for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub period: InsightsPeriod,
    /// The period's first instant (the user's local midnight); `None` for all time.
    pub since: Option<DateTime<Utc>>,
    /// When the figures were computed: the period's end.
    pub until: DateTime<Utc>,
    /// The user's zone the period and the weeks are cut in.
    pub time_zone: String,
    pub persistence: Persistence,
    pub conversion: Conversion,
    pub channels: Channels,
    pub promises: Promises,
    pub referrals: Referrals,
    /// Now, whatever the period.
    pub dormant: Dormant,
}

/// One bar or number of [`Insights`], to list the contacts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum InsightFigure {
    /// Stopped prospects in one persistence bucket.
    StoppedAfter { bucket: TouchBucket },
    /// The "gave up too early" list.
    GaveUpTooEarly,
    /// Contacts won in the period on a touch number in `bucket`.
    WonOnTouch { bucket: TouchBucket },
    /// Contacts with an outbound touch on `channel` in the period.
    ChannelTouches { channel: Channel },
    /// Contacts who answered an outbound touch on `channel` in the period.
    ChannelAnswered { channel: Channel },
    /// Contacts who reached the user on `channel` in the period.
    ChannelInbound { channel: Channel },
    /// Contacts won in the period by a touch on `channel`.
    ChannelWins { channel: Channel },
    /// Contacts with a promise made in the period that stands at `outcome`.
    Promises { outcome: PromiseOutcome },
    /// Customers who referred a contact added in the period, most first.
    Referrers,
    /// Dormant customers and past customers, now.
    Dormant,
}

/// What every figure starts from: the period and everyone's win.
struct Basis {
    since: Option<DateTime<Utc>>,
    since_millis: i64,
    wins: Vec<Win>,
}

impl Basis {
    fn wins_in_period(&self) -> Vec<&Win> {
        self.wins
            .iter()
            .filter(|w| w.at >= self.since_millis)
            .collect()
    }

    fn ever_won(&self) -> HashSet<i64> {
        self.wins.iter().map(|w| w.contact_id).collect()
    }
}

impl Database {
    fn insights_basis(&self, period: InsightsPeriod) -> Result<Basis> {
        let since = period.since(self.now(), self.settings()?.zone());
        Ok(Basis {
            since,
            since_millis: since_millis(since),
            wins: conversion::wins(&self.conn)?,
        })
    }

    /// Every Insights figure for `period`, ending now.
    ///
    /// # Errors
    /// Only if SQLite fails or the file holds an unreadable value.
    pub fn insights(&self, period: InsightsPeriod) -> Result<Insights> {
        let settings = self.settings()?;
        let (now, zone) = (self.now(), settings.zone());
        let basis = self.insights_basis(period)?;
        let wins = basis.wins_in_period();
        let idle = persistence::idle_prospects(&self.conn)?;
        let stopped = persistence::stopped(&idle, basis.since_millis, &basis.ever_won());
        let gave_up = persistence::gave_up_too_early(&idle);
        let made = promises::made(&self.conn, basis.since_millis, now, zone)?;
        let dormant = dormant::contacts(&self.conn, now, settings.reengage_after_days)?;
        let customers = referrals::customers(&self.conn)?;
        Ok(Insights {
            period,
            since: basis.since,
            until: now,
            time_zone: zone.name().to_owned(),
            persistence: persistence::figures(&stopped, gave_up.len()),
            conversion: conversion::figures(&wins),
            channels: channels::figures(&self.conn, basis.since_millis, &wins)?,
            promises: promises::figures(&made, basis.since, now, zone),
            referrals: referrals::figures(
                customers,
                referrals::referrers(&self.conn, basis.since_millis)?,
                referrals::months(&self.conn, basis.since, now, zone, customers)?,
            ),
            dormant: Dormant {
                about: dormant::ABOUT.to_owned(),
                after_days: settings.reengage_after_days,
                count: buckets::count(dormant.len()),
            },
        })
    }

    /// Every contact's calls by weekday and hour band, how many were
    /// answered, and the best hours for all contacts (all time: the few
    /// calls of a short period say little about habits).
    ///
    /// # Errors
    /// Only if SQLite fails or the file holds an unreadable value.
    pub fn answer_rates(&self) -> Result<AnswerRates> {
        best_time::rates(&self.conn, self.settings()?.zone())
    }

    /// The contacts counted in `figure` for `period`, by name (referrers:
    /// most referrals first), each once.
    ///
    /// # Errors
    /// Only if SQLite fails or the file holds an unreadable value.
    pub fn insight_contacts(
        &self,
        period: InsightsPeriod,
        figure: InsightFigure,
    ) -> Result<Vec<ContactSummary>> {
        let basis = self.insights_basis(period)?;
        let since = basis.since_millis;
        let won_where = |keep: &dyn Fn(&Win) -> bool| -> Vec<i64> {
            basis
                .wins_in_period()
                .into_iter()
                .filter(|w| keep(w))
                .map(|w| w.contact_id)
                .collect()
        };
        let ids: Vec<i64> = match figure {
            InsightFigure::StoppedAfter { bucket } => {
                let idle = persistence::idle_prospects(&self.conn)?;
                persistence::stopped(&idle, since, &basis.ever_won())
                    .into_iter()
                    .filter(|(_, n)| TouchBucket::of(*n) == bucket)
                    .map(|(id, _)| id)
                    .collect()
            }
            InsightFigure::GaveUpTooEarly => {
                persistence::gave_up_too_early(&persistence::idle_prospects(&self.conn)?)
            }
            InsightFigure::WonOnTouch { bucket } => {
                won_where(&|w| TouchBucket::of(w.number) == bucket)
            }
            InsightFigure::ChannelTouches { channel } => {
                channels::contacts(&self.conn, since, channel, Kind::Touches)?
            }
            InsightFigure::ChannelAnswered { channel } => {
                channels::contacts(&self.conn, since, channel, Kind::Answered)?
            }
            InsightFigure::ChannelInbound { channel } => {
                channels::contacts(&self.conn, since, channel, Kind::Inbound)?
            }
            InsightFigure::ChannelWins { channel } => won_where(&|w| w.channel == channel),
            InsightFigure::Promises { outcome } => {
                let settings = self.settings()?;
                promises::made(&self.conn, since, self.now(), settings.zone())?
                    .into_iter()
                    .filter(|p| p.outcome == outcome)
                    .map(|p| p.contact_id)
                    .collect()
            }
            InsightFigure::Referrers => {
                let ranked = referrals::referrers(&self.conn, since)?;
                let mut listed = summaries(
                    &self.conn,
                    &ranked.iter().map(|r| r.contact_id).collect::<Vec<_>>(),
                )?;
                listed.sort_by_key(|c| ranked.iter().position(|r| r.contact_id == c.id));
                return Ok(listed);
            }
            InsightFigure::Dormant => {
                let after = self.settings()?.reengage_after_days;
                dormant::contacts(&self.conn, self.now(), after)?
            }
        };
        summaries(&self.conn, &ids)
    }
}

#[cfg(test)]
mod tests;
