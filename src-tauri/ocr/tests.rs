#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::*;

/// A real (tiny, white) PNG: Touchpoint reads a photo's header itself
/// before Tesseract gets it.
fn picture() -> Vec<u8> {
    let mut png = std::io::Cursor::new(Vec::new());
    image::GrayImage::from_pixel(12, 8, image::Luma([255]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    png.into_inner()
}

/// A stand-in for Tesseract: a shell script with the given body.
fn fake_tesseract(dir: &tempfile::TempDir, body: &str) -> PathBuf {
    let path = dir.path().join("tesseract");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn the_formats_tesseract_reads_are_recognised_by_their_first_bytes() {
    assert_eq!(image_kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"), Some("JPEG"));
    assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...."), Some("PNG"));
    assert_eq!(image_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("WebP"));
    assert_eq!(image_kind(b"RIFF\0\0\0\0WAVEfmt "), None);
    assert_eq!(image_kind(b"Grace Hopper\n"), None);
}

#[test]
fn what_is_not_a_picture_is_refused_before_tesseract_runs() {
    // The program does not exist: reaching it would say "not installed".
    let ocr = Ocr::with_program("/nonexistent/tesseract");
    let text = ocr.read("notes.txt", b"Grace Hopper\n").unwrap_err();
    assert!(
        text.to_string()
            .starts_with("notes.txt is not a photo Touchpoint can read: use a JPEG, PNG"),
        "{text}"
    );
    let heic = ocr
        .read("IMG_0001.HEIC", b"\0\0\0\x18ftypheic")
        .unwrap_err();
    assert!(
        heic.to_string().contains("save or share it as JPEG"),
        "{heic}"
    );
    let empty = ocr.read("card.jpg", b"").unwrap_err();
    assert!(empty.to_string().contains("the file is empty"), "{empty}");
}

#[test]
fn a_damaged_picture_is_refused_before_tesseract_runs() {
    let mut png = picture();
    png.truncate(40);
    let error = Ocr::with_program("/nonexistent/tesseract")
        .read("card.png", &png)
        .unwrap_err();
    assert!(matches!(error, OcrError::NotAnImage { .. }), "{error:?}");
    assert!(error.to_string().contains("cannot be decoded"), "{error}");
}

#[test]
fn english_comes_first_then_the_other_installed_languages_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let program = fake_tesseract(
        &dir,
        "echo 'List of available languages in \"/usr/share/tessdata/\" (5):'; printf 'deu\\neng\\nfra\\nosd\\nspa\\n'",
    );
    assert_eq!(tesseract::languages(&program, 3), "eng+deu+fra");
    assert_eq!(
        tesseract::languages(Path::new("/nonexistent/tesseract"), 3),
        "eng"
    );
}

#[test]
fn a_missing_tesseract_says_what_to_install() {
    let error = Ocr::with_program("/nonexistent/tesseract")
        .read("card.png", &picture())
        .unwrap_err();
    assert_eq!(error, OcrError::Missing);
    assert!(
        error.to_string().contains("install tesseract-ocr"),
        "{error}"
    );
}

#[test]
fn a_picture_tesseract_cannot_decode_is_called_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let program = fake_tesseract(
        &dir,
        "cat >/dev/null; echo 'Error in pixReadMem: jpeg: no pix returned' >&2; exit 1",
    );
    let error = Ocr::with_program(program)
        .read("card.png", &picture())
        .unwrap_err();
    assert!(matches!(error, OcrError::NotAnImage { .. }), "{error:?}");
    assert!(error.to_string().contains("damaged"), "{error}");
}

#[test]
fn a_photo_without_words_says_no_text_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let program = fake_tesseract(
        &dir,
        "cat >/dev/null; printf 'level\\tpage_num\\n1\\t1\\t0\\t0\\t0\\t0\\t0\\t0\\t300\\t200\\t-1\\t\\n'",
    );
    let error = Ocr::with_program(program)
        .read("blank.png", &picture())
        .unwrap_err();
    assert_eq!(
        error,
        OcrError::NoText {
            name: "blank.png".into()
        }
    );
}

#[test]
fn a_tesseract_that_never_finishes_is_stopped_at_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let program = fake_tesseract(&dir, "exec sleep 600");
    let ocr = Ocr {
        timeout: Duration::from_millis(300),
        ..Ocr::with_program(program)
    };
    // A large photo: the script never reads it, so writing must not block the wait.
    let mut photo = picture();
    photo.resize(1024 * 1024, 0);
    let error = ocr.read("card.png", &photo).unwrap_err();
    assert!(matches!(error, OcrError::TimedOut { .. }), "{error:?}");
}

/// The glue: Tesseract's boxes of a two-column card, through the layout,
/// into the card parser, give the fields a pasted card would.
#[test]
fn word_boxes_of_a_two_column_card_fill_the_fields() {
    let rows = [
        (1, 83, "Amara"),
        (1, 190, "Okafor"),
        (1, 572, "amara.okafor@lagosfreight.com"),
        (2, 84, "Head"),
        (2, 160, "of"),
        (2, 200, "Procurement"),
        (2, 571, "+44"),
        (2, 640, "20"),
        (2, 680, "7946"),
        (2, 760, "0321"),
        (3, 87, "Lagos"),
        (3, 180, "Freight"),
        (3, 300, "Ltd"),
    ];
    let mut tsv = String::from("level\n");
    for (line, left, text) in rows {
        let width = i32::try_from(text.len()).unwrap() * 14;
        tsv.push_str(&format!(
            "5\t1\t1\t1\t{line}\t1\t{left}\t{}\t{width}\t26\t91.5\t{text}\n",
            line * 40
        ));
    }
    let text = layout::lines_from_tsv(&tsv).join("\n");
    let parsed = touchpoint_core::parse_card_text(&text);
    let f = &parsed.fields;
    assert_eq!(
        (f.given_name.as_str(), f.family_name.as_str()),
        ("Amara", "Okafor"),
        "{text}"
    );
    assert_eq!(f.title, "Head of Procurement", "{text}");
    assert_eq!(f.company, "Lagos Freight Ltd", "{text}");
    assert_eq!(
        f.emails.first().map(|e| e.address.as_str()),
        Some("amara.okafor@lagosfreight.com")
    );
    assert_eq!(
        f.phones.first().map(|p| p.number.as_str()),
        Some("+44 20 7946 0321")
    );
    assert!(parsed.unplaced.is_empty(), "{:?}", parsed.unplaced);
}
