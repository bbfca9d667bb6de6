use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::stage::Stage;
use crate::test_support::saved;
use crate::time::TimeWindow;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A database in New York on `now`, with the user's defaults.
fn new_york(now: DateTime<Utc>) -> (Database, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(now));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    (db, clock)
}

fn contact(db: &mut Database, name: &str, best_times: Vec<TimeWindow>) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        stage: Stage::Prospect,
        best_times,
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

/// Logs a call whose next step is at `when` (local, the contact's zone),
/// with a promised callback too when `promise` is given; the follow-up id.
fn next_at(db: &mut Database, id: i64, when: &str, promise: Option<&str>) -> i64 {
    db.log_touch(&TouchInput {
        contact_id: id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: if promise.is_some() {
            Outcome::LeftVoicemail
        } else {
            Outcome::Connected
        },
        notes: String::new(),
        hook: String::new(),
        objections: vec![],
        happened_at: None,
        next: NextStep::At {
            when: when.into(),
            channel: Channel::Call,
            prompt: String::new(),
        },
        promise: promise.map(str::to_owned),
    })
    .unwrap()
    .next
    .unwrap()
    .id
}

fn names(day: &CalendarDay) -> Vec<&str> {
    day.items.iter().map(|i| i.contact_name.as_str()).collect()
}

#[test]
fn a_week_across_the_autumn_clock_change_holds_exactly_its_follow_ups() {
    // New York leaves DST on Sunday 2026-11-01: that week is 169 hours long.
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap());
    let cases = [
        ("Before", "2026-10-25 23:30"),
        ("First minute", "2026-10-26 00:00"),
        ("Midweek", "2026-10-28 14:00"),
        ("Last evening", "2026-11-01 23:30"),
        ("After", "2026-11-02 00:00"),
    ];
    for (name, when) in cases {
        let id = contact(&mut db, name, vec![]);
        next_at(&mut db, id, when, None);
    }
    let week = db
        .calendar(date("2026-10-26"), date("2026-11-02"), 100)
        .unwrap();
    assert_eq!(week.days.len(), 7);
    assert_eq!(week.days[0].day, date("2026-10-26"));
    let all: Vec<&str> = week.days.iter().flat_map(names).collect();
    assert_eq!(all, ["First minute", "Midweek", "Last evening"]);
    assert_eq!(names(&week.days[0]), ["First minute"]);
    assert_eq!(names(&week.days[2]), ["Midweek"]);
    assert_eq!(
        names(&week.days[6]),
        ["Last evening"],
        "23:30 EST on Sunday is 169 hours after Monday's midnight, still in the week"
    );
    assert_eq!(week.days[6].items[0].local_time, "23:30");
    assert_eq!(
        week.days[6].items[0].due_at,
        Utc.with_ymd_and_hms(2026, 11, 2, 4, 30, 0).unwrap()
    );
    let next = db
        .calendar(date("2026-11-02"), date("2026-11-09"), 100)
        .unwrap();
    assert_eq!(names(&next.days[0]), ["After"]);
}

#[test]
fn days_count_everything_but_list_at_most_per_day_and_promises_are_counted() {
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    for n in 0..5 {
        let id = contact(&mut db, &format!("Busy {n}"), vec![]);
        next_at(
            &mut db,
            id,
            &format!("2026-11-25 1{n}:00"),
            Some("2026-11-25 08:00"),
        );
    }
    let month = db
        .calendar(date("2026-11-23"), date("2026-12-07"), 3)
        .unwrap();
    let wednesday = &month.days[2];
    assert_eq!(wednesday.count, 10, "five next steps and five promises");
    assert_eq!(wednesday.promises, 5);
    assert_eq!(wednesday.items.len(), 3);
    assert!(
        wednesday
            .items
            .iter()
            .all(|i| i.kind == FollowUpKind::Promise),
        "the 08:00 promises come first by time"
    );
    assert!(month.days.iter().skip(3).all(|d| d.count == 0));
}

