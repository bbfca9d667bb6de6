use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{FixedOffset, NaiveDateTime, TimeZone};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;

use super::*;
use crate::clock::ManualClock;
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::saved;

fn parse(ics: &str) -> IcalCalendar {
    ical::IcalParser::new(ics.as_bytes())
        .next()
        .expect("one calendar")
        .expect("a valid calendar")
}

fn prop<'a>(properties: &'a [Property], name: &str) -> &'a str {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name} in {properties:?}"))
}

fn tzid(event: &IcalEvent) -> Option<&str> {
    let start = event.properties.iter().find(|p| p.name == "DTSTART")?;
    start
        .params
        .iter()
        .flatten()
        .find(|(name, _)| name == "TZID")
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// "+0900", "-0500" or "+053328".
fn offset(text: &str) -> FixedOffset {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digit_pairs: Vec<i32> = text.as_bytes()[1..]
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).unwrap().parse().unwrap())
        .collect();
    let seconds = match digit_pairs[..] {
        [h, m] => h * 3600 + m * 60,
        [h, m, s] => h * 3600 + m * 60 + s,
        _ => panic!("bad UTC offset {text}"),
    };
    FixedOffset::east_opt(sign * seconds).unwrap()
}

/// An event's start as a calendar would read it: a UTC value as is, a local
/// one through the observances its VTIMEZONE declares (the last whose onset
/// is not after the instant; the earlier instant if the local time repeats).
/// Returns the instant and the offset it was read with.
fn start_of(calendar: &IcalCalendar, event: &IcalEvent) -> (DateTime<Utc>, FixedOffset) {
    let value = prop(&event.properties, "DTSTART");
    let Some(zone_id) = tzid(event) else {
        let utc = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%SZ").unwrap();
        return (
            Utc.from_utc_datetime(&utc),
            FixedOffset::east_opt(0).unwrap(),
        );
    };
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap();
    let zone = calendar
        .timezones
        .iter()
        .find(|z| prop(&z.properties, "TZID") == zone_id)
        .unwrap_or_else(|| panic!("no VTIMEZONE for {zone_id}"));
    let observances: Vec<(DateTime<Utc>, FixedOffset)> = zone
        .transitions
        .iter()
        .map(|t| {
            let onset =
                NaiveDateTime::parse_from_str(prop(&t.properties, "DTSTART"), "%Y%m%dT%H%M%S")
                    .unwrap();
            let from = offset(prop(&t.properties, "TZOFFSETFROM"));
            let onset = from
                .from_local_datetime(&onset)
                .unwrap()
                .with_timezone(&Utc);
            (onset, offset(prop(&t.properties, "TZOFFSETTO")))
        })
        .collect();
    let in_effect = |t: DateTime<Utc>| {
        observances
            .iter()
            .filter(|(onset, _)| *onset <= t)
            .max_by_key(|(onset, _)| *onset)
            .map(|(_, to)| *to)
    };
    observances
        .iter()
        .map(|(_, to)| {
            let t = to.from_local_datetime(&local).unwrap().with_timezone(&Utc);
            (t, *to)
        })
        .filter(|(t, to)| in_effect(*t) == Some(*to))
        .min_by_key(|(t, _)| *t)
        .unwrap_or_else(|| panic!("{value} does not exist in {zone_id}"))
}

fn uid(event: &IcalEvent) -> String {
    prop(&event.properties, "UID").to_owned()
}

fn contact_in(db: &mut Database, name: &str, zone: &str) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        stage: Stage::Prospect,
        time_zone: zone.into(),
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::Warn).unwrap()).id
}

/// A voicemail left now, with the next step and (optionally) a promised
/// callback at local times in the contact's zone.
fn voicemail(db: &mut Database, contact_id: i64, next: &str, promise: Option<&str>) {
    db.log_touch(&TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "Asked about the renewal".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::At {
            when: next.into(),
            channel: Channel::Email,
            prompt: "Send the quote".into(),
        },
        promise: promise.map(Into::into),
    })
    .unwrap();
}

/// New York and Tokyo contacts with follow-ups either side of New York's
/// return to standard time on 2026-11-01.
fn across_the_november_change() -> Database {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let ada = contact_in(&mut db, "Ada Lovelace", "America/New_York");
    voicemail(&mut db, ada, "2026-10-30 10:00", Some("2026-11-03 10:00"));
    let hayao = contact_in(&mut db, "Hayao Miyazaki", "Asia/Tokyo");
    voicemail(&mut db, hayao, "2026-11-02 09:00", None);
    db
}

