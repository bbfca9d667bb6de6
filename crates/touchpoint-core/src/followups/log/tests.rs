use std::sync::Arc;

use chrono::{TimeZone, Timelike, Utc};

use super::*;
use crate::clock::{Clock, ManualClock};
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{FollowUp, Outcome};
use crate::settings::Settings;
use crate::test_support::{call, saved};
use crate::time::TimeWindow;
use crate::{Attention, ContactQuery};

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

fn setup() -> (Database, Arc<ManualClock>) {
    // Monday 2026-11-23, 10:00 in New York.
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        phone_region: "US".into(),
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
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

fn local(f: &FollowUp) -> String {
    f.due_at
        .with_timezone(&NY)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn a_new_prospect_is_enrolled_with_the_first_touch_the_next_working_day() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let plan = db.contact_plan(id).unwrap();
    let next = plan.next.expect("a new card has a next step");
    assert_eq!(local(&next), "2026-11-24 09:00");
    assert_eq!(next.step, Some(0));
    assert_eq!(plan.progress.next_touch, 1);
    assert_eq!(plan.progress.total, Some(12));
    assert_eq!(plan.progress.cadence.as_deref(), Some("New prospect"));
    assert_eq!(
        plan.upcoming.len(),
        5,
        "the steps after the next one are shown"
    );
}

#[test]
fn logging_a_call_schedules_the_next_cadence_step_and_counts_the_touch() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let result = db
        .log_touch(&call(id, Outcome::NoAnswer, NextStep::Cadence))
        .unwrap();
    let next = result.next.expect("each contact leads to the next");
    assert_eq!(next.step, Some(1));
    assert_eq!(
        local(&next),
        "2026-11-26 09:00",
        "anchored: day 3 after enrolment"
    );
    assert_eq!(
        (
            result.progress.touches,
            result.progress.next_touch,
            result.progress.total
        ),
        (1, 2, Some(12))
    );
    let plan = db.contact_plan(id).unwrap();
    assert_eq!(plan.touches.len(), 1);
    assert_eq!(plan.touches[0].hook, "Call Thursday after 4");
}

#[test]
fn a_contact_far_behind_an_anchored_cadence_gets_the_next_step_at_the_next_time_ahead() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    // Six weeks later the first touch is finally made: step 2 (day 3) is long past.
    clock.advance(Duration::weeks(6));
    let suggested = db.contact_plan(id).unwrap().suggestion.unwrap();
    let next = db
        .log_touch(&call(id, Outcome::NoAnswer, NextStep::Cadence))
        .unwrap()
        .next
        .unwrap();
    assert_eq!(next.step, Some(1));
    assert_eq!(
        local(&next),
        suggested.when,
        "what the form offered is what is stored"
    );
    // Monday 2027-01-04 10:00: today's 09:00 is gone, so the next working
    // day's; neither six weeks ago nor an hour ago.
    assert_eq!(local(&next), "2027-01-05 09:00");
    assert!(next.due_at > db.now());
}

#[test]
fn an_inbound_call_does_not_move_an_anchored_schedule() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    db.log_touch(&call(id, Outcome::NoAnswer, NextStep::Cadence))
        .unwrap();
    let before = db.contact_plan(id).unwrap().next.unwrap();
    clock.advance(Duration::days(1));
    let mut inbound = call(id, Outcome::Connected, NextStep::Cadence);
    inbound.direction = Direction::Inbound;
    let after = db.log_touch(&inbound).unwrap().next.unwrap();
    assert_eq!(after.due_at, before.due_at, "the clock did not restart");
    assert_eq!(after.step, before.step);
}

#[test]
fn a_rolling_schedule_moves_to_the_last_touch_plus_the_interval() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Olu", Stage::PastCustomer);
    clock.advance(Duration::days(10));
    let result = db
        .log_touch(&call(id, Outcome::Connected, NextStep::Cadence))
        .unwrap();
    let next = result.next.unwrap();
    assert_eq!(
        local(&next),
        "2027-01-04 09:00",
        "Dec 3 + 30 days, a Saturday, moves to Monday"
    );
}

#[test]
fn a_custom_next_step_is_kept_at_the_local_time_chosen() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let next = NextStep::At {
        when: "2026-11-26 16:15".into(),
        channel: Channel::Call,
        prompt: "As agreed: after 4".into(),
    };
    let result = db.log_touch(&call(id, Outcome::Connected, next)).unwrap();
    let f = result.next.unwrap();
    assert_eq!(f.kind, FollowUpKind::Custom);
    assert_eq!(local(&f), "2026-11-26 16:15");
    assert_eq!(f.local_due, "2026-11-26 16:15");
}

