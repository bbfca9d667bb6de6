//! The real app binary against a private D-Bus session whose notification
//! server the test controls: a promised callback that came due while the app
//! was closed is shown once, with its actions; snoozing from the notification
//! moves it; a restart does not show it again.

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

#[path = "support/hour_now.rs"]
mod hour_now;
#[path = "support/notification_server.rs"]
mod notification_server;

use std::path::Path;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use hour_now::settings_with_the_hour_on;
use notification_server::NotificationBus;
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, NoticeKind,
    Outcome, Phone, SaveOutcome, Settings, TouchInput,
};

struct RunningApp(Child);

impl RunningApp {
    fn start(db: &Path, bus: &str) -> RunningApp {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "this test opens the app's window: run it through scripts/test.sh (xvfb-run)"
        );
        RunningApp(
            Command::new(env!("CARGO_BIN_EXE_touchpoint"))
                .args(["--db", db.to_str().unwrap()])
                .env("DBUS_SESSION_BUS_ADDRESS", bus)
                .env("NO_AT_BRIDGE", "1")
                .spawn()
                .unwrap(),
        )
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// A voicemail left an hour ago promising a callback 30 minutes ago: it came
/// due while the app was closed.
fn seed(path: &Path) -> i64 {
    let an_hour_ago = Utc::now() - chrono::Duration::hours(1);
    let mut db = Database::open(path, Arc::new(ManualClock::new(an_hour_ago))).unwrap();
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .unwrap();
    let grace = ContactFields {
        display_name: "Grace Hopper".into(),
        phones: vec![Phone {
            label: "work".into(),
            number: "+1 212 555 0199".into(),
            e164: None,
        }],
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&grace, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    let promise_at = (an_hour_ago + chrono::Duration::minutes(30))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    db.log_touch(&TouchInput {
        contact_id: contact.id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "The renewal quote she asked for".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(promise_at),
    })
    .unwrap();
    contact.id
}

fn remind_at(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT remind_at FROM followups WHERE kind = 'promise' AND status = 'open'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

async fn wait_until(what: &str, within: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !check() {
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_due_while_closed_is_shown_once_and_can_be_snoozed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("remind.sqlite3");
    seed(&db);
    let bus = NotificationBus::start(dir.path()).await;

    let app = RunningApp::start(&db, &bus.address);
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

    let before = remind_at(&db);
    bus.invoke_action(n.id, "snooze-15").await;
    wait_until("the snooze", Duration::from_secs(10), || {
        remind_at(&db) != before
    })
    .await;
    let snoozed = remind_at(&db) - Utc::now().timestamp_millis();
    assert!(
        (14 * 60_000..=15 * 60_000).contains(&snoozed),
        "snoozed about 15 minutes from now, got {snoozed} ms"
    );
    drop(app);

    let _again = RunningApp::start(&db, &bus.address);
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(bus.shown().len(), 1, "a restart shows nothing again");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_weekly_follow_up_hour_is_announced_once_with_a_start_action() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hour.sqlite3");
    {
        let mut db = Database::open(&db, Arc::new(ManualClock::new(Utc::now()))).unwrap();
        db.update_settings(settings_with_the_hour_on()).unwrap();
    }
    let bus = NotificationBus::start(dir.path()).await;
    let hour = |bus: &NotificationBus| {
        bus.shown()
            .into_iter()
            .filter(|n| n.summary.starts_with("Your follow-up hour starts now"))
            .collect::<Vec<_>>()
    };

    let app = RunningApp::start(&db, &bus.address);
    wait_until(
        "the follow-up hour notification",
        Duration::from_secs(30),
        || !hour(&bus).is_empty(),
    )
    .await;
    let shown = hour(&bus);
    assert_eq!(
        shown[0].summary,
        "Your follow-up hour starts now (00:00–23:59)"
    );
    assert_eq!(shown[0].actions, ["start-hour", "Start follow-up hour"]);
    // A notice is shown, then recorded as shown: a kill between the two shows
    // it again (never missed beats never twice), so stop only once recorded.
    wait_until(
        "the announcement recorded as shown",
        Duration::from_secs(10),
        || !hour_still_due(&db),
    )
    .await;
    drop(app);

    let _again = RunningApp::start(&db, &bus.address);
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(hour(&bus).len(), 1, "announced once, not again on restart");
}

/// Whether the core would still announce the follow-up hour now.
fn hour_still_due(path: &Path) -> bool {
    let db = Database::open(path, Arc::new(ManualClock::new(Utc::now()))).unwrap();
    db.due_reminders()
        .unwrap()
        .iter()
        .any(|r| r.notice.kind == NoticeKind::FollowupHour)
}
