//! A folder of three business-card photos through the real window: picked
//! in Add cards, read by Tesseract on this machine, each filling the form in
//! turn ("Card 2 of 3"), confirmed with Save & next, and in the database as
//! three contacts with the names, emails and phones printed on the cards.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::sync::Arc;

use touchpoint_core::{ContactQuery, Database};
use touchpoint_test_support::app::App;
use touchpoint_test_support::card_photos::{CARDS, Card};
use touchpoint_test_support::clock::TestClock;

#[tokio::test(flavor = "multi_thread")]
async fn three_card_photos_fill_three_forms_in_turn_and_become_three_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("photos.sqlite3");
    let clock = TestClock::at(2026, 11, 23, 9, 0);
    Database::open(&db_path, Arc::new(clock)).unwrap();
    // One column and two, tilted both ways; each rendered as in the OCR
    // accuracy test (tests/card_photos.rs, the same noise), where all three
    // are read whole. This test is about the window, not OCR accuracy.
    let chosen = [0, 2, 3];
    let pile: Vec<&Card> = chosen.iter().map(|&i| &CARDS[i]).collect();
    let folder = dir.path().join("cards");
    std::fs::create_dir(&folder).unwrap();
    let photos: Vec<String> = pile
        .iter()
        .enumerate()
        .map(|(i, card)| {
            let path = folder.join(format!("card-{}.jpg", i + 1));
            card.render(&path, u32::try_from(chosen[i]).unwrap());
            path.display().to_string()
        })
        .collect();

    let app = App::launch(&db_path, &clock).await;
    app.element("nav-add").await.click().await.unwrap();
    // Several paths, one a line, pick several files in WebDriver.
    app.element("photo-input")
        .await
        .send_keys(photos.join("\n"))
        .await
        .unwrap();

    for (i, card) in pile.iter().enumerate() {
        let n = i + 1;
        let progress = app
            .wait_for_text("photo-progress", &format!("card {n} of 3 read"), |t| {
                t.starts_with(&format!("Card {n} of 3 · card-{n}.jpg · read in"))
            })
            .await;
        eprintln!("{progress}");
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
        assert_eq!(value("cf-givenName").await, card.given, "card {n}");
        assert_eq!(value("cf-familyName").await, card.family, "card {n}");
        assert_eq!(value("cf-emails-0-address").await, card.email, "card {n}");
        assert_eq!(
            value("cf-phones-0-number").await,
            card.numbers[0],
            "card {n}"
        );
        app.element("save-next").await.click().await.unwrap();
        app.wait_for_text("form-status", &format!("card {n} saved"), |t| {
            t.starts_with(&format!("Saved {}.", card.name()))
        })
        .await;
    }
    let status = app.text_of(&app.element("form-status").await).await;
    assert!(
        status.ends_with("That was the last of the 3 photos."),
        "{status:?}"
    );
    app.close().await;

    let db = Database::open(&db_path, Arc::new(clock)).unwrap();
    let page = db
        .list_contacts(&ContactQuery {
            limit: 10,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 3);
    for card in &pile {
        let summary = page
            .items
            .iter()
            .find(|c| c.display_name == card.name())
            .unwrap_or_else(|| panic!("no contact {} in {:?}", card.name(), page.items));
        let contact = db.contact(summary.id).unwrap();
        let emails: Vec<&str> = contact
            .fields
            .emails
            .iter()
            .map(|e| e.address.as_str())
            .collect();
        assert_eq!(emails, [card.email], "{}", card.name());
        let phones: Vec<&str> = contact
            .fields
            .phones
            .iter()
            .map(|p| p.number.as_str())
            .collect();
        assert_eq!(phones, card.numbers, "{}", card.name());
    }
}
