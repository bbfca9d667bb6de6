//! The app binary started without WebDriver, on the test's clock and a
//! private notification bus, saying on stderr each time it has looked at the
//! schedule; and a promised callback that came due while it was closed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, Outcome,
    Phone, SaveOutcome, Settings, TouchInput,
};

use crate::app::app_binary;
use crate::clock::TestClock;

pub struct RunningApp {
    child: Child,
    checks: Arc<AtomicUsize>,
}

impl RunningApp {
    /// Starts the app (its window too: it needs an X display) on `db`,
    /// with `bus` as its session bus.
    pub fn start(db: &Path, bus: &str, clock: &TestClock) -> RunningApp {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "this test opens the app's window: run it through scripts/test.sh (xvfb-run)"
        );
        let (clock_var, shift) = clock.env();
        let mut child = Command::new(app_binary())
            .args(["--db", db.to_str().expect("a UTF-8 temporary path")])
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .env("NO_AT_BRIDGE", "1")
            .env("TOUCHPOINT_LOG", "debug")
            .env(clock_var, shift)
            .stderr(Stdio::piped())
            .spawn()
            .expect("the app binary starts");
        let checks = Arc::new(AtomicUsize::new(0));
        let stderr = child.stderr.take().expect("piped stderr");
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
    pub async fn wait_for_a_check(&self) {
        wait_until("a look at the schedule", Duration::from_secs(30), || {
            self.checks.load(Ordering::SeqCst) > 0
        })
        .await;
    }

    /// Ends the app as a crash or a power cut would: no clean-up runs.
    pub fn kill_9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 100 ms until it holds, or fails saying `what`.
pub async fn wait_until(what: &str, within: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !check() {
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A voicemail left for Grace Hopper an hour ago promising a callback 30
/// minutes ago: it came due while the app was closed. Returns her id.
pub fn seed_promise_due(path: &Path, clock: &TestClock) -> i64 {
    seed_promises_due(path, clock, &["Grace Hopper"])[0]
}

/// [`seed_promise_due`] for each of `names`; their ids, in order.
pub fn seed_promises_due(path: &Path, clock: &TestClock, names: &[&str]) -> Vec<i64> {
    let an_hour_ago = clock.now() - chrono::Duration::hours(1);
    let mut db = Database::open(path, Arc::new(ManualClock::new(an_hour_ago)))
        .expect("the test database opens");
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .expect("settings saved");
    let promise_at = (an_hour_ago + chrono::Duration::minutes(30))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut ids = Vec::new();
    for name in names {
        let person = ContactFields {
            display_name: (*name).into(),
            phones: vec![Phone {
                label: "work".into(),
                number: "+1 212 555 0199".into(),
                e164: None,
            }],
            ..ContactFields::default()
        };
        let Ok(SaveOutcome::Saved { contact }) =
            db.add_contact(&person, DuplicateCheck::SaveAnyway)
        else {
            panic!("{name} is saved");
        };
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
            promise: Some(promise_at.clone()),
        })
        .expect("the voicemail is logged");
        ids.push(contact.id);
    }
    ids
}

/// The promised callback's reminder instant, read from the file.
pub fn promise_remind_at(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("the file opens");
    conn.query_row(
        "SELECT remind_at FROM followups WHERE kind = 'promise' AND status = 'open'",
        [],
        |r| r.get(0),
    )
    .expect("an open promise")
}

/// The server ids the app has recorded for notifications it showed and
/// that are still on screen (the `notices_sent` table).
pub fn recorded_on_screen(path: &Path) -> Vec<Option<u32>> {
    let conn = rusqlite::Connection::open(path).expect("the file opens");
    let mut stmt = conn
        .prepare("SELECT server_id FROM notices_sent ORDER BY id")
        .expect("the table exists");
    stmt.query_map([], |r| r.get(0))
        .expect("a query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}
