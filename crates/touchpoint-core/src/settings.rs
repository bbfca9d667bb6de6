//! The user's preferences that the core needs to decide things.
//!
//! Stored as one JSON document so that adding a setting needs no migration:
//! a field missing from an older document takes its default.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::time::Day;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Two-letter region ("US", "DE") for phone numbers typed without a
    /// country code; empty when unknown.
    pub phone_region: String,
    /// The user's IANA time zone; contacts without one of their own use it.
    pub time_zone: String,
    /// "HH:MM": when a follow-up is due on its day if the contact has no best time.
    pub call_time: String,
    /// Whether follow-ups may fall on Saturdays and Sundays.
    pub weekends: bool,
    /// At most this many first touches of new contacts on one day.
    pub first_touches_per_day: u32,
    /// "HH:MM": when the morning digest of the day's follow-ups is shown.
    pub digest_time: String,
    /// Your name and number, for the voicemail script.
    pub your_name: String,
    pub your_phone: String,
    /// Open Touchpoint (in the tray) when the user logs in; applied by the desktop shell.
    pub start_at_login: bool,
    /// The weekly follow-up hour (seed 001): its day and "HH:MM" bounds, in `time_zone`.
    pub followup_hour_day: Day,
    pub followup_hour_start: String,
    pub followup_hour_end: String,
    /// Customers and past customers untouched this many days are due a re-engagement call.
    pub reengage_after_days: u32,
    /// A promised callback still not made this many minutes after its
    /// reminder is notified once more; 0: never.
    pub renotify_promises_after_minutes: u32,
    /// The first-run setup was completed or skipped. A stored document
    /// from before first-run setup existed belongs to a user already at work.
    #[serde(default = "already_set_up")]
    pub set_up: bool,
    /// This file is the sample database: made-up people, reminders off.
    pub sample: bool,
}

fn already_set_up() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            phone_region: String::new(),
            time_zone: String::new(),
            call_time: "09:00".to_owned(),
            weekends: false,
            first_touches_per_day: 10,
            digest_time: "08:00".to_owned(),
            your_name: String::new(),
            your_phone: String::new(),
            start_at_login: false,
            followup_hour_day: Day::Fri,
            followup_hour_start: "09:00".to_owned(),
            followup_hour_end: "10:00".to_owned(),
            reengage_after_days: 30,
            renotify_promises_after_minutes: 60,
            set_up: false,
            sample: false,
        }
    }
}

impl Settings {
    /// The user's zone, or UTC until one is known.
    #[must_use]
    pub fn zone(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    #[must_use]
    pub fn digest_time(&self) -> chrono::NaiveTime {
        crate::time::parse_hhmm(&self.digest_time)
            .unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default())
    }

    #[must_use]
    pub fn call_time(&self) -> chrono::NaiveTime {
        crate::time::parse_hhmm(&self.call_time)
            .unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
    }

    /// The follow-up hour's local start and end; the defaults if unreadable.
    #[must_use]
    pub fn followup_hour(&self) -> (chrono::NaiveTime, chrono::NaiveTime) {
        let at = |text: &str, hour| {
            crate::time::parse_hhmm(text)
                .unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
        };
        (
            at(&self.followup_hour_start, 9),
            at(&self.followup_hour_end, 10),
        )
    }

    pub(crate) fn validate(mut self) -> Result<Self> {
        self.time_zone = self.time_zone.trim().to_owned();
        if !self.time_zone.is_empty() && self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(CoreError::invalid(
                "timeZone",
                format!(
                    "\"{}\" is not a known time zone (use a name such as Europe/Berlin)",
                    self.time_zone
                ),
            ));
        }
        match crate::time::parse_hhmm(&self.call_time) {
            Some(t) => self.call_time = t.format("%H:%M").to_string(),
            None => {
                return Err(CoreError::invalid(
                    "callTime",
                    "The default call time must look like 09:00",
                ));
            }
        }
        match crate::time::parse_hhmm(&self.digest_time) {
            Some(t) => self.digest_time = t.format("%H:%M").to_string(),
            None => {
                return Err(CoreError::invalid(
                    "digestTime",
                    "The digest time must look like 08:00",
                ));
            }
        }
        let hour = (
            crate::time::parse_hhmm(&self.followup_hour_start),
            crate::time::parse_hhmm(&self.followup_hour_end),
        );
        match hour {
            (Some(start), Some(end)) if start < end => {
                self.followup_hour_start = start.format("%H:%M").to_string();
                self.followup_hour_end = end.format("%H:%M").to_string();
            }
            (None, _) => {
                return Err(CoreError::invalid(
                    "followupHourStart",
                    "The follow-up hour's start must look like 09:00",
                ));
            }
            _ => {
                return Err(CoreError::invalid(
                    "followupHourEnd",
                    "The follow-up hour must end after it starts, on the same day (e.g. 10:00)",
                ));
            }
        }
        if !(1..=3650).contains(&self.reengage_after_days) {
            return Err(CoreError::invalid(
                "reengageAfterDays",
                "Re-engage after must be between 1 and 3650 days",
            ));
        }
        if self.renotify_promises_after_minutes > 24 * 60 {
            return Err(CoreError::invalid(
                "renotifyPromisesAfterMinutes",
                "Remind again about a missed promise within 1440 minutes (a day), or 0 for never",
            ));
        }
        self.your_name = self.your_name.trim().chars().take(100).collect();
        self.your_phone = self.your_phone.trim().chars().take(40).collect();
        if !(1..=500).contains(&self.first_touches_per_day) {
            return Err(CoreError::invalid(
                "firstTouchesPerDay",
                "First touches per day must be between 1 and 500",
            ));
        }
        self.phone_region = self.phone_region.trim().to_ascii_uppercase();
        if !self.phone_region.is_empty()
            && self
                .phone_region
                .parse::<phonenumber::country::Id>()
                .is_err()
        {
            return Err(CoreError::invalid(
                "phoneRegion",
                format!(
                    "'{}' is not a two-letter region code such as US, GB or DE",
                    self.phone_region
                ),
            ));
        }
        Ok(self)
    }
}

