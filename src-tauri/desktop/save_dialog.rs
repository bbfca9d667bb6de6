//! The system's own "Save as" dialog (GTK's file chooser on Linux, the
//! native panels on macOS and Windows), for exports: the user picks the
//! folder and name, and confirms replacing a file that is there.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager};

use crate::error::ApiError;

/// What the dialog offers before the user changes anything.
pub(crate) struct SaveAs<'a> {
    pub title: &'a str,
    pub folder: &'a Path,
    pub file_name: &'a str,
    /// The kind of file, named for the filter ("vCard"), and its extension.
    pub kind: (&'a str, &'a str),
}

/// Asks where to save; `None` when the user cancels.
///
/// GTK wants its dialogs made on the main thread, so the dialog is made
/// there and answered through its own callbacks; this task only awaits the
/// answer, and the window stays live meanwhile.
pub(crate) async fn ask_where_to_save(
    app: &AppHandle,
    offer: &SaveAs<'_>,
) -> Result<Option<PathBuf>, ApiError> {
    let (sent, answer) = tokio::sync::oneshot::channel();
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title(offer.title)
        .set_directory(offer.folder)
        .set_file_name(offer.file_name)
        .add_filter(offer.kind.0, &[offer.kind.1])
        .set_can_create_directories(true);
    let window = app.get_webview_window("main");
    app.run_on_main_thread(move || {
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        let _ = sent.send(dialog.save_file());
    })
    .map_err(|e| ApiError::unavailable(format!("cannot show the save dialog: {e}")))?;
    let pending = answer
        .await
        .map_err(|_| ApiError::unavailable("the save dialog did not open"))?;
    Ok(pending.await.map(|file| file.path().to_path_buf()))
}
