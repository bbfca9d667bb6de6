//! `touchpoint import` and `touchpoint export`.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use touchpoint_core::{DuplicateAction, ImportRowStatus};

use crate::cli::{CliError, FileFormat, OnDuplicate};
use crate::commands::transfer::session as import_session;

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn import(
    db_path: &Path,
    file: &Path,
    dry_run: bool,
    on_duplicate: OnDuplicate,
) -> Result<(), CliError> {
    let data = std::fs::read(file)
        .map_err(|e| CliError::Message(format!("cannot read {}: {e}", file.display())))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let info = import_session::inspect(&name, &data).map_err(|e| CliError::Message(e.message))?;
    let records = import_session::parse(&data, info.format, None)
        .map_err(|e| CliError::Message(e.message))?;
    let mut db = crate::cli::open_db(db_path)?;
    let preview = db.preview_import(records, &mut |_, _| {})?;

    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{name}: {} — {} new, {}, {} rejected",
        plural(
            u32::try_from(preview.rows.len()).unwrap_or(u32::MAX),
            "record",
            "records"
        ),
        preview.new_count,
        plural(
            preview.duplicate_count,
            "possible duplicate",
            "possible duplicates"
        ),
        preview.rejected_count,
    )?;
    for row in &preview.rows {
        match &row.status {
            ImportRowStatus::Rejected { reason } => {
                writeln!(out, "  rejected {}: {reason}", row.position)?;
            }
            ImportRowStatus::Duplicate {
                fields,
                matches,
                earlier,
            } => {
                let like: Vec<&str> = matches
                    .iter()
                    .map(|m| m.contact.display_name.as_str())
                    .collect();
                let what = match earlier {
                    Some(at) if like.is_empty() => format!("repeats {at} of this file"),
                    _ => format!("looks like {}", like.join(", ")),
                };
                writeln!(
                    out,
                    "  duplicate {} ({}): {what}",
                    row.position, fields.display_name
                )?;
            }
            ImportRowStatus::New { .. } => {}
        }
        for why in &row.set_aside {
            writeln!(out, "  kept, {}: {why}", row.position)?;
        }
    }
    if dry_run {
        writeln!(out, "Dry run: nothing was written.")?;
        return Ok(());
    }
    let action = match on_duplicate {
        OnDuplicate::Skip => DuplicateAction::Skip,
        OnDuplicate::Merge => DuplicateAction::Merge,
        OnDuplicate::Add => DuplicateAction::AddAnyway,
    };
    let result = db.commit_import(&preview, action, &HashMap::new())?;
    writeln!(
        out,
        "Imported: {} added, {} merged, {} skipped, {} rejected.",
        result.added, result.merged, result.skipped, result.rejected
    )?;
    Ok(())
}

pub(crate) fn export(
    db_path: &Path,
    format: FileFormat,
    output: Option<&Path>,
) -> Result<(), CliError> {
    if let Some(out) = output {
        // Never onto the open database, its log, or any other SQLite file.
        touchpoint_core::check_export_target(out, db_path)?;
    }
    let db = crate::cli::open_db(db_path)?;
    let text = match format {
        FileFormat::Vcf => db.export_vcards()?,
        FileFormat::Csv => db.export_csv()?,
        FileFormat::Ics => db.export_ics()?,
        FileFormat::All => {
            let out = output.ok_or_else(|| {
                CliError::Message(
                    "--format all writes a database file: give it a name with -o FILE".into(),
                )
            })?;
            let size = touchpoint_core::export_everything(db_path, out)?;
            eprintln!(
                "Exported everything to {} ({size} bytes); `touchpoint restore {}` reads it back",
                out.display(),
                out.display()
            );
            return Ok(());
        }
    };
    match output {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| CliError::Message(format!("cannot write {}: {e}", path.display())))?;
            let what = match format {
                FileFormat::Ics => "the open follow-ups".to_owned(),
                FileFormat::Vcf | FileFormat::Csv | FileFormat::All => {
                    plural(db.contact_count()?, "contact", "contacts")
                }
            };
            eprintln!("Exported {what} to {}", path.display());
        }
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
