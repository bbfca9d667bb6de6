//! Sync through the real window: connect to a CardDAV server (Radicale) in
//! Settings, see what went each way, and a contact another machine put
//! there appears in the contact list; the other machine gets ours. The
//! password goes to the system keyring (a real GNOME Keyring), so after a
//! restart sync starts by itself and brings what the other machine added.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use touchpoint_core::{ContactFields, Database, DuplicateCheck, ManualClock};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::keyring::TestKeyring;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};

fn machine(path: &std::path::Path, clock: &TestClock, name: &str) -> Database {
    let mut db = Database::open(path, Arc::new(ManualClock::new(clock.now()))).unwrap();
    let fields = ContactFields {
        display_name: name.into(),
        company: "Analytical Engines".into(),
        ..ContactFields::default()
    };
    db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap();
    db
}

#[tokio::test(flavor = "multi_thread")]
async fn connecting_in_settings_brings_the_other_machines_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let keyring = TestKeyring::start(&dir.path().join("keyring"));
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let mut other = machine(
        &dir.path().join("other.sqlite3"),
        &clock,
        "Katherine Johnson",
    );
    other.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    let ours = dir.path().join("ours.sqlite3");
    drop(machine(&ours, &clock, "Ada Lovelace"));

    let app = App::launch(&ours, &clock).await;
    app.element("nav-settings").await.click().await.unwrap();
    let status = app
        .wait_for_text("sync-status", "the sync panel", |t| !t.is_empty())
        .await;
    assert_eq!(status, "Not syncing.");
    for (id, text) in [
        ("sync-url", server.url.as_str()),
        ("sync-user", USER),
        ("sync-password", PASSWORD),
    ] {
        app.element(id).await.send_keys(text).await.unwrap();
    }
    app.element("sync-connect").await.click().await.unwrap();
    let said = app
        .wait_for_text("sync-status", "what the sync did", |t| {
            t.starts_with("Synced")
        })
        .await;
    assert_eq!(
        said,
        "Synced: sent 1, received 1. 2 contacts in sync. Follow-ups: sent 1, received 1."
    );
    assert!(
        app.element("sync-now").await.is_displayed().await.unwrap(),
        "sync goes on; it can be asked for now"
    );
    app.wait_for_text("sync-keyring", "where the password is kept", |t| {
        t == "The password is kept in the system keyring: sync starts by itself with Touchpoint."
    })
    .await;
    assert_eq!(
        keyring.lookup(&server.url, USER).as_deref(),
        Some(PASSWORD),
        "the keyring holds it for another client too"
    );
    app.wait_for_text("sync-indicator", "the footer's word on sync", |t| {
        t.starts_with("Synced ")
    })
    .await;
    app.screenshot_if_asked("");

    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact from the server", |t| {
        t.contains("Katherine Johnson") && t.contains("Ada Lovelace")
    })
    .await;
    app.close().await;

    let back = other.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    assert_eq!(back.received, 1, "ours went to the other machine: {back:?}");

    // Meanwhile the other machine adds someone; ours starts again and,
    // with the password from the keyring, syncs at once.
    let mary = ContactFields {
        display_name: "Mary Jackson".into(),
        ..ContactFields::default()
    };
    other
        .add_contact(&mary, DuplicateCheck::SaveAnyway)
        .unwrap();
    other.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    let app = App::launch(&ours, &clock).await;
    app.element("nav-settings").await.click().await.unwrap();
    let said = app
        .wait_for_text("sync-status", "the sync on start", |t| {
            t.starts_with("Synced")
        })
        .await;
    assert_eq!(
        said,
        "Synced: sent 0, received 1. 3 contacts in sync. Follow-ups: sent 0, received 1."
    );
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact added meanwhile", |t| {
        t.contains("Mary Jackson")
    })
    .await;
    // The password changed on the server: sync says so, stops trying and
    // forgets the one kept, so it is asked for again.
    server.set_password("a new horse");
    app.element("nav-settings").await.click().await.unwrap();
    app.element("sync-now").await.click().await.unwrap();
    app.wait_for_text("sync-status", "the refusal", |t| {
        t.contains("refused the user name or password (401)")
    })
    .await;
    app.wait_for_text("sync-indicator", "sync paused", |t| {
        t == "Sync paused: password needed" || t == "Sync failed: see Settings"
    })
    .await;
    assert_eq!(keyring.lookup(&server.url, USER), None);
    // Typed again, it is kept again.
    server.set_password(PASSWORD);
    app.element("sync-password")
        .await
        .send_keys(PASSWORD)
        .await
        .unwrap();
    app.element("sync-connect").await.click().await.unwrap();
    app.wait_for_text("sync-keyring", "the password kept again", |t| {
        t.starts_with("The password is kept in the system keyring")
    })
    .await;
    assert_eq!(keyring.lookup(&server.url, USER).as_deref(), Some(PASSWORD));

    // Stopping forgets the password in the keyring too.
    app.element("nav-settings").await.click().await.unwrap();
    app.element("sync-disconnect").await.click().await.unwrap();
    app.wait_for_text("sync-status", "sync stopped", |t| t == "Not syncing.")
        .await;
    assert_eq!(keyring.lookup(&server.url, USER), None);
    app.close().await;
}
