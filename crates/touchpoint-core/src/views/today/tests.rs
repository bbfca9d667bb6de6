use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::*;
use crate::Channel;
use crate::clock::{Clock, ManualClock};
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::saved;

#[test]
fn follow_ups_fall_into_overdue_now_later_and_tomorrow_with_promises_first() {
    // Monday 2026-11-23 08:00 New York.
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let add = |db: &mut Database, name: &str| {
        let fields = ContactFields {
            display_name: name.into(),
            stage: Stage::Prospect,
            ..ContactFields::default()
        };
        saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
    };
    let ada = add(&mut db, "Ada");
    let grace = add(&mut db, "Grace");
    let log = |db: &mut Database, id: i64, next: NextStep, promise: Option<&str>| {
        db.log_touch(&TouchInput {
            contact_id: id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::LeftVoicemail,
            notes: String::new(),
            hook: String::new(),
            objections: vec![],
            happened_at: None,
            next,
            promise: promise.map(str::to_owned),
        })
        .unwrap();
    };
    log(
        &mut db,
        ada,
        NextStep::At {
            when: "2026-11-23 17:00".into(),
            channel: Channel::Email,
            prompt: String::new(),
        },
        Some("2026-11-23 16:00"),
    );
    log(
        &mut db,
        grace,
        NextStep::At {
            when: "2026-11-24 10:00".into(),
            channel: Channel::Call,
            prompt: String::new(),
        },
        None,
    );
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 21, 30, 0).unwrap()); // 16:30 New York
    let today = db.today().unwrap();
    let names = |part: &[DueItem]| {
        part.iter()
            .map(|i| (i.contact_name.clone(), i.followup.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&today.promised),
        [("Ada".to_owned(), FollowUpKind::Promise)],
        "the 16:00 promise, on top"
    );
    assert!(today.due_now.is_empty());
    assert_eq!(
        names(&today.later_today),
        [("Ada".to_owned(), FollowUpKind::Custom)]
    );
    assert_eq!(
        names(&today.tomorrow),
        [("Grace".to_owned(), FollowUpKind::Custom)]
    );
    assert!(today.overdue.is_empty());
    clock.advance(Duration::days(2));
    let later = db.today().unwrap();
    assert_eq!(later.overdue.len(), 2, "the steps left are now overdue");
    assert_eq!(
        names(&later.promised),
        [("Ada".to_owned(), FollowUpKind::Promise)],
        "a promise not made stays on top, days later"
    );
    assert_eq!(
        db.due_count().unwrap() as usize,
        later.promised.len() + later.overdue.len() + later.due_now.len(),
        "the tray's count"
    );
}

#[test]
fn today_a_page_at_a_time_shows_the_same_rows_in_the_same_order_with_every_part_counted() {
    // Monday 2026-11-16 08:00 New York: every step below is still ahead.
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 16, 13, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let plans: [(&str, &str, Option<&str>); 7] = [
        ("Ada", "2026-11-17 10:00", Some("2026-11-18 09:00")),
        ("Bea", "2026-11-18 11:00", None),
        ("Cal", "2026-11-23 08:30", Some("2026-11-23 17:00")),
        ("Dee", "2026-11-23 09:00", None),
        ("Eve", "2026-11-23 18:00", None),
        ("Fay", "2026-11-24 10:00", Some("2026-11-24 09:00")),
        ("Gus", "2026-11-24 08:00", None),
    ];
    for (name, next, promise) in plans {
        let fields = ContactFields {
            display_name: name.into(),
            stage: Stage::Prospect,
            ..ContactFields::default()
        };
        let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
        db.log_touch(&TouchInput {
            contact_id: id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::LeftVoicemail,
            notes: String::new(),
            hook: String::new(),
            objections: vec![],
            happened_at: None,
            next: NextStep::At {
                when: next.into(),
                channel: Channel::Call,
                prompt: String::new(),
            },
            promise: promise.map(str::to_owned),
        })
        .unwrap();
    }
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 21, 30, 0).unwrap()); // 16:30 New York
    let whole = db.today().unwrap();
    let page = db.today_page(1).unwrap();
    let parts = |t: &Today| {
        [
            t.promised.clone(),
            t.overdue.clone(),
            t.due_now.clone(),
            t.later_today.clone(),
            t.tomorrow.clone(),
        ]
    };
    let c = page.counts;
    let counts = [c.promised, c.overdue, c.due_now, c.later_today, c.tomorrow];
    assert_eq!(
        counts,
        [1, 2, 2, 2, 3],
        "promised, overdue, due now, later today, tomorrow"
    );
    for ((part, all), (first, count)) in TodayPart::ALL
        .into_iter()
        .zip(parts(&whole))
        .zip(parts(&page.parts).into_iter().zip(counts))
    {
        assert_eq!(count as usize, all.len(), "{part:?} counted");
        assert_eq!(first, all[..1], "{part:?}: the first page is the first row");
        assert_eq!(
            db.today_part(part, 1, 10).unwrap(),
            all[1..],
            "{part:?}: the next page is the rest"
        );
        assert_eq!(
            db.today_part(part, 2, 10).unwrap(),
            all[all.len().min(2)..],
            "{part:?}: from the third row"
        );
    }
    assert_eq!(
        db.due_count().unwrap(),
        c.promised + c.overdue + c.due_now,
        "the tray's count"
    );
}
