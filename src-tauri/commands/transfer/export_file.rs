//! Where an export goes: the folder the save dialog opens in (the last one
//! chosen, else Downloads or home), a new dated name that overwrites
//! nothing, and a write that leaves either the old file or the whole new one.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;

use super::ExportFormat;
use crate::error::ApiError;

/// The folder of the last export this run, where the next one is offered.
#[derive(Default)]
pub(crate) struct ExportPlace {
    last: Mutex<Option<PathBuf>>,
}

impl ExportPlace {
    pub(crate) fn folder(&self) -> Result<PathBuf, ApiError> {
        let last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        last.clone()
            .filter(|d| d.is_dir())
            .or_else(export_dir)
            .ok_or_else(|| ApiError::unavailable("cannot find a Downloads or home folder"))
    }

    pub(crate) fn remember(&self, file: &Path) {
        if let Some(folder) = file.parent() {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(folder.to_owned());
        }
    }
}

/// The user's Downloads folder where the system names one that exists, else
/// the home folder: the window says which before anything is written.
pub(crate) fn export_dir() -> Option<PathBuf> {
    dirs::download_dir()
        .filter(|d| d.is_dir())
        .or_else(dirs::home_dir)
}

fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Vcf => "vcf",
        ExportFormat::Csv => "csv",
        ExportFormat::Ics => "ics",
        ExportFormat::Everything => "sqlite3",
    }
}

/// The filter's name in the save dialog, and the extension it shows.
pub(crate) fn kind(format: ExportFormat) -> (&'static str, &'static str) {
    let name = match format {
        ExportFormat::Vcf => "vCard",
        ExportFormat::Csv => "CSV",
        ExportFormat::Ics => "iCalendar",
        ExportFormat::Everything => "Touchpoint database",
    };
    (name, extension(format))
}

pub(crate) fn dialog_title(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Vcf => "Export contacts as vCard",
        ExportFormat::Csv => "Export contacts as CSV",
        ExportFormat::Ics => "Export follow-ups to a calendar file",
        ExportFormat::Everything => "Export everything",
    }
}

/// A name typed without an extension gets the format's, so the file opens
/// in the program that reads it; any other extension is the user's choice.
pub(crate) fn with_extension(path: PathBuf, format: ExportFormat) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension(format))
    }
}

/// Writes `bytes` beside `path` and renames it over: a reader (or a crash)
/// sees the old file or the whole new one, never half.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let failed =
        |e: std::io::Error| ApiError::internal(format!("cannot write {}: {e}", path.display()));
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::File::open(&partial)?.sync_all())
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            failed(e)
        })
}

pub(crate) fn new_file_path(dir: &Path, format: ExportFormat, today: NaiveDate) -> PathBuf {
    let what = match format {
        ExportFormat::Vcf | ExportFormat::Csv => "contacts",
        ExportFormat::Ics => "follow-ups",
        ExportFormat::Everything => "everything",
    };
    let extension = extension(format);
    let stem = format!("touchpoint-{what}-{}", today.format("%Y-%m-%d"));
    let mut path = dir.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.{extension}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_overwrites_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let first = new_file_path(dir.path(), ExportFormat::Vcf, day);
        assert!(first.ends_with("touchpoint-contacts-2026-11-23.vcf"));
        std::fs::write(&first, "x").unwrap();
        let second = new_file_path(dir.path(), ExportFormat::Vcf, day);
        assert!(second.ends_with("touchpoint-contacts-2026-11-23-2.vcf"));
    }

    #[test]
    fn a_name_typed_without_an_extension_gets_the_formats_and_others_are_kept() {
        let typed = PathBuf::from("/tmp/clients");
        assert_eq!(
            with_extension(typed, ExportFormat::Csv),
            PathBuf::from("/tmp/clients.csv")
        );
        let own = PathBuf::from("/tmp/clients.txt");
        assert_eq!(with_extension(own.clone(), ExportFormat::Vcf), own);
    }

    #[test]
    fn a_file_written_again_is_replaced_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.vcf");
        std::fs::write(&path, "an older, longer export").unwrap();
        write_whole(&path, b"BEGIN:VCARD").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "BEGIN:VCARD");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no partial file left: {left:?}");
    }

    #[test]
    fn a_file_that_cannot_be_written_says_which_and_leaves_no_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no such folder").join("contacts.vcf");
        let err = write_whole(&path, b"x").unwrap_err();
        assert!(err.message.contains("contacts.vcf"), "{}", err.message);
    }

    #[test]
    fn the_next_export_is_offered_where_the_last_one_went() {
        let dir = tempfile::tempdir().unwrap();
        let place = ExportPlace::default();
        place.remember(&dir.path().join("clients.vcf"));
        assert_eq!(place.folder().unwrap(), dir.path());
    }
}
