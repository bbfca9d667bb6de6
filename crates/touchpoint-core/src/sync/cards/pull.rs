//! Pull: the server's changes since the last sync token, fetched in
//! batches and taken one card at a time.

use rusqlite::{OptionalExtension, params};

/// How the PRODID of a card Touchpoint wrote reads.
const TOUCHPOINT_PRODID: &str = "PRODID:-//Touchpoint//";

use super::{Pass, card_of, uid_of, unreadable};
use crate::error::Result;
use crate::sync::collection::{Collection, Kind, Listing};
use crate::sync::merge::merge;
use crate::transfer::vcard::parse_vcards;

impl Pass<'_> {
    fn book(&self) -> Collection<'_> {
        Collection {
            dav: self.dav,
            url: &self.book,
            kind: Kind::AddressBook,
        }
    }

    fn known_hrefs(&self) -> Result<Vec<String>> {
        Ok(self
            .db
            .conn
            .prepare("SELECT href FROM sync_cards WHERE account_id = ?1")?
            .query_map([self.account], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
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

    /// Takes the server's changes as `listed` (see [`Listing`]); returns the new sync token.
    pub fn pull(&mut self, listed: Listing) -> Result<Option<String>> {
        let (changed, removed, new_token) = listed.changes(|| self.known_hrefs())?;
        let mut wanted = Vec::new();
        for (href, etag) in changed {
            if !self.href_known_with(&href, &etag)? {
                wanted.push(href);
            }
        }
        let mut fetched = Vec::new();
        self.book().fetch(&wanted, |href, etag, card| {
            fetched.push((href.to_owned(), etag.to_owned(), card.to_owned()));
            Ok(())
        })?;
        for (href, etag, card) in fetched {
            self.take(&href, &etag, &card)?;
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
                    self.db.save_synced_contact(id, &fields)?;
                }
            }
            None => {
                // Written by Touchpoint elsewhere: its follow-ups come from
                // the task list, planned once by the machine that added it.
                // Written by a phone: nobody planned it yet, so each machine
                // plans the same first touch under the same UIDs, and the
                // server keeps one.
                let planned_elsewhere = card.contains(TOUCHPOINT_PRODID);
                self.db
                    .add_synced_contact(&theirs, &uid, !planned_elsewhere)?;
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
