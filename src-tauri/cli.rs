//! The command line: the same binary answers scripts without opening a window.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use touchpoint_core::{ContactPage, ContactQuery, ContactSummary, Database};

use crate::system_clock::SystemClock;

/// Touchpoint: follow up with every prospect until the 5th-12th contact, and
/// keep every callback you promise.
///
/// Without a subcommand, opens the window.
#[derive(Debug, Parser)]
#[command(name = "touchpoint", version)]
pub(crate) struct Args {
    /// Database file to use instead of the default one in the app-data folder
    /// [env: TOUCHPOINT_DB]
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Work with contacts
    #[command(subcommand)]
    Contacts(ContactsCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContactsCommand {
    /// List contacts in name order
    List {
        /// Print JSON (an array of contacts) instead of a table
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(command: &Command, db_path: &Path) -> ExitCode {
    let result = match command {
        Command::Contacts(ContactsCommand::List { json }) => list_contacts(db_path, *json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `touchpoint contacts list | head` closes the pipe early: not an error.
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("touchpoint: {error}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] touchpoint_core::CoreError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

fn list_contacts(db_path: &Path, json: bool) -> Result<(), CliError> {
    let db = Database::open(db_path, Arc::new(SystemClock))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn db_is_accepted_after_the_subcommand_too() {
        let args =
            Args::try_parse_from(["touchpoint", "contacts", "list", "--db", "/tmp/x.sqlite3"])
                .unwrap();
        assert_eq!(args.db, Some(PathBuf::from("/tmp/x.sqlite3")));
    }
}
