//! The account a database syncs with: what the window shows of it, the
//! certificate the user chose to trust, and forgetting it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::tls;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::time::instant;

/// The account this database syncs with, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncAccount {
    pub url: String,
    pub user: String,
    /// The address book, once found or chosen.
    pub address_book: Option<String>,
    /// The task list (a calendar) the follow-ups go to, once found or chosen.
    pub calendar: Option<String>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Why the last sync failed; `None` when it went through.
    pub last_error: Option<String>,
    /// Contacts on both sides as last agreed.
    pub cards: u32,
    /// The SHA-256 of the server certificate the user chose to trust, if
    /// they did (else the system's roots alone are trusted).
    pub trusted_certificate: Option<String>,
}

/// The URL and the user name as given, trimmed; refused without a user name.
pub(super) fn checked<'a>(url: &'a str, user: &'a str) -> Result<(&'a str, &'a str)> {
    let (url, user) = (url.trim(), user.trim());
    if user.is_empty() {
        return Err(CoreError::invalid("user", "A user name is needed to sync"));
    }
    Ok((url, user))
}

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
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT id, url, user_name, address_book, last_sync_at, last_error, trusted_certificate,
                    calendar
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
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        ))?;
        let Some((
            id,
            url,
            user,
            address_book,
            last_sync_at,
            last_error,
            trusted_certificate,
            calendar,
        )) = row
        else {
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
            calendar,
            last_sync_at: last_sync_at.map(instant).transpose()?,
            last_error,
            cards,
            trusted_certificate,
        }))
    }

    /// Trusts, for `user` at `url`, the server certificate whose SHA-256 is
    /// `fingerprint` (as sync's refusal showed it), in place of any trusted
    /// before; returns it as kept ("AB:CD:…"). The next syncs accept that
    /// certificate and still refuse any other the system does not trust.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] when `fingerprint` is not a SHA-256 (nothing
    /// is written) or the user name is empty; otherwise only if SQLite fails.
    pub fn trust_sync_certificate(
        &mut self,
        url: &str,
        user: &str,
        fingerprint: &str,
    ) -> Result<String> {
        let (url, user) = checked(url, user)?;
        let kept = tls::normalize_fingerprint(fingerprint).ok_or_else(|| {
            CoreError::invalid(
                "fingerprint",
                format!(
                    "{:?} is not a SHA-256 fingerprint (32 pairs of hex digits, as AB:CD:…)",
                    fingerprint.trim()
                ),
            )
        })?;
        let id = self.sync_account(url, user)?.id;
        self.conn.execute(
            "UPDATE sync_accounts SET trusted_certificate = ?2 WHERE id = ?1",
            rusqlite::params![id, kept],
        )?;
        Ok(kept)
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

    pub(super) fn sync_account(&self, url: &str, user: &str) -> Result<Account> {
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_accounts (url, user_name) VALUES (?1, ?2)",
            [url, user],
        )?;
        Ok(self.conn.query_row(
            "SELECT id, address_book, sync_token, calendar, calendar_token, trusted_certificate
             FROM sync_accounts WHERE url = ?1 AND user_name = ?2",
            [url, user],
            |r| {
                Ok(Account {
                    id: r.get(0)?,
                    book: r.get(1)?,
                    token: r.get(2)?,
                    list: r.get(3)?,
                    list_token: r.get(4)?,
                    trusted: r.get(5)?,
                })
            },
        )?)
    }
}

/// What the database remembers of an account.
pub(super) struct Account {
    pub id: i64,
    pub book: Option<String>,
    pub token: Option<String>,
    pub list: Option<String>,
    pub list_token: Option<String>,
    /// The fingerprint of the certificate the user trusts, if any.
    pub trusted: Option<String>,
}