fn open_followups(db: &Database) -> Vec<FollowUp> {
    db.due_followups(db.now() + chrono::Duration::days(400), 100)
        .unwrap()
        .into_iter()
        .map(|i| i.followup)
        .collect()
}

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
    let mut expected: Vec<(String, DateTime<Utc>)> = open_followups(&db)
        .iter()
        .map(|f| {
            (
                format!("touchpoint-followup-{}@touchpoint.local", f.id),
                f.due_at,
            )
        })
        .collect();
    assert_eq!(expected.len(), 2, "the next step and the promise");

    let calendar = parse(&ics);
    let mut parsed: Vec<(String, DateTime<Utc>)> = calendar
        .events
        .iter()
        .map(|e| (uid(e), start_of(&calendar, e).0))
        .collect();
    parsed.sort();
    expected.sort();
    assert_eq!(parsed, expected, "same UIDs and instants");
    assert!(
        ics.contains("DTSTART;TZID=America/New_York:20260309T100000\r\n"),
        "10:00 in New York, after the change: {ics}"
    );
    let promise = calendar
        .events
        .iter()
        .find(|e| !e.alarms.is_empty())
        .expect("the promise has an alarm");
    assert_eq!(
        prop(&promise.properties, "SUMMARY"),
        "Call back Grace Hopper\\, PhD — promised"
    );
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
}

#[test]
fn starts_carry_the_contacts_zone_and_its_vtimezone_gives_back_the_instant() {
    let db = across_the_november_change();
    let ics = db.export_ics().unwrap();
    let calendar = parse(&ics);
    let followups = open_followups(&db);
    assert_eq!(followups.len(), 3, "two next steps and a promise");
    assert_eq!(calendar.events.len(), followups.len());

    let mut readings = Vec::new();
    for f in &followups {
        let event = calendar
            .events
            .iter()
            .find(|e| uid(e) == format!("touchpoint-followup-{}@touchpoint.local", f.id))
            .unwrap_or_else(|| panic!("no event for {f:?}"));
        assert_eq!(tzid(event), Some(f.time_zone.as_str()), "{f:?}");
        let zone: Tz = f.time_zone.parse().unwrap();
        let local = f.due_at.with_timezone(&zone).naive_local();
        assert_eq!(
            prop(&event.properties, "DTSTART"),
            local.format("%Y%m%dT%H%M%S").to_string(),
            "the contact's wall time"
        );
        let (instant, offset) = start_of(&calendar, event);
        assert_eq!(instant, f.due_at, "{f:?} read back through the VTIMEZONE");
        readings.push((f.time_zone.as_str(), local.to_string(), offset.to_string()));
    }
    readings.sort();
    assert_eq!(
        readings,
        [
            (
                "America/New_York",
                "2026-10-30 10:00:00".into(),
                "-04:00".into()
            ),
            (
                "America/New_York",
                "2026-11-03 10:00:00".into(),
                "-05:00".into()
            ),
            ("Asia/Tokyo", "2026-11-02 09:00:00".into(), "+09:00".into()),
        ]
    );

    let zones: BTreeSet<&str> = calendar
        .timezones
        .iter()
        .map(|z| prop(&z.properties, "TZID"))
        .collect();
    assert_eq!(
        zones.len(),
        calendar.timezones.len(),
        "one VTIMEZONE per zone"
    );
    assert_eq!(zones, BTreeSet::from(["America/New_York", "Asia/Tokyo"]));
    let first_event = ics.find("BEGIN:VEVENT").unwrap();
    assert!(
        ics.rfind("END:VTIMEZONE").unwrap() < first_event,
        "zones come before the events that use them: {ics}"
    );
    let tokyo = calendar
        .timezones
        .iter()
        .find(|z| prop(&z.properties, "TZID") == "Asia/Tokyo")
        .unwrap();
    let [only] = tokyo.transitions.as_slice() else {
        panic!("Tokyo has no DST: {tokyo:?}")
    };
    assert!(matches!(
        only.transition,
        ical::parser::ical::component::IcalTimeZoneTransitionType::STANDARD
    ));
    assert_eq!(prop(&only.properties, "DTSTART"), "19700101T000000");
    assert_eq!(prop(&only.properties, "TZOFFSETFROM"), "+0900");
    assert_eq!(prop(&only.properties, "TZOFFSETTO"), "+0900");
    assert_eq!(prop(&only.properties, "TZNAME"), "JST");
}