#[test]
fn overdue_follow_ups_leave_their_day_for_the_overdue_lane() {
    let (mut db, clock) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    let ada = contact(&mut db, "Ada", vec![]);
    next_at(&mut db, ada, "2026-11-24 10:00", Some("2026-11-24 09:00"));
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 14, 30, 0).unwrap()); // 09:30 New York
    let week = db
        .calendar(date("2026-11-23"), date("2026-11-30"), 100)
        .unwrap();
    assert_eq!(week.overdue_count, 1);
    assert_eq!(week.overdue[0].kind, FollowUpKind::Promise);
    assert_eq!(
        names(&week.days[1]),
        ["Ada"],
        "the 10:00 step is still ahead"
    );
    assert_eq!(week.days[1].items[0].kind, FollowUpKind::Custom);
}

#[test]
fn the_follow_up_hour_shows_on_its_weekday_in_the_users_zone() {
    let (db, _) = new_york(Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap());
    let two_weeks = db
        .calendar(date("2026-10-26"), date("2026-11-09"), 10)
        .unwrap();
    let blocks: Vec<(NaiveDate, DateTime<Utc>)> = two_weeks
        .followup_hours
        .iter()
        .map(|b| (b.day, b.start))
        .collect();
    assert_eq!(
        blocks,
        [
            (
                date("2026-10-30"),
                Utc.with_ymd_and_hms(2026, 10, 30, 13, 0, 0).unwrap()
            ),
            (
                date("2026-11-06"),
                Utc.with_ymd_and_hms(2026, 11, 6, 14, 0, 0).unwrap()
            ),
        ],
        "Fridays 09:00 New York, before and after the clock change"
    );
    assert_eq!(two_weeks.followup_hours[0].local_end, "10:00");
}

#[test]
fn a_range_must_be_one_to_six_weeks() {
    let (db, _) = new_york(Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap());
    for (from, to) in [("2026-11-02", "2026-11-02"), ("2026-11-01", "2026-12-14")] {
        let err = db.calendar(date(from), date(to), 10).unwrap_err();
        assert!(
            matches!(&err, CoreError::Invalid { field, .. } if field == "range"),
            "{err}"
        );
    }
}

#[test]
fn rescheduling_moves_the_due_instant_and_the_reminder() {
    let (mut db, clock) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    let ada = contact(&mut db, "Ada", vec![]);
    next_at(&mut db, ada, "2026-11-24 10:00", Some("2026-11-24 09:00"));
    let promise = db.contact_plan(ada).unwrap().promises[0].id;
    let thursday = Utc.with_ymd_and_hms(2026, 11, 26, 16, 0, 0).unwrap(); // 11:00 New York
    let moved = db.reschedule(promise, thursday, false).unwrap();
    let Reschedule::Moved { followup, .. } = moved else {
        panic!("a working-hours time needs no confirmation: {moved:?}");
    };
    assert_eq!(followup.due_at, thursday);
    assert_eq!(followup.local_due, "2026-11-26 11:00");
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 14, 30, 0).unwrap()); // 09:30, before the 10:00 step
    assert!(
        db.due_reminders().unwrap().is_empty(),
        "Tuesday's reminder went with the promise"
    );
    clock.set(thursday);
    let due = db.due_reminders().unwrap();
    assert!(
        due.iter().any(|r| r.notice.followup_id == Some(promise)),
        "{due:?}"
    );
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    let week = db
        .calendar(date("2026-11-23"), date("2026-11-30"), 10)
        .unwrap();
    assert_eq!(week.days[3].items[0].followup_id, promise);
}

