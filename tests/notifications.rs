//! The real app binary against a private D-Bus session whose notification
//! server the test controls: a promised callback that came due while the app
//! was closed is shown once, with its actions; snoozing from the notification
//! moves it; a restart does not show it again.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use touchpoint_core::{Database, NoticeKind};
use touchpoint_test_support::app_process::{
    RunningApp, promise_remind_at as remind_at, seed_promise_due as seed, wait_until,
};
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::followup_hour::{clock_in_the_hour, settings_with_the_hour};
use touchpoint_test_support::notification_server::NotificationBus;

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_due_while_closed_is_shown_once_and_can_be_snoozed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("remind.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 11, 0);
    seed(&db, &clock);
    let bus = NotificationBus::start(dir.path()).await;

    let app = RunningApp::start(&db, &bus.address, &clock);
    wait_until(
        "the promised callback notification",
        Duration::from_secs(30),
        || !bus.shown().is_empty(),
    )
    .await;
    let shown = bus.shown();
    assert_eq!(shown.len(), 1, "one notification: {shown:?}");
    let n = &shown[0];
    assert_eq!(n.app_name, "Touchpoint");
    assert_eq!(n.summary, "Call back Grace Hopper — promised");
    assert_eq!(n.body, "The renewal quote she asked for\n+1 212 555 0199");
    assert_eq!(
        n.actions,
        [
            "snooze-15",
            "Snooze 15 min",
            "snooze-60",
            "Snooze 1 hour",
            "snooze-tomorrow",
            "Tomorrow 07:30",
            "open",
            "Open contact"
        ]
    );

    // The app listens for the notice's actions a moment after showing it
    // (no person clicks that fast): press once it listens.
    let before = remind_at(&db);
    bus.wait_for_a_listener().await;
    bus.invoke_action(n.id, "snooze-15").await;
    wait_until("the snooze stored", Duration::from_secs(15), || {
        remind_at(&db) != before
    })
    .await;
    let snoozed = remind_at(&db) - clock.now().timestamp_millis();
    assert!(
        (14 * 60_000..=15 * 60_000).contains(&snoozed),
        "snoozed about 15 minutes from now, got {snoozed} ms"
    );
    drop(app);

    let again = RunningApp::start(&db, &bus.address, &clock);
    again.wait_for_a_check().await;
    assert_eq!(bus.shown().len(), 1, "a restart shows nothing again");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_weekly_follow_up_hour_is_announced_once_with_a_start_action() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hour.sqlite3");
    let clock = clock_in_the_hour();
    {
        let mut db = Database::open(&db, Arc::new(clock)).unwrap();
        db.update_settings(settings_with_the_hour()).unwrap();
    }
    let bus = NotificationBus::start(dir.path()).await;
    let hour = |bus: &NotificationBus| {
        bus.shown()
            .into_iter()
            .filter(|n| n.summary.starts_with("Your follow-up hour starts now"))
            .collect::<Vec<_>>()
    };

    let app = RunningApp::start(&db, &bus.address, &clock);
    wait_until(
        "the follow-up hour notification",
        Duration::from_secs(30),
        || !hour(&bus).is_empty(),
    )
    .await;
    let shown = hour(&bus);
    assert_eq!(
        shown[0].summary,
        "Your follow-up hour starts now (09:00–10:00)"
    );
    assert_eq!(shown[0].actions, ["start-hour", "Start follow-up hour"]);
    // A notice is shown, then recorded as shown: a kill between the two shows
    // it again (never missed beats never twice), so stop only once recorded.
    wait_until(
        "the announcement recorded as shown",
        Duration::from_secs(10),
        || !hour_still_due(&db, &clock),
    )
    .await;
    drop(app);

    let again = RunningApp::start(&db, &bus.address, &clock);
    again.wait_for_a_check().await;
    assert_eq!(hour(&bus).len(), 1, "announced once, not again on restart");
}

/// Whether the core would still announce the follow-up hour now.
fn hour_still_due(path: &Path, clock: &TestClock) -> bool {
    let db = Database::open(path, Arc::new(*clock)).unwrap();
    db.due_reminders()
        .unwrap()
        .iter()
        .any(|r| r.notice.kind == NoticeKind::FollowupHour)
}
