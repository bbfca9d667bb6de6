//! The keyboard through the real window: the arrows walk Today's rows, Enter
//! opens one and Escape comes back to Today; in Contacts a unique name typed
//! in the search box and Enter open that contact, and with several matches
//! Enter goes to the first of them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Settings};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

/// Contacts with no touch yet: each one's first touch is due on the next
/// working day, so all are rows under Today's "Tomorrow".
fn seed(db_path: &Path, clock: &TestClock, names: &[&str]) {
    let mut db = Database::open(db_path, Arc::new(*clock)).unwrap();
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .unwrap();
    for name in names {
        let fields = ContactFields {
            display_name: (*name).into(),
            ..ContactFields::default()
        };
        db.add_contact(&fields, DuplicateCheck::Warn).unwrap();
    }
}

/// Types `keys` where the focus is.
async fn press(app: &App, keys: impl Into<TypingData>) {
    app.driver()
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// The text of `selector` inside the focused element ("" if it has none).
async fn focused_text(app: &App, selector: &str) -> String {
    let focused = app.driver().active_element().await.unwrap();
    match focused.find(By::Css(selector)).await {
        Ok(part) => app.text_of(&part).await,
        Err(_) => String::new(),
    }
}

/// Waits until the element with `id` has the focus (views focus after they load).
async fn wait_for_focus(app: &App, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let focused = app.driver().active_element().await.unwrap();
        let now = focused.id().await.unwrap();
        if now.as_deref() == Some(id) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "#{id} never had the focus; #{now:?} has it"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn arrows_walk_todays_rows_enter_opens_one_and_escape_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("keys-today.sqlite3");
    // A Wednesday: the first touches fall on Thursday.
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    seed(
        &db_path,
        &clock,
        &["Ada Lovelace", "Grace Hopper", "Hedy Lamarr"],
    );

    let app = App::launch(&db_path, &clock).await;
    app.wait_for_text("today-tomorrow", "the three first touches", |t| {
        t.contains("Ada Lovelace") && t.contains("Grace Hopper") && t.contains("Hedy Lamarr")
    })
    .await;
    // The rows in the order shown, by the name each one leads with.
    let mut names = Vec::new();
    for row in app.driver().find_all(By::Css(".due-item")).await.unwrap() {
        names.push(
            app.text_of(&row.find(By::Css("strong")).await.unwrap())
                .await,
        );
    }
    assert_eq!(names.len(), 3, "{names:?}");

    // The first row has the keyboard; the arrows, Home and End move it.
    assert_eq!(focused_text(&app, "strong").await, names[0]);
    press(&app, Key::Down).await;
    assert_eq!(focused_text(&app, "strong").await, names[1]);
    press(&app, Key::Down).await;
    assert_eq!(focused_text(&app, "strong").await, names[2]);
    press(&app, Key::Home).await;
    assert_eq!(focused_text(&app, "strong").await, names[0]);
    press(&app, Key::End).await;
    press(&app, Key::Up).await;
    assert_eq!(focused_text(&app, "strong").await, names[1]);

    // Enter opens the row that has the focus.
    press(&app, Key::Enter).await;
    app.wait_for_text("contact-title", "the chosen contact's page", |t| {
        t == names[1]
    })
    .await;
    // Escape from the log form's channel (a list, not text being typed).
    wait_for_focus(&app, "log-channel").await;
    press(&app, Key::Escape).await;
    app.wait_for_text("today-title", "Today again", |t| t == "Today")
        .await;
    app.wait_for_text("today-tomorrow", "its rows", |t| t.contains(&names[1]))
        .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn enter_in_the_contact_search_opens_the_one_match() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("keys-search.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    seed(
        &db_path,
        &clock,
        &["Ada Lovelace", "Grace Hopper", "Grace Kelly", "Hedy Lamarr"],
    );

    let app = App::launch(&db_path, &clock).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-count", "every contact", |t| t == "4 contacts")
        .await;
    wait_for_focus(&app, "contact-search").await;

    // Two Graces: Enter goes to the first, opening neither.
    let search = app.element("contact-search").await;
    search.send_keys("Grace").await.unwrap();
    search.send_keys(Key::Enter).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while focused_text(&app, ".contact-name").await != "Grace Hopper" {
        assert!(
            Instant::now() < deadline,
            "Enter did not go to the first of the two Graces"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.element("contact-count").await.text().await.unwrap(),
        "2 contacts"
    );

    // Up from the first row goes back to the search box; a unique name and
    // Enter open that contact.
    press(&app, Key::Up).await;
    wait_for_focus(&app, "contact-search").await;
    // Typed over the old search and entered at once: Enter waits for the
    // search the typing starts.
    press(&app, Key::Control + "a").await;
    press(&app, "Hedy").await;
    press(&app, Key::Enter).await;
    app.wait_for_text("contact-title", "Hedy's page", |t| t == "Hedy Lamarr")
        .await;

    // Escape goes back to the list.
    wait_for_focus(&app, "log-channel").await;
    press(&app, Key::Escape).await;
    app.wait_for_text("contact-count", "the list again", |t| t == "4 contacts")
        .await;
    app.close().await;
}
