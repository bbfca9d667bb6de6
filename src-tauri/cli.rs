//! The command line: the same binary answers scripts without opening a window.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use touch::LogArgs;

mod backups;
mod card;
mod contacts;
mod insights;
mod sync;
mod touch;
mod transfer;
mod undo;

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
    /// Import contacts from a vCard (.vcf) or CSV file
    Import {
        /// The file to import
        file: PathBuf,
        /// Show what would be imported without writing anything
        #[arg(long)]
        dry_run: bool,
        /// What to do with a contact that looks like one already stored
        #[arg(long, value_enum, default_value_t = OnDuplicate::Skip)]
        duplicates: OnDuplicate,
    },
    /// Log a touch with a contact and schedule the next step
    Log {
        /// The contact's id, or words that find exactly one contact
        contact: String,
        /// call, voicemail, email, sms, linkedin, meeting, handwritten-card, ...
        #[arg(long)]
        channel: String,
        /// connected, left-voicemail, no-answer, replied, meeting-booked, ...
        #[arg(long)]
        outcome: String,
        /// The contact reached you (an inbound touch)
        #[arg(long)]
        inbound: bool,
        /// What you spoke about
        #[arg(long, default_value = "")]
        notes: String,
        /// What was agreed for next time
        #[arg(long, default_value = "")]
        hook: String,
        /// The next step at this local time, "YYYY-MM-DD HH:MM" in the contact's zone
        /// (default: the cadence's next step)
        #[arg(long, value_name = "WHEN")]
        next: Option<String>,
        /// Close the contact instead: won, lost, not-interested, do-not-contact
        #[arg(long, value_name = "REASON")]
        close: Option<String>,
        /// A callback promised in the voicemail, "YYYY-MM-DD HH:MM" in the contact's zone
        #[arg(long, value_name = "WHEN")]
        promise: Option<String>,
    },
    /// What is due: overdue and the next N days
    Due {
        #[arg(long, default_value_t = 1)]
        days: u32,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Your own figures: persistence, conversion by touch number and channel,
    /// promises kept, the referral number, dormant customers
    Insights {
        /// 30d, 90d, 365d or all
        #[arg(long, default_value = "90d", value_parser = insights::parse_period)]
        period: touchpoint_core::InsightsPeriod,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Sync contacts with a CardDAV address book (made on the server, named
    /// Touchpoint, on the first sync); the password comes from the
    /// environment variable TOUCHPOINT_SYNC_PASSWORD, else from the first
    /// line of standard input, and is never stored
    Sync {
        /// The server's address, e.g. https://dav.example.com/
        #[arg(long)]
        url: String,
        #[arg(long)]
        user: String,
        /// Trust the server's certificate with this SHA-256 fingerprint
        /// (AB:CD:…, as a refused sync shows it) for this account, when the
        /// system does not: a self-signed server. Kept for the next syncs.
        #[arg(long, value_name = "SHA256")]
        trust_fingerprint: Option<String>,
    },
    /// Make a consistent copy of the database (into the backup folder, or FILE)
    Backup {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replace everything with a backup (the current data is backed up first)
    Restore {
        /// A backup file (`touchpoint backup` writes them)
        file: PathBuf,
    },
    /// Take back the newest undoable action (a delete, a merge, a logged touch, …)
    Undo {
        /// Only say what would be undone
        #[arg(long)]
        dry_run: bool,
    },
    /// Show what "Paste a card" finds in a business card, signature or
    /// LinkedIn blurb: names, title, company, emails, phones with their E.164
    /// form under the phone region, website, profiles, address, and the lines
    /// it could not place. A photo of a card (JPEG, PNG…) is read with
    /// Tesseract on this machine first
    ParseCard {
        /// A UTF-8 text file, a photo of a card, or - (the default) for standard input
        #[arg(value_name = "FILE|-")]
        file: Option<PathBuf>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Export every contact (vcf, csv), every open follow-up (ics) or everything (all)
    Export {
        #[arg(long, value_enum)]
        format: FileFormat,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContactsCommand {
    /// List contacts in name order
    List {
        /// Print JSON (an array of contacts) instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Delete contacts with their touches and follow-ups (`touchpoint undo` brings them back)
    Delete {
        /// The contacts' ids
        #[arg(required = true)]
        ids: Vec<i64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OnDuplicate {
    /// Keep the stored contact as it is
    Skip,
    /// Add the file's values to the stored contact
    Merge,
    /// Store it as another contact
    Add,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FileFormat {
    Vcf,
    Csv,
    /// Upcoming follow-ups as an iCalendar file
    Ics,
    /// Everything (contacts, touches, follow-ups, promises, templates,
    /// settings) as a Touchpoint database file; needs -o
    All,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    #[error(transparent)]
    Core(#[from] touchpoint_core::CoreError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Message(String),
}

/// Opens the database the way the window does, adopting the system's
/// region and time zone on first use.
pub(crate) fn open_db(db_path: &Path) -> Result<touchpoint_core::Database, CliError> {
    let mut db = touchpoint_core::Database::open(
        db_path,
        std::sync::Arc::new(crate::system_clock::SystemClock::from_env()),
    )?;
    let system = crate::locale::System::detect();
    db.adopt_system_defaults(&system.region, &system.time_zone)?;
    Ok(db)
}

pub(crate) fn run(command: &Command, db_path: &Path) -> ExitCode {
    let result = match command {
        Command::Contacts(ContactsCommand::List { json }) => contacts::list(db_path, *json),
        Command::Contacts(ContactsCommand::Delete { ids }) => contacts::delete(db_path, ids),
        Command::Undo { dry_run } => undo::undo(db_path, *dry_run),
        Command::Backup { output } => backups::backup(db_path, output.as_deref()),
        Command::Restore { file } => backups::restore(db_path, file),
        Command::Import {
            file,
            dry_run,
            duplicates,
        } => transfer::import(db_path, file, *dry_run, *duplicates),
        Command::Log {
            contact,
            channel,
            outcome,
            inbound,
            notes,
            hook,
            next,
            close,
            promise,
        } => touch::log(
            db_path,
            &LogArgs {
                contact,
                channel,
                outcome,
                inbound: *inbound,
                notes,
                hook,
                next: next.as_deref(),
                close: close.as_deref(),
                promise: promise.as_deref(),
            },
        ),
        Command::Due { days, json } => touch::due(db_path, *days, *json),
        Command::Insights { period, json } => insights::insights(db_path, *period, *json),
        Command::Sync {
            url,
            user,
            trust_fingerprint,
        } => sync::sync(db_path, url, user, trust_fingerprint.as_deref()),
        Command::Export { format, output } => transfer::export(db_path, *format, output.as_deref()),
        Command::ParseCard { file, json } => card::parse_card(db_path, file.as_deref(), *json),
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

    #[test]
    fn export_needs_a_known_format() {
        let err = Args::try_parse_from(["touchpoint", "export", "--format", "xls"]).unwrap_err();
        assert!(
            err.to_string().contains("possible values: vcf, csv"),
            "{err}"
        );
    }
}
