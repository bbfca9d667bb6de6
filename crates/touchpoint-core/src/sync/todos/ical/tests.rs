use chrono::{TimeZone, Utc};

use super::*;

fn open_step() -> Todo {
    Todo {
        uid: "f1a2".into(),
        contact_uid: "c9; with, odd\\chars".into(),
        kind: FollowUpKind::Cadence,
        step: Some(2),
        due_at: Utc.with_ymd_and_hms(2026, 11, 26, 14, 30, 0).unwrap(),
        zone: chrono_tz::Europe::London,
        channel: Channel::Email,
        prompt: "Send the case study,\nthen ask about Q1".into(),
        status: Status::Open,
        closed_at: None,
        created_at: Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
        kept: None,
        enrolment: Some(EnrolmentRef {
            uid: "e7".into(),
            cadence: "new_prospect".into(),
            schedule: ScheduleKind::Anchored,
            anchor: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        }),
        snoozed: None,
    }
}

fn promise() -> Todo {
    Todo {
        uid: "p1".into(),
        kind: FollowUpKind::Promise,
        step: None,
        channel: Channel::Call,
        prompt: "Budget approved?".into(),
        enrolment: None,
        ..open_step()
    }
}

const WORDS: Words<'static> = Words {
    contact_name: "Ada Lovelace",
    cadence_name: Some("New prospect"),
};

#[test]
fn what_is_written_reads_back_the_same() {
    let mut done = promise();
    done.status = Status::Done;
    done.closed_at = Some(Utc.with_ymd_and_hms(2026, 11, 26, 14, 40, 0).unwrap());
    done.kept = Some(true);
    let mut cancelled = open_step();
    cancelled.kind = FollowUpKind::Custom;
    cancelled.step = None;
    cancelled.status = Status::Cancelled;
    cancelled.closed_at = Some(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    for todo in [open_step(), promise(), done, cancelled] {
        let text = write_todo(&todo, &WORDS);
        assert_eq!(read_todo(&text), Ok(todo.clone()), "{text}");
        assert!(text.lines().all(|l| l.len() <= 76), "folded: {text}");
    }
    let text = write_todo(&open_step(), &WORDS);
    assert!(text.contains("DUE:20261126T143000Z\r\n"), "{text}");
    assert!(text.contains("SUMMARY:Email Ada Lovelace\r\n"), "{text}");
    assert!(text.contains("STATUS:NEEDS-ACTION\r\n"), "{text}");
    assert!(text.contains("X-TOUCHPOINT-ENROLMENT:e7\r\n"), "{text}");
    assert!(
        text.contains("Touch 3 of the New prospect cadence."),
        "in words: {text}"
    );
    assert_eq!(
        text,
        write_todo(&open_step(), &WORDS),
        "the same text each time"
    );
}

#[test]
fn only_a_promised_callback_has_an_alarm_and_it_rings_at_the_due_instant() {
    let text = write_todo(&promise(), &WORDS);
    assert!(
        text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"),
        "{text}"
    );
    assert!(
        text.contains("TRIGGER;VALUE=DATE-TIME:20261126T143000Z\r\n"),
        "{text}"
    );
    assert!(text.contains("SUMMARY:Call back Ada Lovelace — promised"));
    for other in [open_step(), {
        let mut custom = open_step();
        custom.kind = FollowUpKind::Custom;
        custom
    }] {
        assert!(!write_todo(&other, &WORDS).contains("VALARM"), "{other:?}");
    }
}

#[test]
fn due_times_around_dst_changes_travel_as_the_same_instant() {
    let new_york = chrono_tz::America::New_York;
    // 01:30 on 1 Nov 2026 happens twice in New York: the second pass (EST).
    let second_pass = Utc.with_ymd_and_hms(2026, 11, 1, 6, 30, 0).unwrap();
    // The spring jump: 03:00 EDT, right after the skipped hour.
    let after_jump = Utc.with_ymd_and_hms(2027, 3, 14, 7, 0, 0).unwrap();
    for due_at in [second_pass, after_jump] {
        let todo = Todo {
            due_at,
            zone: new_york,
            ..promise()
        };
        let text = write_todo(&todo, &WORDS);
        assert!(text.contains(&format!("DUE:{}", stamp(due_at))), "{text}");
        assert_eq!(read_todo(&text).unwrap().due_at, due_at, "{text}");
    }
    // A phone that writes the wall time in the zone instead: a time the
    // jump skips is read as the jump's end, an ambiguous one as its first pass.
    let phone = |due: &str| {
        write_todo(
            &Todo {
                zone: new_york,
                ..promise()
            },
            &WORDS,
        )
        .replace("DUE:20261126T143000Z", due)
    };
    let skipped = read_todo(&phone("DUE;TZID=America/New_York:20270314T023000")).unwrap();
    assert_eq!(skipped.due_at, after_jump);
    let twice = read_todo(&phone("DUE;TZID=America/New_York:20261101T013000")).unwrap();
    assert_eq!(
        twice.due_at,
        Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap()
    );
    let floating = read_todo(&phone("DUE:20261127T090000")).unwrap();
    assert_eq!(
        floating.due_at,
        Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).unwrap(),
        "no zone given: the follow-up's own"
    );
}

