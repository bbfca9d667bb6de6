//! The window opens as large as it was left, through the real app: resized,
//! then closed and started again on the same database.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::time::{Duration, Instant};

use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

async fn inner_size(app: &App) -> (i64, i64) {
    let size = app
        .driver()
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap()
        .json()
        .clone();
    (size[0].as_i64().unwrap(), size[1].as_i64().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_comes_back_at_the_size_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("window.sqlite3");
    let kept = dir.path().join("window.window.json");
    let clock = TestClock::at(2026, 11, 24, 10, 0);

    let app = App::launch(&db, &clock).await;
    // A new file opens on the first-run setup.
    app.element("welcome").await;
    let before = inner_size(&app).await;
    app.driver().set_window_rect(0, 0, 1000, 700).await.unwrap();
    // The X server resizes the window a moment after the request.
    let deadline = Instant::now() + Duration::from_secs(10);
    let resized = loop {
        let now = inner_size(&app).await;
        if now != before {
            break now;
        }
        assert!(Instant::now() < deadline, "the window was never resized");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Written once the resizing has stopped for a moment.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(&kept).unwrap_or_default();
        if text.contains(&format!("\"width\":{}", resized.0)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the window's size was never kept: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.close().await;

    let again = App::launch(&db, &clock).await;
    again.element("welcome").await;
    assert_eq!(inner_size(&again).await, resized);
    again.close().await;
}
