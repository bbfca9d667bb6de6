//! Settings whose weekly follow-up hour is on whenever a test runs: a zone
//! where it is about noon now, and an hour there that spans the whole day.

use chrono::{Datelike, Timelike, Utc};
use touchpoint_core::{Day, Settings};

pub fn settings_with_the_hour_on() -> Settings {
    let offset = 12 - i64::from(Utc::now().hour());
    let zone = match offset {
        0 => "UTC".to_owned(),
        n if n > 0 => format!("Etc/GMT-{n}"),
        n => format!("Etc/GMT+{}", -n),
    };
    let local = Utc::now() + chrono::Duration::hours(offset);
    Settings {
        time_zone: zone,
        followup_hour_day: Day::from(local.weekday()),
        followup_hour_start: "00:00".into(),
        followup_hour_end: "23:59".into(),
        ..Settings::default()
    }
}