#[test]
fn uids_stay_the_same_across_exports() {
    let db = across_the_november_change();
    let uids = |ics: &str| {
        let mut uids: Vec<String> = parse(ics).events.iter().map(uid).collect();
        uids.sort();
        uids
    };
    let first = db.export_ics().unwrap();
    let second = db.export_ics().unwrap();
    assert_eq!(uids(&first).len(), 3);
    assert_eq!(uids(&first), uids(&second));
}

#[test]
fn an_overdue_follow_up_stays_in_the_calendar_at_its_due_time() {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock.clone()).unwrap();
    let ada = contact_in(&mut db, "Ada Lovelace", "America/New_York");
    voicemail(&mut db, ada, "2026-10-30 10:00", Some("2026-10-22 10:00"));
    let open = open_followups(&db);
    // Months later, neither the promise nor the next step was done.
    clock.set(Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap());
    let calendar = parse(&db.export_ics().unwrap());
    let mut starts: Vec<DateTime<Utc>> = calendar
        .events
        .iter()
        .map(|e| start_of(&calendar, e).0)
        .collect();
    starts.sort();
    let mut due: Vec<DateTime<Utc>> = open.iter().map(|f| f.due_at).collect();
    due.sort();
    assert_eq!(due.len(), 2, "the promise and the next step are open");
    assert_eq!(
        starts, due,
        "both overdue follow-ups are still in the file, at their due instants"
    );
}

#[test]
fn a_contact_in_utc_keeps_the_utc_form() {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap(),
    ));
    let mut db = Database::open_in_memory(clock).unwrap();
    let id = contact_in(&mut db, "Alan Turing", "");
    voicemail(&mut db, id, "2026-10-30 10:00", None);
    let ics = db.export_ics().unwrap();
    assert!(ics.contains("DTSTART:20261030T100000Z\r\n"), "{ics}");
    assert!(!ics.contains("VTIMEZONE"), "{ics}");
    assert!(!ics.contains("TZID"), "{ics}");
}

fn followup_at(due_at: DateTime<Utc>, time_zone: &str) -> FollowUp {
    FollowUp {
        id: 1,
        contact_id: 1,
        kind: FollowUpKind::Custom,
        step: None,
        due_at,
        time_zone: time_zone.into(),
        local_due: String::new(),
        channel: Channel::Call,
        prompt: String::new(),
    }
}

#[test]
fn only_a_time_the_zone_names_unambiguously_gets_a_tzid() {
    let noon = Utc.with_ymd_and_hms(2026, 10, 30, 16, 0, 0).unwrap();
    assert_eq!(start_zone(&followup_at(noon, "Mars/Olympus_Mons")), None);
    assert_eq!(start_zone(&followup_at(noon, "UTC")), None);
    assert_eq!(
        start_zone(&followup_at(noon, "America/New_York")),
        Some(chrono_tz::America::New_York)
    );
    // 01:30 happens twice in New York on 2026-11-01; calendars disagree on
    // which a TZID value means, so both passes are written in UTC.
    let first_pass = Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap();
    let second_pass = Utc.with_ymd_and_hms(2026, 11, 1, 6, 30, 0).unwrap();
    assert_eq!(
        start_zone(&followup_at(first_pass, "America/New_York")),
        None
    );
    assert_eq!(
        start_zone(&followup_at(second_pass, "America/New_York")),
        None
    );
}