#[test]
fn bad_log_input_is_refused_and_nothing_is_written() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let before = db.contact_plan(id).unwrap();
    let cases: Vec<(TouchInput, &str)> = vec![
        (
            call(
                id,
                Outcome::NoAnswer,
                NextStep::At {
                    when: "2026-11-20 09:00".into(),
                    channel: Channel::Call,
                    prompt: String::new(),
                },
            ),
            "next",
        ),
        (
            call(
                id,
                Outcome::NoAnswer,
                NextStep::At {
                    when: "next thursday".into(),
                    channel: Channel::Call,
                    prompt: String::new(),
                },
            ),
            "next",
        ),
        (
            TouchInput {
                happened_at: Some(db.now() + Duration::days(2)),
                ..call(id, Outcome::NoAnswer, NextStep::Cadence)
            },
            "happenedAt",
        ),
        (
            TouchInput {
                hook: "x".repeat(600),
                ..call(id, Outcome::NoAnswer, NextStep::Cadence)
            },
            "hook",
        ),
    ];
    for (input, field) in cases {
        let err = db.log_touch(&input).unwrap_err();
        assert!(
            matches!(err, CoreError::Invalid { field: ref f, .. } if f == field),
            "{field}: {err:?}"
        );
    }
    assert!(matches!(
        db.log_touch(&call(999, Outcome::NoAnswer, NextStep::Cadence)),
        Err(CoreError::NotFound {
            what: "contact",
            id: 999
        })
    ));
    assert_eq!(db.contact_plan(id).unwrap(), before, "nothing changed");
}

#[test]
fn winning_moves_to_the_quarterly_customer_cadence() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let result = db
        .log_touch(&call(
            id,
            Outcome::Won,
            NextStep::Close {
                reason: CloseReason::Won,
            },
        ))
        .unwrap();
    assert_eq!(db.contact(id).unwrap().fields.stage, Stage::Customer);
    assert_eq!(
        result.progress.cadence.as_deref(),
        Some("Customer — quarterly check-in")
    );
    assert_eq!(local(&result.next.unwrap()), "2027-02-23 09:00");
}

#[test]
fn not_interested_moves_to_nurture_and_do_not_contact_ends_every_reminder() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let result = db
        .log_touch(&call(
            id,
            Outcome::NotInterested,
            NextStep::Close {
                reason: CloseReason::NotInterested,
            },
        ))
        .unwrap();
    assert_eq!(db.contact(id).unwrap().fields.stage, Stage::Lost);
    assert_eq!(
        result.progress.cadence.as_deref(),
        Some("Nurture — every 6 weeks")
    );

    let result = db
        .log_touch(&call(
            id,
            Outcome::Other,
            NextStep::Close {
                reason: CloseReason::DoNotContact,
            },
        ))
        .unwrap();
    assert_eq!(result.next, None, "explicitly closed: no next step");
    let err = db
        .log_touch(&call(id, Outcome::Other, NextStep::Cadence))
        .unwrap_err();
    assert!(
        err.to_string().contains("asked not to be contacted"),
        "{err}"
    );
}

#[test]
fn a_prospect_touched_twice_with_nothing_scheduled_is_on_the_gave_up_list() {
    let (mut db, _) = setup();
    let ada = add(&mut db, "Ada", Stage::Prospect);
    let grace = add(&mut db, "Grace", Stage::Prospect);
    for id in [ada, grace] {
        db.log_touch(&call(id, Outcome::NoAnswer, NextStep::Cadence))
            .unwrap();
    }
    // The user cancels Ada's next step by hand (e.g. the cadence was edited away).
    db.conn
        .execute(
            "UPDATE followups SET status = 'cancelled' WHERE contact_id = ?1",
            [ada],
        )
        .unwrap();
    let list = |attention| {
        db.list_contacts(&ContactQuery {
            attention: Some(attention),
            ..ContactQuery::default()
        })
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect::<Vec<_>>()
    };
    assert_eq!(list(Attention::GaveUpEarly), ["Ada"]);
    assert_eq!(list(Attention::NoNextStep), ["Ada"]);
}

