//! Settings through the real window: "start at login" writes the session's
//! autostart entry for this database, and turning it off removes it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
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

/// "Open log folder" hands the folder the log is written to to the OS's
/// opener (the real `xdg-open`), which starts the user's file manager: here
/// a desktop entry for folders that writes down what it was asked to open.
#[tokio::test(flavor = "multi_thread")]
async fn open_log_folder_hands_the_log_folder_to_the_file_manager() {
    let dir = tempfile::tempdir().unwrap();
    let (home, data, logs) = (
        dir.path().join("home"),
        dir.path().join("data"),
        dir.path().join("logs"),
    );
    let applications = data.join("applications");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&applications).unwrap();
    let opened = dir.path().join("opened");
    let file_manager = dir.path().join("file-manager");
    std::fs::write(
        &file_manager,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &file_manager,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    std::fs::write(
        applications.join("test-file-manager.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Files\nExec={} %f\nMimeType=inode/directory;\n",
            file_manager.display()
        ),
    )
    .unwrap();
    std::fs::write(
        applications.join("mimeapps.list"),
        "[Default Applications]\ninode/directory=test-file-manager.desktop\n",
    )
    .unwrap();

    let app = App::launch_with_env(
        &dir.path().join("log.sqlite3"),
        &TestClock::at(2026, 11, 25, 10, 0),
        &[
            ("HOME", home.to_str().unwrap()),
            ("XDG_DATA_HOME", data.to_str().unwrap()),
            ("TOUCHPOINT_LOG_DIR", logs.to_str().unwrap()),
        ],
    )
    .await;
    app.element("nav-settings").await.click().await.unwrap();
    let shown = app.element("log-folder").await.text().await.unwrap();
    assert_eq!(shown, logs.display().to_string());
    let written = std::fs::read_dir(&logs).unwrap().count();
    assert!(written > 0, "the start of the app is in the log");

    app.element("open-log-folder")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("log-status", "the opener's answer", |t| {
        t == "Opened in your file manager."
    })
    .await;
    wait_for("the file manager", || opened.exists()).await;
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap().trim_end(),
        logs.display().to_string()
    );
    app.close().await;
}
