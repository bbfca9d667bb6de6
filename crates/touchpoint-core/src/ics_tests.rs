use std::sync::Arc;

use chrono::TimeZone;

use super::*;
use crate::clock::ManualClock;
use crate::contact::{ContactFields, Stage};
use crate::contacts::DuplicateCheck;
use crate::contacts::tests::saved;
use crate::settings::Settings;
use crate::touch::{Direction, NextStep, Outcome, TouchInput};

#[test]
fn an_independent_parser_reads_back_the_same_instants_and_uids() {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 6, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let fields = ContactFields {
        display_name: "Grace Hopper, PhD".into(),
        stage: Stage::Prospect,
        ..ContactFields::default()
    };
    let id = saved(db.add_contact(&fields, DuplicateCheck::Warn).unwrap()).id;
    // A promise across the March DST change in New York.
    db.log_touch(&TouchInput {
        contact_id: id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "Quote; renewal, part 2".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some("2026-03-09 10:00".into()),
    })
    .unwrap();
    let ics = db.export_ics().unwrap();
    let expected: Vec<(String, String)> = db
        .due_followups(db.now() + chrono::Duration::days(400), 100)
        .unwrap()
        .iter()
        .map(|i| {
            (
                format!("touchpoint-followup-{}@touchpoint.local", i.followup.id),
                stamp(i.followup.due_at),
            )
        })
        .collect();
    assert_eq!(expected.len(), 2, "the next step and the promise");

    let calendar = ical::IcalParser::new(ics.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    let mut parsed: Vec<(String, String)> = calendar
        .events
        .iter()
        .map(|e| {
            let prop = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap()
            };
            (prop("UID"), prop("DTSTART"))
        })
        .collect();
    parsed.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(parsed, expected, "same UIDs and instants");
    assert!(
        ics.contains("DTSTART:20260309T140000Z"),
        "10:00 EDT, after the change: {ics}"
    );
    let promise = calendar
        .events
        .iter()
        .find(|e| !e.alarms.is_empty())
        .expect("the promise has an alarm");
    let summary = promise
        .properties
        .iter()
        .find(|p| p.name == "SUMMARY")
        .and_then(|p| p.value.clone())
        .unwrap();
    assert_eq!(summary, "Call back Grace Hopper\\, PhD — promised");
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
}
