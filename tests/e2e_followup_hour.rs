//! The weekly follow-up hour through the real window: three queued contacts
//! (a promised callback, an overdue step, a customer silent for 45 days),
//! walked with the keyboard: one logged as a voicemail with a new promise,
//! one as no answer, one skipped; the summary shows the promise. And the
//! hour's notification: its "Start follow-up hour" action starts it.

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
    Channel, ContactFields, Database, Direction, DuplicateCheck, FollowUpKind, ManualClock,
    NextStep, Outcome, Phone, SaveOutcome, Settings, Stage, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::followup_hour::{clock_in_the_hour, settings_with_the_hour};
use touchpoint_test_support::notification_server::NotificationBus;

fn add(path: &Path, at: DateTime<Utc>, name: &str, phone: &str, stage: Stage) -> (Database, i64) {
    let mut db = Database::open(path, Arc::new(ManualClock::new(at))).unwrap();
    let fields = ContactFields {
        display_name: name.into(),
        stage,
        phones: vec![Phone {
            label: "work".into(),
            number: phone.into(),
            e164: None,
        }],
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    (db, contact.id)
}

fn call(contact_id: i64, outcome: Outcome, hook: &str) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome,
        notes: "Wants the spring catalogue".into(),
        hook: hook.into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: None,
    }
}

/// Returns Grace's id: her callback was promised for ten minutes ago.
fn seed(path: &Path, clock: &TestClock) -> i64 {
    let now = clock.now();
    {
        let mut db = Database::open(path, Arc::new(*clock)).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
    }
    let then = now - Duration::minutes(20);
    let (mut db, grace) = add(
        path,
        then,
        "Grace Hopper",
        "+1 212 555 0101",
        Stage::Prospect,
    );
    db.log_touch(&TouchInput {
        promise: Some(
            (then + Duration::minutes(10))
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        ),
        ..call(grace, Outcome::LeftVoicemail, "the renewal quote")
    })
    .unwrap();
    // Added ten days ago: the first touch is overdue.
    add(
        path,
        now - Duration::days(10),
        "Ada Lovelace",
        "+1 212 555 0102",
        Stage::Prospect,
    );
    let (_, hedy) = add(
        path,
        now - Duration::days(60),
        "Hedy Lamarr",
        "+1 212 555 0103",
        Stage::Customer,
    );
    let mut db = Database::open(path, Arc::new(*clock)).unwrap();
    db.log_touch(&TouchInput {
        happened_at: Some(now - Duration::days(45)),
        next: NextStep::At {
            when: (now + Duration::days(60))
                .format("%Y-%m-%d 10:00")
                .to_string(),
            channel: Channel::Email,
            prompt: String::new(),
        },
        ..call(hedy, Outcome::Connected, "")
    })
    .unwrap();
    grace
}

