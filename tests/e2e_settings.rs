//! Settings through the real window: "start at login" writes the session's
//! autostart entry for this database, and turning it off removes it.

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

async fn wait_for(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn start_at_login_adds_and_removes_the_autostart_entry() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let db = dir.path().join("settings.sqlite3");
    let app = App::launch_with_env(
        &db,
        &TestClock::at(2026, 11, 25, 10, 0),
        &[("HOME", home.to_str().unwrap())],
    )
    .await;
    app.element("nav-settings").await.click().await.unwrap();
    // With the keyboard, as a keyboard-first user does: a pointer click right
    // after the view appears can land where the box was before the form
    // scrolled back to its first field.
    let at_login = app.element("settings-startAtLogin").await;
    at_login.send_keys(Key::Space).await.unwrap();
    assert_eq!(
        at_login.prop("checked").await.unwrap().as_deref(),
        Some("true"),
        "the box is ticked"
    );
    app.element("settings-save")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("settings-status", "saved", |t| t == "Saved.")
        .await;

    let entry = home.join(".config/autostart/Touchpoint.desktop");
    wait_for("the autostart entry", || entry.exists()).await;
    let desktop = std::fs::read_to_string(&entry).unwrap();
    assert!(
        desktop.contains(&format!("--db {}", db.display())),
        "{desktop}"
    );

    at_login.send_keys(Key::Space).await.unwrap();
    app.element("settings-save")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    wait_for("the entry's removal", || !entry.exists()).await;
    app.close().await;
}
