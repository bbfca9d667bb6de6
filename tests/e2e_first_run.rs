//! First run through the real window: a new database asks who and where the
//! user is (prefilled from the system's locale and zone), then offers three
//! ways to begin; the sample database opens in a window of its own and never
//! touches the user's file; a restart does not ask again.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use touchpoint_core::{ContactQuery, Database, ManualClock};
use touchpoint_test_support::app::App;
use touchpoint_test_support::axe;
use touchpoint_test_support::clock::TestClock;

/// The processes whose command line names `file`, stopped when dropped, so
/// a failing test leaves no window behind.
struct WindowsOn(PathBuf);

impl WindowsOn {
    fn pids(&self) -> Vec<String> {
        let wanted = self.0.to_string_lossy().into_owned();
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
            .filter(|e| {
                std::fs::read(e.path().join("cmdline"))
                    .map(|c| String::from_utf8_lossy(&c).split('\0').any(|a| a == wanted))
                    .unwrap_or(false)
            })
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }
}

impl Drop for WindowsOn {
    fn drop(&mut self) {
        for pid in self.pids() {
            let _ = std::process::Command::new("kill").arg(&pid).status();
        }
    }
}

fn contacts_in(path: &Path, clock: &TestClock) -> u32 {
    let db = Database::open(path, Arc::new(ManualClock::new(clock.now()))).unwrap();
    db.list_contacts(&ContactQuery::default()).unwrap().total
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_user_is_asked_once_and_can_open_the_sample_beside_their_own_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mine.sqlite3");
    let clock = TestClock::at(2027, 2, 3, 14, 0);
    let system = [("LANG", "en_GB.UTF-8"), ("TZ", "Europe/London")];
    let app = App::launch_with_env(&db, &clock, &system).await;

    let region = app.element("welcome-phoneRegion").await;
    assert_eq!(region.prop("value").await.unwrap().as_deref(), Some("GB"));
    let zone = app.element("welcome-timeZone").await;
    assert_eq!(
        zone.prop("value").await.unwrap().as_deref(),
        Some("Europe/London")
    );
    app.element("welcome-yourName")
        .await
        .send_keys("Ada Lovelace")
        .await
        .unwrap();
    app.element("welcome-yourPhone")
        .await
        .send_keys("020 7946 0321")
        .await
        .unwrap();
    app.screenshot_if_asked("-welcome");
    axe::inject(&app).await;
    let problems = axe::problems(&app, "first-run setup").await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    app.element("welcome-save").await.click().await.unwrap();
    app.element("start-sample").await.click().await.unwrap();
    let said = app
        .wait_for_text("start-status", "the sample opened", |t| {
            t.contains("opened in a window of its own")
        })
        .await;
    app.screenshot_if_asked("-next-steps");

    let sample = dir.path().join("touchpoint-sample.sqlite3");
    assert!(said.contains(&sample.display().to_string()), "{said}");
    let windows = WindowsOn(sample.clone());
    let deadline = Instant::now() + Duration::from_secs(15);
    while windows.pids().is_empty() {
        assert!(Instant::now() < deadline, "no window opened on the sample");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(contacts_in(&sample, &clock), 30, "the sample's people");
    assert_eq!(contacts_in(&db, &clock), 0, "the user's own file has none");
    app.close().await;
    drop(windows);

    let mine = Database::open(&db, Arc::new(ManualClock::new(clock.now())))
        .unwrap()
        .settings()
        .unwrap();
    assert_eq!(
        (
            mine.your_name.as_str(),
            mine.your_phone.as_str(),
            mine.phone_region.as_str()
        ),
        ("Ada Lovelace", "020 7946 0321", "GB")
    );
    let again = App::launch_with_env(&db, &clock, &system).await;
    again.element("today-empty").await;
    assert!(
        again
            .driver()
            .find_all(By::Id("welcome"))
            .await
            .unwrap()
            .is_empty(),
        "set up once: not asked again"
    );
    again.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_shows_work_due_and_says_it_is_a_sample() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("touchpoint-sample.sqlite3");
    let clock = TestClock::at(2027, 2, 3, 14, 0);
    let like = touchpoint_core::Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        ..touchpoint_core::Settings::default()
    };
    touchpoint_core::write_sample(&sample, clock.now(), &like).unwrap();
    let app = App::launch(&sample, &clock).await;
    let banner = app.element("sample-banner").await;
    assert!(banner.is_displayed().await.unwrap(), "the banner shows");
    assert!(
        banner.text().await.unwrap().contains("made-up people"),
        "it says the people are made up"
    );
    let count = app
        .wait_for_text("today-due-count", "a count", |t| t.ends_with("due now"))
        .await;
    let rows = app.driver().find_all(By::Css(".due-item")).await.unwrap();
    assert!(!rows.is_empty(), "work to look at; the title says {count}");
    app.screenshot_if_asked("-sample-today");
    app.close().await;
}
