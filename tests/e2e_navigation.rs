//! The window stays on Touchpoint's own pages: a script that sends it to an
//! outside site is stopped, the window says what it did not open, and the
//! app goes on working.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn a_script_cannot_take_the_window_to_an_outside_site() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nav.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let app = App::launch(&db, &clock).await;
    app.driver()
        .execute("location.href = 'https://example.com/phish';", vec![])
        .await
        .unwrap();
    app.wait_for_text("navigation-banner", "the refusal", |t| {
        t.contains("did not open https://example.com/phish")
    })
    .await;
    let url = app.driver().current_url().await.unwrap();
    assert_eq!(url.scheme(), "tauri", "still on the app: {url}");
    app.element("nav-settings").await.click().await.unwrap();
    app.element("settings-form").await;
    app.close().await;
}
