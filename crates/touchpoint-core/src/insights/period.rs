//! The stretch of time the figures cover, cut at the user's midnight so
//! "the last 30 days" means the same days on the screen as in the calendar.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::time::day_start;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum InsightsPeriod {
    /// Today and the 29 days before, from local midnight.
    #[serde(rename = "30d")]
    Last30Days,
    /// Today and the 89 days before, from local midnight.
    #[default]
    #[serde(rename = "90d")]
    Last90Days,
    /// Today and the 364 days before, from local midnight.
    #[serde(rename = "365d")]
    Last365Days,
    /// Everything on record.
    #[serde(rename = "all")]
    AllTime,
}

impl InsightsPeriod {
    pub const ALL: [InsightsPeriod; 4] = [
        InsightsPeriod::Last30Days,
        InsightsPeriod::Last90Days,
        InsightsPeriod::Last365Days,
        InsightsPeriod::AllTime,
    ];

    /// The name used in JSON and on the command line: "30d", "90d", "365d", "all".
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            InsightsPeriod::Last30Days => "30d",
            InsightsPeriod::Last90Days => "90d",
            InsightsPeriod::Last365Days => "365d",
            InsightsPeriod::AllTime => "all",
        }
    }

    /// Accepts the stable name in any case ("90D", " all ").
    #[must_use]
    pub fn parse(s: &str) -> Option<InsightsPeriod> {
        let wanted = s.trim().to_ascii_lowercase();
        InsightsPeriod::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
    }

    #[must_use]
    pub fn days(self) -> Option<u32> {
        match self {
            InsightsPeriod::Last30Days => Some(30),
            InsightsPeriod::Last90Days => Some(90),
            InsightsPeriod::Last365Days => Some(365),
            InsightsPeriod::AllTime => None,
        }
    }

    /// The first instant in the period: local midnight in `zone`, `days - 1`
    /// days before today; `None` for all time.
    pub(crate) fn since(self, now: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let days = self.days()?;
        let today = now.with_timezone(&zone).date_naive();
        Some(day_start(zone, today - Duration::days(i64::from(days) - 1)))
    }
}

/// The period's first instant as stored (Unix milliseconds): every instant
/// on record is at or after it.
pub(crate) fn since_millis(since: Option<DateTime<Utc>>) -> i64 {
    since.map_or(i64::MIN, |at| at.timestamp_millis())
}
