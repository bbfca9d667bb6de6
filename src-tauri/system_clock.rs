//! The real clock, injected into the core by the shell.

use chrono::{DateTime, Utc};
use touchpoint_core::Clock;

#[derive(Debug, Clone, Copy)]
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
