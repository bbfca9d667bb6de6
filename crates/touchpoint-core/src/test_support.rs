//! What the core's unit tests share: an in-memory database on a fixed
//! clock, a business card, and unwrapping a save.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use crate::clock::ManualClock;
use crate::contacts::{Contact, ContactFields, Email, Phone, SaveOutcome};
use crate::db::Database;
use crate::settings::Settings;
use crate::{Channel, Direction, NextStep, Outcome, TouchInput};

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

/// An outbound call to log, with notes and a hook.
pub(crate) fn call(contact_id: i64, outcome: Outcome, next: NextStep) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome,
        notes: "Talked about the spring order".into(),
        hook: "Call Thursday after 4".into(),
        objections: vec![],
        happened_at: None,
        next,
        promise: None,
    }
}

/// The contacts a search of the contact list shows, by name.
pub(crate) fn found(db: &Database, search: &str) -> Vec<String> {
    db.list_contacts(&crate::ContactQuery {
        search: search.into(),
        ..crate::ContactQuery::default()
    })
    .unwrap()
    .items
    .into_iter()
    .map(|c| c.display_name)
    .collect()
}

pub(crate) fn saved(outcome: SaveOutcome) -> Contact {
    match outcome {
        SaveOutcome::Saved { contact } => *contact,
        SaveOutcome::PossibleDuplicates { matches } => {
            panic!("expected a saved contact, got duplicates {matches:?}")
        }
    }
}

/// Everything the user's file holds, row by row, the search index included
/// (the journal itself aside): two equal dumps are the same app state. Of
/// sync's change marks, which contacts and follow-ups are marked counts, not how often
/// (an undo is one more change to send); the name order's change count is left out
/// for the same reason.
pub(crate) fn dump(db: &Database) -> String {
    let tables: Vec<String> = db
        .conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'
               AND name NOT LIKE 'contact_search_%'
               AND name NOT IN ('undo_journal', 'sync_dirty', 'sync_dirty_followups',
                                'sync_dirty_touches', 'name_order_version')
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = db
            .conn
            .prepare(&format!("SELECT rowid, * FROM \"{table}\" ORDER BY 1"))
            .or_else(|_| {
                db.conn
                    .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))
            })
            .unwrap();
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..width)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    for (table, column) in [
        ("sync_dirty", "contact_id"),
        ("sync_dirty_followups", "followup_id"),
        ("sync_dirty_touches", "touch_id"),
    ] {
        let marked: Vec<i64> = db
            .conn
            .prepare(&format!("SELECT {column} FROM {table} ORDER BY 1"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        out.push_str(&format!("{table}: {marked:?}\n"));
    }
    out
}

/// What [`deliver`] did with a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Delivery {
    Delivered,
    /// Shown already, or done or snoozed meanwhile.
    AlreadyDone,
    Failed(String),
}

/// Shows `reminder` as the desktop runtime does: claim it, show it (no
/// transaction open), then record the server's answer.
pub(crate) fn deliver(
    db: &mut Database,
    reminder: &crate::Reminder,
    show: impl FnOnce(&crate::Notice) -> Result<(), String>,
) -> Delivery {
    let Some(claim) = db.claim(reminder).unwrap() else {
        return Delivery::AlreadyDone;
    };
    match show(&claim.notice) {
        Ok(()) => {
            db.shown(claim.id, u32::try_from(claim.id).unwrap())
                .unwrap();
            Delivery::Delivered
        }
        Err(why) => {
            db.not_shown(claim.id).unwrap();
            Delivery::Failed(why)
        }
    }
}
