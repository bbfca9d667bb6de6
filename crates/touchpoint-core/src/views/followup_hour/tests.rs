use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::DuplicateCheck;
use crate::contacts::{ContactFields, Phone};
use crate::followups::touch::{Direction, NextStep, TouchInput};
use crate::reminders::{DayNotice, NoticeKind};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::{Delivery, deliver, saved};
use crate::views::calendar::Reschedule;

/// Friday 2026-11-27 09:00 in New York: the default follow-up hour.
fn friday_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).unwrap()
}

fn db_at(now: DateTime<Utc>) -> (Database, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(now));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    (db, clock)
}

fn add(db: &mut Database, name: &str, stage: Stage) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        stage,
        phones: vec![Phone {
            label: "work".into(),
            number: "+1 212 555 0100".into(),
            ..Phone::default()
        }],
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

fn touch(contact_id: i64, outcome: Outcome, next: NextStep, promise: Option<&str>) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome,
        notes: format!("notes for {contact_id}"),
        hook: format!("hook for {contact_id}"),
        objections: vec![],
        happened_at: None,
        next,
        promise: promise.map(str::to_owned),
    }
}

fn at(when: &str) -> NextStep {
    NextStep::At {
        when: when.into(),
        channel: Channel::Call,
        prompt: "Ask about the spring order".into(),
    }
}

#[test]
fn the_queue_is_promises_then_overdue_then_today_then_customers_to_reengage() {
    // Set everything up on Monday, then open the queue on Friday.
    let (mut db, clock) = db_at(Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap());
    let today_step = add(&mut db, "Today", Stage::Prospect);
    db.log_touch(&touch(
        today_step,
        Outcome::Connected,
        at("2026-11-27 11:00"),
        None,
    ))
    .unwrap();
    let overdue = add(&mut db, "Overdue", Stage::Prospect);
    db.log_touch(&touch(
        overdue,
        Outcome::Connected,
        at("2026-11-25 10:00"),
        None,
    ))
    .unwrap();
    let promised = add(&mut db, "Promised", Stage::Prospect);
    db.log_touch(&touch(
        promised,
        Outcome::LeftVoicemail,
        at("2026-11-27 15:00"),
        Some("2026-11-27 10:00"),
    ))
    .unwrap();
    let customer = add(&mut db, "Quiet customer", Stage::Customer);
    let step = db.contact_plan(customer).unwrap().next.unwrap();
    let june = Utc.with_ymd_and_hms(2027, 6, 1, 14, 0, 0).unwrap();
    assert!(matches!(
        db.reschedule(step.id, june, true).unwrap(),
        Reschedule::Moved { .. }
    ));
    clock.set(friday_nine());

    let queue = db.followup_hour_queue().unwrap();
    let order: Vec<(&str, QueueReason)> = queue
        .iter()
        .map(|e| (e.contact_name.as_str(), e.reason))
        .collect();
    assert_eq!(
        order,
        [
            ("Promised", QueueReason::Promise),
            ("Overdue", QueueReason::Overdue),
            ("Today", QueueReason::DueToday),
            ("Quiet customer", QueueReason::Reengage),
        ],
        "the promised contact's own next step (15:00) does not queue them twice"
    );
    let first = &queue[0];
    assert_eq!(first.hook, format!("hook for {promised}"));
    assert_eq!(first.last_notes, format!("notes for {promised}"));
    assert_eq!(first.phone.as_deref(), Some("+1 212 555 0100"));
    assert_eq!(first.followup.as_ref().unwrap().kind, FollowUpKind::Promise);
    assert_eq!(first.time_zone, "America/New_York");
    assert!(!first.idea.is_empty());
    assert_eq!(queue[2].prompt, "Ask about the spring order");
    assert!(queue[3].followup.is_none());
    assert!(
        queue[3].prompt.starts_with("No touch on record"),
        "{}",
        queue[3].prompt
    );
}

#[test]
fn the_summary_counts_calls_voicemails_with_their_promises_next_steps_and_skips() {
    let (mut db, clock) = db_at(friday_nine());
    let ada = add(&mut db, "Ada", Stage::Prospect);
    let grace = add(&mut db, "Grace", Stage::Prospect);
    let linus = add(&mut db, "Linus", Stage::Prospect);
    let earlier = add(&mut db, "Earlier", Stage::Prospect);
    db.log_touch(&touch(earlier, Outcome::Connected, NextStep::Cadence, None))
        .unwrap();
    clock.advance(Duration::minutes(1));
    let started = db.now();
    db.log_touch(&touch(
        ada,
        Outcome::Connected,
        at("2026-12-01 10:00"),
        None,
    ))
    .unwrap();
    db.log_touch(&touch(
        grace,
        Outcome::LeftVoicemail,
        NextStep::Cadence,
        Some("2026-11-30 09:30"),
    ))
    .unwrap();
    let summary = db.followup_hour_summary(started, &[linus]).unwrap();
    assert_eq!(
        summary.touches, 2,
        "the touch before the hour is not counted"
    );
    assert_eq!(summary.calls, 2);
    assert_eq!(summary.conversations, 1);
    assert_eq!(summary.voicemails.len(), 1);
    assert_eq!(summary.voicemails[0].contact_name, "Grace");
    let promise = summary.voicemails[0].promise.as_ref().unwrap();
    assert_eq!(promise.local_due, "2026-11-30 09:30");
    let next: Vec<(&str, &str)> = summary
        .next_steps
        .iter()
        .map(|s| (s.contact_name.as_str(), s.followup.local_due.as_str()))
        .collect();
    assert_eq!(next[0], ("Ada", "2026-12-01 10:00"));
    assert_eq!(next.len(), 2);
    assert_eq!(
        summary.skipped,
        [SkippedContact {
            contact_id: linus,
            contact_name: "Linus".into()
        }]
    );
}

