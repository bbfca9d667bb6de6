//! Touches synced through a real CalDAV task list (Radicale on 127.0.0.1)
//! as journal entries: two databases play two machines on one account.
//! A touch logged on one is in the other's timeline, and the schedule it
//! moved there moves here (as the follow-ups' tasks); a touch corrected or
//! deleted on one is corrected or deleted on the other.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use chrono::{Duration, TimeZone, Utc};
use touchpoint_core::{
    Channel, ContactQuery, Database, Direction, NextStep, Objection, ObjectionKind, Outcome, Touch,
    TouchEdit, TouchInput,
};
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{
    add, id_of, machine, origin, phone_put, plan, server_tasks, sync, voicemail_with_promise, when,
};

/// A contact's timeline, without row ids (they differ between machines).
fn timeline(db: &Database, name: &str) -> Vec<Touch> {
    db.contact_plan(id_of(db, name))
        .unwrap()
        .touches
        .into_iter()
        .map(|t| Touch {
            id: 0,
            contact_id: 0,
            ..t
        })
        .collect()
}

fn journals(list: &str) -> Vec<(String, String)> {
    server_tasks(list)
        .into_iter()
        .filter(|(_, t)| t.contains("BEGIN:VJOURNAL"))
        .collect()
}

#[test]
fn a_touch_logged_on_b_is_in_a_timeline_and_moves_a_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Ada Lovelace");
    sync(&mut a, &server);
    sync(&mut b, &server);
    let before = plan(&a, "Ada Lovelace").0.map(|f| when(&f));

    let input = TouchInput {
        contact_id: id_of(&b, "Ada Lovelace"),
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::Connected,
        notes: "Talked pricing,\nsend the case study; she decides in Q1".into(),
        hook: "the pilot budget".into(),
        objections: vec![Objection {
            kind: ObjectionKind::Price,
            note: "Compared us with the incumbent".into(),
        }],
        happened_at: Some(Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()),
        next: NextStep::Cadence,
        promise: None,
    };
    b.log_touch(&input).unwrap();
    let sent = sync(&mut b, &server);
    assert_eq!(sent.touches.sent, 1, "{sent:?}");

    let got = sync(&mut a, &server);
    assert_eq!(got.touches.received, 1, "{got:?}");
    assert_eq!(
        timeline(&a, "Ada Lovelace"),
        timeline(&b, "Ada Lovelace"),
        "the same timeline"
    );
    assert_eq!(timeline(&a, "Ada Lovelace").len(), 1);
    let (next_a, next_b) = (plan(&a, "Ada Lovelace").0, plan(&b, "Ada Lovelace").0);
    assert_eq!(next_a.as_ref().map(when), next_b.as_ref().map(when));
    assert_ne!(next_a.map(|f| when(&f)), before, "A's next step moved");
    let listed = a
        .list_contacts(&ContactQuery {
            limit: 10,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(
        listed.items[0].last_touch_at, input.happened_at,
        "A's last touch follows"
    );
    let again = sync(&mut a, &server);
    assert_eq!(
        (again.touches.sent, again.followups.sent),
        (0, 0),
        "A planned nothing and sends nothing back: {again:?}"
    );
}

#[test]
fn a_touch_corrected_then_deleted_on_a_follows_on_b() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Grace Hopper");
    voicemail_with_promise(&mut a, "Grace Hopper", "2026-11-25 16:00");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    sync(&mut b, &server);
    assert_eq!(timeline(&b, "Grace Hopper"), timeline(&a, "Grace Hopper"));
    assert_eq!(plan(&b, "Grace Hopper").1.len(), 1, "B holds the promise");

    // Not a voicemail after all: the promise in it goes, on A by the
    // correction and on B as the promise's task.
    let touch = a.contact_plan(id_of(&a, "Grace Hopper")).unwrap().touches[0].clone();
    let edit = TouchEdit {
        channel: Channel::Call,
        outcome: Outcome::Connected,
        notes: "She picked up after all".into(),
        hook: touch.hook.clone(),
        objections: Vec::new(),
        happened_at: touch.happened_at - Duration::minutes(20),
    };
    a.edit_touch(touch.id, &edit).unwrap();
    let sent = sync(&mut a, &server);
    assert_eq!(sent.touches.sent, 1, "{sent:?}");
    let got = sync(&mut b, &server);
    assert_eq!(
        (got.touches.received, got.touches.changed),
        (1, 1),
        "{got:?}"
    );
    assert_eq!(timeline(&b, "Grace Hopper"), timeline(&a, "Grace Hopper"));
    assert_eq!(timeline(&b, "Grace Hopper")[0].outcome, Outcome::Connected);
    assert!(
        plan(&b, "Grace Hopper").1.is_empty(),
        "the promise is gone on B"
    );

    a.delete_touch(touch.id).unwrap();
    let sent = sync(&mut a, &server);
    assert_eq!(sent.touches.deleted_there, 1, "{sent:?}");
    assert!(journals(&list).is_empty(), "{:?}", journals(&list));
    let got = sync(&mut b, &server);
    assert_eq!(got.touches.deleted_here, 1, "{got:?}");
    assert!(timeline(&b, "Grace Hopper").is_empty());
    assert_eq!(
        plan(&b, "Grace Hopper").0.as_ref().map(when),
        plan(&a, "Grace Hopper").0.as_ref().map(when),
        "the step the touch carried out is owed again on both"
    );
    let again = sync(&mut b, &server);
    assert_eq!(
        (again.touches.sent, again.followups.sent),
        (0, 0),
        "{again:?}"
    );
}

