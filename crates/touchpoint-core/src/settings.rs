//! The user's preferences that the core needs to decide things.
//!
//! Stored as one JSON document so that adding a setting needs no migration:
//! a field missing from an older document takes its default.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{CoreError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Two-letter region ("US", "DE") for phone numbers typed without a
    /// country code; empty when unknown.
    pub phone_region: String,
}

impl Settings {
    fn validate(mut self) -> Result<Self> {
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

impl Database {
    /// # Errors
    /// Only if SQLite fails or the stored document is corrupt.
    pub fn settings(&self) -> Result<Settings> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'user'", [], |r| {
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

    /// # Errors
    /// [`CoreError::Invalid`] for a bad value; nothing is written then.
    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validate()?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| CoreError::Corrupt(format!("settings cannot be saved: {e}")))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('user', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [json],
        )?;
        Ok(settings)
    }

    /// Sets the phone region on first run (from the system locale), never
    /// overriding a region the user chose.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn adopt_phone_region(&mut self, region: &str) -> Result<()> {
        let current = self.settings()?;
        if current.phone_region.is_empty() && !region.is_empty() {
            let mut proposed = current;
            region.clone_into(&mut proposed.phone_region);
            if let Ok(valid) = proposed.validate() {
                self.update_settings(valid)?;
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
    fn settings_are_saved_normalised() {
        let mut db = db();
        db.update_settings(Settings {
            phone_region: " de ".into(),
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
            })
            .unwrap_err();
        assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "phoneRegion"));
        assert_eq!(db.settings().unwrap(), Settings::default());
    }

    #[test]
    fn the_locale_region_is_adopted_once_and_never_overrides_the_user() {
        let mut db = db();
        db.adopt_phone_region("GB").unwrap();
        assert_eq!(db.settings().unwrap().phone_region, "GB");
        db.adopt_phone_region("US").unwrap();
        assert_eq!(
            db.settings().unwrap().phone_region,
            "GB",
            "the first choice stays"
        );
    }
}
