//! Contacts through the real window: the card form, field errors,
//! persistence across a restart, and a pile of cards entered with the keyboard.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use thirtyfour::prelude::*;
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_added_in_the_window_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");

    let app = App::launch(&db, &TestClock::at(2026, 11, 25, 10, 0)).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contacts-empty", "the first-run explanation", |t| {
        t.contains("No contacts yet")
    })
    .await;
    app.element("empty-add")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();

    app.element("cf-givenName")
        .await
        .send_keys("Grace")
        .await
        .unwrap();
    app.element("cf-familyName")
        .await
        .send_keys("Hopper")
        .await
        .unwrap();
    app.element("cf-company")
        .await
        .send_keys("Remington Rand")
        .await
        .unwrap();
    app.element("cf-phones-0-number")
        .await
        .send_keys("+1 212 555 0199")
        .await
        .unwrap();
    let email = app.element("cf-emails-0-address").await;
    email.send_keys("grace@example").await.unwrap();
    email.send_keys(Key::Enter).await.unwrap();

    // A malformed email is refused next to its row and nothing is stored.
    let error = app
        .wait_for_text("cf-emails-0-address-error", "the email error", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(
        error,
        "\"grace@example\" is not an email address (expected name@example.com)"
    );
    assert_eq!(
        email.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true"),
        "the field is marked invalid for screen readers"
    );

    email.send_keys(".com").await.unwrap();
    email.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("contact-title", "the saved contact's page", |t| {
        t == "Grace Hopper"
    })
    .await;
    app.close().await;

    let app = App::launch(&db, &TestClock::at(2026, 11, 25, 10, 0)).await;
    app.element("nav-contacts").await.click().await.unwrap();
    let list = app
        .wait_for_text("contact-list", "the stored contact", |t| {
            t.contains("Grace Hopper")
        })
        .await;
    assert!(list.contains("Remington Rand"), "company kept: {list:?}");
    assert!(list.contains("grace@example.com"), "email kept: {list:?}");
    assert!(
        list.contains("+1 212 555 0199"),
        "phone kept as typed: {list:?}"
    );
    assert_eq!(
        app.element("contact-count").await.text().await.unwrap(),
        "1 contact"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pile_of_cards_is_entered_with_the_keyboard_only() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(
        &dir.path().join("pile.sqlite3"),
        &TestClock::at(2026, 11, 25, 10, 0),
    )
    .await;
    app.element("nav-add").await.click().await.unwrap();
    app.wait_for_text("new-contact-title", "the card form", |t| t == "New contact")
        .await;

    // Focus starts in the first field; Tab follows the card's reading order.
    for keys in [
        TypingData::from("Ada"),
        Key::Tab.into(),
        "Lovelace".into(),
        Key::Tab.into(),
        "Countess".into(),
        Key::Tab.into(),
        "Analytical Engines".into(),
        Key::Control + Key::Enter,
    ] {
        press(&app, keys).await;
    }
    app.wait_for_text("batch-count", "one card counted", |t| {
        t == "1 card entered in this batch"
    })
    .await;

    for keys in [
        TypingData::from("Charles"),
        Key::Tab.into(),
        "Babbage".into(),
        Key::Control + Key::Enter,
    ] {
        press(&app, keys).await;
    }
    app.wait_for_text("batch-count", "two cards counted", |t| {
        t == "2 cards entered in this batch"
    })
    .await;

    app.element("nav-contacts").await.click().await.unwrap();
    let list = app
        .wait_for_text("contact-list", "both cards", |t| {
            t.contains("Ada Lovelace") && t.contains("Charles Babbage")
        })
        .await;
    assert!(list.contains("Countess · Analytical Engines"), "{list:?}");
    app.close().await;
}

/// Types into whatever has the keyboard focus, as a user would.
async fn press(app: &App, keys: TypingData) {
    let focused = app.driver().active_element().await.unwrap();
    focused.send_keys(keys).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_email_signature_fills_the_form_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(
        &dir.path().join("paste.sqlite3"),
        &TestClock::at(2026, 11, 25, 10, 0),
    )
    .await;
    app.element("nav-add").await.click().await.unwrap();
    let signature = [
        "Best regards,",
        "",
        "Maria Gonzalez",
        "Head of Procurement | Blue Harbor Logistics",
        "T: +1 (415) 555-0142 | M: +1 415 555 0199",
        "maria.gonzalez@blueharbor.example",
        "www.blueharbor.example",
    ];
    let paste = app.element("paste-text").await;
    for line in signature {
        // WebDriver drops "\n" in typed text: a line break is the Enter key.
        if !line.is_empty() {
            paste.send_keys(line).await.unwrap();
        }
        paste.send_keys(Key::Enter).await.unwrap();
    }
    app.element("paste-fill")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();

    let value = |id: &'static str| {
        let app = &app;
        async move {
            app.element(id)
                .await
                .value()
                .await
                .unwrap()
                .unwrap_or_default()
        }
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while value("cf-givenName").await.is_empty() {
        if std::time::Instant::now() > deadline {
            let error = app.element("paste-text-error").await.text().await.unwrap();
            panic!("the form was never filled; the paste panel says {error:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(value("cf-givenName").await, "Maria");
    assert_eq!(value("cf-familyName").await, "Gonzalez");
    assert_eq!(value("cf-title").await, "Head of Procurement");
    assert_eq!(value("cf-company").await, "Blue Harbor Logistics");
    assert_eq!(
        value("cf-emails-0-address").await,
        "maria.gonzalez@blueharbor.example"
    );
    assert_eq!(value("cf-phones-0-number").await, "+1 (415) 555-0142");
    assert_eq!(value("cf-phones-1-number").await, "+1 415 555 0199");

    // Nothing is saved until the user confirms with Save (the keyboard's
    // Enter: a pointer click right after the form grew can land beside it).
    app.element("save-contact")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("contact-title", "the saved contact", |t| {
        t == "Maria Gonzalez"
    })
    .await;
    let subtitle = app.element("contact-subtitle").await.text().await.unwrap();
    assert_eq!(
        subtitle,
        "Head of Procurement · Blue Harbor Logistics · Prospect"
    );
    assert_eq!(value("ce-website").await, "www.blueharbor.example");
    app.close().await;
}
