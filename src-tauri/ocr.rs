//! Reading a photo of a business card on this machine: Tesseract runs as a
//! separate process (Debian's `tesseract-ocr`), its word boxes are put back
//! into lines column by column ([`layout`]), and the text goes to the same
//! card parser as a pasted card. Nothing leaves the machine.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

mod layout;
mod picture;
mod tesseract;

/// Long enough for a 12-megapixel photo on a busy two-core machine (a card
/// takes about one second), short enough that a wedged process is noticed.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

/// A photo larger than this is not a card.
pub(crate) const MAX_PHOTO_BYTES: usize = 40 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum OcrError {
    #[error(
        "Tesseract is not installed, so card photos cannot be read: install tesseract-ocr (sudo apt install tesseract-ocr tesseract-ocr-eng) and try again"
    )]
    Missing,
    #[error("{name} is not a photo Touchpoint can read: {why}")]
    NotAnImage { name: String, why: String },
    #[error(
        "No text found on {name}: photograph the card flat, in good light, filling most of the picture"
    )]
    NoText { name: String },
    #[error("Reading {name} took longer than {} seconds and was stopped", TIMEOUT.as_secs())]
    TimedOut { name: String },
    #[error("Tesseract could not read {name}: {why}")]
    Failed { name: String, why: String },
}

/// The text read off one photo, lines in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhotoText {
    pub text: String,
    pub elapsed: Duration,
}

/// Each language read along with English costs about as much again.
const MAX_LANGUAGES: usize = 4;

/// How Tesseract is started: the program, found on `PATH` unless a test
/// names another, and the languages it reads (`eng+fra+…`).
pub(crate) struct Ocr {
    program: PathBuf,
    languages: String,
    timeout: Duration,
}

impl Default for Ocr {
    fn default() -> Self {
        let program = PathBuf::from("tesseract");
        static LANGUAGES: OnceLock<String> = OnceLock::new();
        let languages = LANGUAGES
            .get_or_init(|| tesseract::languages(&program, MAX_LANGUAGES))
            .clone();
        Self {
            program,
            languages,
            timeout: TIMEOUT,
        }
    }
}

impl Ocr {
    #[cfg(test)]
    pub(crate) fn with_program(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            languages: "eng".to_owned(),
            timeout: TIMEOUT,
        }
    }

    /// Reads the photo's text. Blocking: call it off the UI thread.
    ///
    /// A card read on its side or upside down is read again turned, the
    /// likelier way first: Tesseract reads a card turned a quarter clockwise
    /// confidently (but with its word boxes on end), and one turned the
    /// other way or upside down with little confidence.
    pub(crate) fn read(&self, name: &str, bytes: &[u8]) -> Result<PhotoText, OcrError> {
        let start = Instant::now();
        check_image(name, bytes)?;
        let picture = picture::prepare(name, bytes)?;
        let read = |turns: u8| -> Result<(String, layout::Quality), OcrError> {
            let image = picture::turned(name, &picture, turns)?;
            let tsv = tesseract::run(&self.program, &self.languages, &image, self.timeout, name)?;
            let quality = layout::quality(&tsv);
            Ok((tsv, quality))
        };
        let mut best = read(0)?;
        if !best.1.upright() {
            let turns: &[u8] = match best.1 {
                q if q.sideways && q.confidence >= 60.0 => &[3, 1],
                q if q.sideways => &[1, 3],
                _ => &[2],
            };
            for &turn in turns {
                let again = read(turn)?;
                let better = again.1.upright()
                    || (best.1.sideways && !again.1.sideways)
                    || (best.1.sideways == again.1.sideways
                        && again.1.confidence > best.1.confidence);
                if better {
                    best = again;
                }
                if best.1.upright() {
                    break;
                }
            }
        }
        let text = layout::lines_from_tsv(&best.0).join("\n");
        if text.trim().is_empty() {
            return Err(OcrError::NoText {
                name: name.to_owned(),
            });
        }
        Ok(PhotoText {
            text,
            elapsed: start.elapsed(),
        })
    }
}

/// What the file's first bytes say it is, for the formats Tesseract's image
/// library reads. `None` for anything else.
pub(crate) fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\xFF\xD8\xFF") {
        Some("JPEG")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some("TIFF")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("WebP")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("GIF")
    } else if starts(b"BM") {
        Some("BMP")
    } else {
        None
    }
}

/// Refuses what Tesseract would fail on with an unhelpful message.
fn check_image(name: &str, bytes: &[u8]) -> Result<(), OcrError> {
    let refuse = |why: &str| {
        Err(OcrError::NotAnImage {
            name: name.to_owned(),
            why: why.to_owned(),
        })
    };
    if bytes.is_empty() {
        return refuse("the file is empty");
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return refuse(&format!(
            "it is {} MB; a card photo is at most {} MB",
            bytes.len() / (1024 * 1024),
            MAX_PHOTO_BYTES / (1024 * 1024)
        ));
    }
    if image_kind(bytes).is_some() {
        return Ok(());
    }
    // iPhones save HEIC by default; say what to do about it.
    if bytes.get(4..8) == Some(b"ftyp") {
        return refuse("HEIC/HEIF photos cannot be read; save or share it as JPEG and try again");
    }
    refuse("use a JPEG, PNG, TIFF, WebP, GIF or BMP picture")
}

#[cfg(test)]
mod tests;
