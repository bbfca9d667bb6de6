//! Pull: the server's changes since the last sync token, fetched in
//! batches and taken one card at a time.

use rusqlite::{OptionalExtension, params};

use super::{BATCH, Changes, Pass, card_of, uid_of, unreadable};
use crate::contacts::{DuplicateCheck, SaveOutcome};
use crate::error::{CoreError, Result};
use crate::sync::dav::Response;
use crate::sync::discover::join;
use crate::sync::merge::merge;
use crate::transfer::vcard::parse_vcards;

impl Pass<'_> {
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
}
