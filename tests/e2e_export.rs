//! Export through the real window and the system's save dialog (GTK's, answered
//! from the keyboard): the view names the folder the dialog starts in (the
//! home folder when the system names no Downloads folder); Enter saves under
//! the offered name there; a typed folder and name are where the file goes
//! (the extension added when left out); Escape writes nothing; and "Show in
//! folder" hands the last export's folder to the file manager (the real
//! `xdg-open`, with a test handler for folders that writes down what it was
//! given).

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
use touchpoint_test_support::save_dialog::{Answer, answer};

#[tokio::test(flavor = "multi_thread")]
async fn an_export_asks_where_to_save_and_shows_that_folder() {
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
        t.contains(&format!("starting in {home_text} "))
    })
    .await;

    app.element("export-vcf").await.click().await.unwrap();
    answer("Export contacts as vCard", Answer::Accept).await;
    let said = app
        .wait_for_text("export-status", "the export", |t| t.starts_with("Exported"))
        .await;
    let written = files_in(&home);
    assert_eq!(written.len(), 1, "one new file in the home folder: {said}");
    let name = written[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("touchpoint-contacts-") && name.ends_with(".vcf"),
        "the offered name: {name}"
    );
    assert!(said.contains(&written[0].display().to_string()), "{said}");
    let vcf = std::fs::read_to_string(&written[0]).unwrap();
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 2, "both contacts");
    assert!(said.starts_with("Exported 2 contacts"), "{said}");

    // A folder and a name of the user's, typed without the extension.
    let chosen = dir.path().join("clients");
    std::fs::create_dir_all(&chosen).unwrap();
    app.element("export-csv").await.click().await.unwrap();
    answer(
        "Export contacts as CSV",
        Answer::SaveAs(&chosen.join("spring")),
    )
    .await;
    let csv = chosen.join("spring.csv");
    let said = app
        .wait_for_text("export-status", "the CSV export", |t| {
            t.contains(&csv.display().to_string())
        })
        .await;
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert!(
        rows.contains("Ada Lovelace") && rows.contains("Grace Hopper"),
        "{said}: {rows}"
    );

    // Cancelled: nothing written anywhere, and the view says so.
    app.element("export-ics").await.click().await.unwrap();
    answer("Export follow-ups to a calendar file", Answer::Cancel).await;
    app.wait_for_text("export-status", "the cancelled export", |t| {
        t.starts_with("Nothing exported")
    })
    .await;
    assert_eq!(files_in(&home).len(), 1, "no new file at home");
    assert_eq!(files_in(&chosen).len(), 1, "no new file beside the CSV");

    app.element("export-show").await.click().await.unwrap();
    handed(&opened, &chosen.display().to_string()).await;
    app.close().await;
}

/// The files (not folders) in `dir`.
fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect()
}