#[test]
fn a_time_outside_their_best_time_asks_first_and_changes_nothing() {
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    let early = vec![TimeWindow {
        days: vec![],
        start: "07:30".into(),
        end: "09:00".into(),
    }];
    let grace = contact(&mut db, "Grace", early);
    let step = next_at(&mut db, grace, "2026-11-24 07:30", None);
    let afternoon = Utc.with_ymd_and_hms(2026, 11, 25, 19, 0, 0).unwrap(); // 14:00
    let asked = db.reschedule(step, afternoon, false).unwrap();
    let Reschedule::NeedsConfirmation { reason } = asked else {
        panic!("expected a question: {asked:?}");
    };
    assert!(reason.contains("07:30–09:00"), "{reason}");
    assert_eq!(
        db.contact_plan(grace).unwrap().next.unwrap().local_due,
        "2026-11-24 07:30",
        "nothing moved before the user confirmed"
    );
    let moved = db.reschedule(step, afternoon, true).unwrap();
    assert!(matches!(moved, Reschedule::Moved { .. }));
    assert_eq!(
        db.contact_plan(grace).unwrap().next.unwrap().local_due,
        "2026-11-25 14:00"
    );
    let saturday = Utc.with_ymd_and_hms(2026, 11, 28, 13, 0, 0).unwrap();
    let ada = contact(&mut db, "Ada", vec![]);
    let step = next_at(&mut db, ada, "2026-11-24 10:00", None);
    let asked = db.reschedule(step, saturday, false).unwrap();
    assert!(
        matches!(&asked, Reschedule::NeedsConfirmation { reason } if reason.contains("not a working day")),
        "{asked:?}"
    );
    let night = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap(); // 21:00
    let asked = db.reschedule(step, night, false).unwrap();
    assert!(
        matches!(&asked, Reschedule::NeedsConfirmation { reason } if reason.contains("working hours")),
        "{asked:?}"
    );
}

#[test]
fn a_past_time_or_a_done_follow_up_is_refused() {
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let ada = contact(&mut db, "Ada", vec![]);
    let step = next_at(&mut db, ada, "2026-11-24 10:00", None);
    let yesterday = Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap();
    let err = db.reschedule(step, yesterday, true).unwrap_err();
    assert!(err.to_string().contains("already passed"), "{err}");
    let later = next_at(&mut db, ada, "2026-11-26 10:00", None);
    assert_ne!(later, step, "logging closed the first step");
    let err = db
        .reschedule(
            step,
            Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap(),
            true,
        )
        .unwrap_err();
    assert!(err.to_string().contains("already done"), "{err}");
    assert!(matches!(
        db.reschedule(9999, yesterday, true),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn a_move_is_typed_as_a_wall_time_in_the_users_zone() {
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let ada = contact(&mut db, "Ada", vec![]);
    let step = next_at(&mut db, ada, "2026-11-24 10:00", None);
    let moved = db
        .reschedule_local(step, "2026-11-26 14:30", false)
        .unwrap();
    let Reschedule::Moved { followup, .. } = moved else {
        panic!("{moved:?}");
    };
    assert_eq!(
        followup.due_at,
        Utc.with_ymd_and_hms(2026, 11, 26, 19, 30, 0).unwrap()
    );
    let err = db.reschedule_local(step, "Thursday", false).unwrap_err();
    assert!(
        matches!(&err, CoreError::Invalid { field, .. } if field == "when"),
        "{err}"
    );
    assert_eq!(
        db.contact_plan(ada).unwrap().next.unwrap().local_due,
        "2026-11-26 14:30",
        "the bad input changed nothing"
    );
}

#[test]
fn a_move_typed_inside_the_spring_jump_says_where_it_was_set() {
    let (mut db, _) = new_york(Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let ada = contact(&mut db, "Ada", vec![]);
    let step = next_at(&mut db, ada, "2026-11-24 10:00", None);
    // New York jumps from 02:00 to 03:00 on Sunday 14 March 2027.
    let moved = db.reschedule_local(step, "2027-03-14 02:30", true).unwrap();
    let Reschedule::Moved { followup, moved } = moved else {
        panic!("{moved:?}");
    };
    assert_eq!(
        followup.due_at,
        Utc.with_ymd_and_hms(2027, 3, 14, 7, 0, 0).unwrap(),
        "03:00 EDT"
    );
    assert_eq!(
        moved.as_deref(),
        Some(
            "There is no 02:30 on Sun 14 Mar 2027 in America/New_York (clocks jump forward that night): moved to 03:00."
        )
    );
    let Reschedule::Moved { moved, .. } =
        db.reschedule_local(step, "2027-03-15 10:00", true).unwrap()
    else {
        panic!("moved");
    };
    assert_eq!(moved, None, "an ordinary time needs no word");
}