#[test]
fn a_pile_of_imported_cards_never_puts_more_first_touches_on_a_day_than_the_cap() {
    let (mut db, _) = setup();
    let mut settings = db.settings().unwrap();
    settings.first_touches_per_day = 4;
    db.update_settings(settings).unwrap();
    let records = (0..11)
        .map(|i| crate::ParsedRecord {
            position: crate::RecordPosition::Card(i + 1),
            result: Ok(ContactFields {
                display_name: format!("Card {i}"),
                ..ContactFields::default()
            }),
            warnings: Vec::new(),
        })
        .collect();
    let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
    db.commit_import(
        &preview,
        crate::DuplicateAction::Skip,
        &std::collections::HashMap::new(),
    )
    .unwrap();
    let days: Vec<String> = db
        .due_followups(db.now() + Duration::days(30), 100)
        .unwrap()
        .iter()
        .map(|d| d.followup.local_due[..10].to_owned())
        .collect();
    assert_eq!(days.iter().filter(|d| *d == "2026-11-24").count(), 4);
    assert_eq!(days.iter().filter(|d| *d == "2026-11-25").count(), 4);
    assert_eq!(days.iter().filter(|d| *d == "2026-11-26").count(), 3);
}

#[test]
fn changing_the_contacts_zone_keeps_the_local_time_of_the_next_step() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    let mut fields = db.contact(id).unwrap().fields;
    fields.time_zone = "Europe/Berlin".into();
    fields.best_times = vec![TimeWindow {
        days: vec![],
        start: "07:30".into(),
        end: "09:00".into(),
    }];
    db.update_contact(id, &fields).unwrap();
    let next = db.contact_plan(id).unwrap().next.unwrap();
    let berlin = next.due_at.with_timezone(&chrono_tz::Europe::Berlin);
    assert_eq!(
        (berlin.hour(), berlin.minute()),
        (7, 30),
        "their best time, in their zone"
    );
    assert_eq!(next.time_zone, "Europe/Berlin");
}

#[test]
fn due_follow_ups_list_what_is_due_with_the_last_hook() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    assert!(
        db.due_followups(db.now(), 10).unwrap().is_empty(),
        "nothing due yet"
    );
    db.log_touch(&call(id, Outcome::NoAnswer, NextStep::Cadence))
        .unwrap();
    clock.advance(Duration::days(5));
    let due = db.due_followups(db.now(), 10).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].contact_name, "Ada");
    assert_eq!(due[0].hook, "Call Thursday after 4");
    assert_eq!(due[0].progress.next_touch, 2);
}

#[test]
fn merging_moves_the_touches_of_the_absorbed_contact() {
    let (mut db, _) = setup();
    let keep = add(&mut db, "Ada", Stage::Prospect);
    let other = add(&mut db, "Ada L.", Stage::Prospect);
    db.log_touch(&call(other, Outcome::NoAnswer, NextStep::Cadence))
        .unwrap();
    db.merge_contacts(keep, other).unwrap();
    let plan = db.contact_plan(keep).unwrap();
    assert_eq!(plan.touches.len(), 1, "the touch followed the merge");
    assert!(
        plan.next.is_some(),
        "the kept contact still has its next step"
    );
}

#[test]
fn switching_to_a_rolling_customer_cadence_replans_and_keeps_history() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    db.log_touch(&call(id, Outcome::Connected, NextStep::Cadence))
        .unwrap();
    let quarterly = db
        .cadences()
        .unwrap()
        .into_iter()
        .find(|c| c.seeded_key.as_deref() == Some("customer_quarterly"))
        .unwrap();
    let plan = db
        .enrol_contact(id, quarterly.id, ScheduleKind::Rolling)
        .unwrap();
    assert_eq!(plan.cadence_id, Some(quarterly.id));
    assert_eq!(plan.progress.schedule, Some(ScheduleKind::Rolling));
    assert_eq!(plan.touches.len(), 1, "the history stays");
    assert_eq!(local(&plan.next.unwrap()), "2027-02-23 09:00");
    let retired = db.retire_cadence(quarterly.id).unwrap();
    assert!(
        db.enrol_contact(id, retired.id, ScheduleKind::Anchored)
            .is_err(),
        "a retired cadence takes no one new"
    );
}

