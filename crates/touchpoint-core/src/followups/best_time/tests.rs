use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::channel::Channel;
use crate::clock::{Clock, ManualClock};
use crate::contacts::{ContactFields, DuplicateCheck};
use crate::db::Database;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::test_support::saved;

fn db(zone: &str) -> (Database, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 9, 1, 12, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: zone.into(),
        ..Settings::default()
    })
    .unwrap();
    (db, clock)
}

fn contact(db: &mut Database, name: &str, zone: &str) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        time_zone: zone.into(),
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

/// A call logged at `local` ("YYYY-MM-DD HH:MM") in `zone`.
fn call(db: &mut Database, id: i64, zone: &str, local: &str, channel: Channel, outcome: Outcome) {
    let zone: Tz = zone.parse().unwrap();
    let at = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_local_timezone(zone)
        .unwrap()
        .with_timezone(&Utc);
    db.log_touch(&TouchInput {
        contact_id: id,
        channel,
        direction: Direction::Outbound,
        outcome,
        notes: String::new(),
        hook: String::new(),
        objections: vec![],
        happened_at: Some(at),
        next: NextStep::Cadence,
        promise: None,
    })
    .unwrap();
}

use Outcome::{Connected, LeftVoicemail, NoAnswer};

#[test]
fn a_contact_who_answers_early_is_suggested_early_and_told_why() {
    let (mut db, _) = db("America/New_York");
    // Grace is in Berlin: her calls count in her hours, not the user's.
    let grace = contact(&mut db, "Grace", "Europe/Berlin");
    for (at, outcome) in [
        ("2026-08-03 07:40", Connected),
        ("2026-08-04 07:50", Connected),
        ("2026-08-05 07:30", LeftVoicemail),
        ("2026-08-06 07:45", Connected),
        ("2026-08-07 07:55", Connected),
        ("2026-08-10 10:00", NoAnswer),
        ("2026-08-11 10:30", NoAnswer),
        ("2026-08-12 11:00", LeftVoicemail),
        ("2026-08-13 11:30", Connected),
    ] {
        call(&mut db, grace, "Europe/Berlin", at, Channel::Call, outcome);
    }
    let plan = db.contact_plan(grace).unwrap();
    let learned = plan.learned_time.expect("enough evidence");
    assert_eq!(learned.from, LearnedFrom::ThisContact);
    assert_eq!(learned.band.label, "before 08:00");
    assert_eq!(
        learned.count,
        AnswerCount {
            calls: 5,
            answered: 4
        }
    );
    assert_eq!(learned.why, "answered 4 of 5 calls before 08:00");
    // Answered at 07:40, 07:45, 07:50, 07:55: the middle one up, 07:50, to
    // the quarter hour.
    assert_eq!(learned.suggested, "07:45");
    // The scheduler puts her next step at that time, in her zone.
    let next = plan.next.expect("a next step");
    assert_eq!(&next.local_due[11..], "07:45", "{next:?}");
}

#[test]
fn too_few_calls_or_too_few_answered_suggest_nothing() {
    let (mut db, _) = db("UTC");
    let ada = contact(&mut db, "Ada", "UTC");
    for at in ["2026-08-03 08:10", "2026-08-04 08:20", "2026-08-05 08:30"] {
        call(&mut db, ada, "UTC", at, Channel::Call, Connected);
    }
    assert_eq!(db.contact_plan(ada).unwrap().learned_time, None, "3 calls");
    call(
        &mut db,
        ada,
        "UTC",
        "2026-08-06 08:40",
        Channel::Call,
        NoAnswer,
    );
    let learned = db.contact_plan(ada).unwrap().learned_time.unwrap();
    assert_eq!(learned.why, "answered 3 of 4 calls 08:00–10:00", "75%");

    let hedy = contact(&mut db, "Hedy", "UTC");
    for (at, outcome) in [
        ("2026-08-03 14:10", Connected),
        ("2026-08-04 14:20", NoAnswer),
        ("2026-08-05 14:30", LeftVoicemail),
        ("2026-08-06 14:40", Connected),
        ("2026-08-07 14:50", NoAnswer),
    ] {
        call(&mut db, hedy, "UTC", at, Channel::Call, outcome);
    }
    let plan = db.contact_plan(hedy).unwrap();
    assert_eq!(plan.learned_time, None, "2 of 5 is no pattern");
    let next = plan.next.unwrap();
    assert_eq!(&next.local_due[11..], "09:00", "the default call time");
}

#[test]
fn stated_best_times_beat_what_was_learned() {
    let (mut db, _) = db("UTC");
    let fields = ContactFields {
        display_name: "Katherine".into(),
        time_zone: "UTC".into(),
        best_times: vec![crate::time::TimeWindow {
            days: vec![],
            start: "16:00".into(),
            end: "17:00".into(),
        }],
        ..ContactFields::default()
    };
    let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
    for at in [
        "2026-08-03 08:10",
        "2026-08-04 08:20",
        "2026-08-05 08:30",
        "2026-08-06 08:40",
    ] {
        call(&mut db, id, "UTC", at, Channel::Call, Connected);
    }
    let plan = db.contact_plan(id).unwrap();
    assert!(plan.learned_time.is_some(), "still shown");
    assert_eq!(
        &plan.next.unwrap().local_due[11..],
        "16:00",
        "what she asked for"
    );
}

