//! Sync with a CardDAV server the user already has (Radicale, Nextcloud,
//! Fastmail, iCloud, …): every contact as a vCard in one address book
//! named "Touchpoint", both ways, so the laptop, the desktop and the phone
//! share the same contacts. The SQLite file stays the truth on each
//! machine; the server only relays.
//!
//! Follow-ups go the same way as VTODOs in a task list beside it, so a
//! phone that syncs the list rings a promised callback too; touches as
//! VJOURNALs in the same list, so the timeline is the same everywhere.
//!
//! `discover` finds (or makes) the address book and the task list, unless
//! the user chose others (`choice`); `account` is what the window shows of
//! the account; `days` syncs the notices shown once a day; `cards`
//! moves the cards, `merge` settles a contact changed on both sides,
//! `todos` moves the follow-ups; `collection` lists and fetches what
//! changed on the server and `dav` speaks the protocol. The password is the
//! caller's to keep: it is never stored.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{CoreError, Result};

mod account;
mod bulk;
mod cards;
mod choice;
mod collection;
mod dav;
mod days;
mod discover;
mod ical;
mod merge;
mod rounds;
mod tls;
mod todos;
mod touches;

use account::Account;
pub use account::SyncAccount;
pub use choice::{CollectionChoice, SyncCollection, SyncCollections};

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
    /// The follow-ups, with the task list.
    pub followups: FollowUpSync,
    /// The touches, as journal entries in the same task list.
    pub touches: TouchSync,
    pub problems: Vec<String>,
}

/// What one sync did with the follow-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpSync {
    /// The task list synced with; `None` when the server has none to offer
    /// (the problems say why).
    pub task_list: Option<String>,
    /// Follow-ups written to the server (new, moved, done, cancelled).
    pub sent: u32,
    /// Follow-ups taken from the server (new or changed there).
    pub received: u32,
    /// Of those, follow-ups moved here because they were moved there.
    pub moved: u32,
    /// Of those, follow-ups done or cancelled here because they were there.
    pub closed: u32,
    /// Tasks deleted there because their follow-up was deleted here.
    pub deleted_there: u32,
    /// Tasks on the server Touchpoint could not read (left as they are).
    pub unreadable: u32,
}

/// What one sync did with the touches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TouchSync {
    /// Touches written to the server (new or corrected here).
    pub sent: u32,
    /// Touches taken from the server (new or changed there).
    pub received: u32,
    /// Of those, touches here corrected to match.
    pub changed: u32,
    /// Touches deleted here because they were deleted there.
    pub deleted_here: u32,
    /// Journal entries deleted there because their touch was deleted here.
    pub deleted_there: u32,
    /// Journal entries on the server Touchpoint could not read (left as they are).
    pub unreadable: u32,
}

impl Database {
    /// A collection remembered for the account, else found (or made) by
    /// `find` and remembered in `column`.
    fn collection(
        &self,
        account: i64,
        stored: Option<String>,
        column: &str,
        find: impl FnOnce() -> Result<url::Url>,
    ) -> Result<url::Url> {
        if let Some(stored) = stored {
            return url::Url::parse(&stored).map_err(|_| {
                CoreError::Corrupt(format!("the stored collection {stored:?} is unreadable"))
            });
        }
        let found = find()?;
        self.conn.execute(
            &format!("UPDATE sync_accounts SET {column} = ?2 WHERE id = ?1"),
            rusqlite::params![account, found.as_str()],
        )?;
        Ok(found)
    }

    /// Syncs every contact with the address book of `user` at `url`, and
    /// every follow-up with the task list beside it, finding or making them
    /// on the first sync.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for an unusable URL or an empty user name;
    /// [`CoreError::Server`] when the server cannot be reached, refuses the
    /// password or answers what sync cannot use;
    /// [`CoreError::UntrustedCertificate`] when its certificate is neither
    /// vouched for by the system's roots nor the one trusted for the account
    /// (see [`Database::trust_sync_certificate`]). What was done before the
    /// failure is kept on both sides and the next sync goes on from there.
    /// A server that offers no task list syncs the contacts alone and
    /// says so in the report's problems.
    pub fn sync_contacts(&mut self, url: &str, user: &str, password: &str) -> Result<SyncReport> {
        let (url, user) = account::checked(url, user)?;
        let mut account = self.sync_account(url, user)?;
        let (dav, book, list, report) = match self.connect(&mut account, url, user, password) {
            Ok(found) => found,
            Err(e) => {
                // Shown as the last error: the first sync may fail here
                // (a refused certificate, a wrong address).
                self.conn.execute(
                    "UPDATE sync_accounts SET last_error = ?2 WHERE id = ?1",
                    rusqlite::params![account.id, e.to_string()],
                )?;
                return Err(e);
            }
        };
        // Sync writes a short transaction per item, and at synchronous=FULL
        // each one waits on the disk: thousands of fsyncs in a first sync.
        // What sync writes may be lost in a power cut without harm (WAL keeps
        // the file whole and the commits in order; the server still has what
        // was taken and refuses again what was sent), so only the sync waits
        // less. The connection is this sync's alone until it returns.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = self.sync_rounds(&dav, &mut account, &book, list.as_ref(), report);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.execute(
            "UPDATE sync_accounts SET sync_token = ?2, last_sync_at = ?3, last_error = ?4,
                    calendar_token = ?5
             WHERE id = ?1",
            rusqlite::params![
                account.id,
                account.token,
                self.now().timestamp_millis(),
                result.as_ref().err().map(ToString::to_string),
                account.list_token,
            ],
        )?;
        result
    }

    /// The server spoken to, the address book and the task list (found on
    /// the first sync, remembered after), and the report begun.
    fn connect(
        &self,
        account: &mut Account,
        url: &str,
        user: &str,
        password: &str,
    ) -> Result<(dav::Dav, url::Url, Option<url::Url>, SyncReport)> {
        let dav = dav::Dav::new(user, password, account.trusted.as_deref())?;
        let book = self.collection(account.id, account.book.take(), "address_book", || {
            discover::address_book(&dav, url)
        })?;
        let mut report = SyncReport {
            address_book: book.to_string(),
            ..SyncReport::default()
        };
        let list = match self.collection(account.id, account.list.take(), "calendar", || {
            discover::calendar(&dav, url)
        }) {
            Ok(list) => Some(list),
            Err(CoreError::Server(why)) => {
                report
                    .problems
                    .push(format!("Follow-ups are not synced: {why}"));
                None
            }
            Err(e) => return Err(e),
        };
        report.followups.task_list = list.as_ref().map(ToString::to_string);
        Ok((dav, book, list, report))
    }
}
