//! Backups through the real window: yesterday's copy, restored from
//! Settings, is what the app shows; the data it replaced is kept as a copy.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{
    BackupFolder, BackupKind, ContactFields, Database, DuplicateCheck, Settings,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

fn add(db: &mut Database, name: &str) {
    let fields = ContactFields {
        display_name: name.into(),
        ..ContactFields::default()
    };
    db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn yesterdays_backup_restored_from_settings_is_what_the_app_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backups.sqlite3");
    let clock = TestClock::at(2026, 11, 25, 10, 0);
    let yesterday = clock.now() - chrono::Duration::days(1);
    let copy = {
        let mut db = Database::open(&path, Arc::new(clock)).unwrap();
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
        add(&mut db, "Ada Lovelace");
        let copy = BackupFolder::beside(&path)
            .take(&path, BackupKind::Daily, yesterday)
            .unwrap();
        add(&mut db, "Grace Hopper");
        copy
    };

    let app = App::launch(&path, &clock).await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-count", "both contacts", |t| t == "2 contacts")
        .await;
    app.element("nav-settings").await.click().await.unwrap();
    app.wait_for_text("backup-list", "yesterday's copy", |t| {
        t.contains("Tue, 24 Nov 2026")
    })
    .await;
    app.driver()
        .find(By::Css(format!("[data-backup='{}']", copy.name)))
        .await
        .unwrap()
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.element("restore-confirm")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_for_text("backup-status", "the restore", |t| {
        t.starts_with("Restored the copy of Tue, 24 Nov 2026")
    })
    .await;
    app.wait_for_text("backup-list", "the copy of what was replaced", |t| {
        t.contains("Before a restore")
    })
    .await;
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-count", "yesterday's one contact", |t| {
        t == "1 contact"
    })
    .await;
    app.close().await;

    let db = Database::open(&path, Arc::new(clock)).unwrap();
    let names: Vec<String> = db
        .list_contacts(&touchpoint_core::ContactQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect();
    assert_eq!(
        names,
        ["Ada Lovelace"],
        "the file itself holds yesterday's data"
    );
}