#[test]
fn the_hour_is_announced_once_when_it_starts() {
    let (mut db, clock) = db_at(Utc.with_ymd_and_hms(2026, 11, 27, 13, 30, 0).unwrap());
    let digest_done = |db: &mut Database| {
        for r in db.due_reminders().unwrap() {
            assert_eq!(r.day_notice.map(|d| d.0), Some(DayNotice::Digest), "{r:?}");
        }
    };
    digest_done(&mut db);
    assert_eq!(
        db.next_reminder_at().unwrap(),
        Some(friday_nine()),
        "08:30: the next wake-up is the hour at 09:00"
    );
    clock.set(friday_nine() + Duration::minutes(2));
    let due = db.due_reminders().unwrap();
    let hour: Vec<_> = due
        .iter()
        .filter(|r| r.notice.kind == NoticeKind::FollowupHour)
        .collect();
    assert_eq!(hour.len(), 1);
    assert!(
        hour[0].notice.title.contains("09:00–10:00"),
        "{:?}",
        hour[0]
    );
    assert_eq!(deliver(&mut db, hour[0], |_| Ok(())), Delivery::Delivered);
    assert!(
        db.due_reminders()
            .unwrap()
            .iter()
            .all(|r| r.notice.kind != NoticeKind::FollowupHour),
        "shown once"
    );
    assert_eq!(
        db.next_reminder_at().unwrap().map(|t| t.date_naive()),
        Some("2026-11-28".parse().unwrap()),
        "next: tomorrow's digest; the hour again a week later"
    );
    // A week later the app was closed all hour: nothing after it ended.
    clock.set(friday_nine() + Duration::days(7) + Duration::minutes(61));
    assert!(
        db.due_reminders()
            .unwrap()
            .iter()
            .all(|r| r.notice.kind != NoticeKind::FollowupHour)
    );
}

#[test]
fn a_birthday_near_is_the_creative_idea() {
    let today: NaiveDate = "2026-11-27".parse().unwrap();
    let idea = creative_idea(1, "--12-05", today, 0);
    assert!(idea.contains("Sat 5 Dec"), "{idea}");
    let december: NaiveDate = "2026-12-20".parse().unwrap();
    let idea = creative_idea(1, "1980-01-03", december, 0);
    assert!(idea.contains("birthday"), "across the new year: {idea}");
    let far = creative_idea(1, "1980-06-01", today, 0);
    assert!(!far.contains("birthday"), "{far}");
    assert_ne!(
        creative_idea(1, "", today, 0),
        creative_idea(1, "", today, 1),
        "a new idea for each touch"
    );
}

#[test]
fn the_list_names_the_queue_and_each_card_is_read_when_the_hour_reaches_it() {
    let (mut db, clock) = db_at(Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap());
    let mut ids = Vec::new();
    for (name, outcome, promise) in [
        ("Overdue", Outcome::Connected, None),
        ("Promised", Outcome::LeftVoicemail, Some("2026-11-27 10:00")),
    ] {
        let id = add(&mut db, name, Stage::Prospect);
        let step = at("2026-11-25 10:00");
        db.log_touch(&touch(id, outcome, step, promise)).unwrap();
        ids.push(id);
    }
    let overdue = ids[0];
    add(&mut db, "Quiet customer", Stage::Customer);
    clock.set(friday_nine());

    let list = db.followup_hour_list().unwrap();
    let queue = db.followup_hour_queue().unwrap();
    let named: Vec<(i64, &str, QueueReason, Option<i64>)> = list
        .iter()
        .map(|i| {
            (
                i.contact_id,
                i.contact_name.as_str(),
                i.reason,
                i.followup_id,
            )
        })
        .collect();
    let whole: Vec<(i64, &str, QueueReason, Option<i64>)> = queue
        .iter()
        .map(|e| {
            let id = e.followup.as_ref().map(|f| f.id);
            (e.contact_id, e.contact_name.as_str(), e.reason, id)
        })
        .collect();
    assert_eq!(named, whole);
    assert_eq!(list.len(), 3, "{named:?}");
    for (item, entry) in list.iter().zip(&queue) {
        assert_eq!(item.last_touch_at, entry.last_touch_at);
        let card = db
            .followup_hour_card(item.contact_id, item.reason, item.followup_id)
            .unwrap();
        assert_eq!(&card, entry);
    }

    // A step deleted since the queue was read: the call still has its card.
    let gone = db
        .followup_hour_card(overdue, QueueReason::Overdue, Some(i64::MAX))
        .unwrap();
    assert!(gone.followup.is_none());
    assert_eq!(gone.hook, format!("hook for {overdue}"));
    assert!(matches!(
        db.followup_hour_card(i64::MAX, QueueReason::Reengage, None),
        Err(crate::error::CoreError::NotFound { .. })
    ));
}
