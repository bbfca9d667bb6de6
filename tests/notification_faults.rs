//! The real app binary against a notification server that misbehaves: one
//! that stops answering must lock nothing (the window and the command line
//! keep working, and the reminder is shown once when it answers again), and
//! a promise left on screen by an earlier run must still answer its buttons.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use touchpoint_test_support::app::App;
use touchpoint_test_support::app_process::{
    RunningApp, promise_remind_at, recorded_on_screen, seed_promise_due, seed_promises_due,
    wait_until,
};
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::notification_server::NotificationBus;

/// The command-line binary on the test's clock, with no window.
fn touchpoint(db: &Path, clock: &TestClock, args: &[&str]) -> Output {
    let (var, shift) = clock.env();
    Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(args)
        .args(["--db", db.to_str().unwrap()])
        .env_remove("DISPLAY")
        .env(var, shift)
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hung_notification_server_locks_nothing_and_the_promise_is_shown_once_when_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hung.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 11, 0);
    seed_promise_due(&db, &clock);
    let bus = NotificationBus::start(dir.path()).await;
    bus.stop_answering();

    let app =
        App::launch_with_env(&db, &clock, &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]).await;
    wait_until(
        "the promise handed to the server",
        Duration::from_secs(30),
        || bus.shown().len() == 1,
    )
    .await;

    // While the server holds its answer, the command line writes at once...
    let card = dir.path().join("ada.vcf");
    std::fs::write(
        &card,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let started = Instant::now();
    let added = touchpoint(&db, &clock, &["import", card.to_str().unwrap()]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let logged = touchpoint(
        &db,
        &clock,
        &["log", "Ada", "--channel", "email", "--outcome", "no-answer"],
    );
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the writes waited on a lock: {:?}",
        started.elapsed()
    );
    // ...and the window reads what it wrote.
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact the CLI added", |t| {
        t.contains("Ada Lovelace") && t.contains("Grace Hopper")
    })
    .await;
    assert_eq!(
        recorded_on_screen(&db),
        [None],
        "shown, its id not known yet"
    );

    bus.answer_again();
    wait_until("the server's id recorded", Duration::from_secs(30), || {
        recorded_on_screen(&db) == [Some(1)]
    })
    .await;
    assert_eq!(bus.shown().len(), 1, "shown once: {:?}", bus.shown());
    assert_eq!(bus.visible(), [1]);
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_left_on_screen_by_the_last_run_can_be_snoozed_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("restart.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 11, 0);
    seed_promise_due(&db, &clock);
    let bus = NotificationBus::start(dir.path()).await;

    let first = RunningApp::start(&db, &bus.address, &clock);
    wait_until("the promise shown", Duration::from_secs(30), || {
        recorded_on_screen(&db) == [Some(1)]
    })
    .await;
    drop(first);
    assert_eq!(
        bus.visible(),
        [1],
        "a promise stays on screen after the app quits"
    );

    let again = RunningApp::start(&db, &bus.address, &clock);
    wait_until("the promise taken over", Duration::from_secs(30), || {
        bus.shown().len() == 2
    })
    .await;
    let shown = bus.shown();
    assert_eq!(shown[1].replaces_id, 1, "shown again in its own place");
    assert_eq!(shown[1].summary, shown[0].summary);
    assert_eq!(bus.visible(), [1], "one notification on screen, not two");

    // The new run listens a moment after showing it: press once it listens.
    let before = promise_remind_at(&db);
    bus.wait_for_a_listener().await;
    bus.invoke_action(1, "snooze-15").await;
    wait_until("the snooze stored", Duration::from_secs(15), || {
        promise_remind_at(&db) != before
    })
    .await;
    let snoozed = promise_remind_at(&db) - clock.now().timestamp_millis();
    assert!(
        (14 * 60_000..=15 * 60_000).contains(&snoozed),
        "snoozed about 15 minutes from now, got {snoozed} ms"
    );
    wait_until(
        "the answered notice forgotten",
        Duration::from_secs(10),
        || recorded_on_screen(&db).is_empty(),
    )
    .await;
    drop(again);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_summary_of_promised_callbacks_stays_until_answered_and_snoozes_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("summary.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 11, 0);
    let names = [
        "Ada Lovelace",
        "Grace Hopper",
        "Hedy Lamarr",
        "Radia Perlman",
    ];
    seed_promises_due(&db, &clock, &names);
    let bus = NotificationBus::start(dir.path()).await;

    let app = RunningApp::start(&db, &bus.address, &clock);
    wait_until("the summary shown", Duration::from_secs(30), || {
        recorded_on_screen(&db) == [Some(1)]
    })
    .await;
    let shown = bus.shown();
    assert_eq!(shown.len(), 1, "one summary, not four: {shown:?}");
    let summary = &shown[0];
    assert_eq!(summary.summary, "4 new reminders — 4 promised callbacks");
    assert_eq!(summary.urgency, Some(2), "critical, as a single promise is");
    assert_eq!(summary.expire_timeout, 0, "never expires");
    assert_eq!(
        summary.actions,
        ["snooze-15", "Snooze all 15 min", "open", "Open Today"]
    );

    let open_promises = || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.prepare("SELECT remind_at FROM followups WHERE kind = 'promise' AND status = 'open'")
            .unwrap()
            .query_map([], |r| r.get::<_, i64>(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
    };
    let before = open_promises();
    bus.wait_for_a_listener().await;
    bus.invoke_action(1, "snooze-15").await;
    wait_until("the snoozes stored", Duration::from_secs(15), || {
        open_promises()
            .iter()
            .zip(&before)
            .all(|(now, was)| now != was)
    })
    .await;
    let now = clock.now().timestamp_millis();
    for at in open_promises() {
        assert!(
            (14 * 60_000..=15 * 60_000).contains(&(at - now)),
            "each about 15 minutes from now, got {} ms",
            at - now
        );
    }
    drop(app);
}
