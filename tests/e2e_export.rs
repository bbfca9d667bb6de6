//! Export through the real window: the view names the folder before anything
//! is written (the home folder when the system names no Downloads folder),
//! the file lands there with every contact, and "Show in folder" hands that
//! folder to the file manager (the real `xdg-open`, with a test handler for
//! folders that writes down what it was given).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use touchpoint_core::{ContactFields, Database, DuplicateCheck};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::desktop::{default_handler, handed};

#[tokio::test(flavor = "multi_thread")]
async fn an_export_says_where_it_goes_and_shows_that_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (home, data) = (dir.path().join("home"), dir.path().join("data"));
    std::fs::create_dir_all(&home).unwrap();
    let opened = dir.path().join("opened");
    default_handler(&data, &opened, &["inode/directory"]);
    let db = dir.path().join("export.sqlite3");
    let clock = TestClock::at(2027, 5, 4, 15, 0);
    {
        let mut db = Database::open(&db, Arc::new(clock)).unwrap();
        for name in ["Ada Lovelace", "Grace Hopper"] {
            let card = ContactFields {
                display_name: name.into(),
                ..ContactFields::default()
            };
            db.add_contact(&card, DuplicateCheck::Warn).unwrap();
        }
    }
    // No user-dirs.dirs there: the system names no Downloads folder.
    let config = home.join(".config");
    let env = [
        ("HOME", home.to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    let app = App::launch_with_env(&db, &clock, &env).await;
    app.element("nav-import").await.click().await.unwrap();
    let home_text = home.display().to_string();
    app.wait_for_text("export-where", "the home folder", |t| {
        t.contains(&format!("A new file in {home_text} "))
    })
    .await;

    app.element("export-vcf").await.click().await.unwrap();
    let said = app
        .wait_for_text("export-status", "the export", |t| t.starts_with("Exported"))
        .await;
    let written: Vec<_> = std::fs::read_dir(&home)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "vcf"))
        .collect();
    assert_eq!(written.len(), 1, "one new file in the home folder: {said}");
    assert!(said.contains(&written[0].display().to_string()), "{said}");
    let vcf = std::fs::read_to_string(&written[0]).unwrap();
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 2, "both contacts");
    assert!(said.starts_with("Exported 2 contacts"), "{said}");

    app.element("export-show").await.click().await.unwrap();
    handed(&opened, &home.display().to_string()).await;
    app.close().await;
}
