//! The state one scheduling pass carries: settings, the time, and the
//! first touches already booked per day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

use super::schedule::DuePolicy;
use crate::error::Result;
use crate::settings::Settings;

/// What scheduling needs within one transaction: the user's settings, the
/// time, and the days already holding first touches (for staggering), filled
/// lazily so an import of thousands of cards asks SQLite once per day.
pub(crate) struct Scheduling<'a> {
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
    per_day: HashMap<NaiveDate, u32>,
    /// Only an imported pile is spread under the daily cap: a card typed in
    /// by hand is a fresh lead and never queues behind it.
    spreads_first_touches: bool,
}

impl<'a> Scheduling<'a> {
    pub(crate) fn new(settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self {
            settings,
            now,
            per_day: HashMap::new(),
            spreads_first_touches: false,
        }
    }

    pub(crate) fn for_import(settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self {
            spreads_first_touches: true,
            ..Self::new(settings, now)
        }
    }

    fn count(&mut self, tx: &Transaction<'_>, day: NaiveDate) -> Result<u32> {
        if let Some(n) = self.per_day.get(&day) {
            return Ok(*n);
        }
        let n: u32 = tx.query_row(
            "SELECT count(*) FROM followups WHERE step = 0 AND status = 'open' AND due_on = ?1",
            [day.format("%Y-%m-%d").to_string()],
            |r| r.get(0),
        )?;
        self.per_day.insert(day, n);
        Ok(n)
    }

    /// The day of a first touch planned for `earliest`: for an import, the
    /// first allowed day from there under the daily cap (booked).
    pub(super) fn first_touch_day(
        &mut self,
        tx: &Transaction<'_>,
        earliest: NaiveDate,
        policy: &DuePolicy<'_>,
    ) -> Result<NaiveDate> {
        if !self.spreads_first_touches {
            return Ok(earliest);
        }
        self.book(tx, earliest, self.settings.first_touches_per_day, policy)
    }

    /// The first day from `from` that the policy allows and that is under the cap; books it.
    fn book(
        &mut self,
        tx: &Transaction<'_>,
        from: NaiveDate,
        cap: u32,
        policy: &DuePolicy<'_>,
    ) -> Result<NaiveDate> {
        let mut day = policy.first_allowed_on_or_after(from);
        for _ in 0..3660 {
            if policy.allows(day) && self.count(tx, day)? < cap.max(1) {
                *self.per_day.entry(day).or_default() += 1;
                return Ok(day);
            }
            day = day.succ_opt().unwrap_or(day);
        }
        Ok(day)
    }
}
