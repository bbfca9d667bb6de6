//! Import and export commands. The file travels once, as raw bytes, to
//! `import_upload`; the preview and the commit work on what Rust kept.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::{AppHandle, State};
use touchpoint_core::CsvColumn;
use touchpoint_core::{DuplicateAction, ImportResult};
use ts_rs::TS;

use super::arg::Arg;
use crate::desktop::save_dialog::{SaveAs, ask_where_to_save};
use crate::error::ApiError;
use crate::store::Store;
pub(crate) use export_file::ExportPlace;
use session::{ImportProgress, ImportSession, ImportSummary, Pending, UploadInfo};

mod export_file;
pub(crate) mod session;

type Reply<T> = Result<T, ApiError>;

async fn blocking<R: Send + 'static>(
    work: impl FnOnce() -> Result<R, ApiError> + Send + 'static,
) -> Reply<R> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}

/// Takes the file's bytes (the request body) and its name (`x-file-name` header).
#[tauri::command]
pub(crate) async fn import_upload(
    session: State<'_, ImportSession>,
    request: Request<'_>,
) -> Reply<UploadInfo> {
    let (file_name, data) = raw_file(&request, "file")?;
    let data = Arc::new(data);
    let bytes = data.clone();
    let info = blocking(move || session::inspect(&file_name, &bytes)).await?;
    session.start(Pending {
        data,
        format: info.format,
        preview: None,
    });
    Ok(info)
}

/// A file the UI sent as the request body, with its name from the
/// `x-file-name` header ("the file" when it has none). `field` names the
/// form field an error goes to.
pub(crate) fn raw_file(request: &Request<'_>, field: &str) -> Reply<(String, Vec<u8>)> {
    let InvokeBody::Raw(data) = request.body() else {
        return Err(ApiError::invalid(
            field,
            "The file must be sent as raw bytes",
        ));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| "the file".to_owned(), urlencoding_decode);
    Ok((name, data.clone()))
}

/// The UI percent-encodes the name so any character survives an HTTP header.
fn urlencoding_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tauri::command]
pub(crate) async fn import_preview(
    store: State<'_, Store>,
    session: State<'_, ImportSession>,
    columns: Arg<Option<Vec<CsvColumn>>>,
    on_progress: Channel<ImportProgress>,
) -> Reply<ImportSummary> {
    let columns = columns.0;
    let (data, format) = session.data()?;
    let records = blocking(move || session::parse(&data, format, columns.as_deref())).await?;
    let preview = store
        .read(move |db| {
            db.preview_import(records, &mut |done, total| {
                // A closed window stops listening; the preview goes on regardless.
                let _ = on_progress.send(ImportProgress { done, total });
            })
        })
        .await?;
    let preview = Arc::new(preview);
    session.set_preview(preview.clone());
    Ok(session::summarise(&preview))
}

#[tauri::command]
pub(crate) async fn import_commit(
    store: State<'_, Store>,
    session: State<'_, ImportSession>,
    action: Arg<DuplicateAction>,
    overrides: Arg<Vec<(usize, DuplicateAction)>>,
) -> Reply<ImportResult> {
    let action = action.0;
    let overrides = overrides.0;
    let preview = session.preview()?;
    let overrides: HashMap<usize, DuplicateAction> = overrides.into_iter().collect();
    let result = store
        .write(move |db| db.commit_import(&preview, action, &overrides))
        .await?;
    session.clear();
    Ok(result)
}

#[tauri::command]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Tauri hands State over by value"
)]
pub(crate) fn import_cancel(session: State<'_, ImportSession>) {
    session.clear();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Vcf,
    Csv,
    /// Upcoming follow-ups as an iCalendar file.
    Ics,
    /// Everything: a Touchpoint database file (`docs/export-format.md`).
    Everything,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    pub contacts: u32,
}

/// Asks where to save with the system's dialog (in the folder of the last
/// export, or [`export_file::export_dir`], under a new dated name), then
/// writes every contact there; `None` when the user cancelled and nothing
/// was written.
#[tauri::command]
pub(crate) async fn export_contacts(
    app: AppHandle,
    store: State<'_, Store>,
    place: State<'_, ExportPlace>,
    format: Arg<ExportFormat>,
) -> Reply<Option<ExportResult>> {
    let format = format.0;
    let today = store
        .read(|db| Ok(db.now().with_timezone(&db.settings()?.zone()).date_naive()))
        .await?;
    let folder = place.folder()?;
    let suggested = export_file::new_file_path(&folder, format, today);
    let file_name = suggested
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let offer = SaveAs {
        title: export_file::dialog_title(format),
        folder: &folder,
        file_name: &file_name,
        kind: export_file::kind(format),
    };
    let Some(chosen) = ask_where_to_save(&app, &offer).await? else {
        return Ok(None);
    };
    let path = export_file::with_extension(chosen, format);
    let (text, contacts) = store
        .read(move |db| {
            let text = match format {
                ExportFormat::Vcf => db.export_vcards()?,
                ExportFormat::Csv => db.export_csv()?,
                ExportFormat::Ics => db.export_ics()?,
                ExportFormat::Everything => String::new(),
            };
            Ok((text, db.contact_count()?))
        })
        .await?;
    let live = store.path().to_path_buf();
    let written = path.clone();
    blocking(move || {
        if format == ExportFormat::Everything {
            // Read through a connection of its own: the window carries on.
            touchpoint_core::export_everything(&live, &written)?;
        } else {
            export_file::write_whole(&written, text.as_bytes())?;
        }
        Ok(())
    })
    .await?;
    place.remember(&path);
    Ok(Some(ExportResult {
        path: path.display().to_string(),
        contacts,
    }))
}

/// Opens the folder of the last export (or where exports are offered) in
/// the file manager.
#[tauri::command]
pub(crate) async fn show_export_folder(place: State<'_, ExportPlace>) -> Reply<String> {
    let dir = place.folder()?;
    blocking(move || {
        crate::desktop::opener::open_folder(&dir)?;
        Ok(dir.display().to_string())
    })
    .await
}

/// [`export_file::export_dir`] for the window to name.
pub(crate) fn export_folder() -> Option<String> {
    export_file::export_dir().map(|d| d.display().to_string())
}
