//! A voicemail with a promised callback, through the real window: the script
//! helper, the promise shown first on the contact, and the native
//! notification arriving when it comes due (a promise a minute ahead).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeZone, Utc};
use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Phone, Settings};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::notification_server::NotificationBus;

fn next_whole_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    let floor = at
        .duration_trunc(chrono::Duration::minutes(1))
        .expect("a minute divides any instant");
    if floor == at {
        at
    } else {
        floor + chrono::Duration::minutes(1)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_voicemail_promise_is_shown_first_and_notified_when_due() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("voicemail.sqlite3");
    // Half past a minute: the promise below is then about a minute and a half away.
    let clock = TestClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 25, 9, 58, 30).unwrap());
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
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
    let app = App::launch_with_env(
        &db_path,
        &clock,
        &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)],
    )
    .await;
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

    // Promise the callback for the first whole minute at least a minute
    // ahead on the app's clock, so the test sees it come due.
    let due_at = next_whole_minute(clock.now() + chrono::Duration::minutes(1));
    let when = due_at.format("%Y-%m-%dT%H:%M").to_string();
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

    // Due at `due_at`: never before it, and at most a tick (30 s) after.
    let deadline = due_at + chrono::Duration::seconds(60);
    loop {
        let shown = !bus.shown().is_empty();
        let now = clock.now();
        if shown {
            assert!(
                now >= due_at,
                "notified at {now} or before, ahead of the promise at {due_at}"
            );
            break;
        }
        assert!(now < deadline, "the promise was never notified");
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