#[test]
fn a_touch_taken_from_the_server_keeps_its_links_so_correcting_it_there_cancels_its_promise() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Katherine Johnson");
    voicemail_with_promise(&mut a, "Katherine Johnson", "2026-11-25 16:00");
    sync(&mut a, &server);
    sync(&mut b, &server);
    let touch = b
        .contact_plan(id_of(&b, "Katherine Johnson"))
        .unwrap()
        .touches[0]
        .clone();
    let edit = TouchEdit {
        channel: Channel::Call,
        outcome: Outcome::NoAnswer,
        notes: String::new(),
        hook: String::new(),
        objections: Vec::new(),
        happened_at: touch.happened_at,
    };
    b.edit_touch(touch.id, &edit).unwrap();
    assert!(
        plan(&b, "Katherine Johnson").1.is_empty(),
        "B knows the touch made the promise"
    );
    sync(&mut b, &server);
    sync(&mut a, &server);
    assert!(plan(&a, "Katherine Johnson").1.is_empty(), "gone on A too");
    assert_eq!(
        timeline(&a, "Katherine Johnson"),
        timeline(&b, "Katherine Johnson")
    );
}

#[test]
fn a_journal_entry_broken_on_the_server_is_named_and_changes_nothing_here() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let mut a = machine(dir.path(), "a");
    add(&mut a, "Hedy Lamarr");
    voicemail_with_promise(&mut a, "Hedy Lamarr", "2026-11-25 16:00");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    let before = timeline(&a, "Hedy Lamarr");
    let (href, text) = journals(&list).pop().unwrap();
    let broken = text.replace(
        "X-TOUCHPOINT-OUTCOME:left_voicemail",
        "X-TOUCHPOINT-OUTCOME:maybe",
    );
    assert_ne!(broken, text);
    let status = phone_put(
        &format!("{}{href}", origin(&list)),
        "text/calendar",
        &broken,
    );
    assert!(status.starts_with('2'), "the server took it: {status}");
    let report = a.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    assert_eq!(report.touches.unreadable, 1, "{report:?}");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("\"maybe\" is not an outcome")),
        "{report:?}"
    );
    assert_eq!(
        timeline(&a, "Hedy Lamarr"),
        before,
        "the touch is as it was"
    );
}