async fn current(app: &App, name: &str) {
    app.wait_for_text("hour-contact-name", name, |t| t == name)
        .await;
    // The log form comes with the card; the outcome has the keyboard.
    let driver = app.driver();
    for _ in 0..50 {
        let focused = driver.active_element().await.unwrap();
        if focused.id().await.unwrap().as_deref() == Some("log-outcome") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the log form for {name} never had the keyboard");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_follow_up_hour_walks_the_queue_and_sums_up_the_promises() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("hour.sqlite3");
    // A Tuesday afternoon: the queue is what is due, whatever the hour's day.
    let clock = TestClock::at(2026, 11, 24, 14, 0);
    let grace = seed(&db_path, &clock);

    let app = App::launch(&db_path, &clock).await;
    let driver = app.driver();
    driver
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Alt + "h")
        .await
        .unwrap();
    app.wait_for_text("hour-queue-count", "the queue", |t| t == "3 to call")
        .await;
    let queue = app.element("hour-queue").await.text().await.unwrap();
    let order: Vec<usize> = ["Grace Hopper", "Ada Lovelace", "Hedy Lamarr"]
        .iter()
        .map(|n| queue.find(n).unwrap_or_else(|| panic!("{n} in {queue:?}")))
        .collect();
    assert!(order.is_sorted(), "promise, overdue, re-engage: {queue:?}");
    app.element("hour-start")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();

    // Grace: a voicemail again, promising to call back (the default time).
    current(&app, "Grace Hopper").await;
    let hook = app.element("hour-hook").await.text().await.unwrap();
    assert!(hook.contains("the renewal quote"), "{hook:?}");
    let outcome = driver.active_element().await.unwrap();
    outcome.send_keys("Left").await.unwrap();
    assert_eq!(
        outcome.prop("value").await.unwrap().as_deref(),
        Some("left_voicemail"),
        "typing picks the outcome"
    );
    outcome.send_keys(Key::Control + Key::Enter).await.unwrap();

    // Ada: no answer, logged as the form stands.
    current(&app, "Ada Lovelace").await;
    let outcome = driver.active_element().await.unwrap();
    outcome.send_keys(Key::Control + Key::Enter).await.unwrap();

    // Hedy: skipped for now.
    current(&app, "Hedy Lamarr").await;
    let reason = app.element("hour-reason").await.text().await.unwrap();
    assert_eq!(reason, "Not contacted for a while");
    let outcome = driver.active_element().await.unwrap();
    outcome.send_keys(Key::Alt + Key::Right).await.unwrap();

    let voicemails = app
        .wait_for_text("hour-summary-voicemails", "the summary", |t| {
            t.contains("Grace Hopper")
        })
        .await;
    assert!(
        voicemails.contains("Grace Hopper — you promised to call back"),
        "{voicemails:?}"
    );
    assert_eq!(
        app.element("hour-voicemails").await.text().await.unwrap(),
        "1 voicemail left"
    );
    assert_eq!(
        app.element("hour-next-steps").await.text().await.unwrap(),
        "2 next steps set",
        "Grace's and Ada's"
    );
    let skipped = app
        .element("hour-summary-skipped")
        .await
        .text()
        .await
        .unwrap();
    assert!(skipped.contains("Hedy Lamarr"), "{skipped:?}");
    app.close().await;

    let db = Database::open(&db_path, Arc::new(clock)).unwrap();
    let plan = db.contact_plan(grace).unwrap();
    assert_eq!(plan.touches.len(), 2, "the hour's voicemail is stored");
    assert_eq!(plan.touches[0].outcome, Outcome::LeftVoicemail);
    let promise = plan.promises.first().expect("a new promise is open");
    assert_eq!(promise.kind, FollowUpKind::Promise);
    assert!(
        voicemails.contains(&format!(", {} their time", &promise.local_due[11..])),
        "the summary shows the promised time {}: {voicemails:?}",
        promise.local_due
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hour_notification_starts_the_hour_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("start.sqlite3");
    let clock = clock_in_the_hour();
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        db.update_settings(settings_with_the_hour()).unwrap();
    }
    add(
        &db_path,
        clock.now() - Duration::days(10),
        "Ada Lovelace",
        "+1 212 555 0102",
        Stage::Prospect,
    );
    let bus = NotificationBus::start(dir.path()).await;
    let app = App::launch_with_env(
        &db_path,
        &clock,
        &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)],
    )
    .await;
    app.wait_for_text("today-title", "Today", |t| t == "Today")
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let notice = loop {
        if let Some(n) = bus
            .shown()
            .into_iter()
            .find(|n| n.summary.starts_with("Your follow-up hour starts now"))
        {
            break n;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the hour was not announced"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert!(notice.body.contains("1 overdue"), "{:?}", notice.body);
    // The app listens for the notice's actions a moment after showing it
    // (no person clicks that fast): press once it listens.
    bus.wait_for_a_listener().await;
    bus.invoke_action(notice.id, "start-hour").await;
    app.driver()
        .query(By::Id("hour-contact-name"))
        .wait(
            std::time::Duration::from_secs(15),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await
        .expect("the window starts the hour");
    current(&app, "Ada Lovelace").await;
    assert_eq!(
        app.element("hour-position").await.text().await.unwrap(),
        "1 of 1"
    );
    app.close().await;
}
