//! Sync with a CardDAV server the user already has (Radicale, Nextcloud,
//! Fastmail, iCloud, …): every contact as a vCard in one address book
//! named "Touchpoint", both ways, so the laptop, the desktop and the phone
//! share the same contacts. The SQLite file stays the truth on each
//! machine; the server only relays.
//!
//! `discover` finds (or makes) the address book, `cards` moves the cards
//! and `merge` settles a contact changed on both sides; `dav` speaks the
//! protocol. The password is the caller's to keep: it is never stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::time::instant;

mod cards;
mod dav;
mod discover;
mod merge;
mod todos;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// The address book synced with.
    pub address_book: String,
    /// Cards written to the server.
    pub sent: u32,
    /// Cards taken from the server (new or changed there).
    pub received: u32,
    /// Of those, contacts changed on both sides and merged.
    pub merged: u32,
    /// Values both sides changed differently: this machine's kept, the
    /// other's in the contact's notes.
    pub kept_both: u32,
    /// Contacts deleted here because they were deleted there.
    pub deleted_here: u32,
    /// Contacts deleted there because they were deleted here.
    pub deleted_there: u32,
    /// Cards on the server Touchpoint could not read (left as they are).
    pub unreadable: u32,
    pub problems: Vec<String>,
}

/// The account this database syncs with, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncAccount {
    pub url: String,
    pub user: String,
    /// The address book, once found.
    pub address_book: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Why the last sync failed; `None` when it went through.
    pub last_error: Option<String>,
    /// Contacts on both sides as last agreed.
    pub cards: u32,
}

/// Rounds of pull and push at most: a write refused because the card
/// changed meanwhile is pulled, merged and pushed in the next round.
const ROUNDS: usize = 3;

impl Database {
    /// The account last synced with (the window offers one), if any.
    ///
    /// # Errors
    /// Only if SQLite fails or a stored instant is unreadable.
    pub fn sync_account_status(&self) -> Result<Option<SyncAccount>> {
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            Option<i64>,
            Option<String>,
        );
        let row: Option<Row> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT id, url, user_name, address_book, last_sync_at, last_error
             FROM sync_accounts ORDER BY coalesce(last_sync_at, 0) DESC, id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        ))?;
        let Some((id, url, user, address_book, last_sync_at, last_error)) = row else {
            return Ok(None);
        };
        let cards: u32 = self.conn.query_row(
            "SELECT count(*) FROM sync_cards WHERE account_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        Ok(Some(SyncAccount {
            url,
            user,
            address_book,
            last_sync_at: last_sync_at.map(instant).transpose()?,
            last_error,
            cards,
        }))
    }

    /// Stops syncing with every account: what each remembered goes (the
    /// contacts stay here, and on the server).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn forget_sync_accounts(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM sync_accounts", [])?;
        Ok(())
    }

    fn sync_account(&self, url: &str, user: &str) -> Result<(i64, Option<String>, Option<String>)> {
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_accounts (url, user_name) VALUES (?1, ?2)",
            [url, user],
        )?;
        Ok(self.conn.query_row(
            "SELECT id, address_book, sync_token FROM sync_accounts
             WHERE url = ?1 AND user_name = ?2",
            [url, user],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Syncs every contact with the address book of `user` at `url`,
    /// finding or making it on the first sync.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for an unusable URL or an empty user name;
    /// [`CoreError::Server`] when the server cannot be reached, refuses the
    /// password or answers what sync cannot use. What was done before the
    /// failure is kept on both sides and the next sync goes on from there.
    pub fn sync_contacts(&mut self, url: &str, user: &str, password: &str) -> Result<SyncReport> {
        let (url, user) = (url.trim(), user.trim());
        if user.is_empty() {
            return Err(CoreError::invalid("user", "A user name is needed to sync"));
        }
        let (account, book, mut token) = self.sync_account(url, user)?;
        let dav = dav::Dav::new(user, password);
        let book = match book {
            Some(book) => url::Url::parse(&book).map_err(|_| {
                CoreError::Corrupt(format!("the stored address book {book:?} is unreadable"))
            })?,
            None => {
                let found = discover::address_book(&dav, url)?;
                self.conn.execute(
                    "UPDATE sync_accounts SET address_book = ?2 WHERE id = ?1",
                    rusqlite::params![account, found.as_str()],
                )?;
                found
            }
        };
        let result = self.sync_rounds(&dav, account, book, &mut token);
        let (error, token_kept) = match &result {
            Ok(_) => (None, token.as_deref()),
            Err(e) => (Some(e.to_string()), token.as_deref()),
        };
        self.conn.execute(
            "UPDATE sync_accounts SET sync_token = ?2, last_sync_at = ?3, last_error = ?4
             WHERE id = ?1",
            rusqlite::params![account, token_kept, self.now().timestamp_millis(), error],
        )?;
        result
    }

    fn sync_rounds(
        &mut self,
        dav: &dav::Dav,
        account: i64,
        book: url::Url,
        token: &mut Option<String>,
    ) -> Result<SyncReport> {
        let mut pass = cards::Pass {
            report: SyncReport {
                address_book: book.to_string(),
                ..SyncReport::default()
            },
            db: self,
            dav,
            account,
            book,
        };
        for _ in 0..ROUNDS {
            if let Some(next) = pass.pull(token.as_deref())? {
                *token = Some(next);
            }
            if pass.push()? == 0 {
                break;
            }
        }
        Ok(pass.report)
    }
}
