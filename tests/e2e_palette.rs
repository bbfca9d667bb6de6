//! The command palette through the real window: Ctrl+K, a few letters of a
//! name and Enter open the contact; on their page the palette offers to log
//! a touch for them; "Start the follow-up hour" starts the hour.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Settings};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

async fn palette(app: &App, query: &str, expect: &str) {
    app.driver()
        .active_element()
        .await
        .unwrap()
        .send_keys(Key::Control + "k")
        .await
        .unwrap();
    let input = app.element("palette-input").await;
    input.send_keys(query).await.unwrap();
    let deadline = Instant::now() + StdDuration::from_secs(10);
    loop {
        let first = first_result(app).await;
        if first.starts_with(expect) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the palette never offered {expect:?} first for {query:?}; it offers {first:?}"
        );
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
}

/// The first result's words. WebKitWebDriver reads no visible text inside
/// the palette's fixed overlay (its element text is ""), so this reads the
/// DOM's text; the overlay being on screen is checked by `is_displayed`.
async fn first_result(app: &App) -> String {
    let Ok(item) = app.driver().find(By::Id("palette-item-0")).await else {
        return String::new();
    };
    assert!(
        item.is_displayed().await.unwrap_or(true),
        "the palette is not on screen"
    );
    item.prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_opens_a_contact_offers_their_log_and_starts_the_hour() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("palette.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 14, 0);
    {
        // Entered ten days ago: their first touches are due.
        let then = TestClock::starting_at(clock.now() - Duration::days(10));
        let mut db = Database::open(&db_path, Arc::new(then)).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
        for (name, company) in [
            ("Grace Hopper", "Navy"),
            ("Ada Lovelace", "Analytical Engines"),
        ] {
            let fields = ContactFields {
                display_name: name.into(),
                company: company.into(),
                ..ContactFields::default()
            };
            db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap();
        }
    }

    let app = App::launch(&db_path, &clock).await;
    app.wait_for_text("today-title", "Today", |t| t == "Today")
        .await;
    palette(&app, "grace", "Grace Hopper").await;
    let first = first_result(&app).await;
    assert!(first.contains("Navy"), "{first:?}");
    app.screenshot_if_asked("");
    app.element("palette-input")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("contact-title", "Grace's page", |t| t == "Grace Hopper")
        .await;
    assert!(
        app.driver()
            .find_all(By::Id("palette"))
            .await
            .unwrap()
            .is_empty(),
        "the palette closed"
    );

    palette(&app, "log a touch", "Log a touch for Grace Hopper").await;
    app.element("palette-input")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    let focused = app.driver().active_element().await.unwrap();
    assert_eq!(focused.id().await.unwrap().as_deref(), Some("log-channel"));

    palette(&app, "start the follow", "Start the follow-up hour").await;
    let first = first_result(&app).await;
    assert!(
        !first.contains("Alt+"),
        "an action with no shortcut: {first:?}"
    );
    app.element("palette-input")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    // Started at once: the first contact of the queue is on the card.
    app.wait_for_text("hour-contact-name", "the first call", |t| {
        t == "Grace Hopper" || t == "Ada Lovelace"
    })
    .await;
    app.close().await;
}
