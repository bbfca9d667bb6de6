//! The best time to call, learned, through the real window: Grace in Berlin
//! answered 4 of her 5 calls before 08:00 her time and 1 of 4 later; her
//! page says when to call her and why, her next step is set at that time,
//! and Insights shades every contact's calls by weekday and hour.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use chrono::{FixedOffset, NaiveDateTime, Utc};
use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, Outcome,
    SaveOutcome, Settings, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

/// Her calls, Berlin time (UTC+1 all November), Monday 2026-11-02 to
/// Friday 2026-11-13.
const CALLS: [(&str, Outcome); 9] = [
    ("2026-11-02 07:40", Outcome::Connected),
    ("2026-11-03 07:50", Outcome::Connected),
    ("2026-11-04 07:30", Outcome::LeftVoicemail),
    ("2026-11-05 07:45", Outcome::Connected),
    ("2026-11-06 07:55", Outcome::Connected),
    ("2026-11-09 10:00", Outcome::NoAnswer),
    ("2026-11-10 10:30", Outcome::NoAnswer),
    ("2026-11-11 11:00", Outcome::LeftVoicemail),
    ("2026-11-13 11:30", Outcome::Connected),
];

fn seed(path: &std::path::Path, clock: &TestClock) {
    let berlin = FixedOffset::east_opt(3600).unwrap();
    let manual = Arc::new(ManualClock::new(clock.now()));
    let mut db = Database::open(path, manual.clone()).unwrap();
    db.update_settings(Settings {
        time_zone: "America/New_York".into(),
        ..Settings::default()
    })
    .unwrap();
    let fields = ContactFields {
        display_name: "Grace Hopper".into(),
        time_zone: "Europe/Berlin".into(),
        ..ContactFields::default()
    };
    let Ok(SaveOutcome::Saved { contact }) = db.add_contact(&fields, DuplicateCheck::SaveAnyway)
    else {
        panic!("saved");
    };
    for (local, outcome) in CALLS {
        let at = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_local_timezone(berlin)
            .unwrap()
            .with_timezone(&Utc);
        manual.set(at);
        db.log_touch(&TouchInput {
            contact_id: contact.id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome,
            notes: String::new(),
            hook: String::new(),
            objections: vec![],
            happened_at: None,
            next: NextStep::Cadence,
            promise: None,
        })
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn her_page_says_when_to_call_and_insights_shades_the_hours() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("best.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 15, 0);
    seed(&db_path, &clock);
    let app = App::launch(&db_path, &clock).await;

    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "Grace", |t| t.contains("Grace Hopper"))
        .await;
    app.element("contact-list")
        .await
        .find(By::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let learned = app
        .wait_for_text("learned-time", "the learned time", |t| !t.is_empty())
        .await;
    assert_eq!(
        learned,
        "Best time to call: around 07:45 their time — answered 4 of 5 calls before 08:00"
    );
    let next = app.element("next-step").await.text().await.unwrap();
    assert!(
        next.contains("07:45"),
        "her next step at that time: {next:?}"
    );
    app.screenshot_if_asked("-contact");

    app.element("nav-insights").await.click().await.unwrap();
    let best = app
        .wait_for_text("answer-best", "the answer rates", |t| !t.is_empty())
        .await;
    // Nine calls are too few to speak for all contacts.
    assert_eq!(best, "No hours stand out yet, from 9 calls.");
    let cell = |row: usize, col: usize| {
        format!(
            "#answer-grid tbody tr:nth-child({row}) td:nth-child({})",
            col + 1
        )
    };
    let monday_early = app.driver().find(By::Css(cell(1, 1))).await.unwrap();
    assert_eq!(monday_early.text().await.unwrap(), "1/1");
    let all_early = app.driver().find(By::Css(cell(8, 1))).await.unwrap();
    assert_eq!(all_early.text().await.unwrap(), "80%");
    let all_late_morning = app.driver().find(By::Css(cell(8, 3))).await.unwrap();
    assert_eq!(all_late_morning.text().await.unwrap(), "25%");
    // Brought into view, the grid scrolls the view, never the window's
    // page: the header with its navigation stays where it is.
    let page_scrolled = app
        .driver()
        .execute(
            "document.getElementById('insight-answers').scrollIntoView(); \
             return [document.scrollingElement.scrollTop, \
                     document.getElementById('content').scrollTop];",
            vec![],
        )
        .await
        .unwrap()
        .convert::<(f64, f64)>()
        .unwrap();
    assert_eq!(page_scrolled.0, 0.0, "the page itself never scrolls");
    assert!(page_scrolled.1 > 0.0, "the view scrolled to the grid");
    if std::env::var_os("TOUCHPOINT_SCREENSHOT").is_some() {
        // The X screen paints a moment after the page scrolls: a picture,
        // not evidence, so a pause is fine here.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        app.screenshot_if_asked("");
    }
    app.close().await;
}
