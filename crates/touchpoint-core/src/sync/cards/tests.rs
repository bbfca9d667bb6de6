use super::*;

#[test]
fn the_uid_is_read_from_a_folded_or_grouped_line() {
    assert_eq!(
        uid_of("BEGIN:VCARD\r\nUID:abc-\r\n 123\r\nEND:VCARD\r\n").as_deref(),
        Some("abc-123")
    );
    assert_eq!(
        uid_of("BEGIN:VCARD\nitem1.uid;VALUE=text:urn:uuid:9\nEND:VCARD").as_deref(),
        Some("urn:uuid:9")
    );
    assert_eq!(uid_of("BEGIN:VCARD\nFN:No Uid\nEND:VCARD"), None);
}

#[test]
fn a_uid_makes_a_safe_file_name() {
    assert_eq!(uid_path("a1b2-c_3"), "a1b2-c_3");
    assert_eq!(uid_path("urn:uuid:9/x"), "urn%3Auuid%3A9%2Fx");
}

fn mark(db: &Database, id: i64) -> Option<i64> {
    db.conn
        .query_row(
            "SELECT generation FROM sync_dirty WHERE contact_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
}

#[test]
fn a_change_to_a_contact_or_its_phones_emails_and_tags_marks_it_for_the_next_sync() {
    use crate::contacts::{ContactFields, DuplicateCheck, Phone};
    use crate::test_support::saved;
    let clock = std::sync::Arc::new(crate::ManualClock::new(
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 24, 10, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock).unwrap();
    let fields = ContactFields {
        display_name: "Ada Lovelace".into(),
        ..ContactFields::default()
    };
    let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
    let first = mark(&db, id).expect("a new contact is marked");
    push::clear_mark(&db.conn, id, Some(first)).unwrap();
    assert_eq!(mark(&db, id), None, "looked at: cleared");

    let mut phone = fields.clone();
    phone.phones = vec![Phone {
        label: "work".into(),
        number: "+44 20 7946 0001".into(),
        e164: None,
    }];
    db.update_contact(id, &phone).unwrap();
    let seen = mark(&db, id).expect("an edit marks it");
    // Edited again while a sync was sending what it had read: the mark stays.
    let mut tagged = phone.clone();
    tagged.tags = vec!["fair".into()];
    db.update_contact(id, &tagged).unwrap();
    push::clear_mark(&db.conn, id, Some(seen)).unwrap();
    assert!(
        mark(&db, id).is_some_and(|g| g > seen),
        "the newer change stays marked"
    );

    db.delete_contacts(&[id]).unwrap();
    assert_eq!(
        mark(&db, id),
        None,
        "a deleted contact's card goes by what was agreed"
    );
}
