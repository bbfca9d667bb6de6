use std::sync::Arc;

use chrono::TimeZone;

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::{ContactFields, DuplicateCheck};
use crate::followups::touch::{NextStep, Touch, TouchInput};
use crate::reminders::NoticeKind;
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::{deliver, dump, saved};

fn setup() -> (Database, Arc<ManualClock>, i64) {
    // Monday 2026-11-23, 10:00 in New York.
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let fields = ContactFields {
        display_name: "Ada Lovelace".into(),
        stage: Stage::Prospect,
        ..ContactFields::default()
    };
    let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
    (db, clock, id)
}

fn touch(contact_id: i64, outcome: Outcome, promise: Option<&str>) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome,
        notes: "about the pilot".into(),
        hook: "call back Tuesday".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: promise.map(str::to_owned),
    }
}

fn edit_of(t: &Touch) -> TouchEdit {
    TouchEdit {
        channel: t.channel,
        outcome: t.outcome,
        notes: t.notes.clone(),
        hook: t.hook.clone(),
        objections: t.objections.clone(),
        happened_at: t.happened_at,
    }
}

#[test]
fn a_voicemail_corrected_to_a_conversation_takes_its_promise_with_it() {
    let (mut db, clock, ada) = setup();
    let logged = db
        .log_touch(&touch(
            ada,
            Outcome::LeftVoicemail,
            Some("2026-11-24 10:00"),
        ))
        .unwrap();
    assert_eq!(db.contact_plan(ada).unwrap().promises.len(), 1);

    let mut edit = edit_of(&logged.touch);
    edit.outcome = Outcome::Connected;
    edit.notes = "reached her after all".into();
    let plan = db.edit_touch(logged.touch.id, &edit).unwrap();
    assert!(plan.promises.is_empty(), "the promise is gone");
    assert_eq!(plan.touches[0].outcome, Outcome::Connected);
    assert_eq!(plan.touches[0].notes, "reached her after all");
    assert_eq!(plan.progress, db.contact_plan(ada).unwrap().progress);

    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 15, 5, 0).unwrap());
    let due = db.due_reminders().unwrap();
    assert!(
        due.iter().all(|r| r.notice.kind != NoticeKind::Promise),
        "no callback is notified: {due:?}"
    );
    assert_eq!(
        db.last_action().unwrap().unwrap().label,
        "Corrected a touch with Ada Lovelace"
    );
}

#[test]
fn deleting_the_callback_reopens_the_promise_without_notifying_it_again() {
    let (mut db, clock, ada) = setup();
    db.log_touch(&touch(
        ada,
        Outcome::LeftVoicemail,
        Some("2026-11-24 10:00"),
    ))
    .unwrap();
    // Tuesday 10:01: the promised callback is notified…
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 15, 1, 0).unwrap());
    let shown: Vec<_> = db.due_reminders().unwrap();
    assert_eq!(shown.len(), 1);
    deliver(&mut db, &shown[0], |_| Ok(()));
    // … and made, then the log of it is deleted as a slip.
    let callback = db.log_touch(&touch(ada, Outcome::Connected, None)).unwrap();
    assert!(db.contact_plan(ada).unwrap().promises.is_empty(), "kept");
    assert_eq!(db.promise_stats().unwrap().kept_on_time, 1);

    let plan = db.delete_touch(callback.touch.id).unwrap();
    assert_eq!(plan.promises.len(), 1, "the callback is owed again");
    assert_eq!(plan.touches.len(), 1, "one touch left");
    assert_eq!(db.promise_stats().unwrap().kept_on_time, 0);
    assert!(
        db.due_reminders().unwrap().is_empty(),
        "already notified: not again"
    );
}

#[test]
fn deleting_the_voicemail_cancels_its_promise_and_the_last_touch_follows() {
    let (mut db, clock, ada) = setup();
    let first = db.log_touch(&touch(ada, Outcome::Connected, None)).unwrap();
    clock.advance(Duration::days(2));
    let voicemail = db
        .log_touch(&touch(
            ada,
            Outcome::LeftVoicemail,
            Some("2026-11-26 10:00"),
        ))
        .unwrap();
    let plan = db.delete_touch(voicemail.touch.id).unwrap();
    assert!(plan.promises.is_empty());
    assert_eq!(plan.touches.len(), 1);
    let last: Option<i64> = db
        .conn
        .query_row(
            "SELECT last_touch_at FROM contacts WHERE id = ?1",
            [ada],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, Some(first.touch.happened_at.timestamp_millis()));
}

