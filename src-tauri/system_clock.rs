//! The real clock, injected into the core by the shell: the store, the
//! reminder runtime, the command line and (through `app_info`) the window
//! all read this one clock.
//!
//! Debug builds can run it shifted, so a test can seed a database at a
//! chosen instant and run the binary on that same instant whatever the
//! date is: `TOUCHPOINT_CLOCK_SHIFT_MS` is added to the system time (the
//! test computes it as "chosen instant minus now", and its own clock adds
//! the same shift). Release builds never read it: a user cannot trip over it.

use chrono::{DateTime, Duration, Utc};
use touchpoint_core::Clock;

#[cfg(debug_assertions)]
const SHIFT_VAR: &str = "TOUCHPOINT_CLOCK_SHIFT_MS";

#[derive(Debug, Clone, Copy)]
pub(crate) struct SystemClock {
    shift: Duration,
}

impl SystemClock {
    /// The system time, shifted in debug builds when the environment asks.
    pub(crate) fn from_env() -> Self {
        #[cfg(debug_assertions)]
        if let Some(raw) = std::env::var_os(SHIFT_VAR) {
            match raw.to_str().and_then(parse_shift) {
                Some(shift) => return Self { shift },
                None => eprintln!(
                    "touchpoint: ignoring {SHIFT_VAR}={raw:?}: not a whole number of milliseconds"
                ),
            }
        }
        Self {
            shift: Duration::zero(),
        }
    }
}

#[cfg(debug_assertions)]
fn parse_shift(raw: &str) -> Option<Duration> {
    raw.trim().parse::<i64>().ok().map(Duration::milliseconds)
}

impl Clock for SystemClock {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one reading of the system time, for the whole app"
    )]
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(clippy::disallowed_methods, reason = "compared with the system time")]
    fn a_shifted_clock_reads_the_system_time_plus_the_shift() {
        let shift = parse_shift(" -86400000 ").expect("a whole number of milliseconds");
        let clock = SystemClock { shift };
        let before = Utc::now();
        let now = clock.now();
        let after = Utc::now();
        assert!(
            before - Duration::days(1) <= now && now <= after - Duration::days(1),
            "a day behind the system clock: {now} vs {before}..{after}"
        );
    }

    #[test]
    fn a_shift_that_is_not_a_number_is_refused() {
        for raw in ["", "soon", "1.5", "2026-11-25T10:00:00Z"] {
            assert_eq!(parse_shift(raw), None, "{raw:?}");
        }
    }
}
