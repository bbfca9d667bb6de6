use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::channel::Channel;
use crate::clock::ManualClock;
use crate::contacts::{ContactFields, ContactQuery, DuplicateCheck};
use crate::followups::touch::{CloseReason, Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::{card, dump, memory_db, saved};
use crate::transfer::{DuplicateAction, parse_vcards};

fn ada(db: &mut Database) -> i64 {
    saved(
        db.add_contact(
            &card(
                "Ada Lovelace",
                "Analytical Engines",
                "ada@engines.example",
                "+1 415 555 0100",
            ),
            DuplicateCheck::SaveAnyway,
        )
        .unwrap(),
    )
    .id
}

fn voicemail(contact_id: i64, promise: &str) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: "left a message".into(),
        hook: "call back about the pilot".into(),
        objections: Vec::new(),
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(promise.into()),
    }
}

#[test]
fn deleting_a_contact_and_undoing_it_gives_back_everything() {
    let mut db = memory_db();
    let id = ada(&mut db);
    let referred = saved(
        db.add_contact(
            &ContactFields {
                referred_by: Some(id),
                ..card("Grace Hopper", "Navy", "grace@navy.example", "")
            },
            DuplicateCheck::SaveAnyway,
        )
        .unwrap(),
    )
    .id;
    db.log_touch(&voicemail(id, "2026-11-24 10:00")).unwrap();
    let before = dump(&db);

    assert_eq!(db.delete_contacts(&[id]).unwrap(), 1);
    assert!(db.contact(id).is_err(), "deleted");
    assert_eq!(db.contact(referred).unwrap().fields.referred_by, None);
    assert_eq!(
        db.last_action().unwrap().unwrap().label,
        "Deleted Ada Lovelace"
    );

    let undone = db.undo().unwrap();
    assert_eq!(undone.label, "Deleted Ada Lovelace");
    assert_eq!(
        dump(&db),
        before,
        "touches, promise, referral and search row are back"
    );
    let found = db
        .list_contacts(&ContactQuery {
            search: "lovelace".into(),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(found.items.len(), 1, "the search finds her again");
}

#[test]
fn deleting_nothing_or_an_unknown_contact_changes_nothing() {
    let mut db = memory_db();
    let id = ada(&mut db);
    let before = dump(&db);
    assert!(matches!(
        db.delete_contacts(&[]),
        Err(CoreError::Invalid { .. })
    ));
    assert!(matches!(
        db.delete_contacts(&[id, 999]),
        Err(CoreError::NotFound { id: 999, .. })
    ));
    assert_eq!(dump(&db), before);
}

#[test]
fn undo_takes_back_the_newest_action_first_until_there_is_nothing_left() {
    let mut db = memory_db();
    let empty = dump(&db);
    let id = ada(&mut db);
    let added = dump(&db);
    let mut edited = db.contact(id).unwrap().fields;
    edited.stage = Stage::Customer;
    db.update_contact(id, &edited).unwrap();
    assert_eq!(db.undo().unwrap().label, "Edited Ada Lovelace");
    assert_eq!(dump(&db), added, "the stage and its cadence are as before");
    assert_eq!(db.undo().unwrap().label, "Added Ada Lovelace");
    assert_eq!(dump(&db), empty);
    let err = db.undo().unwrap_err();
    assert!(
        matches!(&err, CoreError::Invalid { message, .. } if message == "There is nothing to undo"),
        "{err:?}"
    );
}

#[test]
fn a_merge_a_move_a_template_edit_and_an_import_each_come_back_exactly() {
    let mut db = memory_db();
    let id = ada(&mut db);
    let other = saved(
        db.add_contact(
            &card("Ada L.", "", "ADA@engines.example", ""),
            DuplicateCheck::SaveAnyway,
        )
        .unwrap(),
    )
    .id;
    db.log_touch(&voicemail(other, "2026-11-25 09:30")).unwrap();

    let before = dump(&db);
    db.merge_contacts(id, other).unwrap();
    assert_ne!(dump(&db), before);
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "merge");

    let next = db.contact_plan(id).unwrap().next.unwrap();
    db.reschedule(next.id, next.due_at + Duration::days(2), true)
        .unwrap();
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "reschedule");

    let cadence = db.cadences().unwrap().remove(0);
    db.update_cadence(
        cadence.id,
        &crate::followups::templates::CadenceInput {
            name: "Renamed".into(),
            plan: cadence.plan.clone(),
        },
    )
    .unwrap();
    db.retire_cadence(cadence.id).unwrap();
    db.undo().unwrap();
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "template edit and retire");

    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@engines.example\r\nNOTE:met at the fair\r\nEND:VCARD\r\n";
    let preview = db
        .preview_import(parse_vcards(cards.as_bytes()), &mut |_, _| {})
        .unwrap();
    let result = db
        .commit_import(&preview, DuplicateAction::Merge, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.merged), (1, 1));
    assert_eq!(db.last_action().unwrap().unwrap().label, "Imported 2 cards");
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "the whole import batch, merge included");
}

