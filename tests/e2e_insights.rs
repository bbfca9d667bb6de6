//! Insights through the real window: with a seeded history, the conversion
//! chart shows on which touch each deal was won, and the "5–12" bar opens
//! exactly the contacts won there.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use chrono::Duration;
use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, CloseReason, ContactFields, Database, Direction, DuplicateCheck, ManualClock,
    NextStep, Outcome, SaveOutcome, Settings, Stage, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

fn call(contact_id: i64, outcome: Outcome, next: NextStep) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome,
        notes: String::new(),
        hook: String::new(),
        objections: vec![],
        happened_at: None,
        next,
        promise: None,
    }
}

/// Each prospect is called once a day from 20 days ago; the last call of
/// `calls` wins the deal.
fn seed(path: &std::path::Path, clock: &TestClock, won: &[(&str, u32)]) {
    let start = clock.now() - Duration::days(20);
    let manual = Arc::new(ManualClock::new(start));
    let mut db = Database::open(path, manual.clone()).unwrap();
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .unwrap();
    for (name, calls) in won {
        manual.set(start);
        let fields = ContactFields {
            display_name: (*name).into(),
            stage: Stage::Prospect,
            ..ContactFields::default()
        };
        let Ok(SaveOutcome::Saved { contact }) =
            db.add_contact(&fields, DuplicateCheck::SaveAnyway)
        else {
            panic!("{name} is saved");
        };
        for n in 1..=*calls {
            manual.advance(Duration::days(1));
            let input = if n == *calls {
                call(
                    contact.id,
                    Outcome::Won,
                    NextStep::Close {
                        reason: CloseReason::Won,
                    },
                )
            } else {
                call(contact.id, Outcome::NoAnswer, NextStep::Cadence)
            };
            db.log_touch(&input).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_5_to_12_bar_opens_exactly_the_deals_won_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("insights.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    seed(
        &db,
        &clock,
        &[
            ("Ada Lovelace", 1),
            ("Grace Hopper", 6),
            ("Hedy Lamarr", 9),
            ("Radia Perlman", 3),
        ],
    );
    let app = App::launch(&db, &clock).await;
    app.element("nav-insights").await.click().await.unwrap();
    let bars = app.element("conversion-bars").await;
    let value = |bucket: &'static str| {
        let bars = bars.clone();
        async move {
            bars.find(By::Css(format!(
                "[data-bucket='{bucket}'] .insight-bar-value"
            )))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
        }
    };
    assert_eq!(value("1").await, "1");
    assert_eq!(value("3").await, "1");
    assert_eq!(value("5-12").await, "2");
    assert_eq!(value("12+").await, "0");
    bars.find(By::Css("[data-bucket='5-12']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let listed = app
        .wait_for_text("insight-contacts", "the deals won on touch 5–12", |t| {
            t.contains("Won on touch 5–12 · 2 contacts")
        })
        .await;
    assert!(
        listed.contains("Grace Hopper") && listed.contains("Hedy Lamarr"),
        "{listed}"
    );
    assert!(
        !listed.contains("Ada Lovelace") && !listed.contains("Radia Perlman"),
        "{listed}"
    );
    // For the docs (TOUCHPOINT_SCREENSHOT=docs/insights.png): the top of
    // the view, then its end (the contacts listed).
    if std::env::var_os("TOUCHPOINT_SCREENSHOT").is_some() {
        app.driver()
            .execute("document.getElementById('content').scrollTop = 0;", vec![])
            .await
            .unwrap();
        app.screenshot_if_asked("");
        app.driver()
            .execute(
                "document.getElementById('insight-contacts').scrollIntoView();",
                vec![],
            )
            .await
            .unwrap();
        // The X screen paints a moment after the page scrolls: a picture,
        // not evidence, so a pause is fine here.
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        app.screenshot_if_asked("-end");
        // The smallest window the charts must read at.
        app.driver().set_window_rect(0, 0, 900, 600).await.unwrap();
        app.driver()
            .execute("document.getElementById('content').scrollTop = 0;", vec![])
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        app.screenshot_if_asked("-900x600");
    }
    app.close().await;
}
