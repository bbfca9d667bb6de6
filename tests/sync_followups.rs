//! Follow-ups synced through a real CalDAV task list (Radicale on
//! 127.0.0.1): two databases play two machines on one account, and curl
//! plays a phone that moves, breaks or reads the tasks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use chrono::{TimeZone, Utc};
use touchpoint_core::{Channel, Direction, NextStep, Outcome, TouchInput};
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{
    add, curl, id_of, machine, origin, phone_put, plan, server_tasks, sync, voicemail_with_promise,
    when,
};

fn open_first_touches(list: &str) -> usize {
    server_tasks(list)
        .iter()
        .filter(|(_, t)| {
            t.contains("X-TOUCHPOINT-STEP:0\r\n") && t.contains("STATUS:NEEDS-ACTION\r\n")
        })
        .count()
}

#[test]
fn a_promise_logged_on_a_rings_on_the_phone_and_b_holds_the_same_plan_without_planning_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Ada Lovelace");
    let first = sync(&mut a, &server);
    assert_eq!(first.followups.sent, 1, "her first touch: {first:?}");
    let list = first.followups.task_list.clone().expect("a task list");
    assert!(list.ends_with("/touchpoint-followups/"), "{list}");

    let got = sync(&mut b, &server);
    assert_eq!(
        (got.received, got.followups.received, got.followups.sent),
        (1, 1, 0),
        "taken as it is, nothing sent back: {got:?}"
    );
    assert_eq!(
        plan(&b, "Ada Lovelace").0.as_ref().map(when),
        plan(&a, "Ada Lovelace").0.as_ref().map(when),
        "B holds A's first touch"
    );
    let again = sync(&mut b, &server);
    assert_eq!(
        again.followups.sent, 0,
        "B planned nothing of its own: {again:?}"
    );
    assert_eq!(
        open_first_touches(&list),
        1,
        "one first touch on the server"
    );

    let promise = voicemail_with_promise(&mut a, "Ada Lovelace", "2026-11-25 16:00");
    let sent = sync(&mut a, &server);
    assert_eq!(
        sent.followups.sent, 3,
        "first touch done, next step, promise: {sent:?}"
    );
    let tasks = server_tasks(&list);
    let due = promise.due_at.format("%Y%m%dT%H%M%SZ").to_string();
    let promised: Vec<_> = tasks
        .iter()
        .filter(|(_, t)| t.contains("X-TOUCHPOINT-KIND:promise"))
        .collect();
    assert_eq!(promised.len(), 1, "{tasks:?}");
    let text = &promised[0].1;
    assert!(text.contains(&format!("DUE:{due}\r\n")), "{text}");
    assert!(
        text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("TRIGGER;VALUE=DATE-TIME:{due}\r\n")),
        "{text}"
    );
    assert!(
        tasks
            .iter()
            .filter(|(_, t)| !t.contains("X-TOUCHPOINT-KIND:promise"))
            .all(|(_, t)| !t.contains("VALARM")),
        "only the promise rings"
    );
    assert!(
        tasks
            .iter()
            .any(|(_, t)| t.contains("X-TOUCHPOINT-STEP:0\r\n")
                && t.contains("STATUS:COMPLETED\r\n")),
        "the first touch is done on the server"
    );

    let got = sync(&mut b, &server);
    assert_eq!(got.followups.closed, 1, "the first touch done: {got:?}");
    let (next_a, promises_a) = plan(&a, "Ada Lovelace");
    let (next_b, promises_b) = plan(&b, "Ada Lovelace");
    assert_eq!(next_b.as_ref().map(when), next_a.as_ref().map(when));
    assert_eq!(
        promises_b.iter().map(when).collect::<Vec<_>>(),
        promises_a.iter().map(when).collect::<Vec<_>>()
    );
    assert_eq!(
        sync(&mut b, &server).followups.sent,
        0,
        "nothing to send back"
    );
}

