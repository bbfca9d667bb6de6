//! Hands a folder to the OS (the file manager), as "Open log folder" does.
//! The OS's own opener decides which program shows it: `xdg-open` on Linux
//! and the BSDs, `open` on macOS, `explorer` on Windows.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::ApiError;

fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Starts the opener on `folder` and returns once it has said whether it
/// could; a blocking call, for a blocking thread.
pub(crate) fn open_folder(folder: &Path) -> Result<(), ApiError> {
    let program = opener();
    let status = Command::new(program)
        .arg(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| {
            ApiError::unavailable(format!(
                "could not start {program} to open {}: {e}",
                folder.display()
            ))
        })?;
    // explorer.exe answers 1 even when it opened the folder.
    if status.success() || cfg!(windows) {
        Ok(())
    } else {
        Err(ApiError::unavailable(format!(
            "{program} could not open {} ({status}); the folder is there to open by hand",
            folder.display()
        )))
    }
}