#[test]
fn a_vtimezone_has_each_transition_to_the_second() {
    let lines = zone::vtimezone(
        chrono_tz::America::New_York,
        Utc.with_ymd_and_hms(2026, 10, 30, 14, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 3, 15, 0, 0).unwrap(),
    )
    .unwrap();
    assert_eq!(
        lines,
        [
            "BEGIN:VTIMEZONE",
            "TZID:America/New_York",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0400",
            "TZNAME:EDT",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:20261101T020000",
            "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0500",
            "TZNAME:EST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    );
    // Lord Howe Island moves by half an hour, and Kathmandu is 5:45 ahead.
    let lord_howe = zone::vtimezone(
        chrono_tz::Australia::Lord_Howe,
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    assert_eq!(
        lord_howe[8..],
        [
            "BEGIN:STANDARD",
            "DTSTART:20260405T020000",
            "TZOFFSETFROM:+1100",
            "TZOFFSETTO:+1030",
            "TZNAME:+1030",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:20261004T020000",
            "TZOFFSETFROM:+1030",
            "TZOFFSETTO:+1100",
            "TZNAME:+11",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]
    );
    let kathmandu = zone::vtimezone(
        chrono_tz::Asia::Kathmandu,
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    assert!(
        kathmandu.contains(&"TZOFFSETTO:+0545".to_owned()),
        "{kathmandu:?}"
    );
}

#[test]
fn a_span_too_long_to_describe_gets_no_vtimezone() {
    let first = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let last = Utc.with_ymd_and_hms(2066, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(zone::vtimezone(chrono_tz::Europe::Paris, first, last), None);
}

/// The export, unfolded, of one contact in `zone` with a voicemail left at
/// `now` and the next step typed as `next` (their local time).
fn one_step_in(zone: &str, now: DateTime<Utc>, next: &str) -> Vec<String> {
    let mut db = Database::open_in_memory(Arc::new(ManualClock::new(now))).unwrap();
    let id = contact_in(&mut db, "Ada Lovelace", zone);
    voicemail(&mut db, id, next, None);
    unfolded_event_lines(&db)
}

fn unfolded_event_lines(db: &Database) -> Vec<String> {
    db.export_ics()
        .unwrap()
        .replace("\r\n ", "")
        .split("\r\n")
        // The event's start and description; a VTIMEZONE's starts have neither TZID nor Z.
        .filter(|l| {
            l.starts_with("DTSTART;TZID")
                || (l.starts_with("DTSTART:") && l.ends_with('Z'))
                || l.starts_with("DESCRIPTION:20")
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_time_repeated_when_new_york_falls_back_is_written_in_utc_and_says_which_pass() {
    let lines = one_step_in(
        "America/New_York",
        Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap(),
        "2026-11-01 01:30",
    );
    assert_eq!(
        lines,
        [
            "DTSTART:20261101T053000Z",
            "DESCRIPTION:2026-11-01 01:30 their time (America/New_York)\\, the first of the two 01:30s: clocks go back from 02:00 to 01:00 that night\\nAsked about the renewal\\nSend the quote",
        ]
    );
}

#[test]
fn the_second_pass_of_berlins_repeated_hour_is_written_in_utc_and_named() {
    let clock = Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap();
    let mut db = Database::open_in_memory(Arc::new(ManualClock::new(clock))).unwrap();
    let id = contact_in(&mut db, "Ada Lovelace", "Europe/Berlin");
    voicemail(&mut db, id, "2026-10-26 10:00", None);
    let step = open_followups(&db)[0].id;
    // 02:30 after the clocks went back: 01:30 UTC.
    let second_pass = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap();
    db.reschedule(step, second_pass, true).unwrap();
    assert_eq!(
        unfolded_event_lines(&db),
        [
            "DTSTART:20261025T013000Z",
            "DESCRIPTION:2026-10-25 02:30 their time (Europe/Berlin)\\, the second of the two 02:30s: clocks go back from 03:00 to 02:00 that night\\nAsked about the renewal\\nSend the quote",
        ]
    );
}

#[test]
fn a_time_typed_in_the_spring_jump_is_moved_and_the_description_says_why() {
    let new_york = one_step_in(
        "America/New_York",
        Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap(),
        "2026-03-08 02:30",
    );
    assert_eq!(
        new_york,
        [
            "DTSTART;TZID=America/New_York:20260308T030000",
            "DESCRIPTION:2026-03-08 03:00 their time (America/New_York)\\, clocks jump from 02:00 to 03:00 that night: a time typed in between is moved here\\nAsked about the renewal\\nSend the quote",
        ]
    );
    let berlin = one_step_in(
        "Europe/Berlin",
        Utc.with_ymd_and_hms(2026, 3, 23, 15, 0, 0).unwrap(),
        "2026-03-29 02:15",
    );
    assert_eq!(
        berlin,
        [
            "DTSTART;TZID=Europe/Berlin:20260329T030000",
            "DESCRIPTION:2026-03-29 03:00 their time (Europe/Berlin)\\, clocks jump from 02:00 to 03:00 that night: a time typed in between is moved here\\nAsked about the renewal\\nSend the quote",
        ]
    );
}

#[test]
fn an_ordinary_time_next_to_a_change_gets_a_tzid_and_no_note() {
    let lines = one_step_in(
        "America/New_York",
        Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap(),
        "2026-11-01 02:30",
    );
    assert_eq!(
        lines,
        [
            "DTSTART;TZID=America/New_York:20261101T023000",
            "DESCRIPTION:2026-11-01 02:30 their time (America/New_York)\\nAsked about the renewal\\nSend the quote",
        ]
    );
}
