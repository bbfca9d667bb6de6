//! Where an export goes: a new, dated file that never overwrites another.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ExportFormat;

/// The user's Downloads folder where the system names one that exists, else
/// the home folder: the window says which before anything is written.
pub(crate) fn export_dir() -> Option<PathBuf> {
    dirs::download_dir()
        .filter(|d| d.is_dir())
        .or_else(dirs::home_dir)
}

pub(crate) fn new_file_path(dir: &Path, format: ExportFormat, today: NaiveDate) -> PathBuf {
    let (what, extension) = match format {
        ExportFormat::Vcf => ("contacts", "vcf"),
        ExportFormat::Csv => ("contacts", "csv"),
        ExportFormat::Ics => ("follow-ups", "ics"),
        ExportFormat::Everything => ("everything", "sqlite3"),
    };
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
}
