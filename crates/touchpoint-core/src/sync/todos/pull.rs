//! Pull: the task list's changes since its sync token, each VTODO taken in
//! one transaction with its agreement; one that cannot be read is left on
//! the server as it is and named in the report.

use rusqlite::{OptionalExtension, params};

use super::ical::{Status, read_todo};
use super::marks::{self, Marks};
use super::{Agreements, Pass, agree, apply, local};
use crate::error::{CoreError, Result};
use crate::sync::collection::Listing;
use crate::sync::days;
use crate::sync::touches::{self, is_journal, journal::read_journal};

impl Pass<'_> {
    fn known_hrefs(&self) -> Result<Vec<String>> {
        Ok(self
            .db
            .conn
            .prepare(
                "SELECT href FROM sync_todos WHERE account_id = ?1
                 UNION SELECT href FROM sync_journals WHERE account_id = ?1
                 UNION SELECT href FROM sync_todos_waiting WHERE account_id = ?1
                 UNION SELECT href FROM sync_day_marks WHERE account_id = ?1",
            )?
            .query_map([self.account], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn href_known_with(&self, href: &str, etag: &str) -> Result<bool> {
        Ok(self
            .db
            .conn
            .query_row(
                "SELECT 1 FROM sync_todos WHERE account_id = ?1 AND href = ?2 AND etag = ?3
                 UNION SELECT 1 FROM sync_journals
                 WHERE account_id = ?1 AND href = ?2 AND etag = ?3
                 UNION SELECT 1 FROM sync_todos_waiting
                 WHERE account_id = ?1 AND href = ?2 AND etag = ?3
                 UNION SELECT 1 FROM sync_day_marks
                 WHERE account_id = ?1 AND href = ?2 AND etag = ?3",
                params![self.account, href, etag],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Takes the task list's changes as `listed` (see [`Listing`]);
    /// returns the new sync token.
    pub fn pull(&mut self, listed: Listing) -> Result<Option<String>> {
        self.take_waiting()?;
        let (changed, removed, new_token) = listed.changes(|| self.known_hrefs())?;
        let mut wanted = Vec::new();
        for (href, etag) in changed {
            if !self.href_known_with(&href, &etag)? {
                wanted.push(href);
            }
        }
        let mut fetched = Vec::new();
        self.list().fetch(&wanted, |href, etag, text| {
            fetched.push((href.to_owned(), etag.to_owned(), text.to_owned()));
            Ok(())
        })?;
        // Closed ones first: a next step done there is done here before
        // the step that followed it arrives, so the two never compete.
        // Touches last, so the follow-ups they name are here to link.
        fetched.sort_by_key(|(_, _, text)| {
            (
                is_journal(text),
                read_todo(text).is_ok_and(|t| t.status == Status::Open),
            )
        });
        for (href, etag, text) in fetched {
            self.take(&href, &etag, &text)?;
        }
        for href in removed {
            self.removed_there(&href)?;
        }
        Ok(new_token)
    }

    /// VTODOs that came before their contact: taken now if it is here.
    fn take_waiting(&mut self) -> Result<()> {
        let waiting: Vec<(String, String, String)> = self
            .db
            .conn
            .prepare("SELECT href, etag, data FROM sync_todos_waiting WHERE account_id = ?1")?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (href, etag, text) in waiting {
            self.take(&href, &etag, &text)?;
        }
        Ok(())
    }

    /// The touches' side of the pass, for the journal entries.
    fn touches(&mut self) -> touches::Pass<'_> {
        touches::Pass {
            db: &mut *self.db,
            dav: self.dav,
            account: self.account,
            list: self.list,
            report: &mut *self.report,
        }
    }

    /// The contact `contact_uid` names; `None`, with `text` kept until its
    /// card arrives, when it is not here.
    fn contact_or_wait(
        &mut self,
        contact_uid: &str,
        href: &str,
        etag: &str,
        text: &str,
    ) -> Result<Option<i64>> {
        let found = apply::contact_id(&self.db.conn, contact_uid)?;
        if found.is_none() {
            self.db.conn.execute(
                "INSERT OR REPLACE INTO sync_todos_waiting (account_id, href, etag, data)
                 VALUES (?1, ?2, ?3, ?4)",
                params![self.account, href, etag, text],
            )?;
        }
        Ok(found)
    }

    /// One VJOURNAL from the server.
    fn take_journal(&mut self, href: &str, etag: &str, text: &str) -> Result<()> {
        let theirs = match read_journal(text) {
            Ok(j) => j,
            Err(why) => {
                self.report.touches.unreadable += 1;
                self.report.problems.push(format!(
                    "the journal entry at {href} could not be read: {why}"
                ));
                return Ok(());
            }
        };
        match self.contact_or_wait(&theirs.contact_uid, href, etag, text)? {
            Some(contact_id) => self.touches().take(contact_id, href, etag, &theirs, text),
            None => Ok(()),
        }
    }

    /// One VTODO (or VJOURNAL) from the server.
    fn take(&mut self, href: &str, etag: &str, text: &str) -> Result<()> {
        if days::is_day(text) {
            // The day's notices shown elsewhere; one that cannot be read
            // only means they may show here too.
            days::take(&mut self.db.conn, self.account, href, etag, text)?;
            return Ok(());
        }
        if is_journal(text) {
            return self.take_journal(href, etag, text);
        }
        let (account, now) = (self.account, self.db.now());
        let theirs = match read_todo(text) {
            Ok(t) => t,
            Err(why) => {
                self.report.followups.unreadable += 1;
                self.report
                    .problems
                    .push(format!("the task at {href} could not be read: {why}"));
                return Ok(());
            }
        };
        let agreed = self.agreed(&theirs.uid)?;
        let base = agreed.as_ref().and_then(|a| read_todo(&a.text).ok());
        let tx = self.db.conn.transaction()?;
        tx.execute(
            "DELETE FROM sync_todos_waiting WHERE account_id = ?1 AND href = ?2",
            params![account, href],
        )?;
        let Some(contact_id) = apply::contact_id(&tx, &theirs.contact_uid)? else {
            // Its contact's card has not come yet: kept until it does.
            tx.execute(
                "INSERT INTO sync_todos_waiting (account_id, href, etag, data)
                 VALUES (?1, ?2, ?3, ?4)",
                params![account, href, etag, text],
            )?;
            tx.commit()?;
            return Ok(());
        };
        match local::by_uid(&tx, &theirs.uid)? {
            None => apply::insert(&tx, contact_id, &theirs, now)?,
            Some(ours) => {
                if ours.todo.contact_uid != theirs.contact_uid {
                    return Err(CoreError::Server(format!(
                        "the task at {href} names another contact than the follow-up {} here",
                        theirs.uid
                    )));
                }
                let settled = apply::settle(base.as_ref(), &ours.todo, &theirs);
                let applied = apply::update(&tx, contact_id, &ours, &settled, now)?;
                self.report.followups.moved += u32::from(applied.moved);
                self.report.followups.closed += u32::from(applied.closed);
            }
        }
        marks::take(&tx, &theirs.uid, &Marks::read(text))?;
        agree(&tx, account, &theirs.uid, href, Some(etag), text)?;
        tx.commit()?;
        self.report.followups.received += 1;
        Ok(())
    }

    /// A VTODO deleted on the server (by a phone, or because its contact
    /// was deleted elsewhere): an open follow-up unchanged here since is
    /// cancelled; one changed here goes back up as new.
    fn removed_there(&mut self, href: &str) -> Result<()> {
        let account = self.account;
        for table in ["sync_todos_waiting", "sync_day_marks"] {
            self.db.conn.execute(
                &format!("DELETE FROM {table} WHERE account_id = ?1 AND href = ?2"),
                params![account, href],
            )?;
        }
        if let Some(uid) = Agreements::Journals.uid_at(&self.db.conn, account, href)? {
            return self.touches().removed_there(&uid);
        }
        let Some(uid) = Agreements::Todos.uid_at(&self.db.conn, account, href)? else {
            return Ok(());
        };
        let base = self.agreed(&uid)?.and_then(|a| read_todo(&a.text).ok());
        if let Some(ours) = local::by_uid(&self.db.conn, &uid)?
            && ours.todo.status == Status::Open
            && base.as_ref() == Some(&ours.todo)
        {
            self.db.conn.execute(
                "UPDATE followups SET status = 'cancelled', closed_at = ?2 WHERE id = ?1",
                params![ours.id, self.db.now().timestamp_millis()],
            )?;
            self.report.followups.closed += 1;
        }
        self.forget(&uid)
    }
}
