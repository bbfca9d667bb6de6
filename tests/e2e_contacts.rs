//! The first slice through the real window: add a contact, see a field error,
//! restart, and find the contact still there.

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

#[path = "support/app.rs"]
mod app;

use app::App;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_added_in_the_window_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");

    let app = App::launch(&db).await;
    assert!(
        app.element("contacts-empty")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "a new database shows the first-run explanation"
    );

    // Keyboard first: type the card and press Enter in the last field.
    app.element("contact-name")
        .await
        .send_keys("Grace Hopper")
        .await
        .unwrap();
    app.element("contact-company")
        .await
        .send_keys("Remington Rand")
        .await
        .unwrap();
    app.element("contact-email")
        .await
        .send_keys("grace@example.com")
        .await
        .unwrap();
    let phone = app.element("contact-phone").await;
    phone.send_keys("+1 212 555 0199").await.unwrap();
    phone.send_keys(Key::Enter).await.unwrap();

    app.wait_for_text("contact-list", "the new contact", |t| {
        t.contains("Grace Hopper")
    })
    .await;
    app.wait_for_text("contact-count", "a count of 1", |t| t == "1")
        .await;
    assert_eq!(
        app.element("contact-name")
            .await
            .value()
            .await
            .unwrap()
            .as_deref(),
        Some(""),
        "the form is cleared for the next card"
    );

    // A malformed email is refused next to its field and nothing is stored.
    app.element("contact-name")
        .await
        .send_keys("Nobody")
        .await
        .unwrap();
    app.element("contact-email")
        .await
        .send_keys("grace@nowhere")
        .await
        .unwrap();
    app.element("add-contact").await.click().await.unwrap();
    let error = app
        .wait_for_text("contact-email-error", "the email error", |t| !t.is_empty())
        .await;
    assert_eq!(error, "Email must look like name@example.com");
    assert_eq!(
        app.element("contact-email")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true"),
        "the field is marked invalid for screen readers"
    );
    assert_eq!(
        app.element("contact-count").await.text().await.unwrap(),
        "1"
    );
    app.close().await;

    let app = App::launch(&db).await;
    let list = app
        .wait_for_text("contact-list", "the stored contact", |t| {
            t.contains("Grace Hopper")
        })
        .await;
    assert!(list.contains("Remington Rand"), "company kept: {list:?}");
    assert!(list.contains("grace@example.com"), "email kept: {list:?}");
    assert!(
        !list.contains("Nobody"),
        "the refused contact was not stored: {list:?}"
    );
    assert_eq!(
        app.element("contact-count").await.text().await.unwrap(),
        "1"
    );
    app.close().await;
}
