//! The contact page's plan agrees with itself and with what is stored: no
//! step before the first touch, none on a day off, no suggestion in the
//! past, and a card typed in by hand never waits behind an import.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

use crate::clock::{Clock, ManualClock};
use crate::contacts::{ContactFields, DuplicateCheck};
use crate::db::Database;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::test_support::saved;
use crate::{Channel, DuplicateAction, ParsedRecord, RecordPosition};

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

fn setup(cap: u32) -> (Database, Arc<ManualClock>) {
    // Monday 2026-11-23, 10:00 in New York.
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        first_touches_per_day: cap,
        ..Settings::default()
    })
    .unwrap();
    (db, clock)
}

fn import(db: &mut Database, names: &[&str]) {
    let records = names
        .iter()
        .zip(1..)
        .map(|(name, card)| {
            ParsedRecord::plain(
                RecordPosition::Card(card),
                Ok(ContactFields {
                    display_name: (*name).into(),
                    ..ContactFields::default()
                }),
            )
        })
        .collect();
    let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
    db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
}

fn id_of(db: &Database, name: &str) -> i64 {
    db.conn
        .query_row(
            "SELECT id FROM contacts WHERE display_name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

/// A card typed in by hand; its id.
fn by_hand(db: &mut Database, name: &str) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

fn next_day(db: &Database, id: i64) -> NaiveDate {
    let next = db.contact_plan(id).unwrap().next.unwrap();
    next.due_at.with_timezone(&NY).date_naive()
}

fn is_day_off(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn the_steps_after_a_staggered_first_touch_follow_it_on_working_days() {
    let (mut db, clock) = setup(1);
    import(&mut db, &["Ann", "Bea", "Cy", "Dee"]);
    let dee = id_of(&db, "Dee");
    // One first touch a day from Tuesday: Dee's is Friday 27th, three days
    // after the cadence's day 1.
    let first = next_day(&db, dee);
    assert_eq!(first, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    let plan = db.contact_plan(dee).unwrap();
    assert!(plan.upcoming.len() >= 4);
    for step in &plan.upcoming {
        assert!(step.due_on > first, "step {} before the first", step.number);
        assert!(
            !is_day_off(step.due_on),
            "step {} on a weekend",
            step.number
        );
    }
    // Step 2 is the cadence's day 3, two days after its first touch: Sunday
    // 29th, so Monday 30th.
    assert_eq!(plan.upcoming[0].number, 2);
    assert_eq!(plan.upcoming[0].due_on.to_string(), "2026-11-30");

    // What the page showed is what logging the first touch on its day plans.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 27, 16, 0, 0).unwrap());
    let logged = db
        .log_touch(&TouchInput {
            contact_id: dee,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::NoAnswer,
            notes: String::new(),
            hook: String::new(),
            objections: vec![],
            happened_at: None,
            next: NextStep::Cadence,
            promise: None,
        })
        .unwrap();
    let next = logged.next.unwrap();
    assert_eq!(next.step, Some(1));
    assert_eq!(
        next.due_at.with_timezone(&NY).date_naive(),
        plan.upcoming[0].due_on
    );
}

#[test]
fn a_card_typed_in_by_hand_does_not_queue_behind_an_import() {
    let (mut db, _) = setup(2);
    import(&mut db, &["Ann", "Bea", "Cy", "Dee", "Eve", "Flo"]);
    assert_eq!(next_day(&db, id_of(&db, "Flo")).to_string(), "2026-11-26");
    let fresh = by_hand(&mut db, "Gus Fresh");
    // The cadence's day 1, as for a card entered on an empty day.
    assert_eq!(next_day(&db, fresh).to_string(), "2026-11-24");
    // The import after it still keeps to the cap, counting the fresh lead.
    import(&mut db, &["Hal"]);
    assert_eq!(next_day(&db, id_of(&db, "Hal")).to_string(), "2026-11-27");
}

#[test]
fn a_card_entered_on_a_friday_has_its_steps_counted_from_monday() {
    let (mut db, clock) = setup(10);
    // Friday 2026-11-27, 15:00 in New York: day 1 is a Saturday.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap());
    let id = by_hand(&mut db, "Ada");
    let first = next_day(&db, id);
    assert_eq!(first.to_string(), "2026-11-30");
    let plan = db.contact_plan(id).unwrap();
    assert!(
        plan.upcoming
            .iter()
            .all(|s| s.due_on > first && !is_day_off(s.due_on))
    );
    // Day 3 from a first touch on Monday is Wednesday.
    assert_eq!(plan.upcoming[0].due_on.to_string(), "2026-12-02");
}

#[test]
fn the_suggested_next_step_is_never_in_the_past() {
    let (mut db, clock) = setup(10);
    let id = by_hand(&mut db, "Ada");
    // At every hour of a week, whatever the cadence says, what the log
    // form offers lies ahead of now.
    for hours in 0..24 * 7 {
        clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap() + Duration::hours(hours));
        let plan = db.contact_plan(id).unwrap();
        let suggestion = plan.suggestion.unwrap();
        let when = chrono::NaiveDateTime::parse_from_str(&suggestion.when, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_local_timezone(NY)
            .unwrap();
        assert!(
            when > db.now(),
            "{} offered at {}",
            suggestion.when,
            db.now()
        );
    }
}

#[test]
fn an_imported_pile_fills_each_working_day_up_to_the_cap_in_file_order() {
    let (mut db, _) = setup(2);
    let names: Vec<String> = (0..25).map(|i| format!("Card {i:02}")).collect();
    import(
        &mut db,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let days: Vec<NaiveDate> = names.iter().map(|n| next_day(&db, id_of(&db, n))).collect();
    let mut expected = Vec::new();
    let mut day = days[0];
    while expected.len() < days.len() {
        if !is_day_off(day) {
            expected.extend([day, day]);
        }
        day = day.succ_opt().unwrap();
    }
    expected.truncate(days.len());
    assert_eq!(
        days, expected,
        "two a working day, each filled before the next, none skipped"
    );
}

#[test]
fn the_due_list_read_a_page_at_a_time_is_the_whole_list_with_its_total() {
    let (mut db, clock) = setup(2);
    let names: Vec<String> = (0..25).map(|i| format!("Card {i:02}")).collect();
    import(
        &mut db,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    // A week later: the first days' steps are overdue, the rest still to come.
    clock.set(clock.now() + Duration::days(7));
    let until = clock.now() + Duration::days(30);
    let whole = db.due_followups(until, 100).unwrap();
    assert_eq!(whole.len(), 25);
    let pages: Vec<_> = [0, 10, 20]
        .into_iter()
        .map(|offset| db.due_page(until, offset, 10).unwrap())
        .collect();
    assert!(pages.iter().all(|p| p.total == 25));
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [10, 10, 5]
    );
    let paged: Vec<_> = pages.into_iter().flat_map(|p| p.items).collect();
    assert_eq!(paged, whole);
    let soon = clock.now();
    assert_eq!(
        db.due_page(soon, 0, 50).unwrap().total,
        u32::try_from(db.due_followups(soon, 50).unwrap().len()).unwrap()
    );
}
