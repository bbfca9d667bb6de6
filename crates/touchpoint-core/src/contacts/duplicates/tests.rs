use super::*;
use crate::ContactQuery;
use crate::contacts::DuplicateCheck;
use crate::contacts::{Email, Phone};
use crate::stage::Stage;
use crate::test_support::{card, memory_db, saved};

fn outcome_matches(outcome: crate::SaveOutcome) -> Vec<DuplicateMatch> {
    match outcome {
        crate::SaveOutcome::PossibleDuplicates { matches } => matches,
        crate::SaveOutcome::Saved { contact } => panic!("expected duplicates, saved {contact:?}"),
    }
}

#[test]
fn the_same_email_in_another_case_is_a_duplicate() {
    let mut db = memory_db();
    let first = saved(
        db.add_contact(
            &card("Ada Lovelace", "Engines", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let matches = outcome_matches(
        db.add_contact(
            &card("A. Lovelace", "", "ADA@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].contact.id, first.id);
    assert_eq!(
        matches[0].reasons,
        vec![DuplicateReason::SameEmail("ADA@example.com".into())]
    );
}

#[test]
fn the_same_number_written_differently_is_a_duplicate() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("Ada", "", "", "+1 415 555 0100"),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let matches = outcome_matches(
        db.add_contact(
            &card("Someone", "", "", "(415) 555-0100"),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    assert_eq!(
        matches[0].reasons,
        vec![DuplicateReason::SamePhone("(415) 555-0100".into())]
    );
}

#[test]
fn the_same_name_and_company_ignoring_case_and_accents_is_a_duplicate() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("José Álvarez", "Café Central", "", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let matches = outcome_matches(
        db.add_contact(
            &card("jose alvarez", "CAFE CENTRAL", "", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    assert_eq!(
        matches[0].reasons,
        vec![DuplicateReason::SameNameAndCompany]
    );
    let other_company = db
        .add_contact(
            &card("Jose Alvarez", "Initech", "", ""),
            DuplicateCheck::Warn,
        )
        .unwrap();
    assert!(
        matches!(other_company, crate::SaveOutcome::Saved { .. }),
        "the same name at another company is another person"
    );
}

#[test]
fn save_anyway_stores_a_second_contact() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("Ada", "", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    saved(
        db.add_contact(
            &card("Ada", "", "ada@example.com", ""),
            DuplicateCheck::SaveAnyway,
        )
        .unwrap(),
    );
    assert_eq!(db.list_contacts(&ContactQuery::default()).unwrap().total, 2);
}

#[test]
fn a_warned_save_writes_nothing() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("Ada", "", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    outcome_matches(
        db.add_contact(
            &card("Ada L", "", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    assert_eq!(db.list_contacts(&ContactQuery::default()).unwrap().total, 1);
}

#[test]
fn merging_keeps_every_value_of_both() {
    let mut base = card(
        "Ada Lovelace",
        "Engines Ltd",
        "ada@example.com",
        "+1 415 555 0100",
    );
    base.title = "Countess".into();
    base.tags = vec!["math".into()];
    base.notes = "Likes punch cards.".into();
    let mut other = card(
        "Ada Lovelace",
        "Engines Ltd",
        "ada@lovelace.example",
        "+1 415 555 0100",
    );
    other.title = "Analyst".into();
    other.tags = vec!["MATH".into(), "poetry".into()];
    other.emails.push(Email {
        label: String::new(),
        address: "ADA@example.com".into(),
    });
    other.phones.push(Phone {
        label: "home".into(),
        number: "+44 20 7946 0000".into(),
        e164: None,
    });
    other.birthday = "--12-10".into();
    other.notes = "Met at the Royal Society.".into();
    let merged = merge_fields(&base, &other);
    let emails: Vec<&str> = merged.emails.iter().map(|e| e.address.as_str()).collect();
    assert_eq!(emails, ["ada@example.com", "ada@lovelace.example"]);
    assert_eq!(
        merged.phones.len(),
        2,
        "the shared number once, the home number added"
    );
    assert_eq!(merged.tags, ["math", "poetry"]);
    assert_eq!(merged.title, "Countess", "the kept contact's value wins");
    assert_eq!(
        merged.birthday, "--12-10",
        "an empty field takes the other's value"
    );
    assert_eq!(
        merged.notes,
        "Likes punch cards.\nMet at the Royal Society.\nAlso known: Title: Analyst"
    );
}

#[test]
fn merging_two_stored_contacts_deletes_one_and_moves_its_referrals() {
    let mut db = memory_db();
    let keep = saved(
        db.add_contact(
            &card("Ada Lovelace", "Engines", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let mut dup_fields = card("Ada L.", "", "ada@work.example", "+1 415 555 0100");
    dup_fields.stage = Stage::Customer;
    let dup = saved(
        db.add_contact(&dup_fields, DuplicateCheck::SaveAnyway)
            .unwrap(),
    );
    let mut referred = card("Charles Babbage", "", "", "");
    referred.referred_by = Some(dup.id);
    let referred = saved(db.add_contact(&referred, DuplicateCheck::Warn).unwrap());

    let merged = db.merge_contacts(keep.id, dup.id).unwrap();
    assert_eq!(merged.id, keep.id);
    assert_eq!(merged.fields.emails.len(), 2);
    assert_eq!(merged.fields.phones.len(), 1);
    assert_eq!(
        merged.fields.stage,
        Stage::Prospect,
        "the kept contact's stage stays"
    );
    assert!(matches!(
        db.contact(dup.id),
        Err(CoreError::NotFound { .. })
    ));
    assert_eq!(
        db.contact(referred.id).unwrap().fields.referred_by,
        Some(keep.id)
    );
    let search = db
        .list_contacts(&ContactQuery {
            search: "work.example".into(),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(
        search.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        [keep.id],
        "index follows"
    );
}

#[test]
fn a_contact_cannot_be_merged_with_itself() {
    let mut db = memory_db();
    let a = saved(
        db.add_contact(&card("Ada", "", "", ""), DuplicateCheck::Warn)
            .unwrap(),
    );
    assert!(matches!(
        db.merge_contacts(a.id, a.id),
        Err(CoreError::Invalid { .. })
    ));
}

#[test]
fn merging_new_fields_into_a_stored_contact_updates_it() {
    let mut db = memory_db();
    let a = saved(
        db.add_contact(
            &card("Ada", "Engines", "ada@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let merged = db
        .merge_into(a.id, &card("Ada", "Engines", "", "+1 415 555 0199"))
        .unwrap();
    assert_eq!(merged.fields.emails.len(), 1);
    assert_eq!(
        merged.fields.phones[0].e164.as_deref(),
        Some("+14155550199")
    );
}
