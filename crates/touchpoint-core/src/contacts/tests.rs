use std::sync::Arc;

use rusqlite::Connection;

use super::*;
use crate::channel::Channel;
use crate::clock::{Clock, ManualClock};
use crate::contacts::{PostalAddress, Profile, ProfileKind};
use crate::stage::Stage;
use crate::test_support::{at, card, memory_db, saved};
use crate::time::{Day, TimeWindow};

fn everything() -> ContactFields {
    ContactFields {
        given_name: "Grace".into(),
        family_name: "Hopper".into(),
        display_name: "Grace Hopper".into(),
        title: "Rear Admiral".into(),
        company: "US Navy".into(),
        phones: vec![
            Phone {
                label: "work".into(),
                number: "(202) 555-0143".into(),
                e164: None,
            },
            Phone {
                label: "mobile".into(),
                number: "+44 7700 900123".into(),
                e164: None,
            },
        ],
        emails: vec![Email {
            label: "work".into(),
            address: "grace@navy.example".into(),
        }],
        website: "navy.example/cobol".into(),
        address: PostalAddress {
            street: "1 Pentagon Way\nSuite 5".into(),
            locality: "Arlington".into(),
            region: "VA".into(),
            postal_code: "22202".into(),
            country: "USA".into(),
        },
        profiles: vec![Profile {
            kind: ProfileKind::Linkedin,
            url: "https://www.linkedin.com/in/gracehopper".into(),
        }],
        met_where: "COBOL conference".into(),
        met_on: NaiveDate::from_ymd_opt(2026, 10, 2),
        notes: "Asked for a proposal after Q1.".into(),
        tags: vec!["conference".into(), "vip".into()],
        stage: Stage::Customer,
        referred_by: None,
        preferred_channels: vec![Channel::Email, Channel::Call],
        preferred_every_days: Some(45),
        best_times: vec![TimeWindow {
            days: vec![Day::Tue, Day::Thu],
            start: "07:30".into(),
            end: "09:00".into(),
        }],
        time_zone: "America/New_York".into(),
        birthday: "--12-09".into(),
    }
}

#[test]
fn every_field_is_stored_and_read_back() {
    let mut db = memory_db();
    let contact = saved(db.add_contact(&everything(), DuplicateCheck::Warn).unwrap());
    let mut expected = everything();
    expected.phones[0].e164 = Some("+12025550143".into());
    expected.phones[1].e164 = Some("+447700900123".into());
    assert_eq!(contact.fields, expected);
    assert_eq!(
        contact.created_at,
        at(9, 0),
        "timestamps come from the clock"
    );
    assert_eq!(
        db.contact(contact.id).unwrap(),
        contact,
        "reads back identical"
    );
}

#[test]
fn invalid_input_writes_nothing() {
    let mut db = memory_db();
    let err = db
        .add_contact(&card("Grace", "", "grace@", ""), DuplicateCheck::Warn)
        .unwrap_err();
    assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "emails[0]"));
    let count: i64 = db
        .conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0, "the rejected contact was not stored");
}

#[test]
fn a_script_link_leaves_the_stored_contact_as_it_was() {
    let mut db = memory_db();
    let mut fields = card("Ada", "", "", "");
    fields.website = "https://ada.example".into();
    let ada = saved(db.add_contact(&fields, DuplicateCheck::Warn).unwrap());
    fields.website = "javascript:alert(document.domain)//ada.example".into();
    let err = db.update_contact(ada.id, &fields).unwrap_err();
    assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "website"));
    assert_eq!(db.contact(ada.id).unwrap(), ada, "nothing was written");
}

#[test]
fn a_referrer_must_exist_and_cannot_be_the_contact_itself() {
    let mut db = memory_db();
    let mut fields = card("Ada", "", "", "");
    fields.referred_by = Some(99);
    let err = db.add_contact(&fields, DuplicateCheck::Warn).unwrap_err();
    assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "referredBy"));

    let referrer = saved(
        db.add_contact(&card("Bob", "", "", ""), DuplicateCheck::Warn)
            .unwrap(),
    );
    fields.referred_by = Some(referrer.id);
    let ada = saved(db.add_contact(&fields, DuplicateCheck::Warn).unwrap());
    assert_eq!(ada.fields.referred_by, Some(referrer.id));

    fields.referred_by = Some(ada.id);
    let err = db.update_contact(ada.id, &fields).unwrap_err();
    assert!(err.to_string().contains("themselves"), "{err}");
}

