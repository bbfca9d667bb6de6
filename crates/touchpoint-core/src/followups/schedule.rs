//! Turning a due *date* into a due *instant*, as pure functions.
//!
//! A follow-up is due on a day in the contact's time zone, at a time the
//! contact likes to be called (their best-time window) or else at the user's
//! default time, on a working day unless the user allows weekends. The local
//! wall-clock time is what the user chose, so it is kept across DST changes:
//! dates are added in local days, never as "plus 24 hours", and only the
//! final local time is converted to UTC. A local time that does not exist
//! (the spring-forward gap) moves forward to the first minute that does; an
//! ambiguous one (the autumn overlap) takes the earlier instant.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::time::{Day, TimeWindow, is_weekend, local_instant, parse_hhmm};

/// Everything that decides at what instant a due date becomes due.
#[derive(Debug, Clone)]
pub struct DuePolicy<'a> {
    pub zone: Tz,
    pub best_times: &'a [TimeWindow],
    pub default_time: NaiveTime,
    pub weekends: bool,
}

impl DuePolicy<'_> {
    fn working_day(&self, date: NaiveDate) -> bool {
        self.weekends || !is_weekend(date)
    }

    /// The best-time windows that apply on `date` (empty `days` = every working day).
    fn windows_on(&self, date: NaiveDate) -> impl Iterator<Item = (NaiveTime, NaiveTime)> + '_ {
        let day = Day::from(date.weekday());
        let working = self.working_day(date);
        self.best_times.iter().filter_map(move |w| {
            let applies = if w.days.is_empty() {
                working
            } else {
                w.days.contains(&day) && (self.weekends || !matches!(day, Day::Sat | Day::Sun))
            };
            let (start, end) = (parse_hhmm(&w.start)?, parse_hhmm(&w.end)?);
            (applies && start < end).then_some((start, end))
        })
    }

    /// Whether a follow-up may fall on `date` at all.
    #[must_use]
    pub fn allows(&self, date: NaiveDate) -> bool {
        if self.best_times.is_empty() {
            self.working_day(date)
        } else {
            self.windows_on(date).next().is_some()
        }
    }

    /// The first allowed date on or after `date` (at most two weeks later;
    /// a policy that allows no day at all falls back to `date`'s working day).
    #[must_use]
    pub fn first_allowed_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        (0..14)
            .filter_map(|n| date.checked_add_days(chrono::Days::new(n)))
            .find(|d| self.allows(*d))
            .unwrap_or(date)
    }

    /// The local time of day a follow-up on `date` is due at.
    #[must_use]
    pub fn time_on(&self, date: NaiveDate) -> NaiveTime {
        self.windows_on(date)
            .map(|(start, _)| start)
            .min()
            .unwrap_or(self.default_time)
    }

    /// The instant a follow-up due on `date` becomes due.
    #[must_use]
    pub fn due_instant(&self, date: NaiveDate) -> DateTime<Utc> {
        let day = self.first_allowed_on_or_after(date);
        local_instant(self.zone, day.and_time(self.time_on(day)))
    }

    /// The first allowed day from `date` whose due instant is still ahead
    /// of `now`, and that instant: a step planned for a time already gone
    /// today goes to the next allowed day, so nothing is planned overdue.
    #[must_use]
    pub fn next_due(&self, date: NaiveDate, now: DateTime<Utc>) -> (NaiveDate, DateTime<Utc>) {
        let day = self.first_allowed_on_or_after(date);
        let at = self.due_instant(day);
        if at > now {
            return (day, at);
        }
        let later = self.first_allowed_on_or_after(day.succ_opt().unwrap_or(day));
        (later, self.due_instant(later))
    }

    /// Whether `instant` falls where this policy would put a follow-up: an
    /// allowed day and, when the contact has best times, inside one of them.
    #[must_use]
    pub fn fits(&self, instant: DateTime<Utc>) -> bool {
        let local = instant.with_timezone(&self.zone).naive_local();
        let (date, time) = (local.date(), local.time());
        if self.best_times.is_empty() {
            return self.working_day(date);
        }
        self.windows_on(date)
            .any(|(start, end)| start <= time && time < end)
    }
}

#[cfg(test)]
mod tests;
