//! The injected source of "now".
//!
//! The desktop shell passes a clock that reads the system time; tests pass a
//! [`ManualClock`] they move by hand, which makes schedules, reminders and
//! timestamps reproducible.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    #[must_use]
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(start),
        }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.lock() = to;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now += by;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // A poisoned lock still holds a valid instant: keep using it.
        self.now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 3, 8, 6, 59, 0).unwrap();
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start, "a fresh clock reads its start");
        clock.advance(Duration::minutes(2));
        assert_eq!(
            clock.now(),
            start + Duration::minutes(2),
            "advance moves it forward"
        );
        clock.set(start);
        assert_eq!(clock.now(), start, "set moves it anywhere, even back");
    }
}
