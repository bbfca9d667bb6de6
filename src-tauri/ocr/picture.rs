//! A photo made ready for Tesseract: turned as the camera's EXIF orientation
//! says (phones store most photos sideways and say so there, which Tesseract
//! ignores), scaled down to a size Tesseract reads best, and turned again by
//! quarter turns when a first reading finds the card sideways or upside
//! down. It stays in colour: a grey copy made here read a "+" as "a" where
//! Leptonica's own conversion did not. A photo that needs none of that goes
//! to Tesseract as it is.

use std::borrow::Cow;
use std::io::Cursor;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::OcrError;

/// The longest side Tesseract gets. A card filling a 12-megapixel photo has
/// letters 80–150 pixels high, and Tesseract reads letters 20–40 pixels high
/// best: a card rendered four times larger misread its email, and read
/// right once scaled to this.
pub(super) const MAX_SIDE: u32 = 1600;

pub(super) enum Photo<'a> {
    /// Upright as stored and small enough.
    AsTaken(&'a [u8]),
    Prepared(DynamicImage),
}

fn unreadable(name: &str) -> impl Fn(image::ImageError) -> OcrError + '_ {
    move |e| OcrError::NotAnImage {
        name: name.to_owned(),
        why: format!("the picture cannot be decoded ({e})"),
    }
}

/// Reads the photo's header and EXIF, and its pixels only when they must
/// be turned or scaled.
pub(super) fn prepare<'a>(name: &str, bytes: &'a [u8]) -> Result<Photo<'a>, OcrError> {
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(name)(e.into()))?
        .into_decoder()
        .map_err(unreadable(name))?;
    // A photo whose EXIF cannot be read is taken as it is stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    if orientation == Orientation::NoTransforms && width.max(height) <= MAX_SIDE {
        return Ok(Photo::AsTaken(bytes));
    }
    let mut picture = DynamicImage::from_decoder(decoder).map_err(unreadable(name))?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    Ok(Photo::Prepared(picture))
}

/// The photo's bytes for Tesseract's stdin, turned a quarter clockwise
/// `turns` times (PNG when Touchpoint made the picture: Leptonica reads it
/// from memory).
pub(super) fn turned<'a>(
    name: &str,
    photo: &'a Photo<'_>,
    turns: u8,
) -> Result<Cow<'a, [u8]>, OcrError> {
    let picture = match (photo, turns % 4) {
        (Photo::AsTaken(bytes), 0) => return Ok(Cow::Borrowed(bytes)),
        (Photo::AsTaken(bytes), _) => {
            Cow::Owned(image::load_from_memory(bytes).map_err(unreadable(name))?)
        }
        (Photo::Prepared(picture), _) => Cow::Borrowed(picture),
    };
    let picture = match turns % 4 {
        1 => Cow::Owned(picture.rotate90()),
        2 => Cow::Owned(picture.rotate180()),
        3 => Cow::Owned(picture.rotate270()),
        _ => picture,
    };
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| OcrError::Failed {
            name: name.to_owned(),
            why: format!("cannot hand the photo to Tesseract ({e})"),
        })?;
    Ok(Cow::Owned(out.into_inner()))
}
