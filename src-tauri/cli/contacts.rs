//! `touchpoint contacts …`: contacts for scripts, read a page at a time, and
//! deleted.

use std::io::{self, Write};
use std::path::Path;

use touchpoint_core::{ContactPage, ContactQuery, ContactSummary, Database};

use crate::cli::CliError;

pub(crate) fn delete(db_path: &Path, ids: &[i64]) -> Result<(), CliError> {
    let mut db = crate::cli::open_db(db_path)?;
    let deleted = db.delete_contacts(ids)?;
    println!(
        "Deleted {deleted} contact{}. `touchpoint undo` brings {} back.",
        if deleted == 1 { "" } else { "s" },
        if deleted == 1 { "it" } else { "them" }
    );
    Ok(())
}

pub(crate) fn list(db_path: &Path, json: bool) -> Result<(), CliError> {
    let db = crate::cli::open_db(db_path)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut pages = Pages::new(&db);
    if json {
        out.write_all(b"[")?;
        let mut first = true;
        while let Some(page) = pages.next_page()? {
            for contact in &page.items {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                serde_json::to_writer(&mut out, contact)?;
            }
        }
        out.write_all(b"]\n")?;
    } else {
        let mut any = false;
        while let Some(page) = pages.next_page()? {
            for contact in &page.items {
                any = true;
                writeln!(out, "{}", table_row(contact))?;
            }
        }
        if !any {
            writeln!(
                out,
                "No contacts yet. Add one in the window (run `touchpoint`)."
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Walks the list a page at a time, so memory stays flat at any size.
struct Pages<'a> {
    db: &'a Database,
    offset: u32,
    done: bool,
}

impl<'a> Pages<'a> {
    fn new(db: &'a Database) -> Self {
        Self {
            db,
            offset: 0,
            done: false,
        }
    }

    fn next_page(&mut self) -> Result<Option<ContactPage>, CliError> {
        if self.done {
            return Ok(None);
        }
        let query = ContactQuery {
            offset: self.offset,
            limit: ContactQuery::MAX_LIMIT,
            ..ContactQuery::default()
        };
        let page = self.db.list_contacts(&query)?;
        let fetched = u32::try_from(page.items.len()).unwrap_or(u32::MAX);
        self.offset = self.offset.saturating_add(fetched);
        self.done = fetched < ContactQuery::MAX_LIMIT;
        Ok(Some(page).filter(|p| !p.items.is_empty()))
    }
}

fn table_row(contact: &ContactSummary) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        contact.display_name,
        contact.company,
        contact.email.as_deref().unwrap_or(""),
        contact.phone.as_deref().unwrap_or("")
    )
}
