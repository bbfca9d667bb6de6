//! Choosing the calendar in Settings, through the real window: a calendar
//! another client made on the server (Radicale) is listed by name and
//! address beside a new address book for Touchpoint; picked, it gets the
//! follow-ups at the sync that follows, and the panel says where each
//! kind goes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, ManualClock};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::keyring::TestKeyring;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{other_client_makes_calendar, server_tasks};

#[tokio::test(flavor = "multi_thread")]
async fn a_calendar_picked_in_settings_gets_the_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let _keyring = TestKeyring::start(&dir.path().join("keyring"));
    let work = other_client_makes_calendar(&server, "work", "Work", &["VEVENT", "VTODO"]);
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let ours = dir.path().join("ours.sqlite3");
    {
        let mut db = Database::open(&ours, Arc::new(ManualClock::new(clock.now()))).unwrap();
        let ada = ContactFields {
            display_name: "Ada Lovelace".into(),
            ..ContactFields::default()
        };
        db.add_contact(&ada, DuplicateCheck::SaveAnyway).unwrap();
    }

    let app = App::launch(&ours, &clock).await;
    app.element("nav-settings").await.click().await.unwrap();
    app.wait_for_text("sync-status", "the sync panel", |t| t == "Not syncing.")
        .await;
    for (id, text) in [
        ("sync-url", server.url.as_str()),
        ("sync-user", USER),
        ("sync-password", PASSWORD),
    ] {
        app.element(id).await.send_keys(text).await.unwrap();
    }
    app.element("sync-choose-open").await.click().await.unwrap();
    let listed = app
        .wait_for_text("sync-calendars", "the server's calendars", |t| {
            t.contains("Work")
        })
        .await;
    assert!(
        listed.contains(&work),
        "each by name and address: {listed:?}"
    );
    let hint = app.text_of(&app.element("sync-choice-hint").await).await;
    assert!(
        hint.contains("nothing is deleted from the old one"),
        "{hint}"
    );
    assert!(
        app.element("sync-book-new")
            .await
            .is_selected()
            .await
            .unwrap(),
        "no address book named Touchpoint yet: a new one is offered"
    );
    let radio = app
        .driver()
        .find(By::Css(format!(
            "input[name='sync-calendar'][value='{work}']"
        )))
        .await
        .unwrap();
    radio.click().await.unwrap();
    assert!(radio.is_selected().await.unwrap());
    if std::env::var_os("TOUCHPOINT_SCREENSHOT").is_some() {
        app.driver()
            .execute(
                "document.getElementById('sync-picker').scrollIntoView({block: 'end'})",
                vec![],
            )
            .await
            .unwrap();
    }
    app.screenshot_if_asked("-picker");
    app.element("sync-choose").await.click().await.unwrap();
    let said = app
        .wait_for_text("sync-status", "what the sync did", |t| {
            t.starts_with("Synced")
        })
        .await;
    assert_eq!(
        said,
        "Synced: sent 1, received 0. 1 contact in sync. Follow-ups: sent 1, received 0."
    );
    let book = format!("{}{USER}/touchpoint/", server.url);
    app.wait_for_text("sync-where", "where each kind goes", |t| {
        t == format!(
            "Contacts go to the address book at {book}; follow-ups and touches to the calendar at {work}."
        )
    })
    .await;
    app.screenshot_if_asked("-synced");
    let tasks = server_tasks(&work);
    assert_eq!(
        tasks.len(),
        1,
        "Ada's first touch in the Work calendar: {tasks:?}"
    );

    // Opened again, the picker offers the ones in use first.
    app.element("sync-choose-open").await.click().await.unwrap();
    app.wait_for_text("sync-books", "the address book made", |t| t.contains(&book))
        .await;
    let checked: Vec<String> = app
        .driver()
        .execute(
            "return [...document.querySelectorAll('#sync-picker input[type=radio]:checked')].map(r => r.value)",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert_eq!(checked, vec![book.clone(), work.clone()]);
    app.close().await;
}
