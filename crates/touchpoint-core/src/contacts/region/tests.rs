use std::sync::Arc;

use crate::clock::ManualClock;
use crate::contacts::{ContactFields, DuplicateCheck, DuplicateReason, Phone};
use crate::db::Database;
use crate::settings::Settings;
use crate::test_support::{at, found, saved};

fn no_region_db() -> Database {
    Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap()
}

fn with_phone(name: &str, number: &str) -> ContactFields {
    ContactFields {
        display_name: name.into(),
        phones: vec![Phone {
            label: "work".into(),
            number: number.into(),
            e164: None,
        }],
        ..ContactFields::default()
    }
}

fn set_region(db: &mut Database, region: &str) {
    let settings = db.settings().unwrap();
    db.update_settings(Settings {
        phone_region: region.into(),
        ..settings
    })
    .unwrap();
}

fn e164(db: &Database, id: i64) -> Option<String> {
    db.contact(id).unwrap().fields.phones[0].e164.clone()
}

#[test]
fn a_new_phone_region_places_national_numbers_stored_before_it() {
    let mut db = no_region_db();
    let national = saved(
        db.add_contact(
            &with_phone("Nigel Local", "020 7946 0321"),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let international = with_phone("Nigel Abroad", "+44 20 7946 0321");
    assert_eq!(e164(&db, national.id), None, "no region: no E.164 form");
    assert!(db.find_duplicates(&international).unwrap().is_empty());
    let abroad = saved(
        db.add_contact(&international, DuplicateCheck::Warn)
            .unwrap(),
    );
    // A third card with the number, to see which stored ones it matches.
    let international = with_phone("Someone Else", "+44 20 7946 0321");

    set_region(&mut db, "GB");
    assert_eq!(e164(&db, national.id).as_deref(), Some("+442079460321"));
    let matches = db.find_duplicates(&international).unwrap();
    assert_eq!(
        matches
            .iter()
            .map(|m| (m.contact.id, m.reasons.clone()))
            .collect::<Vec<_>>(),
        [national.id, abroad.id].map(|id| (
            id,
            vec![DuplicateReason::SamePhone("+44 20 7946 0321".into())]
        ))
    );
    assert_eq!(
        found(&db, "2079460321"),
        ["Nigel Abroad", "Nigel Local"],
        "the search row holds the new form's digits"
    );

    set_region(&mut db, "US");
    assert_eq!(
        e164(&db, national.id),
        None,
        "020 7946 0321 is no US number: no E.164 form again"
    );
    assert_eq!(e164(&db, abroad.id).as_deref(), Some("+442079460321"));
    let matches = db.find_duplicates(&international).unwrap();
    assert_eq!(
        matches.iter().map(|m| m.contact.id).collect::<Vec<_>>(),
        [abroad.id]
    );
    assert_eq!(found(&db, "2079460321"), ["Nigel Abroad"]);
}

#[test]
fn a_region_change_is_no_undo_entry_and_an_undo_follows_the_region_now_set() {
    let mut db = no_region_db();
    set_region(&mut db, "GB");
    let nigel = saved(
        db.add_contact(
            &with_phone("Nigel Local", "020 7946 0321"),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    assert_eq!(e164(&db, nigel.id).as_deref(), Some("+442079460321"));
    db.delete_contacts(&[nigel.id]).unwrap();

    set_region(&mut db, "US");
    assert_eq!(
        db.last_action().unwrap().unwrap().label,
        "Deleted Nigel Local",
        "changing the region is not an action Undo takes back"
    );
    db.undo().unwrap();
    assert_eq!(
        e164(&db, nigel.id),
        None,
        "the contact comes back placed by the region set now, not the GB of its time"
    );
    assert_eq!(db.settings().unwrap().phone_region, "US");
}
