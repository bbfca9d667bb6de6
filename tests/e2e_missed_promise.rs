//! A promised callback not made, through the real window and a notification
//! server on a private bus: it leads Today marked late, and an hour after its
//! reminder was shown it is notified once more, once.
//!
//! Grace's and Ada's promises came due over an hour ago; their reminders
//! were shown (and closed) 59 min 52 s and 59 min 40 s before the window
//! opens, so their second showings fall 8 and 20 s into the test. Ada's
//! arriving is the evidence that the reminders ran past Grace's again without
//! a third showing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, Outcome,
    SaveOutcome, Settings, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::notification_server::{NotificationBus, Shown};

/// Leaves `name` a voicemail at `promised - 30 min` promising a callback at
/// `promised` (a whole minute), and shows its reminder at `shown_at`, which
/// the user then closed. Returns the promised time as the notice says it.
fn promise_shown(
    path: &Path,
    name: &str,
    promised: DateTime<Utc>,
    shown_at: DateTime<Utc>,
) -> String {
    let clock = Arc::new(ManualClock::new(promised - Duration::minutes(30)));
    let mut db = Database::open(path, clock.clone()).unwrap();
    let SaveOutcome::Saved { contact } = db
        .add_contact(
            &ContactFields {
                display_name: name.into(),
                ..ContactFields::default()
            },
            DuplicateCheck::Warn,
        )
        .unwrap()
    else {
        panic!("saved");
    };
    db.log_touch(&TouchInput {
        contact_id: contact.id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "the renewal quote".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(promised.format("%Y-%m-%d %H:%M").to_string()),
    })
    .unwrap();
    clock.set(shown_at);
    for reminder in db.due_reminders().unwrap() {
        if let Some(claim) = db.claim(&reminder).unwrap() {
            db.shown(claim.id, 900).unwrap();
            db.closed(claim.id).unwrap();
        }
    }
    promised.format("%H:%M").to_string()
}

async fn wait_for(bus: &NotificationBus, what: &str, found: impl Fn(&Shown) -> bool) -> Shown {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(n) = bus.shown().into_iter().find(|n| found(n)) {
            return n;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what} was never notified; the server got {:?}",
            bus.shown()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missed_promise_leads_today_and_is_notified_once_more_once() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("missed.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 15, 0);
    let now = clock.now();
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
    }
    let hour = Duration::minutes(60);
    let grace_at = promise_shown(
        &db_path,
        "Grace Hopper",
        now - Duration::minutes(70),
        now - hour + Duration::seconds(8),
    );
    promise_shown(
        &db_path,
        "Ada Lovelace",
        now - Duration::minutes(65),
        now - hour + Duration::seconds(20),
    );

    let bus = NotificationBus::start(dir.path()).await;
    let app = App::launch_with_env(
        &db_path,
        &clock,
        &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)],
    )
    .await;

    // Today: both on top, oldest first, marked late.
    let promised = app
        .wait_for_text("today-promised", "the promised callbacks", |t| {
            t.contains("Ada Lovelace")
        })
        .await;
    assert!(
        promised.find("Grace Hopper") < promised.find("Ada Lovelace"),
        "{promised:?}"
    );
    let rows = app
        .element("today-promised")
        .await
        .find_all(By::Css(".due-item.is-late"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "both shown as late: {promised:?}");
    let first = rows[0].text().await.unwrap();
    assert!(
        first.contains("Promised callback · 1 h 10 min late"),
        "{first:?}"
    );
    let parts = app
        .driver()
        .find_all(By::Css("section.due-part"))
        .await
        .unwrap();
    assert_eq!(
        parts[0].id().await.unwrap().as_deref(),
        Some("today-promised"),
        "the first part of Today"
    );
    app.screenshot_if_asked("");

    let title = format!("Not called back yet: Grace Hopper — you promised {grace_at} their time");
    let again = wait_for(&bus, "Grace's second reminder", |n| n.summary == title).await;
    assert!(again.body.contains("the renewal quote"), "{:?}", again.body);
    assert!(
        again.actions.iter().any(|a| a.starts_with("snooze")),
        "its buttons: {:?}",
        again.actions
    );
    wait_for(&bus, "Ada's second reminder", |n| {
        n.summary.starts_with("Not called back yet: Ada Lovelace")
    })
    .await;
    let for_grace = bus
        .shown()
        .iter()
        .filter(|n| n.summary.contains("Grace Hopper"))
        .count();
    assert_eq!(for_grace, 1, "once: {:?}", bus.shown());
    app.close().await;
}
