//! Undo and corrections through the real window: a contact deleted from its
//! page comes back with the toast's Undo, its history and promised callback
//! included; a card merged into a duplicate is taken back with Ctrl+Z; a
//! voicemail corrected to a conversation takes its promise with it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, Contact, ContactFields, Database, Direction, DuplicateCheck, Email, NextStep, Outcome,
    SaveOutcome, Settings, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

/// Ada, with a voicemail left and a callback promised for tomorrow.
fn seed(path: &Path, clock: &TestClock) -> Contact {
    let mut db = Database::open(path, Arc::new(*clock)).unwrap();
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .unwrap();
    let fields = ContactFields {
        display_name: "Ada Lovelace".into(),
        given_name: "Ada".into(),
        family_name: "Lovelace".into(),
        company: "Analytical Engines".into(),
        emails: vec![Email {
            label: "work".into(),
            address: "ada@engines.example".into(),
        }],
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    let tomorrow = clock.now() + chrono::Duration::days(1);
    db.log_touch(&TouchInput {
        contact_id: contact.id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "the pilot for the mill".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(tomorrow.format("%Y-%m-%d %H:%M").to_string()),
    })
    .unwrap();
    db.contact(contact.id).unwrap()
}

/// Everything the contact page and Today show of Ada, read from the file.
fn stored(path: &Path, clock: &TestClock, id: i64) -> (ContactFields, usize, usize) {
    let db = Database::open(path, Arc::new(*clock)).unwrap();
    let plan = db.contact_plan(id).unwrap();
    (
        db.contact(id).unwrap().fields,
        plan.touches.len(),
        plan.promises.len(),
    )
}

/// From the contact list, the only contact's page.
async fn open_ada(app: &App, id: i64) {
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-count", "one contact", |t| t == "1 contact")
        .await;
    app.driver()
        .find(By::Css(format!("[data-contact-id='{id}'].row-button")))
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("contact-title", "Ada's page", |t| t == "Ada Lovelace")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deleted_contact_comes_back_with_the_toasts_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undo.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    let ada = seed(&db, &clock);
    let before = stored(&db, &clock, ada.id);

    let app = App::launch(&db, &clock).await;
    open_ada(&app, ada.id).await;
    app.element("delete-contact")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();

    app.wait_for_text("undo-text", "what was done", |t| {
        t == "Deleted Ada Lovelace"
    })
    .await;
    app.wait_for_text("contacts-empty", "an empty list", |t| {
        t.contains("No contacts yet")
    })
    .await;
    app.element("undo-button")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("undo-text", "the undo", |t| {
        t == "Undone: Deleted Ada Lovelace"
    })
    .await;
    app.wait_for_text("contact-count", "Ada back in the list", |t| {
        t == "1 contact"
    })
    .await;
    app.close().await;

    assert_eq!(
        stored(&db, &clock, ada.id),
        before,
        "her fields, her touch and her promised callback are back"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_card_merged_into_a_duplicate_is_taken_back_with_ctrl_z() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undo-merge.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    let ada = seed(&db, &clock);
    let before = stored(&db, &clock, ada.id);

    let app = App::launch(&db, &clock).await;
    app.element("nav-add").await.click().await.unwrap();
    app.element("cf-givenName")
        .await
        .send_keys("Ada")
        .await
        .unwrap();
    app.element("cf-familyName")
        .await
        .send_keys("Lovelace")
        .await
        .unwrap();
    app.element("cf-title")
        .await
        .send_keys("Countess")
        .await
        .unwrap();
    let email = app.element("cf-emails-0-address").await;
    email.send_keys("ada@engines.example").await.unwrap();
    email.send_keys(Key::Enter).await.unwrap();
    app.element("merge-0")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("undo-text", "the merge", |t| {
        t == "Merged a card into Ada Lovelace"
    })
    .await;
    let merged = stored(&db, &clock, ada.id);
    assert_eq!(merged.0.title, "Countess", "the card's title was merged in");

    // The form is ready for the next card: its empty first field has nothing
    // of its own to undo, so Ctrl+Z takes the merge back.
    app.driver()
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    app.wait_for_text("undo-text", "the undo", |t| {
        t == "Undone: Merged a card into Ada Lovelace"
    })
    .await;
    app.close().await;

    assert_eq!(stored(&db, &clock, ada.id), before, "Ada is as she was");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_contacts_deleted_at_once_from_the_list_come_back_together() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undo-list.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    seed(&db, &clock);
    {
        let mut store = Database::open(&db, Arc::new(clock)).unwrap();
        for name in ["Grace Hopper", "Katherine Johnson"] {
            let fields = ContactFields {
                display_name: name.into(),
                ..ContactFields::default()
            };
            store.add_contact(&fields, DuplicateCheck::Warn).unwrap();
        }
    }

    let app = App::launch(&db, &clock).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-count", "three contacts", |t| t == "3 contacts")
        .await;
    for name in ["Ada Lovelace", "Grace Hopper"] {
        app.driver()
            .find(By::Css(format!("input[aria-label='Select {name}']")))
            .await
            .unwrap()
            .send_keys(Key::Space)
            .await
            .unwrap();
    }
    let delete = app.element("delete-selected").await;
    assert_eq!(delete.text().await.unwrap(), "Delete 2 contacts");
    delete.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("undo-text", "what was done", |t| t == "Deleted 2 contacts")
        .await;
    app.wait_for_text("contact-count", "one left", |t| t == "1 contact")
        .await;
    app.element("undo-button")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("contact-count", "all three back", |t| t == "3 contacts")
        .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_voicemail_corrected_to_a_conversation_takes_its_promise_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("correct.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    let ada = seed(&db, &clock);
    let touch = {
        let store = Database::open(&db, Arc::new(clock)).unwrap();
        store.contact_plan(ada.id).unwrap().touches[0].id
    };

    let app = App::launch(&db, &clock).await;
    open_ada(&app, ada.id).await;
    app.wait_for_text("promise-0", "the promised callback", |t| {
        t.starts_with("Promised callback")
    })
    .await;
    app.element(&format!("touch-edit-{touch}"))
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    // The outcome list has the focus: type to pick "Connected".
    app.element("touch-edit-outcome")
        .await
        .send_keys("Connected")
        .await
        .unwrap();
    app.element("touch-edit-save")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("log-status", "the correction", |t| {
        t.starts_with("Touch corrected")
    })
    .await;
    app.wait_for_text("timeline-touches", "the corrected outcome", |t| {
        t.contains("Connected")
    })
    .await;
    assert!(
        app.driver().find(By::Id("promise-0")).await.is_err(),
        "no promised callback is shown any more"
    );
    app.wait_for_text("undo-text", "the toast", |t| {
        t == "Corrected a touch with Ada Lovelace"
    })
    .await;
    app.close().await;

    let (_, touches, promises) = stored(&db, &clock, ada.id);
    assert_eq!(
        (touches, promises),
        (1, 0),
        "the touch stays, its promise is gone"
    );
}
