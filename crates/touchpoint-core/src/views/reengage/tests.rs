use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{TimeZone, Weekday};

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::test_support::saved;
use crate::views::calendar::Reschedule;

/// Tuesday 2026-11-24, 10:00 in New York.
fn tuesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap()
}

fn db_at(now: DateTime<Utc>) -> Database {
    let clock = Arc::new(ManualClock::new(now));
    let mut db = Database::open_in_memory(clock as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    db
}

/// A contact last called `days_ago` (never when `None`), with the next
/// step in June, well after this week.
fn add(db: &mut Database, name: &str, stage: Stage, days_ago: Option<i64>) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        stage,
        ..ContactFields::default()
    };
    let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
    match days_ago {
        Some(days) => {
            db.log_touch(&TouchInput {
                contact_id: id,
                channel: Channel::Call,
                direction: Direction::Outbound,
                outcome: Outcome::Connected,
                notes: String::new(),
                hook: String::new(),
                objections: vec![],
                happened_at: Some(db.now() - Duration::days(days)),
                next: NextStep::At {
                    when: "2027-06-01 10:00".into(),
                    channel: Channel::Email,
                    prompt: String::new(),
                },
                promise: None,
            })
            .unwrap();
        }
        None => {
            let step = db.contact_plan(id).unwrap().next.unwrap();
            let june = Utc.with_ymd_and_hms(2027, 6, 1, 14, 0, 0).unwrap();
            let moved = db.reschedule(step.id, june, true).unwrap();
            assert!(matches!(moved, Reschedule::Moved { .. }));
        }
    }
    id
}

fn names(list: &ReengageList) -> Vec<&str> {
    list.items.iter().map(|i| i.contact_name.as_str()).collect()
}

#[test]
fn customers_silent_for_the_set_days_come_oldest_first() {
    let mut db = db_at(tuesday_morning());
    add(&mut db, "Recent", Stage::Customer, Some(10));
    add(&mut db, "Forty", Stage::Customer, Some(40));
    add(&mut db, "Ninety", Stage::PastCustomer, Some(90));
    add(&mut db, "Never", Stage::Customer, None);
    add(&mut db, "Prospect", Stage::Prospect, Some(100));
    add(&mut db, "Lost", Stage::Lost, Some(100));
    let due_this_week = add(&mut db, "Thursday", Stage::Customer, Some(70));
    let thursday = Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap();
    let step = db.contact_plan(due_this_week).unwrap().next.unwrap();
    db.reschedule(step.id, thursday, true).unwrap();

    let list = db.reengagement(50).unwrap();
    assert_eq!(list.after_days, 30);
    assert_eq!(names(&list), ["Never", "Ninety", "Forty"]);
    assert_eq!(list.total, 3);
    assert_eq!(list.items[0].days_since, None);
    assert_eq!(list.items[1].days_since, Some(90));
    assert_eq!(list.items[1].stage, Stage::PastCustomer);

    let first = db.reengagement(1).unwrap();
    assert_eq!((names(&first), first.total), (vec!["Never"], 3));

    db.update_settings(Settings {
        reengage_after_days: 60,
        ..db.settings().unwrap()
    })
    .unwrap();
    assert_eq!(names(&db.reengagement(50).unwrap()), ["Never", "Ninety"]);
}

#[test]
fn add_ten_spreads_calls_over_the_weeks_working_days_left() {
    let mut db = db_at(tuesday_morning());
    let ids: Vec<i64> = (0..12)
        .map(|n| {
            add(
                &mut db,
                &format!("Customer {n:02}"),
                Stage::Customer,
                Some(100 - n),
            )
        })
        .collect();

    let scheduled = db.schedule_reengagement(WEEKLY_BATCH).unwrap();
    assert_eq!(scheduled.len(), 10);
    let zone: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for f in &scheduled {
        assert_eq!(f.channel, Channel::Call);
        assert!(f.prompt.starts_with("It has been"), "{}", f.prompt);
        *per_day
            .entry(f.due_at.with_timezone(&zone).date_naive())
            .or_default() += 1;
    }
    let days: Vec<(Weekday, usize)> = per_day.iter().map(|(d, n)| (d.weekday(), *n)).collect();
    assert_eq!(
        days,
        [
            (Weekday::Tue, 3),
            (Weekday::Wed, 2),
            (Weekday::Thu, 3),
            (Weekday::Fri, 2)
        ],
        "Tuesday to Friday, two or three a day"
    );
    assert_eq!(
        scheduled[0].due_at,
        tuesday_morning(),
        "today's 09:00 has passed: due now"
    );
    assert_eq!(scheduled[3].local_due, "2026-11-25 09:00");
    assert_eq!(
        db.contact_plan(ids[0]).unwrap().next.unwrap().id,
        scheduled[0].id,
        "the oldest silence is called first, its next step brought forward"
    );

    let rest = db.reengagement(50).unwrap();
    assert_eq!(
        names(&rest),
        ["Customer 10", "Customer 11"],
        "the ten scheduled are no longer listed"
    );
    assert_eq!(db.schedule_reengagement(WEEKLY_BATCH).unwrap().len(), 2);
    assert!(db.schedule_reengagement(WEEKLY_BATCH).unwrap().is_empty());
}

#[test]
fn the_week_is_the_working_days_left_or_next_weeks() {
    let date = |s: &str| s.parse::<NaiveDate>().unwrap();
    let weekdays = |days: Vec<NaiveDate>| days.iter().map(Datelike::weekday).collect::<Vec<_>>();
    assert_eq!(
        weekdays(week_days(date("2026-11-27"), false)),
        [Weekday::Fri]
    );
    let saturday = week_days(date("2026-11-28"), false);
    assert_eq!(saturday[0], date("2026-11-30"), "next Monday");
    assert_eq!(saturday.len(), 5);
    assert_eq!(
        weekdays(week_days(date("2026-11-28"), true)),
        [Weekday::Sat, Weekday::Sun]
    );
    let ten_on_friday = spread(10, &week_days(date("2026-11-27"), false));
    assert!(ten_on_friday.iter().all(|d| *d == date("2026-11-27")));
}
