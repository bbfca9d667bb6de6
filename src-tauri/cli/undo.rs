//! `touchpoint undo`: the window's Undo, for the newest action of any kind.

use std::path::Path;

use crate::cli::CliError;

pub(crate) fn undo(db_path: &Path, dry_run: bool) -> Result<(), CliError> {
    let mut db = crate::cli::open_db(db_path)?;
    if dry_run {
        match db.last_action()? {
            Some(action) => println!(
                "Would undo: {} ({})",
                action.label,
                action.done_at.format("%Y-%m-%d %H:%M UTC")
            ),
            None => println!("There is nothing to undo."),
        }
        return Ok(());
    }
    let undone = db.undo()?;
    println!("Undone: {}", undone.label);
    Ok(())
}
