//! A weekly follow-up hour (Friday 09:00–10:00 in UTC) and a clock inside it.

use touchpoint_core::{Day, Settings};

use crate::clock::TestClock;

pub fn settings_with_the_hour() -> Settings {
    Settings {
        time_zone: "UTC".into(),
        followup_hour_day: Day::Fri,
        followup_hour_start: "09:00".into(),
        followup_hour_end: "10:00".into(),
        ..Settings::default()
    }
}

/// Friday 2026-11-27 09:05 UTC: the hour has just begun.
pub fn clock_in_the_hour() -> TestClock {
    TestClock::at(2026, 11, 27, 9, 5)
}
