//! The import in progress: the uploaded file, then its preview, kept on the
//! Rust side between the UI's steps so a large file crosses IPC only once.

use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use touchpoint_core::{
    CsvColumn, CsvInspection, ImportFormat, ImportPreview, ImportRow, ImportRowStatus,
    ParsedRecord, inspect_csv,
};
use ts_rs::TS;

use crate::error::ApiError;

/// Files larger than this are refused before they are parsed.
pub(crate) const MAX_IMPORT_BYTES: usize = 200 * 1024 * 1024;
/// Rows of each kind sent to the window; the counts always cover every row.
const ROWS_SHOWN: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UploadInfo {
    pub file_name: String,
    pub bytes: usize,
    pub format: ImportFormat,
    /// How the CSV's columns were read, for the mapping screen.
    pub csv: Option<CsvInspection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowView {
    /// Index of the row in the preview, for per-row choices.
    pub index: usize,
    pub row: ImportRow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub new_count: u32,
    pub duplicate_count: u32,
    pub rejected_count: u32,
    /// Up to 500 duplicates and 500 rejections, in file order.
    pub rows: Vec<ImportRowView>,
    /// Values the form would refuse, taken out of kept records into their
    /// notes: "line 3 (Bob): why", up to 500, in file order.
    pub set_aside: Vec<String>,
    /// How many values were set aside in all.
    pub set_aside_count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

pub(crate) struct Pending {
    pub data: Arc<Vec<u8>>,
    pub format: ImportFormat,
    pub preview: Option<Arc<ImportPreview>>,
}

#[derive(Default)]
pub(crate) struct ImportSession {
    pending: Mutex<Option<Pending>>,
}

impl ImportSession {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Pending>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn start(&self, pending: Pending) {
        *self.lock() = Some(pending);
    }

    pub(crate) fn data(&self) -> Result<(Arc<Vec<u8>>, ImportFormat), ApiError> {
        self.lock()
            .as_ref()
            .map(|p| (p.data.clone(), p.format))
            .ok_or_else(no_import)
    }

    pub(crate) fn set_preview(&self, preview: Arc<ImportPreview>) {
        if let Some(p) = self.lock().as_mut() {
            p.preview = Some(preview);
        }
    }

    pub(crate) fn preview(&self) -> Result<Arc<ImportPreview>, ApiError> {
        self.lock()
            .as_ref()
            .and_then(|p| p.preview.clone())
            .ok_or_else(no_import)
    }

    pub(crate) fn clear(&self) {
        *self.lock() = None;
    }
}

fn no_import() -> ApiError {
    ApiError::invalid(
        "import",
        "There is no import in progress: choose a file first",
    )
}

/// Checks the upload and, for a CSV, reads its columns.
pub(crate) fn inspect(file_name: &str, data: &[u8]) -> Result<UploadInfo, ApiError> {
    if data.is_empty() {
        return Err(ApiError::invalid("file", format!("{file_name} is empty")));
    }
    if data.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::invalid(
            "file",
            format!(
                "{file_name} is larger than {} MB",
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
        ));
    }
    let format = ImportFormat::detect(file_name, data);
    let csv = match format {
        ImportFormat::Csv => Some(
            inspect_csv(data)
                .map_err(|why| ApiError::invalid("file", format!("{file_name}: {why}")))?,
        ),
        ImportFormat::Vcard => None,
    };
    Ok(UploadInfo {
        file_name: file_name.to_owned(),
        bytes: data.len(),
        format,
        csv,
    })
}

/// Parses the upload into records (CSV by the given column mapping, or the
/// one its header suggests); a file with no contact in it is refused, saying
/// what it is.
pub(crate) fn parse(
    data: &[u8],
    format: ImportFormat,
    columns: Option<&[CsvColumn]>,
) -> Result<Vec<ParsedRecord>, ApiError> {
    format
        .records(data, columns)
        .map_err(|why| ApiError::invalid("file", why))
}

pub(crate) fn summarise(preview: &ImportPreview) -> ImportSummary {
    let mut duplicates = 0;
    let mut rejected = 0;
    let rows = preview
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match row.status {
            ImportRowStatus::New { .. } => false,
            ImportRowStatus::Duplicate { .. } => {
                duplicates += 1;
                duplicates <= ROWS_SHOWN
            }
            ImportRowStatus::Rejected { .. } => {
                rejected += 1;
                rejected <= ROWS_SHOWN
            }
        })
        .map(|(index, row)| ImportRowView {
            index,
            row: row.clone(),
        })
        .collect();
    let set_aside: Vec<String> = preview
        .rows
        .iter()
        .flat_map(|row| {
            let name = match &row.status {
                ImportRowStatus::New { fields } | ImportRowStatus::Duplicate { fields, .. } => {
                    fields.display_name.as_str()
                }
                ImportRowStatus::Rejected { .. } => "",
            };
            row.set_aside
                .iter()
                .map(move |why| format!("{} ({name}): {why}", row.position))
        })
        .collect();
    ImportSummary {
        new_count: preview.new_count,
        duplicate_count: preview.duplicate_count,
        rejected_count: preview.rejected_count,
        rows,
        set_aside_count: u32::try_from(set_aside.len()).unwrap_or(u32::MAX),
        set_aside: set_aside.into_iter().take(ROWS_SHOWN).collect(),
    }
}
