//! `touchpoint sync`: contacts with a CardDAV address book and follow-ups
//! with the CalDAV task list beside it, saying what went each way. A server
//! certificate the system does not trust is refused with its fingerprint;
//! `--trust-fingerprint` trusts it for the account.

use std::io::{self, BufRead};
use std::path::Path;

use touchpoint_core::CoreError;

use super::{CliError, open_db};

/// The password: from the environment, else the first line of stdin (so
/// it never shows in the process list or the shell's history).
fn password() -> Result<String, CliError> {
    if let Ok(p) = std::env::var("TOUCHPOINT_SYNC_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    let line = line.trim_end_matches(['\r', '\n']).to_owned();
    if line.is_empty() {
        return Err(CliError::Message(
            "no password: set TOUCHPOINT_SYNC_PASSWORD or give it on standard input".into(),
        ));
    }
    Ok(line)
}

pub(crate) fn sync(
    db_path: &Path,
    url: &str,
    user: &str,
    trust_fingerprint: Option<&str>,
) -> Result<(), CliError> {
    let password = password()?;
    let mut db = open_db(db_path)?;
    if let Some(fingerprint) = trust_fingerprint {
        let kept = db.trust_sync_certificate(url, user, fingerprint)?;
        println!("Trusting the server certificate with SHA-256 {kept}");
    }
    let r = match db.sync_contacts(url, user, &password) {
        Err(CoreError::UntrustedCertificate(refused)) => {
            return Err(CliError::Message(format!(
                "sync: {refused}.\nIf it is your server's, run again with --trust-fingerprint {}",
                refused.fingerprint
            )));
        }
        other => other?,
    };
    println!("Synced with {}", r.address_book);
    println!(
        "  sent {}, received {} ({} merged)",
        r.sent, r.received, r.merged
    );
    println!(
        "  deleted here {}, deleted there {}",
        r.deleted_here, r.deleted_there
    );
    if r.kept_both > 0 {
        println!(
            "  {} values changed on both sides: this machine's kept, the other's in the notes",
            r.kept_both
        );
    }
    if r.unreadable > 0 {
        println!(
            "  {} cards on the server could not be read (left as they are)",
            r.unreadable
        );
    }
    let f = &r.followups;
    if let Some(list) = &f.task_list {
        println!("Follow-ups with {list}");
        println!(
            "  sent {}, received {} ({} moved, {} done or cancelled there)",
            f.sent, f.received, f.moved, f.closed
        );
        if f.deleted_there > 0 {
            println!("  deleted there {}", f.deleted_there);
        }
        if f.unreadable > 0 {
            println!(
                "  {} tasks on the server could not be read (left as they are)",
                f.unreadable
            );
        }
        let t = &r.touches;
        println!("Touches with {list}");
        println!(
            "  sent {}, received {} ({} corrected here)",
            t.sent, t.received, t.changed
        );
        if t.deleted_here + t.deleted_there > 0 {
            println!(
                "  deleted here {}, deleted there {}",
                t.deleted_here, t.deleted_there
            );
        }
        if t.unreadable > 0 {
            println!(
                "  {} journal entries on the server could not be read (left as they are)",
                t.unreadable
            );
        }
    }
    if !r.problems.is_empty() {
        println!("Problems:");
        for problem in &r.problems {
            println!("  {problem}");
        }
    }
    Ok(())
}