#[test]
fn an_update_replaces_every_field_and_keeps_the_creation_time() {
    let clock = Arc::new(ManualClock::new(at(9, 0)));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    let contact = saved(db.add_contact(&everything(), DuplicateCheck::Warn).unwrap());
    clock.advance(chrono::Duration::hours(2));
    let mut changed = everything();
    changed.phones.truncate(1);
    changed.tags = vec!["renewal".into()];
    changed.title = "Commodore".into();
    let updated = db.update_contact(contact.id, &changed).unwrap();
    assert_eq!(updated.fields.title, "Commodore");
    assert_eq!(updated.fields.phones.len(), 1, "the removed phone is gone");
    assert_eq!(updated.fields.tags, ["renewal"]);
    assert_eq!(updated.created_at, at(9, 0));
    assert_eq!(updated.updated_at, at(11, 0));
}

#[test]
fn updating_an_unknown_contact_is_not_found() {
    let mut db = memory_db();
    assert!(matches!(
        db.update_contact(42, &card("Ada", "", "", "")),
        Err(CoreError::NotFound {
            what: "contact",
            id: 42
        })
    ));
}

#[test]
fn contacts_survive_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(at(9, 0)));
    let id = {
        let mut db = Database::open(&path, clock.clone()).unwrap();
        saved(db.add_contact(&everything(), DuplicateCheck::Warn).unwrap()).id
    };
    let db = Database::open(&path, clock).unwrap();
    assert_eq!(db.contact(id).unwrap().fields.display_name, "Grace Hopper");
}

#[test]
fn a_version_1_database_is_migrated_with_its_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../db/migrations/001_contacts.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (name, company, email, phone, created_at, updated_at)
             VALUES ('Renée Müller', 'Acme', 'renee@acme.example', '+49 30 901820', 1, 2),
                    ('Bob', '', NULL, NULL, 3, 4);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let db = Database::open(&path, Arc::new(ManualClock::new(at(9, 0)))).unwrap();
    assert_eq!(db.schema_version().unwrap(), crate::SCHEMA_VERSION);
    let renee = db.contact(1).unwrap();
    assert_eq!(renee.fields.display_name, "Renée Müller");
    assert_eq!(renee.fields.emails[0].address, "renee@acme.example");
    assert_eq!(
        renee.fields.phones[0].e164.as_deref(),
        Some("+4930901820"),
        "backfilled"
    );
    assert_eq!(renee.created_at.timestamp_millis(), 1);
    let found = db
        .list_contacts(&crate::ContactQuery {
            search: "renee".into(),
            ..crate::ContactQuery::default()
        })
        .unwrap();
    assert_eq!(
        found.total, 1,
        "the migrated contact is searchable, accents folded"
    );
    assert_eq!(db.contact(2).unwrap().fields.phones, vec![]);
    for (typed, what) in [
        ("30901820", "the number as dialled at home"),
        ("acme", "the company"),
        ("renee@acme", "the email"),
    ] {
        let found = db
            .list_contacts(&crate::ContactQuery {
                search: typed.into(),
                ..crate::ContactQuery::default()
            })
            .unwrap();
        assert_eq!(found.total, 1, "found by {what} ({typed:?})");
    }
    let twin = ContactFields {
        display_name: "renee muller".into(),
        company: "ACME".into(),
        ..ContactFields::default()
    };
    let mut db = db;
    let SaveOutcome::PossibleDuplicates { matches } =
        db.add_contact(&twin, DuplicateCheck::Warn).unwrap()
    else {
        panic!("the carried-over contact has its name-and-company key");
    };
    assert_eq!(matches[0].contact.id, 1);
    assert_eq!(
        matches[0].reasons,
        [crate::contacts::duplicates::DuplicateReason::SameNameAndCompany]
    );
}
