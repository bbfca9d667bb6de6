//! Today through the real window: a promised callback that came due is at
//! the top, under "Promised callbacks", marked as a promise (not yet late);
//! Enter opens the contact with the log form ready.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, Outcome,
    SaveOutcome, Settings, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn a_due_promise_leads_today_and_opens_its_contact() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("today.sqlite3");
    // A Wednesday morning: the next working day, when a new card's first
    // touch falls, is tomorrow.
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    {
        // Logged twenty minutes ago, promising a callback ten minutes ago.
        let then = clock.now() - chrono::Duration::minutes(20);
        let mut db = Database::open(&db_path, Arc::new(ManualClock::new(then))).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
        for name in ["Ada Lovelace", "Grace Hopper"] {
            let fields = ContactFields {
                display_name: name.into(),
                ..ContactFields::default()
            };
            let SaveOutcome::Saved { contact } =
                db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
            else {
                panic!("saved");
            };
            if name == "Grace Hopper" {
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
                    promise: Some(
                        (then + chrono::Duration::minutes(10))
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                    ),
                })
                .unwrap();
            }
        }
    }

    let app = App::launch(&db_path, &clock).await;
    let due_now = app
        .wait_for_text("today-promised", "the due promise", |t| {
            t.contains("Grace Hopper")
        })
        .await;
    assert!(due_now.contains("Promised callback"), "{due_now:?}");
    assert!(
        !due_now.contains("late"),
        "ten minutes is on time: {due_now:?}"
    );
    assert!(due_now.contains("“the renewal quote”"), "{due_now:?}");
    assert_eq!(
        app.element("today-due-count").await.text().await.unwrap(),
        "1 due now"
    );
    let tomorrow = app.text_of(&app.element("today-tomorrow").await).await;
    assert!(
        tomorrow.contains("Ada Lovelace"),
        "the new card's first touch: {tomorrow:?}"
    );

    // The first due item has the keyboard: Enter opens it.
    let focused = app.driver().active_element().await.unwrap();
    focused.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("contact-title", "Grace's page", |t| t == "Grace Hopper")
        .await;
    let focused = app.driver().active_element().await.unwrap();
    assert_eq!(
        focused.id().await.unwrap().as_deref(),
        Some("log-channel"),
        "ready to log"
    );
    app.close().await;
}
