//! A photo of a business card, read on this machine (see [`crate::ocr`])
//! and parsed like a pasted card. The photo travels once, as raw bytes.

use serde::Serialize;
use tauri::ipc::Request;
use touchpoint_core::CardParse;
use ts_rs::TS;

use super::Reply;
use super::transfer::raw_file;
use crate::error::ApiError;
use crate::ocr::{Ocr, OcrError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardPhoto {
    /// What the card parser made of the text: the form to fill.
    pub parse: CardParse,
    /// The text as Tesseract read it, lines in reading order.
    pub text: String,
    /// How long reading the photo took.
    pub millis: u32,
}

impl From<OcrError> for ApiError {
    fn from(error: OcrError) -> Self {
        let message = error.to_string();
        match error {
            OcrError::NotAnImage { .. } | OcrError::NoText { .. } => {
                ApiError::invalid("photo", message)
            }
            OcrError::Missing | OcrError::TimedOut { .. } | OcrError::Failed { .. } => {
                ApiError::unavailable(message)
            }
        }
    }
}

/// Takes the photo's bytes (the request body) and its name (`x-file-name` header).
#[tauri::command]
pub(crate) async fn read_card_photo(request: Request<'_>) -> Reply<CardPhoto> {
    let (name, data) = raw_file(&request, "photo")?;
    // Tesseract runs for about a second: never on the main thread.
    tauri::async_runtime::spawn_blocking(move || {
        let read = Ocr::default().read(&name, &data)?;
        tracing::info!(photo = %name, ms = read.elapsed.as_millis(), "card photo read");
        Ok(CardPhoto {
            parse: touchpoint_core::parse_card_text(&read.text),
            millis: u32::try_from(read.elapsed.as_millis()).unwrap_or(u32::MAX),
            text: read.text,
        })
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading the photo failed: {e}")))?
}