/// Writes already-validated settings; the caller owns the transaction.
/// `Database::update_settings` (in `contacts::region`, since a new phone
/// region changes stored phones) is the one writer.
pub(crate) fn store(conn: &Connection, settings: &Settings) -> Result<()> {
    let json = serde_json::to_string(settings)
        .map_err(|e| CoreError::Corrupt(format!("settings cannot be saved: {e}")))?;
    conn.run(
        "INSERT INTO settings (key, value) VALUES ('user', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [json],
    )?;
    Ok(())
}

impl Database {
    /// # Errors
    /// Only if SQLite fails or the stored document is corrupt.
    pub fn settings(&self) -> Result<Settings> {
        let stored: Option<String> = self
            .conn
            .row("SELECT value FROM settings WHERE key = 'user'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match stored {
            None => Ok(Settings::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                CoreError::Corrupt(format!("the stored settings cannot be read: {e}"))
            }),
        }
    }

    /// Sets the phone region and time zone on first run (from the system),
    /// never overriding what the user chose.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn adopt_system_defaults(&mut self, region: &str, time_zone: &str) -> Result<()> {
        let current = self.settings()?;
        let mut proposed = current.clone();
        if current.phone_region.is_empty() {
            region.clone_into(&mut proposed.phone_region);
        }
        if current.time_zone.is_empty() {
            time_zone.clone_into(&mut proposed.time_zone);
        }
        // A locale or zone this build does not know is simply not adopted.
        for candidate in [
            proposed.clone(),
            Settings {
                time_zone: current.time_zone.clone(),
                ..proposed
            },
        ] {
            if candidate != current
                && let Ok(valid) = candidate.validate()
            {
                self.update_settings(valid)?;
                break;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::clock::ManualClock;

    fn db() -> Database {
        Database::open_in_memory(Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        )))
        .unwrap()
    }

    #[test]
    fn a_new_database_has_default_settings() {
        assert_eq!(db().settings().unwrap(), Settings::default());
    }

    #[test]
    fn only_a_new_database_asks_for_first_run_setup() {
        let mut fresh = db();
        fresh.adopt_system_defaults("GB", "Europe/London").unwrap();
        assert!(
            !fresh.settings().unwrap().set_up,
            "a new file is not set up"
        );
        let older = db();
        older
            .conn
            .execute(
                "INSERT INTO settings (key, value) VALUES ('user', '{\"yourName\":\"Ada\"}')",
                [],
            )
            .unwrap();
        let settings = older.settings().unwrap();
        assert!(
            settings.set_up,
            "a user from before setup existed is not asked"
        );
        assert_eq!(settings.your_name, "Ada");
    }

    #[test]
    fn settings_are_saved_normalised() {
        let mut db = db();
        db.update_settings(Settings {
            phone_region: " de ".into(),
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(db.settings().unwrap().phone_region, "DE");
    }

    #[test]
    fn an_unknown_region_is_refused_and_nothing_changes() {
        let mut db = db();
        let err = db
            .update_settings(Settings {
                phone_region: "XX".into(),
                ..Settings::default()
            })
            .unwrap_err();
        assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "phoneRegion"));
        assert_eq!(db.settings().unwrap(), Settings::default());
    }

    #[test]
    fn system_defaults_are_adopted_once_and_never_override_the_user() {
        let mut db = db();
        db.adopt_system_defaults("GB", "Europe/London").unwrap();
        let settings = db.settings().unwrap();
        assert_eq!(
            (settings.phone_region.as_str(), settings.time_zone.as_str()),
            ("GB", "Europe/London")
        );
        db.adopt_system_defaults("US", "America/New_York").unwrap();
        let settings = db.settings().unwrap();
        assert_eq!(
            (settings.phone_region.as_str(), settings.time_zone.as_str()),
            ("GB", "Europe/London"),
            "the first choice stays"
        );
    }

    #[test]
    fn an_unknown_system_zone_does_not_block_the_region() {
        let mut db = db();
        db.adopt_system_defaults("DE", "Not/AZone").unwrap();
        let settings = db.settings().unwrap();
        assert_eq!(
            (settings.phone_region.as_str(), settings.time_zone.as_str()),
            ("DE", "")
        );
    }

    #[test]
    fn scheduling_settings_are_checked() {
        let mut db = db();
        for (bad, field) in [
            (
                Settings {
                    call_time: "9am".into(),
                    ..Settings::default()
                },
                "callTime",
            ),
            (
                Settings {
                    first_touches_per_day: 0,
                    ..Settings::default()
                },
                "firstTouchesPerDay",
            ),
            (
                Settings {
                    time_zone: "Mars/Base".into(),
                    ..Settings::default()
                },
                "timeZone",
            ),
        ] {
            let err = db.update_settings(bad).unwrap_err();
            assert!(
                matches!(err, CoreError::Invalid { field: ref f, .. } if f == field),
                "{err:?}"
            );
        }
        let saved = db
            .update_settings(Settings {
                call_time: "7:30".into(),
                ..Settings::default()
            })
            .unwrap();
        assert_eq!(saved.call_time, "07:30");
    }
}