#[test]
fn a_callback_moved_past_the_grace_no_longer_counts_as_kept_on_time() {
    let (mut db, clock, ada) = setup();
    db.log_touch(&touch(
        ada,
        Outcome::LeftVoicemail,
        Some("2026-11-24 10:00"),
    ))
    .unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 15, 10, 0).unwrap());
    let callback = db.log_touch(&touch(ada, Outcome::Connected, None)).unwrap();
    assert_eq!(db.promise_stats().unwrap().kept_on_time, 1);
    let mut edit = edit_of(&callback.touch);
    // It really happened at 13:30, three and a half hours late.
    edit.happened_at = Utc.with_ymd_and_hms(2026, 11, 24, 18, 30, 0).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 19, 0, 0).unwrap());
    db.edit_touch(callback.touch.id, &edit).unwrap();
    let stats = db.promise_stats().unwrap();
    assert_eq!((stats.kept_on_time, stats.not_kept), (0, 1));
}

#[test]
fn a_correction_that_is_refused_changes_nothing_and_each_can_be_undone() {
    let (mut db, _clock, ada) = setup();
    let logged = db
        .log_touch(&touch(
            ada,
            Outcome::LeftVoicemail,
            Some("2026-11-24 10:00"),
        ))
        .unwrap();
    let before = dump(&db);
    let mut edit = edit_of(&logged.touch);
    edit.happened_at = db.now() + Duration::hours(2);
    assert!(matches!(
        db.edit_touch(logged.touch.id, &edit),
        Err(CoreError::Invalid { field, .. }) if field == "happenedAt"
    ));
    edit.happened_at = logged.touch.happened_at;
    edit.hook = "x".repeat(MAX_HOOK + 1);
    assert!(db.edit_touch(logged.touch.id, &edit).is_err());
    assert!(matches!(
        db.delete_touch(999),
        Err(CoreError::NotFound { what: "touch", .. })
    ));
    assert_eq!(dump(&db), before, "nothing changed");

    edit.hook = "after lunch".into();
    edit.outcome = Outcome::NoAnswer;
    db.edit_touch(logged.touch.id, &edit).unwrap();
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "the edit undone");
    db.delete_touch(logged.touch.id).unwrap();
    db.undo().unwrap();
    assert_eq!(dump(&db), before, "the delete undone");
}

#[test]
fn deleting_the_touch_that_did_a_cadence_step_makes_that_step_owed_again() {
    let (mut db, clock, ada) = setup();
    db.log_touch(&touch(ada, Outcome::Connected, None)).unwrap();
    let after_first = db.contact_plan(ada).unwrap();
    let step = after_first.next.as_ref().unwrap().step;
    clock.set(after_first.next.as_ref().unwrap().due_at + Duration::hours(1));
    let second = db.log_touch(&touch(ada, Outcome::NoAnswer, None)).unwrap();
    assert_ne!(
        second.next.as_ref().unwrap().step,
        step,
        "the cadence moved on"
    );

    let mut plan = db.delete_touch(second.touch.id).unwrap();
    // The default callback time offered for a voicemail, and the contact's
    // date, count from now.
    plan.promise_default = after_first.promise_default.clone();
    plan.their_today = after_first.their_today.clone();
    assert_eq!(plan, after_first, "as before the second touch");
}

#[test]
fn deleting_an_earlier_touch_leaves_the_cadence_where_it_is() {
    let (mut db, clock, ada) = setup();
    let first = db.log_touch(&touch(ada, Outcome::Connected, None)).unwrap();
    clock.set(first.next.as_ref().unwrap().due_at + Duration::hours(1));
    let second = db.log_touch(&touch(ada, Outcome::NoAnswer, None)).unwrap();

    let plan = db.delete_touch(first.touch.id).unwrap();
    assert_eq!(plan.touches.len(), 1);
    assert_eq!(
        plan.next.as_ref().map(|n| n.step),
        second.next.as_ref().map(|n| n.step),
        "the step the second touch moved on to is still next"
    );
}
