//! Local time as the user and their contacts live it: weekdays, "HH:MM"
//! windows, local wall-clock times and the instants they become.
//!
//! The bottom of the core: every other module reads local times through
//! these helpers, so a DST rule is decided once. A local time that does not
//! exist (the spring-forward gap) moves forward to the first minute that
//! does; an ambiguous one (the autumn overlap) takes the earlier instant.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<Weekday> for Day {
    fn from(weekday: Weekday) -> Self {
        match weekday {
            Weekday::Mon => Day::Mon,
            Weekday::Tue => Day::Tue,
            Weekday::Wed => Day::Wed,
            Weekday::Thu => Day::Thu,
            Weekday::Fri => Day::Fri,
            Weekday::Sat => Day::Sat,
            Weekday::Sun => Day::Sun,
        }
    }
}

/// A local time window in which the contact likes to be called.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeWindow {
    /// Days it applies to; empty means every working day.
    pub days: Vec<Day>,
    /// "HH:MM", 24-hour, in the contact's time zone.
    pub start: String,
    /// "HH:MM", after `start`.
    pub end: String,
}

/// An instant stored as Unix milliseconds. An out-of-range value (only a
/// damaged or hand-edited file has one) is an error naming it: read as the
/// epoch, it would silently turn a promise into one overdue since 1970.
pub(crate) fn instant(millis: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Integer,
            format!("{millis} is not an instant (milliseconds since 1970)").into(),
        )
    })
}

/// Reads "H:MM" or "HH:MM", 24-hour.
pub(crate) fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Reads "YYYY-MM-DD HH:MM" (or the "T"-separated form of a date-time field).
pub(crate) fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A local wall-clock time in `zone` as an instant: the earlier of two in an
/// overlap, the first existing minute after a gap.
pub(crate) fn local_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut candidate = local;
    // Gaps are at most a few hours; a day of minutes is a generous bound.
    for _ in 0..=(24 * 60) {
        match zone.from_local_datetime(&candidate) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.with_timezone(&Utc),
            LocalResult::None => candidate += Duration::minutes(1),
        }
    }
    Utc.from_utc_datetime(&local)
}

/// When `typed` does not exist in `zone` (a DST jump skips it), and
/// [`local_instant`] set it at `at` instead: the words for that, to which
/// the caller adds where it went ("There is no 02:15 on Sun 14 Mar 2027 in
/// America/New_York (clocks jump forward that night)"). `None` otherwise.
pub(crate) fn skipped_time(zone: Tz, typed: NaiveDateTime, at: DateTime<Utc>) -> Option<String> {
    (at.with_timezone(&zone).naive_local() != typed).then(|| {
        format!(
            "There is no {} on {} in {} (clocks jump forward that night)",
            typed.format("%H:%M"),
            typed.format("%a %-d %b %Y"),
            zone.name()
        )
    })
}

/// What must be said beside the wall time of `at` in `zone` when a DST
/// change makes that wall time alone unclear: which of the two passes of a
/// repeated time it is ("the first of the two 01:30s …"), or that it is the
/// first minute after clocks jumped forward, where [`local_instant`] puts a
/// time typed inside the jump. `None` for any other time.
pub(crate) fn wall_time_note(zone: Tz, at: DateTime<Utc>) -> Option<String> {
    let wall = |t: DateTime<Utc>| t.with_timezone(&zone).format("%H:%M").to_string();
    let offset = |t: DateTime<Utc>| zone.offset_from_utc_datetime(&t.naive_utc()).fix();
    let local = at.with_timezone(&zone).naive_local();
    if let LocalResult::Ambiguous(first, second) = zone.from_local_datetime(&local) {
        let (first, second) = (first.with_timezone(&Utc), second.with_timezone(&Utc));
        // The clocks go back somewhere between the two passes, on a whole minute.
        let minutes = (second - first).num_minutes();
        let start = first - Duration::seconds(i64::from(first.second()));
        let change = (1..=minutes)
            .map(|m| start + Duration::minutes(m))
            .find(|t| offset(*t) != offset(first))?;
        let which = if at == first { "first" } else { "second" };
        let back_from = change.with_timezone(&offset(first)).format("%H:%M");
        return Some(format!(
            "the {which} of the two {}s: clocks go back from {back_from} to {} that night",
            wall(at),
            wall(change)
        ));
    }
    let just_before = at - Duration::seconds(1);
    let (before, after) = (offset(just_before), offset(at));
    (after.local_minus_utc() > before.local_minus_utc()).then(|| {
        format!(
            "clocks jump from {} to {} that night: a time typed in between is moved here",
            at.with_timezone(&before).format("%H:%M"),
            wall(at)
        )
    })
}

/// Local midnight of `day` in `zone`, as an instant.
pub(crate) fn day_start(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    local_instant(zone, day.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests;
