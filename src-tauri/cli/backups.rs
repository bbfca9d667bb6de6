//! `touchpoint backup` and `touchpoint restore`: the Settings page's
//! backups, for scripts and for a machine whose window does not start.

use std::path::Path;

use touchpoint_core::{BackupFolder, BackupKind, backup_file};

use crate::cli::CliError;

pub(crate) fn backup(db_path: &Path, output: Option<&Path>) -> Result<(), CliError> {
    // Opening brings an old file up to date first (and keeps a copy of it).
    let db = crate::cli::open_db(db_path)?;
    let (written, size) = match output {
        Some(file) => (file.to_path_buf(), backup_file(db_path, file)?),
        None => {
            let folder = BackupFolder::beside(db_path);
            let copy = folder.take(db_path, BackupKind::Manual, db.now())?;
            (folder.dir().join(&copy.name), copy.size_bytes)
        }
    };
    println!("Backed up to {} ({size} bytes)", written.display());
    Ok(())
}

pub(crate) fn restore(db_path: &Path, file: &Path) -> Result<(), CliError> {
    let mut db = crate::cli::open_db(db_path)?;
    let folder = BackupFolder::beside(db_path);
    let safety = db.restore_after(file, |db| {
        folder.take(db_path, BackupKind::BeforeRestore, db.now())
    })?;
    println!(
        "Restored {}. The data it replaced is kept as {}",
        file.display(),
        folder.dir().join(&safety.name).display()
    );
    Ok(())
}
