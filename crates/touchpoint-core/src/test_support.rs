//! What the core's unit tests share: an in-memory database on a fixed
//! clock, a business card, and unwrapping a save.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use crate::clock::ManualClock;
use crate::contacts::{Contact, ContactFields, Email, Phone, SaveOutcome};
use crate::db::Database;
use crate::settings::Settings;

/// 2026-11-23 (a Monday) at `h:m` UTC: the day the unit tests live on.
pub(crate) fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

pub(crate) fn memory_db() -> Database {
    let mut db = Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap();
    db.update_settings(Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    db
}

pub(crate) fn card(name: &str, company: &str, email: &str, phone: &str) -> ContactFields {
    ContactFields {
        display_name: name.into(),
        company: company.into(),
        emails: vec![Email {
            label: "work".into(),
            address: email.into(),
        }],
        phones: vec![Phone {
            label: "mobile".into(),
            number: phone.into(),
            e164: None,
        }],
        ..ContactFields::default()
    }
}

pub(crate) fn saved(outcome: SaveOutcome) -> Contact {
    match outcome {
        SaveOutcome::Saved { contact } => *contact,
        SaveOutcome::PossibleDuplicates { matches } => {
            panic!("expected a saved contact, got duplicates {matches:?}")
        }
    }
}
