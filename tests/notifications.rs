//! The real app binary against a private D-Bus session whose notification
//! server the test controls: a promised callback that came due while the app
//! was closed is shown once, with its actions; snoozing from the notification
//! moves it; a restart does not show it again.

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, NoticeKind,
    Outcome, Phone, SaveOutcome, Settings, TouchInput,
};
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::followup_hour::{clock_in_the_hour, settings_with_the_hour};
use touchpoint_test_support::notification_server::NotificationBus;

/// The app binary with its window, on the test's clock, saying on stderr
/// each time it has looked at the schedule (`TOUCHPOINT_LOG=debug`).
struct RunningApp {
    child: Child,
    checks: Arc<AtomicUsize>,
}

impl RunningApp {
    fn start(db: &Path, bus: &str, clock: &TestClock) -> RunningApp {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "this test opens the app's window: run it through scripts/test.sh (xvfb-run)"
        );
        let (clock_var, shift) = clock.env();
        let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args(["--db", db.to_str().unwrap()])
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .env("NO_AT_BRIDGE", "1")
            .env("TOUCHPOINT_LOG", "debug")
            .env(clock_var, shift)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let checks = Arc::new(AtomicUsize::new(0));
        let stderr = child.stderr.take().unwrap();
        let seen = checks.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.starts_with("touchpoint: reminders checked at ") {
                    seen.fetch_add(1, Ordering::SeqCst);
                }
                eprintln!("{line}");
            }
        });
        RunningApp { child, checks }
    }

    /// Waits until the app has gone through everything due at least once:
    /// whatever it would show now, it has shown.
    async fn wait_for_a_check(&self) {
        wait_until("a look at the schedule", Duration::from_secs(30), || {
            self.checks.load(Ordering::SeqCst) > 0
        })
        .await;
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// A voicemail left an hour ago promising a callback 30 minutes ago: it came
/// due while the app was closed.
fn seed(path: &Path, clock: &TestClock) -> i64 {
    let an_hour_ago = clock.now() - chrono::Duration::hours(1);
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
    // (no person clicks that fast): press until the snooze is stored.
    let before = remind_at(&db);
    let deadline = Instant::now() + Duration::from_secs(15);
    'press: loop {
        bus.invoke_action(n.id, "snooze-15").await;
        let pressed = Instant::now();
        while pressed.elapsed() < Duration::from_secs(1) {
            if remind_at(&db) != before {
                break 'press;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(Instant::now() < deadline, "the snooze was never stored");
    }
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
