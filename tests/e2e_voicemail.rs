//! A voicemail with a promised callback, through the real window: the script
//! helper, the promise shown first on the contact, and the native
//! notification arriving when it comes due (a promise a minute ahead).

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

#[path = "support/app.rs"]
mod app;
#[path = "support/notification_server.rs"]
mod notification_server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::App;
use chrono::Utc;
use notification_server::NotificationBus;
use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, ManualClock, Phone, Settings};

#[tokio::test(flavor = "multi_thread")]
async fn a_voicemail_promise_is_shown_first_and_notified_when_due() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("voicemail.sqlite3");
    {
        let mut db = Database::open(&db_path, Arc::new(ManualClock::new(Utc::now()))).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            your_name: "Sam Seller".into(),
            your_phone: "+1 415 555 0123".into(),
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
        db.add_contact(&grace, DuplicateCheck::Warn).unwrap();
    }
    let bus = NotificationBus::start(dir.path()).await;
    let app = App::launch_with_env(&db_path, &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact", |t| {
        t.contains("Grace Hopper")
    })
    .await;
    app.element("contact-list")
        .await
        .find(By::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for_text("touch-progress", "the follow-up panel", |t| {
        t.starts_with("Touch 1")
    })
    .await;

    // Left a voicemail: the script appears, with the name and number twice.
    let outcome = app.element("log-outcome").await;
    outcome
        .find(By::Css("option[value='left_voicemail']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.element("log-hook")
        .await
        .send_keys("the renewal quote she asked for")
        .await
        .unwrap();
    let script = app
        .wait_for_text("voicemail-script", "the voicemail script", |t| {
            t.contains("renewal")
        })
        .await;
    assert!(
        script.starts_with("Hi Grace, it's Sam Seller, +1 415 555 0123."),
        "{script}"
    );
    assert!(
        script.ends_with("Again, Sam Seller, +1 415 555 0123. Talk soon."),
        "{script}"
    );

    // Promise the callback for the next minute, so the test sees it come due.
    let when = (Utc::now() + chrono::Duration::minutes(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    app.driver()
        .execute(
            "const el = document.getElementById('log-promise-when'); el.value = arguments[0]; \
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(when)],
        )
        .await
        .unwrap();
    app.element("log-submit").await.click().await.unwrap();

    let promise = app
        .wait_for_text("followup-panel", "the promise", |t| {
            t.contains("Promised callback")
        })
        .await;
    let promise_at = promise.find("Promised callback").unwrap();
    let next_at = promise.find("Next:").unwrap();
    assert!(
        promise_at < next_at,
        "the promise is shown before the next step: {promise}"
    );

    let deadline = Instant::now() + Duration::from_secs(100);
    while bus.shown().is_empty() {
        assert!(Instant::now() < deadline, "the promise was never notified");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let shown = bus.shown();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].summary, "Call back Grace Hopper — promised");
    assert_eq!(
        shown[0].body,
        "the renewal quote she asked for\n+1 212 555 0199"
    );
    app.close().await;
}
