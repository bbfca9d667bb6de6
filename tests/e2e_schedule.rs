//! The schedule a contact's page shows holds together, through the real
//! window: after an import spread over the following days, a staggered
//! contact's planned steps follow its first touch on working days, and a
//! card typed in by hand afterwards is not queued behind the pile.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use thirtyfour::prelude::*;
use touchpoint_core::{
    ContactFields, Database, DuplicateAction, DuplicateCheck, ParsedRecord, RecordPosition,
    SaveOutcome, Settings,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

/// As the window writes a date: "Mon, 30 Nov".
fn shown(d: NaiveDate) -> String {
    d.format("%a, %-d %b").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_staggered_contact_shows_its_steps_after_its_first_touch_and_a_fresh_card_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("schedule.sqlite3");
    // Monday 23 November 2026, 10:00 in New York.
    let clock = TestClock::at(2026, 11, 23, 15, 0);
    let (dee, gus, dee_plan, gus_plan);
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        db.update_settings(Settings {
            time_zone: "America/New_York".into(),
            first_touches_per_day: 1,
            ..Settings::default()
        })
        .unwrap();
        let records = ["Ann Able", "Bea Baker", "Cy Cole", "Dee Dunn"]
            .iter()
            .zip(1..)
            .map(|(name, card)| {
                ParsedRecord::plain(
                    RecordPosition::Card(card),
                    Ok(ContactFields {
                        display_name: (*name).into(),
                        ..ContactFields::default()
                    }),
                )
            })
            .collect();
        let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
        db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
            .unwrap();
        let fresh = ContactFields {
            display_name: "Gus Fresh".into(),
            ..ContactFields::default()
        };
        let SaveOutcome::Saved { contact } =
            db.add_contact(&fresh, DuplicateCheck::SaveAnyway).unwrap()
        else {
            panic!("Gus was not saved")
        };
        gus = contact.id;
        dee = db
            .list_contacts(&touchpoint_core::ContactQuery {
                search: "Dee".into(),
                ..touchpoint_core::ContactQuery::default()
            })
            .unwrap()
            .items[0]
            .id;
        dee_plan = db.contact_plan(dee).unwrap();
        gus_plan = db.contact_plan(gus).unwrap();
    }
    let dee_first =
        NaiveDate::parse_from_str(&dee_plan.next.as_ref().unwrap().local_due[..10], "%Y-%m-%d")
            .unwrap();
    let gus_first =
        NaiveDate::parse_from_str(&gus_plan.next.as_ref().unwrap().local_due[..10], "%Y-%m-%d")
            .unwrap();
    // The pile takes one first touch a day from the cadence's day 1; the
    // card typed in afterwards has that day 1 too.
    assert_eq!(dee_first.to_string(), "2026-11-27");
    assert_eq!(gus_first.to_string(), "2026-11-24");

    let app = App::launch(&db_path, &clock).await;
    app.element("nav-contacts").await.click().await.unwrap();
    let open = |id: i64| {
        let app = &app;
        async move {
            app.wait_for_text("contact-list", "the contacts", |t| t.contains("Gus Fresh"))
                .await;
            app.driver()
                .find(By::Css(format!("button[data-contact-id=\"{id}\"]")))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
    };
    open(dee).await;
    let next = app
        .wait_for_text("next-step", "Dee's next step", |t| t.starts_with("Next:"))
        .await;
    assert!(next.contains(&shown(dee_first)), "{next:?}");
    let steps = app
        .element("timeline-upcoming")
        .await
        .find_all(By::Css("li.upcoming .when"))
        .await
        .unwrap();
    assert!(steps.len() >= 4, "{} steps shown", steps.len());
    let mut texts = Vec::new();
    for step in &steps {
        texts.push(step.text().await.unwrap());
    }
    // Every step shown is one the app planned, after the first touch, on a
    // working day, and the first of them is the cadence's day 3 counted from
    // Friday's first touch: Sunday, so Monday.
    for (text, planned) in texts.iter().zip(&dee_plan.upcoming) {
        assert_eq!(text, &shown(planned.due_on));
        assert!(
            planned.due_on > dee_first,
            "{text} is before the first touch"
        );
        assert!(
            !matches!(planned.due_on.weekday(), Weekday::Sat | Weekday::Sun),
            "{text} is a weekend"
        );
    }
    assert_eq!(texts[0], "Mon, 30 Nov");
    app.screenshot_if_asked("staggered");

    app.element("nav-contacts").await.click().await.unwrap();
    open(gus).await;
    let next = app
        .wait_for_text("next-step", "Gus's next step", |t| t.starts_with("Next:"))
        .await;
    assert!(next.contains("Tue, 24 Nov"), "{next:?}");
    app.close().await;
}
