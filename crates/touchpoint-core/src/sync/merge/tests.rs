use super::*;
use crate::contacts::{Email, Phone};

fn ada() -> ContactFields {
    ContactFields {
        display_name: "Ada Lovelace".into(),
        company: "Analytical Engines".into(),
        title: "Analyst".into(),
        phones: vec![Phone {
            label: "work".into(),
            number: "+44 20 7946 0001".into(),
            e164: None,
        }],
        notes: "Met at the Royal Society.".into(),
        ..ContactFields::default()
    }
}

#[test]
fn edits_to_different_fields_are_both_kept() {
    let base = ada();
    let mut here = ada();
    here.title = "Head of Analysis".into();
    let mut there = ada();
    there.company = "Babbage & Co".into();
    let merged = merge(Some(&base), &here, &there).unwrap();
    assert_eq!(merged.fields.title, "Head of Analysis");
    assert_eq!(merged.fields.company, "Babbage & Co");
    assert_eq!(merged.fields.notes, "Met at the Royal Society.");
    assert_eq!(merged.kept_both, 0);
}

#[test]
fn the_same_field_changed_both_ways_keeps_ours_and_says_theirs_in_the_notes() {
    let base = ada();
    let mut here = ada();
    here.title = "CTO".into();
    let mut there = ada();
    there.title = "CEO".into();
    there.notes = "Met at the Royal Society. Prefers mornings.".into();
    let merged = merge(Some(&base), &here, &there).unwrap();
    assert_eq!(merged.fields.title, "CTO");
    assert_eq!(
        merged.fields.notes,
        "Met at the Royal Society. Prefers mornings.\n\nFrom another device, title: CEO",
        "their notes (only they changed them), then their title"
    );
    assert_eq!(merged.kept_both, 1);
}

#[test]
fn lists_keep_every_entry_of_both_sides() {
    let base = ada();
    let mut here = ada();
    here.emails.push(Email {
        label: "work".into(),
        address: "ada@engines.example".into(),
    });
    let mut there = ada();
    there.phones.push(Phone {
        label: "mobile".into(),
        number: "+44 7700 900123".into(),
        e164: None,
    });
    there.emails.push(Email {
        label: "home".into(),
        address: "ada@home.example".into(),
    });
    let merged = merge(Some(&base), &here, &there).unwrap();
    assert_eq!(merged.fields.phones.len(), 2, "their new phone");
    let emails: Vec<&str> = merged
        .fields
        .emails
        .iter()
        .map(|e| e.address.as_str())
        .collect();
    assert_eq!(emails, ["ada@engines.example", "ada@home.example"]);
}

#[test]
fn without_a_common_card_every_difference_is_kept_both_ways() {
    let here = ada();
    let mut there = ada();
    there.title = "Countess".into();
    there.notes = "From the phone.".into();
    let merged = merge(None, &here, &there).unwrap();
    assert_eq!(merged.fields.title, "Analyst");
    assert!(
        merged.fields.notes.starts_with("Met at the Royal Society."),
        "{}",
        merged.fields.notes
    );
    assert!(
        merged
            .fields
            .notes
            .contains("From another device:\nFrom the phone.")
    );
    assert!(
        merged
            .fields
            .notes
            .contains("From another device, title: Countess")
    );
    assert_eq!(merged.kept_both, 2);
}
