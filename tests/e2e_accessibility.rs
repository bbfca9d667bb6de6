//! Every view through the real window, checked by axe-core (the npm package
//! the setup installs, injected into the page) against WCAG 2.1 A and AA:
//! contrast, names and roles of controls, labels. In the light and the dark
//! theme, on the sample database so every list has rows in it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use serde_json::Value;
use thirtyfour::prelude::*;
use touchpoint_core::{Settings, write_sample};
use touchpoint_test_support::app::App;
use touchpoint_test_support::axe;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::desktop::EVERY_VIEW;

async fn every_view_meets_wcag_aa(dark: bool) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("touchpoint-sample.sqlite3");
    let clock = TestClock::at(2027, 2, 3, 14, 0);
    let like = Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        ..Settings::default()
    };
    write_sample(&db, clock.now(), &like).unwrap();
    let theme = if dark { "Adwaita:dark" } else { "Adwaita" };
    let app = App::launch_with_env(&db, &clock, &[("GTK_THEME", theme)]).await;
    app.element("today-title").await;
    let scheme = app
        .driver()
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(scheme.json(), &Value::Bool(dark), "the theme asked for");
    axe::inject(&app).await;

    let mut found = Vec::new();
    for (nav, loaded) in EVERY_VIEW {
        app.element(nav).await.click().await.unwrap();
        app.element(loaded).await;
        found.extend(axe::problems(&app, nav).await);
    }
    app.element("nav-today").await.click().await.unwrap();
    app.element("today-title").await;
    app.driver()
        .find(By::Css(".due-item"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.element("contact-title").await;
    found.extend(axe::problems(&app, "a contact's page").await);
    app.element("palette-open").await.click().await.unwrap();
    app.element("palette-input").await;
    found.extend(axe::problems(&app, "the palette").await);
    app.close().await;
    assert!(
        found.is_empty(),
        "{} accessibility problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_meets_wcag_aa_in_the_light_theme() {
    every_view_meets_wcag_aa(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_meets_wcag_aa_in_the_dark_theme() {
    every_view_meets_wcag_aa(true).await;
}
