//! A contact's page as a record, through the real window: their number and
//! address in the header open the phone and mail apps through the OS (the
//! real `xdg-open`, with a test handler for tel: and mailto: links that
//! writes down what it was given) or are copied; a touch that closes them
//! as "do not contact" shows in the header at once, with no scheduling nag.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;
use touchpoint_core::{
    ContactFields, Database, DuplicateCheck, Email, Phone, SaveOutcome, Settings,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::desktop::{default_handler, handed};

#[tokio::test(flavor = "multi_thread")]
async fn the_header_calls_writes_and_copies_and_shows_a_close_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (home, data) = (dir.path().join("home"), dir.path().join("data"));
    std::fs::create_dir_all(&home).unwrap();
    let opened = dir.path().join("opened");
    default_handler(
        &data,
        &opened,
        &["x-scheme-handler/tel", "x-scheme-handler/mailto"],
    );
    let db_path = dir.path().join("record.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 15, 0);
    let grace = {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        db.update_settings(Settings {
            phone_region: "US".into(),
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        let fields = ContactFields {
            display_name: "Grace Hopper".into(),
            company: "Navy".into(),
            phones: vec![Phone {
                label: "work".into(),
                number: "+1 212 555 0101".into(),
                e164: None,
            }],
            emails: vec![Email {
                label: "work".into(),
                address: "grace@navy.example".into(),
            }],
            ..ContactFields::default()
        };
        let SaveOutcome::Saved { contact } =
            db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()
        else {
            panic!("saved")
        };
        contact.id
    };

    let app = App::launch_with_env(
        &db_path,
        &clock,
        &[
            ("HOME", home.to_str().unwrap()),
            ("XDG_DATA_HOME", data.to_str().unwrap()),
        ],
    )
    .await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "Grace", |t| t.contains("Grace Hopper"))
        .await;
    app.driver()
        .find(By::Css(format!("button[data-contact-id=\"{grace}\"]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let phone = app
        .wait_for_text("record-phone-0", "her number", |t| !t.is_empty())
        .await;
    assert_eq!(phone, "+1 212 555 0101");
    assert_eq!(
        app.element("record-email-0").await.text().await.unwrap(),
        "grace@navy.example"
    );

    app.element("record-phone-0").await.click().await.unwrap();
    app.wait_for_text("record-status", "the phone app opened", |t| {
        t == "Opened tel:+12125550101."
    })
    .await;
    handed(&opened, "tel:+12125550101").await;
    app.element("record-email-0").await.click().await.unwrap();
    handed(&opened, "mailto:grace@navy.example").await;

    // She asks not to be called again: closed from the log form.
    app.element("log-next-close").await.click().await.unwrap();
    SelectElement::new(&app.element("log-close-reason").await)
        .await
        .unwrap()
        .select_by_value("do_not_contact")
        .await
        .unwrap();
    app.element("log-submit").await.click().await.unwrap();
    app.wait_for_text("contact-subtitle", "the header's new stage", |t| {
        t.ends_with("Do not contact")
    })
    .await;
    app.wait_for_text("next-step", "no nag", |t| {
        t == "They asked not to be contacted: nothing is planned."
    })
    .await;
    app.screenshot_if_asked("");
    app.close().await;
}