#[test]
fn a_phone_that_completes_the_task_without_a_status_still_completes_it() {
    let text = write_todo(&promise(), &WORDS)
        .replace("STATUS:NEEDS-ACTION\r\n", "COMPLETED:20261126T150000Z\r\n");
    let read = read_todo(&text).unwrap();
    assert_eq!(read.status, Status::Done);
    assert_eq!(
        read.closed_at,
        Some(Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap())
    );
}

#[test]
fn what_touchpoint_cannot_read_is_refused_in_words() {
    let good = write_todo(&promise(), &WORDS);
    for (bad, why) in [
        (
            good.replace("DUE:20261126T143000Z", "DUE:tomorrow"),
            "is not a time",
        ),
        (good.replace("DUE:20261126T143000Z\r\n", ""), "no DUE"),
        (
            good.replace("X-TOUCHPOINT-CONTACT", "X-OTHER"),
            "not a Touchpoint follow-up",
        ),
        (
            good.replace("X-TOUCHPOINT-KIND:promise", "X-TOUCHPOINT-KIND:party"),
            "KIND",
        ),
        (
            good.replace("Europe/London", "Mars/Olympus"),
            "not a time zone",
        ),
        (good.replace("END:VTODO", "END:VEVENT"), "did not begin"),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n".to_owned(),
            "VTODO",
        ),
        ("\u{0}\u{1}garbage".to_owned(), "VTODO"),
    ] {
        let err = read_todo(&bad).unwrap_err();
        assert!(err.contains(why), "{why:?} in {err:?}");
    }
}

#[test]
fn a_server_that_reorders_the_lines_says_the_same_but_a_stale_alarm_does_not() {
    let t = promise();
    let text = write_todo(&t, &WORDS);
    // As Radicale gives it back: the VTODO's lines sorted.
    let unfolded = text.replace("\r\n ", "");
    let mut lines: Vec<&str> = unfolded.lines().collect();
    let (start, end) = (4, lines.iter().position(|l| *l == "BEGIN:VALARM").unwrap());
    lines[start..end].sort_unstable();
    let reordered = lines.join("\r\n");
    assert_ne!(reordered, text);
    assert!(says(&reordered, &t), "{reordered}");
    // A phone moved it and left the alarm where it was.
    let moved = Todo {
        due_at: Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap(),
        ..t.clone()
    };
    let phone = text.replace("DUE:20261126T143000Z", "DUE:20261127T150000Z");
    assert_eq!(read_todo(&phone).unwrap(), moved);
    assert!(!says(&phone, &moved), "the alarm rings at the old time");
    assert!(says(&write_todo(&moved, &WORDS), &moved));
    assert!(!says(&text, &moved), "another time altogether");
}

#[test]
fn a_snooze_travels_for_its_due_time_and_moves_the_alarm() {
    let snoozed = Todo {
        snoozed: Some(Utc.with_ymd_and_hms(2026, 11, 26, 15, 30, 0).unwrap()),
        ..promise()
    };
    let text = write_todo(&snoozed, &WORDS);
    assert!(
        text.contains("X-TOUCHPOINT-SNOOZED;X-TOUCHPOINT-FOR=20261126T143000Z:20261126T153000Z"),
        "{text}"
    );
    assert!(
        text.contains("TRIGGER;VALUE=DATE-TIME:20261126T153000Z"),
        "the phone rings at the snoozed time: {text}"
    );
    assert_eq!(read_todo(&text), Ok(snoozed.clone()));
    assert!(says(&text, &snoozed));
    assert!(
        !says(&write_todo(&promise(), &WORDS), &snoozed),
        "a snooze is a change to send"
    );
    // A phone moved the due time and left the snooze line: no snooze holds
    // the new time.
    let phone = text.replace("DUE:20261126T143000Z", "DUE:20261127T150000Z");
    let read = read_todo(&phone).unwrap();
    assert_eq!(read.snoozed, None);
    assert!(
        !says(&phone, &read),
        "written back with the alarm at the new time"
    );
}
