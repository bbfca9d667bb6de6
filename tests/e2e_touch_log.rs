//! The touch log through the real window: a call logged with the keyboard
//! alone schedules the cadence's next step and moves "touch N of M".

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Settings};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn a_call_logged_with_the_keyboard_schedules_the_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("log.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 15, 0);
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        db.update_settings(Settings {
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        let ada = ContactFields {
            display_name: "Ada Lovelace".into(),
            company: "Analytical Engines".into(),
            ..ContactFields::default()
        };
        db.add_contact(&ada, DuplicateCheck::Warn).unwrap();
    }

    let app = App::launch(&db_path, &clock).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact", |t| {
        t.contains("Ada Lovelace")
    })
    .await;
    app.element("contact-list")
        .await
        .find(By::Css("button"))
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("touch-progress", "touch 1 of 12", |t| {
        t.starts_with("Touch 1 of 12")
    })
    .await;

    // The page opens with the keyboard in the log form.
    let focused = app.driver().active_element().await.unwrap();
    assert_eq!(focused.id().await.unwrap().as_deref(), Some("log-channel"));
    // "No answer" is the outcome the form offers first for a call: the keyboard
    // user types the channel's first letter and tabs past the outcome.
    for keys in [
        TypingData::from("c"),
        Key::Tab.into(),
        Key::Tab.into(),
        Key::Tab.into(),
        "Rang twice, no voicemail box".into(),
        Key::Tab.into(),
        "Try again Thursday morning".into(),
        Key::Enter.into(),
    ] {
        app.driver()
            .active_element()
            .await
            .unwrap()
            .send_keys(keys)
            .await
            .unwrap();
    }

    app.wait_for_text("touch-progress", "touch 2 of 12", |t| {
        t.starts_with("Touch 2 of 12")
    })
    .await;
    let next = app.element("next-step").await.text().await.unwrap();
    assert!(
        next.starts_with("Next: Email"),
        "the cadence's second step is an email: {next:?}"
    );
    let touches = app.element("timeline-touches").await.text().await.unwrap();
    assert!(touches.contains("Call · No answer"), "{touches:?}");
    assert!(
        touches.contains("Hook: Try again Thursday morning"),
        "{touches:?}"
    );
    app.close().await;

    let db = Database::open(&db_path, Arc::new(clock)).unwrap();
    let plan = db.contact_plan(1).unwrap();
    assert_eq!(plan.touches.len(), 1, "the touch is stored");
    assert_eq!(
        plan.next.unwrap().step,
        Some(1),
        "step 2 of the cadence is scheduled"
    );
}
