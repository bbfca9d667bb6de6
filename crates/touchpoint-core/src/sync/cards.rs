//! Contacts ↔ the address book, both ways.
//!
//! Pull: what changed on the server since the last sync token (all of it
//! the first time), fetched in batches; a card this machine did not change
//! since both agreed replaces the local contact, one it did change is
//! merged (`merge`); a card removed on the server deletes the local contact
//! unless it changed here (then it goes back up as new).
//! Push: every contact whose card differs from the one both agreed on, with
//! `If-Match` on its ETag (or `If-None-Match: *` when new), so a write never
//! overwrites a change it has not seen: a 412 leaves the card for the next
//! pull to merge. A contact deleted here is deleted there, also `If-Match`.
//!
//! Each local change is its own short write; no transaction is open while
//! the server is asked anything. `pull` and `push` are the two halves.

use rusqlite::{OptionalExtension, params};
use url::Url;

use super::SyncReport;
use super::dav::Dav;
use crate::contacts::ContactFields;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::transfer::vcard::write_vcards;

mod pull;
mod push;

/// What this machine and the server last agreed on for one card.
struct Agreed {
    href: String,
    etag: Option<String>,
    card: String,
}

pub(super) struct Pass<'a> {
    pub db: &'a mut Database,
    pub dav: &'a Dav,
    pub account: i64,
    pub book: Url,
    pub report: &'a mut SyncReport,
}

/// The card Touchpoint writes for a contact: what "agreed" compares.
fn card_of(uid: &str, fields: &ContactFields) -> String {
    write_vcards([(uid, fields)])
}

/// The UID line of a vCard, unfolded; `None` without one.
fn uid_of(card: &str) -> Option<String> {
    let unfolded = card.replace("\r\n ", "").replace("\n ", "");
    unfolded.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        let name = name.split(';').next()?.trim();
        let name = name.rsplit('.').next()?;
        (name.eq_ignore_ascii_case("UID") && !value.trim().is_empty())
            .then(|| value.trim().to_owned())
    })
}

fn unreadable(href: &str, why: &str) -> CoreError {
    CoreError::Server(format!("the card at {href} could not be read: {why}"))
}

impl Pass<'_> {
    fn agreed(&self, uid: &str) -> Result<Option<Agreed>> {
        Ok(self
            .db
            .conn
            .query_row(
                "SELECT href, etag, agreed FROM sync_cards WHERE account_id = ?1 AND uid = ?2",
                params![self.account, uid],
                |r| {
                    Ok(Agreed {
                        href: r.get(0)?,
                        etag: r.get(1)?,
                        card: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    fn agree(&self, uid: &str, href: &str, etag: Option<&str>, card: &str) -> Result<()> {
        self.db.conn.execute(
            "INSERT INTO sync_cards (account_id, uid, href, etag, agreed) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (account_id, uid) DO UPDATE
             SET href = excluded.href, etag = excluded.etag, agreed = excluded.agreed",
            params![self.account, uid, href, etag, card],
        )?;
        Ok(())
    }

    fn forget(&self, uid: &str) -> Result<()> {
        self.db.conn.execute(
            "DELETE FROM sync_cards WHERE account_id = ?1 AND uid = ?2",
            params![self.account, uid],
        )?;
        Ok(())
    }

    fn local(&self, uid: &str) -> Result<Option<(i64, ContactFields)>> {
        let id: Option<i64> = self
            .db
            .conn
            .query_row("SELECT id FROM contacts WHERE uid = ?1", [uid], |r| {
                r.get(0)
            })
            .optional()?;
        match id {
            Some(id) => Ok(Some((id, self.db.contact(id)?.fields))),
            None => Ok(None),
        }
    }

    /// The contact's UID; `None` when it is gone.
    fn uid_of_contact(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .db
            .conn
            .query_row("SELECT uid FROM contacts WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

/// A UID as a file name: letters, digits, '-' and '_' kept, the rest
/// percent-encoded.
pub(super) fn uid_path(uid: &str) -> String {
    uid.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