#[test]
fn templates_can_be_created_copied_and_are_checked() {
    let (mut db, _) = setup();
    let bad = crate::CadenceInput {
        name: "Out of order".into(),
        plan: crate::CadencePlan::Steps {
            steps: vec![
                crate::CadenceStep {
                    day: 5,
                    channel: Channel::Call,
                    prompt: String::new(),
                },
                crate::CadenceStep {
                    day: 2,
                    channel: Channel::Email,
                    prompt: String::new(),
                },
            ],
        },
    };
    let err = db.create_cadence(&bad).unwrap_err();
    assert!(
        matches!(err, CoreError::Invalid { field: ref f, .. } if f == "steps[1]"),
        "{err:?}"
    );
    let seeded = db.cadences().unwrap();
    assert_eq!(seeded.len(), 4, "four seeded templates");
    let copy = db.copy_cadence(seeded[0].id).unwrap();
    assert_eq!(copy.name, "New prospect (copy)");
    assert_eq!(copy.plan, seeded[0].plan);
    assert_eq!(copy.seeded_key, None);
}

#[test]
fn a_stored_time_or_objection_that_cannot_be_read_is_a_damaged_file_not_1970() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    db.log_touch(&call(id, Outcome::Connected, NextStep::Cadence))
        .unwrap();
    let damaged = |db: &Database, what: &str| {
        let err = db.contact_plan(id).unwrap_err();
        assert!(
            matches!(&err, CoreError::Corrupt(m) if m.contains(what)),
            "got {err:?}"
        );
    };
    db.conn
        .execute("UPDATE touches SET happened_at = ?1", [i64::MAX])
        .unwrap();
    damaged(&db, "is not an instant");
    db.conn
        .execute(
            "UPDATE touches SET happened_at = 0, objections = '{nope'",
            [],
        )
        .unwrap();
    damaged(&db, "unreadable");
}

#[test]
fn a_touch_logged_for_an_earlier_time_than_the_last_one_is_stored_and_returned() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    db.log_touch(&call(id, Outcome::Connected, NextStep::Cadence))
        .unwrap();
    let mut earlier = call(id, Outcome::LeftVoicemail, NextStep::Cadence);
    let an_hour_ago = clock.now() - chrono::Duration::hours(1);
    earlier.happened_at = Some(an_hour_ago);
    let logged = db.log_touch(&earlier).unwrap();
    assert_eq!(logged.touch.outcome, Outcome::LeftVoicemail);
    assert_eq!(db.contact_plan(id).unwrap().progress.touches, 2);
}

#[test]
fn the_plan_says_the_contacts_own_date_for_what_is_said_to_them() {
    let (mut db, clock) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    // Friday 2026-11-27, 23:30 in New York: already Saturday in UTC.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 28, 4, 30, 0).unwrap());
    let plan = db.contact_plan(id).unwrap();
    assert_eq!(plan.their_today, "2026-11-27");
    assert!(
        plan.promise_default.starts_with("2026-11-30"),
        "the next working day is Monday: {}",
        plan.promise_default
    );
}

#[test]
fn a_time_typed_inside_the_spring_jump_is_set_after_it_and_the_result_says_so() {
    let (mut db, _) = setup();
    let id = add(&mut db, "Ada", Stage::Prospect);
    // New York jumps from 02:00 to 03:00 on Sunday 14 March 2027.
    let result = db
        .log_touch(&TouchInput {
            promise: Some("2027-03-14 02:30".into()),
            ..call(
                id,
                Outcome::LeftVoicemail,
                NextStep::At {
                    when: "2027-03-14 02:15".into(),
                    channel: Channel::Call,
                    prompt: String::new(),
                },
            )
        })
        .unwrap();
    assert_eq!(local(result.next.as_ref().unwrap()), "2027-03-14 03:00");
    assert_eq!(
        result.moved,
        [
            "There is no 02:15 on Sun 14 Mar 2027 in America/New_York (clocks jump forward that night): the next step is set for 03:00.",
            "There is no 02:30 on Sun 14 Mar 2027 in America/New_York (clocks jump forward that night): the promised callback is set for 03:00.",
        ]
    );
    let ordinary = db
        .log_touch(&call(
            id,
            Outcome::NoAnswer,
            NextStep::At {
                when: "2027-03-14 09:00".into(),
                channel: Channel::Call,
                prompt: String::new(),
            },
        ))
        .unwrap();
    assert!(ordinary.moved.is_empty(), "{:?}", ordinary.moved);
}
