//! Hands a folder (to the file manager, as "Open log folder" does) or a
//! contact's `tel:` or `mailto:` link (to the phone or mail app) to the OS.
//! The OS's own opener decides which program: `xdg-open` on Linux and the
//! BSDs, `open` on macOS, `explorer` on Windows.

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
    open(folder.as_os_str(), &folder.display().to_string()).map_err(|e| match e {
        Opened::NotStarted(why) => ApiError::unavailable(why),
        Opened::Refused(program, status) => ApiError::unavailable(format!(
            "{program} could not open {} ({status}); the folder is there to open by hand",
            folder.display()
        )),
    })
}

/// Opens a `tel:` or `mailto:` link (nothing else) with the OS's handler;
/// a blocking call, for a blocking thread.
pub(crate) fn open_link(link: &str) -> Result<(), ApiError> {
    if !(link.starts_with("tel:") || link.starts_with("mailto:")) {
        return Err(ApiError::invalid(
            "link",
            "Only tel: and mailto: links are opened",
        ));
    }
    open(std::ffi::OsStr::new(link), link).map_err(|e| match e {
        Opened::NotStarted(why) => ApiError::unavailable(why),
        Opened::Refused(program, status) => ApiError::unavailable(format!(
            "{program} found no program for {link} ({status}): copy it instead"
        )),
    })
}

enum Opened {
    NotStarted(String),
    Refused(&'static str, std::process::ExitStatus),
}

fn open(target: &std::ffi::OsStr, shown: &str) -> Result<(), Opened> {
    let program = opener();
    let status = Command::new(program)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| {
            Opened::NotStarted(format!("could not start {program} to open {shown}: {e}"))
        })?;
    // explorer.exe answers 1 even when it opened what it was given.
    if status.success() || cfg!(windows) {
        Ok(())
    } else {
        Err(Opened::Refused(program, status))
    }
}
