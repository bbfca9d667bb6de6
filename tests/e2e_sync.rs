//! Sync through the real window: connect to a CardDAV server (Radicale) in
//! Settings, see what went each way, and a contact another machine put
//! there appears in the contact list; the other machine gets ours.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use touchpoint_core::{ContactFields, Database, DuplicateCheck, ManualClock};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
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
    assert_eq!(said, "Synced: sent 1, received 1. 2 contacts in sync.");
    assert!(
        app.element("sync-now").await.is_displayed().await.unwrap(),
        "sync goes on; it can be asked for now"
    );
    app.screenshot_if_asked("");

    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact from the server", |t| {
        t.contains("Katherine Johnson") && t.contains("Ada Lovelace")
    })
    .await;
    app.close().await;

    let back = other.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    assert_eq!(back.received, 1, "ours went to the other machine: {back:?}");
}
