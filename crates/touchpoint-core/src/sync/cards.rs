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
//! the server is asked anything.

use rusqlite::{OptionalExtension, params};
use url::Url;

use super::SyncReport;
use super::dav::{Dav, Response};
use super::discover::join;
use super::merge::merge;
use crate::contacts::{ContactFields, DuplicateCheck, SaveOutcome};
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::transfer::vcard::{parse_vcards, write_vcards};

/// Cards fetched per addressbook-multiget.
const BATCH: usize = 50;

/// The server's changes: changed `(href, etag)`, removed hrefs, the new token.
type Changes = (Vec<(String, String)>, Vec<String>, Option<String>);

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
    pub report: SyncReport,
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

    fn uid_of_contact(&self, id: i64) -> Result<String> {
        Ok(self
            .db
            .conn
            .query_row("SELECT uid FROM contacts WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// The server's changes since `token` (everything when `None`), as
    /// changed `(href, etag)` and removed hrefs, and the new token. A server
    /// without sync-collection, or that forgot the token, is listed whole.
    fn changes(&self, token: Option<&str>) -> Result<Changes> {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
             <d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>{}</d:sync-token>\
             <d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>",
            quick_xml::escape::escape(token.unwrap_or_default())
        );
        let (status, found) = self.dav.report(self.book.as_str(), &body)?;
        if status == 207 {
            let mut changed = Vec::new();
            let mut removed = Vec::new();
            for r in found.responses.iter().filter(|r| !self.is_book(r)) {
                if r.status == Some(404) {
                    removed.push(r.href.clone());
                } else if let Some(etag) = r.prop("getetag") {
                    changed.push((r.href.clone(), etag.to_owned()));
                }
            }
            return Ok((changed, removed, found.sync_token));
        }
        // The whole listing: what is gone is what this machine knew and
        // the server no longer lists.
        let (status, found) = self.dav.propfind(self.book.as_str(), "1", "<d:getetag/>")?;
        if status != 207 {
            return Err(CoreError::Server(format!(
                "{} did not list its cards ({status})",
                self.book
            )));
        }
        let listed: Vec<(String, String)> = found
            .responses
            .iter()
            .filter(|r| !self.is_book(r))
            .filter_map(|r| Some((r.href.clone(), r.prop("getetag")?.to_owned())))
            .collect();
        let known: Vec<String> = self
            .db
            .conn
            .prepare("SELECT href FROM sync_cards WHERE account_id = ?1")?
            .query_map([self.account], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let removed = known
            .into_iter()
            .filter(|h| !listed.iter().any(|(l, _)| l == h))
            .collect();
        Ok((listed, removed, None))
    }

    fn is_book(&self, r: &Response) -> bool {
        join(&self.book, &r.href).is_ok_and(|u| u.path() == self.book.path())
    }

    fn href_known_with(&self, href: &str, etag: &str) -> Result<bool> {
        Ok(self
            .db
            .conn
            .query_row(
                "SELECT 1 FROM sync_cards WHERE account_id = ?1 AND href = ?2 AND etag = ?3",
                params![self.account, href, etag],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Pulls the server's changes; returns the new sync token.
    pub fn pull(&mut self, token: Option<&str>) -> Result<Option<String>> {
        let (changed, removed, new_token) = self.changes(token)?;
        let mut wanted = Vec::new();
        for (href, etag) in changed {
            if !self.href_known_with(&href, &etag)? {
                wanted.push(href);
            }
        }
        for batch in wanted.chunks(BATCH) {
            let hrefs: String = batch
                .iter()
                .map(|h| format!("<d:href>{}</d:href>", quick_xml::escape::escape(h.as_str())))
                .collect();
            let body = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
                 <c:addressbook-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">\
                 <d:prop><d:getetag/><c:address-data/></d:prop>{hrefs}</c:addressbook-multiget>"
            );
            let (status, found) = self.dav.report(self.book.as_str(), &body)?;
            if status != 207 {
                return Err(CoreError::Server(format!(
                    "{} would not send its cards ({status})",
                    self.book
                )));
            }
            for r in found.responses {
                if let (Some(card), Some(etag)) = (r.prop("address-data"), r.prop("getetag")) {
                    self.take(&r.href, etag, card)?;
                }
            }
        }
        for href in removed {
            self.removed_there(&href)?;
        }
        Ok(new_token)
    }

    /// One card from the server.
    fn take(&mut self, href: &str, etag: &str, card: &str) -> Result<()> {
        let Some(record) = parse_vcards(card.as_bytes()).into_iter().next() else {
            self.report.unreadable += 1;
            return Ok(());
        };
        let theirs = match record.result {
            Ok(fields) => fields,
            Err(why) => {
                // Left on the server as it is; said in the report.
                self.report.unreadable += 1;
                self.report
                    .problems
                    .push(unreadable(href, &why).to_string());
                return Ok(());
            }
        };
        let uid = uid_of(card).unwrap_or_else(|| href.to_owned());
        let mut set_aside = Vec::new();
        let theirs = match self.db.normalise_keeping(theirs, &mut set_aside) {
            Ok(fields) => fields,
            Err(e) => {
                self.report.unreadable += 1;
                self.report
                    .problems
                    .push(unreadable(href, &e.to_string()).to_string());
                return Ok(());
            }
        };
        let agreed = self.agreed(&uid)?;
        match self.local(&uid)? {
            Some((id, ours)) => {
                let unchanged_here = agreed
                    .as_ref()
                    .is_some_and(|a| a.card == card_of(&uid, &ours));
                let fields = if unchanged_here {
                    theirs.clone()
                } else {
                    let base = agreed
                        .as_ref()
                        .and_then(|a| parse_vcards(a.card.as_bytes()).into_iter().next())
                        .and_then(|r| r.result.ok());
                    let merged = merge(base.as_ref(), &ours, &theirs)?;
                    self.report.merged += 1;
                    self.report.kept_both += merged.kept_both;
                    merged.fields
                };
                if fields != ours {
                    self.db.update_contact(id, &fields)?;
                }
            }
            None => {
                let SaveOutcome::Saved { contact } =
                    self.db.add_contact(&theirs, DuplicateCheck::SaveAnyway)?
                else {
                    return Err(CoreError::Corrupt("a synced contact was not saved".into()));
                };
                self.db.conn.execute(
                    "UPDATE contacts SET uid = ?2 WHERE id = ?1",
                    params![contact.id, uid],
                )?;
            }
        }
        self.report.received += 1;
        // Agreed: the server's card as this machine stores it. A merged
        // contact differs from it, so the push sends the merge up.
        let as_stored = self.db.normalise_fields(&theirs)?;
        self.agree(&uid, href, Some(etag), &card_of(&uid, &as_stored))
    }

    fn removed_there(&mut self, href: &str) -> Result<()> {
        let uid: Option<String> = self
            .db
            .conn
            .query_row(
                "SELECT uid FROM sync_cards WHERE account_id = ?1 AND href = ?2",
                params![self.account, href],
                |r| r.get(0),
            )
            .optional()?;
        let Some(uid) = uid else { return Ok(()) };
        let agreed = self.agreed(&uid)?;
        // Changed here since: kept, and sent up again as new.
        if let (Some((id, ours)), Some(agreed)) = (self.local(&uid)?, agreed)
            && agreed.card == card_of(&uid, &ours)
        {
            self.db.delete_contacts(&[id])?;
            self.report.deleted_here += 1;
        }
        self.forget(&uid)
    }

    /// Pushes every local change; returns how many writes the server
    /// refused because the card had changed there (412).
    pub fn push(&mut self) -> Result<u32> {
        let mut refused = 0;
        let ids: Vec<i64> = self
            .db
            .conn
            .prepare("SELECT id FROM contacts ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let uid = self.uid_of_contact(id)?;
            let card = card_of(&uid, &self.db.contact(id)?.fields);
            let agreed = self.agreed(&uid)?;
            if agreed.as_ref().is_some_and(|a| a.card == card) {
                continue;
            }
            let href = match &agreed {
                Some(a) => a.href.clone(),
                None => join(&self.book, &format!("{}.vcf", uid_path(&uid)))?
                    .path()
                    .to_owned(),
            };
            let url = join(&self.book, &href)?;
            let condition = match agreed.as_ref().and_then(|a| a.etag.clone()) {
                Some(etag) => ("If-Match", etag),
                None => ("If-None-Match", "*".to_owned()),
            };
            let answer = self.dav.send(
                "PUT",
                url.as_str(),
                &[
                    ("Content-Type", "text/vcard; charset=utf-8"),
                    (condition.0, &condition.1),
                ],
                Some(&card),
            )?;
            match answer.status {
                200..=299 => {
                    self.agree(&uid, &href, answer.etag.as_deref(), &card)?;
                    self.report.sent += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a card ({status}): {}",
                        answer.body.trim().chars().take(200).collect::<String>()
                    )));
                }
            }
        }
        let gone: Vec<(String, String, Option<String>)> = self
            .db
            .conn
            .prepare(
                "SELECT s.uid, s.href, s.etag FROM sync_cards s
                 WHERE s.account_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uid = s.uid)",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uid, href, etag) in gone {
            let url = join(&self.book, &href)?;
            let mut headers = Vec::new();
            if let Some(etag) = &etag {
                headers.push(("If-Match", etag.as_str()));
            }
            let answer = self.dav.send("DELETE", url.as_str(), &headers, None)?;
            match answer.status {
                200..=299 | 404 => {
                    self.forget(&uid)?;
                    self.report.deleted_there += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a deletion ({status})"
                    )));
                }
            }
        }
        Ok(refused)
    }
}

/// A UID as a file name: letters, digits, '-' and '_' kept, the rest
/// percent-encoded.
fn uid_path(uid: &str) -> String {
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
mod tests {
    use super::*;

    #[test]
    fn the_uid_is_read_from_a_folded_or_grouped_line() {
        assert_eq!(
            uid_of("BEGIN:VCARD\r\nUID:abc-\r\n 123\r\nEND:VCARD\r\n").as_deref(),
            Some("abc-123")
        );
        assert_eq!(
            uid_of("BEGIN:VCARD\nitem1.uid;VALUE=text:urn:uuid:9\nEND:VCARD").as_deref(),
            Some("urn:uuid:9")
        );
        assert_eq!(uid_of("BEGIN:VCARD\nFN:No Uid\nEND:VCARD"), None);
    }

    #[test]
    fn a_uid_makes_a_safe_file_name() {
        assert_eq!(uid_path("a1b2-c_3"), "a1b2-c_3");
        assert_eq!(uid_path("urn:uuid:9/x"), "urn%3Auuid%3A9%2Fx");
    }
}
