//! Importing a vCard file through the real window: the preview's figures,
//! then the result, with one duplicate, one card named after its phone and
//! one with nothing to name it by.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use thirtyfour::prelude::*;
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Email};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn a_vcard_import_previews_then_imports_and_reports_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("import.sqlite3");
    let clock = TestClock::at(2026, 11, 2, 9, 0);
    {
        let mut db = Database::open(&db_path, Arc::new(clock)).unwrap();
        let peter = ContactFields {
            display_name: "Peter Gibbons".into(),
            emails: vec![Email {
                label: "work".into(),
                address: "peter@initech.example".into(),
            }],
            ..ContactFields::default()
        };
        db.add_contact(&peter, DuplicateCheck::Warn).unwrap();
    }
    let fixture = format!(
        "{}/tests/fixtures/four-cards.vcf",
        env!("CARGO_MANIFEST_DIR")
    );

    let app = App::launch(&db_path, &clock).await;
    app.element("nav-import").await.click().await.unwrap();
    app.element("import-file")
        .await
        .send_keys(fixture.as_str())
        .await
        .unwrap();

    let figures = app
        .wait_for_text("import-figures", "the preview figures", |t| !t.is_empty())
        .await;
    assert!(figures.contains("2 new contacts"), "{figures:?}");
    assert!(figures.contains("1 possible duplicate"), "{figures:?}");
    assert!(figures.contains("1 rejected"), "{figures:?}");
    // Ada's unreadable second phone goes to her notes; Ada is imported.
    let set_aside = app.element("import-set-aside").await.text().await.unwrap();
    assert!(
        set_aside.contains("(Ada Lovelace)") && set_aside.contains("ask at the front desk"),
        "{set_aside:?}"
    );
    assert!(
        set_aside.contains("had no name: named after its phone number +1 415 555 0100"),
        "{set_aside:?}"
    );
    let rejected = app.element("import-rejected").await.text().await.unwrap();
    assert!(
        rejected.contains("card 4 has no name, company, email or phone number"),
        "{rejected:?}"
    );
    let duplicates = app.element("import-duplicates").await.text().await.unwrap();
    assert!(
        duplicates.contains("Card 3: Peter Gibbons"),
        "{duplicates:?}"
    );
    assert!(
        duplicates.contains("same email peter@initech.example"),
        "{duplicates:?}"
    );

    // The preview puts the keyboard on its Import button.
    let commit = app.element("import-commit").await;
    commit.send_keys(thirtyfour::Key::Enter).await.unwrap();
    let result = app
        .wait_for_text("import-result", "the import result", |t| !t.is_empty())
        .await;
    assert_eq!(
        result,
        "Imported: 2 added, 0 merged, 1 skipped, 1 rejected."
    );

    app.element("import-open-contacts")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    let list = app
        .wait_for_text("contact-list", "the imported contact", |t| {
            t.contains("Ada Lovelace")
        })
        .await;
    assert!(list.contains("Countess · Analytical Engines"), "{list:?}");
    assert_eq!(
        app.element("contact-count").await.text().await.unwrap(),
        "3 contacts"
    );
    app.close().await;
}