#[test]
fn undo_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ));
    let before = {
        let mut db = Database::open(&path, clock.clone()).unwrap();
        db.update_settings(Settings {
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        let id = ada(&mut db);
        let before = dump(&db);
        db.log_touch(&voicemail(id, "2026-11-24 10:00")).unwrap();
        before
    };
    let mut db = Database::open(&path, clock).unwrap();
    assert_eq!(
        db.last_action().unwrap().unwrap().label,
        "Logged a touch with Ada Lovelace"
    );
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "the touch and its promise are gone");
}

#[test]
fn a_failed_action_leaves_no_journal_entry() {
    let mut db = memory_db();
    let id = ada(&mut db);
    let last = db.last_action().unwrap();
    let mut input = voicemail(id, "not a time");
    assert!(db.log_touch(&input).is_err());
    input.promise = Some("2026-11-24 10:00".into());
    input.next = NextStep::Close {
        reason: CloseReason::DoNotContact,
    };
    assert!(
        db.log_touch(&input).is_err(),
        "no callback for do not contact"
    );
    assert_eq!(db.last_action().unwrap(), last);
}

#[test]
fn a_journal_step_that_is_not_a_row_change_is_refused_and_changes_nothing() {
    let mut db = memory_db();
    ada(&mut db);
    let before = dump(&db);
    db.conn
        .execute(
            "UPDATE undo_journal SET steps = json_array('DELETE FROM main.\"contacts\"', 'DROP TABLE contacts')
             WHERE id = (SELECT max(id) FROM undo_journal)",
            [],
        )
        .unwrap();
    assert!(matches!(db.undo(), Err(CoreError::Corrupt(_))));
    assert_eq!(dump(&db), before, "the first step was rolled back too");
}

/// One of the actions a user can undo, on the contacts that exist.
#[derive(Debug, Clone)]
enum Action {
    Add(u8),
    Edit(usize, u8),
    Delete(usize),
    Merge(usize, usize),
    Touch(usize, bool),
    Move(usize, i64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (0..8u8).prop_map(Action::Add),
        (0..8usize, 0..5u8).prop_map(|(c, s)| Action::Edit(c, s)),
        (0..8usize).prop_map(Action::Delete),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Action::Merge(a, b)),
        (0..8usize, any::<bool>()).prop_map(|(c, p)| Action::Touch(c, p)),
        (0..8usize, 1..20i64).prop_map(|(c, d)| Action::Move(c, d)),
    ]
}

fn ids(db: &Database) -> Vec<i64> {
    db.list_contacts(&ContactQuery {
        limit: 500,
        ..ContactQuery::default()
    })
    .unwrap()
    .items
    .into_iter()
    .map(|c| c.id)
    .collect()
}

/// Does `action`; false when it did not apply (no such contact, refused).
fn apply(db: &mut Database, action: &Action) -> bool {
    let ids = ids(db);
    let pick = |i: usize| (!ids.is_empty()).then(|| ids[i % ids.len()]);
    match *action {
        Action::Add(n) => db
            .add_contact(
                &card(
                    &format!("Person {n}"),
                    "Co",
                    &format!("p{n}@co.example"),
                    "",
                ),
                DuplicateCheck::SaveAnyway,
            )
            .is_ok(),
        Action::Edit(c, stage) => pick(c).is_some_and(|id| {
            let mut fields = db.contact(id).unwrap().fields;
            fields.stage = Stage::ALL[usize::from(stage) % Stage::ALL.len()];
            fields.notes.push_str(" edited");
            db.update_contact(id, &fields).is_ok()
        }),
        Action::Delete(c) => pick(c).is_some_and(|id| db.delete_contacts(&[id]).is_ok()),
        Action::Merge(a, b) => match (pick(a), pick(b)) {
            (Some(a), Some(b)) => db.merge_contacts(a, b).is_ok(),
            _ => false,
        },
        Action::Touch(c, promise) => pick(c).is_some_and(|id| {
            let mut input = voicemail(id, "2026-11-25 10:00");
            if !promise {
                input.promise = None;
                input.outcome = Outcome::Connected;
            }
            db.log_touch(&input).is_ok()
        }),
        Action::Move(c, days) => pick(c).is_some_and(|id| {
            db.contact_plan(id)
                .ok()
                .and_then(|p| p.next)
                .is_some_and(|next| {
                    db.reschedule(next.id, db.now() + Duration::days(days), true)
                        .is_ok()
                })
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_actions_undone_in_reverse_gives_back_each_state(
        actions in prop::collection::vec(action(), 1..12)
    ) {
        let mut db = memory_db();
        let mut states = vec![dump(&db)];
        for action in &actions {
            if apply(&mut db, action) {
                states.push(dump(&db));
            }
        }
        while states.len() > 1 {
            states.pop();
            db.undo().unwrap();
            prop_assert_eq!(&dump(&db), states.last().unwrap());
        }
        prop_assert!(db.undo().is_err(), "nothing left to undo");
    }
}

#[test]
fn a_table_added_by_hand_without_a_key_does_not_stop_the_file_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ));
    {
        let db = Database::open(&path, clock.clone()).unwrap();
        db.conn
            .execute_batch("CREATE TABLE my_notes (note TEXT); INSERT INTO my_notes VALUES ('x');")
            .unwrap();
    }
    let mut db = Database::open(&path, clock).unwrap();
    let before = dump(&db);
    ada(&mut db);
    db.undo().unwrap();
    assert_eq!(dump(&db), before);
}