#[test]
fn emails_inbound_calls_and_other_outcomes_do_not_count() {
    let (mut db, _) = db("UTC");
    let id = contact(&mut db, "Radia", "UTC");
    for at in [
        "2026-08-03 08:10",
        "2026-08-04 08:20",
        "2026-08-05 08:30",
        "2026-08-06 08:40",
    ] {
        call(&mut db, id, "UTC", at, Channel::Email, Connected);
        call(&mut db, id, "UTC", at, Channel::Call, Outcome::Other);
    }
    db.log_touch(&TouchInput {
        contact_id: id,
        channel: Channel::Call,
        direction: Direction::Inbound,
        outcome: Connected,
        notes: String::new(),
        hook: String::new(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: None,
    })
    .unwrap();
    assert_eq!(db.contact_plan(id).unwrap().learned_time, None);
    assert_eq!(db.answer_rates().unwrap().total.calls, 0);
}

#[test]
fn all_contacts_rates_fill_the_grid_in_each_contacts_zone_and_name_a_clear_best() {
    let (mut db, _) = db("America/New_York");
    let tokyo = contact(&mut db, "Tokyo", "Asia/Tokyo");
    let berlin = contact(&mut db, "Berlin", "Europe/Berlin");
    // 2026-08-03 is a Monday. Tokyo: 20 calls 16:00–18:00, 15 answered;
    // Berlin: 20 calls 10:00–12:00, 6 answered.
    for n in 0..20u32 {
        let day = 3 + (n % 5);
        let tokyo_at = format!("2026-08-{day:02} 16:{:02}", n * 2);
        let outcome = if n < 15 { Connected } else { NoAnswer };
        call(
            &mut db,
            tokyo,
            "Asia/Tokyo",
            &tokyo_at,
            Channel::Call,
            outcome,
        );
        let berlin_at = format!("2026-08-{day:02} 10:{:02}", n * 2);
        let outcome = if n < 6 { Connected } else { LeftVoicemail };
        call(
            &mut db,
            berlin,
            "Europe/Berlin",
            &berlin_at,
            Channel::Voicemail,
            outcome,
        );
    }
    let rates = db.answer_rates().unwrap();
    assert_eq!(
        rates.total,
        AnswerCount {
            calls: 40,
            answered: 21
        }
    );
    let band = |label: &str| rates.bands.iter().position(|b| b.label == label).unwrap();
    assert_eq!(
        rates.by_band[band("16:00–18:00")],
        AnswerCount {
            calls: 20,
            answered: 15
        }
    );
    assert_eq!(
        rates.by_band[band("10:00–12:00")],
        AnswerCount {
            calls: 20,
            answered: 6
        }
    );
    // Monday (n = 0, 5, 10, 15): Tokyo answered 3 of 4.
    assert_eq!(
        rates.grid[0][band("16:00–18:00")],
        AnswerCount {
            calls: 4,
            answered: 3
        }
    );
    let grid_total: u32 = rates.grid.iter().flatten().map(|c| c.calls).sum();
    assert_eq!(grid_total, 40, "every call in one cell");
    let best = rates.best.expect("75% against 30%");
    assert_eq!(best.from, LearnedFrom::AllContacts);
    assert_eq!(
        best.why,
        "your contacts answered 15 of 20 calls 16:00–18:00"
    );
}

#[test]
fn all_contacts_need_twenty_calls_and_a_clear_lead() {
    let (mut db, clock) = db("UTC");
    let id = contact(&mut db, "Mary", "UTC");
    for n in 0..19u32 {
        let outcome = if n % 2 == 0 { Connected } else { NoAnswer };
        call(
            &mut db,
            id,
            "UTC",
            &format!("2026-08-03 09:{n:02}"),
            Channel::Call,
            outcome,
        );
        call(
            &mut db,
            id,
            "UTC",
            &format!("2026-08-03 15:{n:02}"),
            Channel::Call,
            NoAnswer,
        );
    }
    assert_eq!(db.answer_rates().unwrap().best, None, "19 calls");
    call(
        &mut db,
        id,
        "UTC",
        "2026-08-03 09:30",
        Channel::Call,
        NoAnswer,
    );
    let best = db.answer_rates().unwrap().best.unwrap();
    assert_eq!(
        best.why,
        "your contacts answered 10 of 20 calls 08:00–10:00"
    );
    // Answered as often at every hour: no lead, no suggestion.
    clock.advance(Duration::days(1));
    for n in 0..20u32 {
        call(
            &mut db,
            id,
            "UTC",
            &format!("2026-08-04 15:{:02}", 20 + n),
            Channel::Call,
            Connected,
        );
    }
    assert_eq!(db.answer_rates().unwrap().best, None, "50% against 50%");
}

#[test]
fn the_suggested_time_stays_inside_its_band() {
    let calls: Vec<Call> = [7 * 60 + 59, 7 * 60 + 58, 7 * 60 + 57]
        .into_iter()
        .map(|minute| Call {
            day: 0,
            minute,
            answered: true,
        })
        .collect();
    assert_eq!(suggested(&calls, 0), "07:45", "08:00 would be outside");
    let late = [Call {
        day: 0,
        minute: 23 * 60 + 55,
        answered: true,
    }];
    assert_eq!(suggested(&late, 6), "23:45");
}
