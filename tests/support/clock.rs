//! One clock for a test and the binary it runs, on an instant the test
//! chooses: seeded history, the app's "now" and the test's expectations all
//! read it, so no test depends on the real date, weekday or hour.
//!
//! The clock is the system time plus a fixed shift; the app (a debug build)
//! adds the same shift when `TOUCHPOINT_CLOCK_SHIFT_MS` says so. Time still
//! passes, so reminders come due while the test watches.

#![allow(
    clippy::disallowed_methods,
    reason = "the one place tests read the system time: to shift it"
)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use touchpoint_core::Clock;

pub const SHIFT_VAR: &str = "TOUCHPOINT_CLOCK_SHIFT_MS";

#[derive(Debug, Clone, Copy)]
pub struct TestClock {
    shift: Duration,
}

impl TestClock {
    /// A clock that reads `start` now and runs on from there.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            shift: start - Utc::now(),
        }
    }

    /// The machine's own clock: for the release build, which reads no shift
    /// (benchmarks only; a test chooses its instant).
    pub fn real() -> Self {
        Self {
            shift: Duration::zero(),
        }
    }

    /// [`TestClock::starting_at`] a wall time in UTC: `at(2026, 11, 25, 10, 0)`.
    pub fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Self {
        Self::starting_at(
            Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
                .single()
                .expect("a valid UTC time"),
        )
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.shift
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// The environment that puts the app's binary on this clock.
    pub fn env(&self) -> (&'static str, String) {
        (SHIFT_VAR, self.shift.num_milliseconds().to_string())
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        TestClock::now(self)
    }
}