#[test]
fn a_follow_up_the_phone_moves_moves_on_both_machines_and_one_done_on_b_is_done_on_a() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Grace Hopper");
    voicemail_with_promise(&mut a, "Grace Hopper", "2026-11-25 16:00");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    sync(&mut b, &server);

    // The phone moves the promise to Friday 15:00 London time, as a phone
    // writes it: a wall time with its zone, the old alarm left as it was.
    let (href, text) = server_tasks(&list)
        .into_iter()
        .find(|(_, t)| t.contains("X-TOUCHPOINT-KIND:promise"))
        .unwrap();
    let moved_text = text
        .lines()
        .map(|l| {
            if l.starts_with("DUE:") {
                "DUE;TZID=Europe/London:20261127T150000"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let origin = origin(&list);
    let status = phone_put(&format!("{origin}{href}"), "text/calendar", &moved_text);
    assert!(
        status.starts_with('2'),
        "the phone's move is stored: {status}"
    );
    let friday = Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap();

    let got = sync(&mut a, &server);
    assert_eq!(got.followups.moved, 1, "{got:?}");
    assert_eq!(plan(&a, "Grace Hopper").1[0].due_at, friday, "moved on A");
    let rewritten = curl(&[&format!("{origin}{href}")]);
    assert!(
        rewritten.contains("TRIGGER;VALUE=DATE-TIME:20261127T150000Z"),
        "A wrote it back with the alarm at the new time: {rewritten}"
    );
    sync(&mut b, &server);
    assert_eq!(plan(&b, "Grace Hopper").1[0].due_at, friday, "moved on B");

    // B calls her back: the promise and the step are done there.
    let input = TouchInput {
        contact_id: id_of(&b, "Grace Hopper"),
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::Connected,
        notes: "Called back".into(),
        hook: String::new(),
        objections: Vec::new(),
        happened_at: None,
        next: NextStep::Cadence,
        promise: None,
    };
    b.log_touch(&input).unwrap();
    sync(&mut b, &server);
    let got = sync(&mut a, &server);
    assert_eq!(got.followups.closed, 2, "the promise and the step: {got:?}");
    let (next_a, promises_a) = plan(&a, "Grace Hopper");
    assert!(promises_a.is_empty(), "the promise is done on A");
    assert_eq!(
        next_a.as_ref().map(when),
        plan(&b, "Grace Hopper").0.as_ref().map(when),
        "A follows B's next step"
    );
    let open_steps = server_tasks(&list)
        .iter()
        .filter(|(_, t)| {
            t.contains("X-TOUCHPOINT-KIND:cadence") && t.contains("STATUS:NEEDS-ACTION")
        })
        .count();
    assert_eq!(open_steps, 1, "one next step on the server");
}

#[test]
fn a_contact_a_phone_adds_is_planned_once_across_both_machines() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    let first = sync(&mut a, &server);
    let list = first.followups.task_list.unwrap();
    sync(&mut b, &server);
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-katherine\r\nFN:Katherine Johnson\r\n\
                N:Johnson;Katherine;;;\r\nTEL;TYPE=CELL:+1 757 555 0123\r\nEND:VCARD\r\n";
    let status = phone_put(
        &format!("{}phone-katherine.vcf", first.address_book),
        "text/vcard",
        card,
    );
    assert_eq!(status, "201");
    // Each machine plans her as her card arrives, under UIDs made from
    // hers: the server keeps one plan.
    for db in [&mut a, &mut b] {
        sync(db, &server);
    }
    sync(&mut a, &server);
    assert_eq!(open_first_touches(&list), 1, "{:?}", server_tasks(&list));
    let (next_a, next_b) = (
        plan(&a, "Katherine Johnson").0,
        plan(&b, "Katherine Johnson").0,
    );
    assert!(next_a.is_some(), "she is planned");
    assert_eq!(next_a.as_ref().map(when), next_b.as_ref().map(when));
}

#[test]
fn a_task_broken_on_the_server_is_named_and_changes_nothing_here() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let mut a = machine(dir.path(), "a");
    add(&mut a, "Hedy Lamarr");
    let promise = voicemail_with_promise(&mut a, "Hedy Lamarr", "2026-11-25 16:00");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    let (href, text) = server_tasks(&list)
        .into_iter()
        .find(|(_, t)| t.contains("X-TOUCHPOINT-KIND:promise"))
        .unwrap();
    // Valid iCalendar (the server takes it), but no zone Touchpoint knows.
    let zone = text
        .lines()
        .find(|l| l.starts_with("X-TOUCHPOINT-ZONE:"))
        .unwrap()
        .to_owned();
    let broken = text.replace(&zone, "X-TOUCHPOINT-ZONE:Mars/Olympus");
    let origin = origin(&list);
    let status = phone_put(&format!("{origin}{href}"), "text/calendar", &broken);
    assert!(status.starts_with('2'), "the server took it: {status}");
    let report = a.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    assert_eq!(report.followups.unreadable, 1, "{report:?}");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("\"Mars/Olympus\" is not a time zone")),
        "{report:?}"
    );
    assert_eq!(
        plan(&a, "Hedy Lamarr")
            .1
            .iter()
            .map(when)
            .collect::<Vec<_>>(),
        vec![when(&promise)],
        "the promise is as it was"
    );
}
