//! Real Tesseract on photos of business cards rendered in the test (tilted,
//! lit from one side, noisy, one and two columns), through
//! `touchpoint parse-card PHOTO --json`: the same OCR path as the window.
//! Prints per-field and whole-card accuracy and the time per card.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use touchpoint_test_support::card_photos::{CARDS, Card, set_exif_orientation};
use touchpoint_test_support::clock::TestClock;

/// The promise in the product: a card is read in under three seconds on
/// the two-core machines it is built on.
const PER_CARD: Duration = Duration::from_secs(3);

fn parse_photo(db: &Path, photo: &Path) -> Value {
    let (var, shift) = TestClock::at(2026, 11, 23, 9, 0).env();
    let out = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .env_remove("TOUCHPOINT_DB")
        .env_remove("DISPLAY")
        .env(var, shift)
        .args(["--db", db.to_str().unwrap(), "parse-card", "--json"])
        .arg(photo)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "parse-card {} failed: {}",
        photo.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value[key]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get(key_of(key)).and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn key_of(list: &str) -> &'static str {
    if list == "emails" {
        "address"
    } else {
        "number"
    }
}

/// Each field read right (true) or not, in [`FIELDS`] order.
fn score(card: &Card, found: &Value) -> [bool; 6] {
    let text = |key: &str| found[key].as_str().unwrap_or_default().to_owned();
    [
        text("givenName") == card.given,
        text("familyName") == card.family,
        text("title") == card.title,
        text("company") == card.company,
        strings(found, "emails") == [card.email],
        strings(found, "phones") == card.numbers,
    ]
}

const FIELDS: [&str; 6] = ["given", "family", "title", "company", "email", "phones"];

#[test]
fn photographed_cards_are_read_field_by_field_in_under_three_seconds_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ocr.sqlite3");
    let mut right = [0usize; 6];
    let mut whole = 0;
    let mut slowest = Duration::ZERO;
    let mut misses = Vec::new();
    for (i, card) in CARDS.iter().enumerate() {
        let photo = dir.path().join(format!("card-{i}.jpg"));
        card.render(&photo, u32::try_from(i).unwrap());
        let found = parse_photo(&db, &photo);
        let millis = found["ocr"]["millis"]
            .as_u64()
            .expect("a photo says how long it took");
        let took = Duration::from_millis(millis);
        slowest = slowest.max(took);
        let fields = score(card, &found);
        for (n, ok) in right.iter_mut().zip(fields) {
            *n += usize::from(ok);
        }
        if fields.iter().all(|&ok| ok) {
            whole += 1;
        } else {
            misses.push(format!(
                "{} (tilt {}°, {}): {}\n  read: {:?}",
                card.name(),
                card.tilt,
                if card.two_columns {
                    "two columns"
                } else {
                    "one column"
                },
                FIELDS
                    .iter()
                    .zip(fields)
                    .filter(|(_, ok)| !ok)
                    .map(|(f, _)| *f)
                    .collect::<Vec<_>>()
                    .join(", "),
                found["ocr"]["text"].as_str().unwrap_or_default()
            ));
        }
        eprintln!("{:<28} {:>5} ms", card.name(), millis);
    }
    let total = CARDS.len();
    eprintln!("OCR accuracy on {total} rendered card photos:");
    for (field, n) in FIELDS.iter().zip(right) {
        eprintln!("  {field:<8} {n}/{total}");
    }
    eprintln!(
        "  whole card {whole}/{total}; slowest card {} ms",
        slowest.as_millis()
    );
    for miss in &misses {
        eprintln!("missed: {miss}");
    }
    assert!(slowest < PER_CARD, "a card took {slowest:?}");
    // Measured: 6 of 8 whole, each field at least 7 of 8 (a tilted "T" label
    // read as "JT" leaves that number unplaced; "Lucía" loses its accent).
    // A worse reading is a regression.
    assert!(
        whole * 4 >= total * 3 && right.iter().all(|&n| n * 8 >= total * 7),
        "fewer fields read right than measured:\n{}",
        misses.join("\n")
    );
}

/// Photos as people take them: sideways or upside down (scanned, or from a
/// camera that wrote no orientation), stored sideways with the EXIF
/// orientation saying so (most phone photos), and four times larger than
/// Tesseract reads best (a 12-megapixel photo filled by the card). Before
/// these were turned and scaled, every turned one read as nonsense.
#[test]
fn a_card_photographed_turned_or_large_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ocr.sqlite3");
    let card = &CARDS[0];
    let upright = dir.path().join("upright.jpg");
    card.render(&upright, 7);
    // Lossless copies of the one photo (a second JPEG pass alone can cost
    // a marginal digit), but the phone's, which is a JPEG by nature.
    let variants: [(&str, &[&str]); 5] = [
        ("quarter-clockwise.png", &["-rotate", "90"]),
        ("upside-down.png", &["-rotate", "180"]),
        ("quarter-anticlockwise.png", &["-rotate", "270"]),
        (
            "stored-sideways-with-exif.jpg",
            &["-rotate", "270", "-quality", "95"],
        ),
        ("four-times-larger.png", &["-resize", "400%"]),
    ];
    for (name, how) in variants {
        let photo = dir.path().join(name);
        let status = Command::new("convert")
            .arg(&upright)
            .args(how)
            .arg(&photo)
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        if name.ends_with(".jpg") {
            set_exif_orientation(&photo, 6);
        }
        let found = parse_photo(&db, &photo);
        let read = score(card, &found);
        println!("{name}: fields read {read:?} ({FIELDS:?})");
        // A card read the wrong way up gives no name, company or phone at
        // all; the email alone may lose a dot to noise as on any photo
        // (the accuracy test above measures that).
        let [given, family, title, company, _email, phones] = read;
        assert!(
            given && family && title && company && phones,
            "{name}: fields read {read:?} ({FIELDS:?}) from {found}"
        );
    }
}

#[test]
fn a_photo_that_is_no_picture_and_a_blank_card_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ocr.sqlite3");
    let blank = dir.path().join("blank.png");
    let status = Command::new("convert")
        .args([
            "-size",
            "1050x600",
            "xc:#fbfaf5",
            "-attenuate",
            "0.2",
            "+noise",
            "Gaussian",
        ])
        .arg(&blank)
        .status()
        .unwrap();
    assert!(status.success());
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, b"\xFF\xD8\xFF\xE0 not really a jpeg").unwrap();
    for (photo, says) in [
        (&blank, "No text found on"),
        (&broken, "is not a photo Touchpoint can read"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .env_remove("TOUCHPOINT_DB")
            .args(["--db", db.to_str().unwrap(), "parse-card"])
            .arg(photo)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{}", photo.display());
        assert!(stderr.contains(says), "{}: {stderr}", photo.display());
    }
}
