//! Reminders across two machines synced through a real CalDAV task list
//! (Radicale on 127.0.0.1): a reminder shown on one is not shown again on
//! the other, and a snooze made on one moves the reminder on both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use touchpoint_core::{Database, FollowUp, ManualClock, Snooze};
use touchpoint_test_support::radicale::Radicale;
use touchpoint_test_support::sync_machines::{
    add, machine_with_clock, plan, server_tasks, sync, voicemail_with_promise,
};

/// The follow-ups whose reminders `db` would show now.
fn reminded(db: &Database) -> Vec<i64> {
    db.due_reminders()
        .unwrap()
        .iter()
        .flat_map(|r| r.occurrences.iter().map(|(id, _)| *id))
        .collect()
}

/// Shows every reminder due now on `db`, as the desktop does.
fn show_all(db: &mut Database) -> usize {
    let due = db.due_reminders().unwrap();
    for reminder in &due {
        db.claim(reminder).unwrap().expect("claimed");
    }
    due.len()
}

/// Two machines on one server, a promise logged on A and synced to B,
/// both clocks a minute past its due time.
struct Promised {
    server: Radicale,
    a: Database,
    clock_a: Arc<ManualClock>,
    b: Database,
    clock_b: Arc<ManualClock>,
    promise: FollowUp,
    list: String,
}

fn promised_on_a_and_due_on_both(dir: &Path) -> Promised {
    let server = Radicale::start(&dir.join("server"));
    let (mut a, clock_a) = machine_with_clock(dir, "a");
    let (mut b, clock_b) = machine_with_clock(dir, "b");
    add(&mut a, "Ada Lovelace");
    let promise = voicemail_with_promise(&mut a, "Ada Lovelace", "2026-11-25 16:00");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    sync(&mut b, &server);
    for clock in [&clock_a, &clock_b] {
        clock.set(promise.due_at + Duration::minutes(1));
    }
    Promised {
        server,
        a,
        clock_a,
        b,
        clock_b,
        promise,
        list,
    }
}

#[test]
fn a_reminder_shown_on_a_is_not_shown_again_on_b_nor_its_second_showing() {
    let dir = tempfile::tempdir().unwrap();
    let Promised {
        server,
        mut a,
        clock_a,
        mut b,
        clock_b,
        promise,
        ..
    } = promised_on_a_and_due_on_both(dir.path());
    let on_b = plan(&b, "Ada Lovelace").1[0].id;
    assert_eq!(reminded(&b), vec![on_b], "due on B before A syncs");
    assert_eq!(show_all(&mut a), 1, "A shows the promise");
    let sent = sync(&mut a, &server);
    assert_eq!(sent.followups.sent, 1, "the mark goes up: {sent:?}");
    let got = sync(&mut b, &server);
    assert_eq!(got.followups.received, 1, "{got:?}");
    assert!(reminded(&b).is_empty(), "B does not show it again");
    assert_eq!(
        (
            sync(&mut b, &server).followups.sent,
            sync(&mut a, &server).followups.sent
        ),
        (0, 0),
        "the mark is not sent back"
    );

    // An hour later the promise not kept is shown once more: on A only.
    for clock in [&clock_a, &clock_b] {
        clock.set(promise.due_at + Duration::minutes(62));
    }
    assert_eq!(reminded(&b), vec![on_b], "B would show it again");
    assert_eq!(show_all(&mut a), 1, "A shows it again");
    sync(&mut a, &server);
    sync(&mut b, &server);
    assert!(reminded(&b).is_empty(), "B does not");

    // Moved on B: a new occurrence, shown when it comes on both.
    let tomorrow = promise.due_at + Duration::days(1);
    b.reschedule(on_b, tomorrow, true).unwrap();
    sync(&mut b, &server);
    sync(&mut a, &server);
    for clock in [&clock_a, &clock_b] {
        clock.set(tomorrow + Duration::minutes(1));
    }
    assert_eq!(reminded(&b), vec![on_b], "the moved promise is due on B");
    assert_eq!(reminded(&a).len(), 1, "and on A");
}

#[test]
fn a_reminder_snoozed_on_a_rings_on_b_at_the_snoozed_time_not_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let Promised {
        server,
        mut a,
        clock_a,
        mut b,
        clock_b,
        promise,
        list,
    } = promised_on_a_and_due_on_both(dir.path());
    let on_a = plan(&a, "Ada Lovelace").1[0].id;
    assert_eq!(show_all(&mut a), 1, "A shows the promise");
    a.snooze(on_a, Snooze::Hour).unwrap();
    let until = promise.due_at + Duration::minutes(61);
    let sent = sync(&mut a, &server);
    assert_eq!(sent.followups.sent, 1, "the snooze goes up: {sent:?}");
    let (_, text) = server_tasks(&list)
        .into_iter()
        .find(|(_, t)| t.contains("X-TOUCHPOINT-KIND:promise"))
        .unwrap();
    assert!(
        text.contains("X-TOUCHPOINT-SNOOZED;X-TOUCHPOINT-FOR=20261125T160000Z:20261125T170100Z"),
        "{text}"
    );
    assert!(
        text.contains("TRIGGER;VALUE=DATE-TIME:20261125T170100Z"),
        "the phone rings at the snoozed time too: {text}"
    );

    let got = sync(&mut b, &server);
    assert_eq!(got.followups.received, 1, "{got:?}");
    let on_b = plan(&b, "Ada Lovelace").1[0].id;
    assert!(reminded(&b).is_empty(), "B does not ring at the old time");
    assert_eq!(
        (
            sync(&mut b, &server).followups.sent,
            sync(&mut a, &server).followups.sent
        ),
        (0, 0),
        "the snooze is not sent back"
    );

    clock_b.set(until - Duration::minutes(1));
    assert!(reminded(&b).is_empty(), "nor before the snoozed time");
    for clock in [&clock_a, &clock_b] {
        clock.set(until + Duration::minutes(1));
    }
    assert_eq!(reminded(&b), vec![on_b], "B rings at the snoozed time");
    assert_eq!(show_all(&mut a), 1, "A shows it at the snoozed time");
    sync(&mut a, &server);
    sync(&mut b, &server);
    assert!(reminded(&b).is_empty(), "shown on A: not again on B");
    assert_eq!(
        plan(&b, "Ada Lovelace").1[0].due_at,
        promise.due_at,
        "still due when promised"
    );
}
