//! The notices shown once a day (the morning digest, the follow-up hour's
//! start) synced between two machines through a real CalDAV task list
//! (Radicale on 127.0.0.1): what one showed, the other does not show again
//! that day, and the marks of both add up on the server.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use chrono::{TimeZone, Utc};
use touchpoint_core::{Database, DayNotice};
use touchpoint_test_support::radicale::Radicale;
use touchpoint_test_support::sync_machines::{add, machine_with_clock, server_tasks, sync};

/// The day notices `db` would show now.
fn day_notices(db: &Database) -> Vec<DayNotice> {
    db.due_reminders()
        .unwrap()
        .iter()
        .filter_map(|r| r.day_notice.map(|(notice, _)| notice))
        .collect()
}

/// Shows the day notice `which` on `db`, as the desktop does: claimed,
/// then shown by the notification server when `shown`.
fn show(db: &mut Database, which: DayNotice, shown: bool) -> i64 {
    let due = db.due_reminders().unwrap();
    let reminder = due
        .iter()
        .find(|r| r.day_notice.is_some_and(|(n, _)| n == which))
        .expect("the notice is due");
    let claim = db.claim(reminder).unwrap().expect("claimed");
    if shown {
        db.shown(claim.id, 7).unwrap();
    }
    claim.id
}

/// The journal entries of the day's notices on the server.
fn days_on_server(list: &str) -> Vec<String> {
    server_tasks(list)
        .into_iter()
        .map(|(_, text)| text)
        .filter(|t| t.contains("UID:touchpoint-day-"))
        .collect()
}

#[test]
fn the_digest_shown_on_a_and_the_hour_shown_on_b_are_shown_on_neither_again() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, clock_a) = machine_with_clock(dir.path(), "a");
    let (mut b, clock_b) = machine_with_clock(dir.path(), "b");
    add(&mut a, "Ada Lovelace");
    let list = sync(&mut a, &server).followups.task_list.unwrap();
    sync(&mut b, &server);
    // Friday 27 November, 09:05 UTC: after the 08:00 digest, in the
    // follow-up hour (Fridays 09:00–10:00).
    for clock in [&clock_a, &clock_b] {
        clock.set(Utc.with_ymd_and_hms(2026, 11, 27, 9, 5, 0).unwrap());
    }
    for db in [&a, &b] {
        assert_eq!(
            day_notices(db),
            vec![DayNotice::Digest, DayNotice::FollowupHour],
            "both due on both machines"
        );
    }

    // Claimed on A but not shown yet (the notification server has not
    // answered): not sent, as it may not be shown at all.
    let claimed = show(&mut a, DayNotice::Digest, false);
    sync(&mut a, &server);
    assert!(
        days_on_server(&list).is_empty(),
        "{:?}",
        days_on_server(&list)
    );
    a.shown(claimed, 7).unwrap();
    show(&mut b, DayNotice::FollowupHour, true);
    assert_eq!(day_notices(&a), vec![DayNotice::FollowupHour]);
    assert_eq!(day_notices(&b), vec![DayNotice::Digest]);

    sync(&mut a, &server);
    sync(&mut b, &server);
    sync(&mut a, &server);
    assert_eq!(
        day_notices(&a),
        Vec::new(),
        "A does not announce B's hour again"
    );
    assert_eq!(
        day_notices(&b),
        Vec::new(),
        "B does not show A's digest again"
    );
    let days = days_on_server(&list);
    assert_eq!(days.len(), 1, "one entry for the day: {days:?}");
    assert!(
        days[0].contains("X-TOUCHPOINT-DIGEST-SHOWN:20261127T090500Z")
            && days[0].contains("X-TOUCHPOINT-HOUR-SHOWN:20261127T090500Z")
            && days[0].contains("BEGIN:VJOURNAL"),
        "both marks in it: {}",
        days[0]
    );

    // Nothing more to say: synced again, the entry stays as it is.
    let before = server_tasks(&list);
    sync(&mut b, &server);
    sync(&mut a, &server);
    assert_eq!(server_tasks(&list), before);
    let report = sync(&mut b, &server);
    assert_eq!(
        (
            report.touches.received,
            report.touches.unreadable,
            report.followups.unreadable
        ),
        (0, 0, 0),
        "the day's entry is not taken for a touch: {report:?}"
    );
}
