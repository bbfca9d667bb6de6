//! A callback promised in a voicemail ("I'll try you again tomorrow at
//! 4"): when it defaults to, and how late it may come and still be kept.
//! Logging the voicemail books it; the reminders deliver it and count it.

use chrono::{Duration, NaiveDateTime, Timelike};

use crate::time::is_weekend;

/// A callback made within this long after the promised time still counts as on time.
pub(crate) const PROMISE_GRACE_MINUTES: i64 = 60;

/// The default promised callback: the next working day at the same local time.
pub(crate) fn promise_default(now_local: NaiveDateTime, weekends: bool) -> NaiveDateTime {
    let mut day = now_local.date() + Duration::days(1);
    while !weekends && is_weekend(day) {
        day += Duration::days(1);
    }
    let at = day.and_time(now_local.time());
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_default_promise_is_the_next_working_day_at_the_same_time() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(16, 42, 31)
            .unwrap();
        assert_eq!(
            promise_default(friday, false).to_string(),
            "2026-11-30 16:42:00"
        );
        assert_eq!(
            promise_default(friday, true).to_string(),
            "2026-11-28 16:42:00"
        );
    }
}
