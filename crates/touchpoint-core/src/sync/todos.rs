//! Follow-ups ↔ a CalDAV task list, both ways, as replicated state.
//!
//! Every open follow-up is a VTODO (`ical`) under the follow-up's own UID;
//! a done or cancelled one stays there with its status. Each machine sends
//! what changed here (`push`: the change marks, `If-Match` on the agreed
//! ETag or `If-None-Match: *` when new) and takes what changed there
//! (`pull`: sync-collection since the task list's token): a follow-up moved
//! on a phone or another machine is moved here as a drag moves it; one done
//! there is done here; one planned there is inserted as it is, with the
//! enrolment it belongs to, so no machine plans a contact another planned.
//! A follow-up changed on both sides keeps the change of each side that
//! made one; done wins over still open.
//!
//! What is "agreed" is the server's text as last seen, compared by what it
//! says (servers reorder the lines): a VTODO a phone moved keeps its old
//! alarm, so it is written back once in Touchpoint's form, the alarm at the
//! new time.

use rusqlite::{Connection, OptionalExtension, params};
use url::Url;

use super::SyncReport;
use super::collection::{Collection, Kind};
use super::dav::Dav;
use crate::db::Database;
use crate::error::Result;

mod apply;
mod ical;
mod local;
mod marks;
mod pull;
mod push;
pub(super) mod send;

pub(super) struct Pass<'a> {
    pub db: &'a mut Database,
    pub dav: &'a Dav,
    pub account: i64,
    pub list: &'a Url,
    pub report: &'a mut SyncReport,
}

/// What this machine and the server last agreed on for one item.
pub(super) struct Agreed {
    pub href: String,
    pub etag: Option<String>,
    pub text: String,
}

/// Where the agreements are kept: `sync_todos` for follow-ups,
/// `sync_journals` for touches.
#[derive(Clone, Copy)]
pub(super) enum Agreements {
    Todos,
    Journals,
}

impl Agreements {
    fn table(self) -> &'static str {
        match self {
            Agreements::Todos => "sync_todos",
            Agreements::Journals => "sync_journals",
        }
    }

    pub fn get(self, conn: &Connection, account: i64, uid: &str) -> Result<Option<Agreed>> {
        Ok(conn
            .query_row(
                &format!(
                    "SELECT href, etag, agreed FROM {} WHERE account_id = ?1 AND uid = ?2",
                    self.table()
                ),
                params![account, uid],
                |r| {
                    Ok(Agreed {
                        href: r.get(0)?,
                        etag: r.get(1)?,
                        text: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// The UID agreed on at `href`, if any.
    pub fn uid_at(self, conn: &Connection, account: i64, href: &str) -> Result<Option<String>> {
        Ok(conn
            .query_row(
                &format!(
                    "SELECT uid FROM {} WHERE account_id = ?1 AND href = ?2",
                    self.table()
                ),
                params![account, href],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The agreed items whose row (follow-up, touch) is gone here: UID,
    /// href, ETag.
    pub fn gone(
        self,
        conn: &Connection,
        account: i64,
    ) -> Result<Vec<(String, String, Option<String>)>> {
        let rows = match self {
            Agreements::Todos => "followups",
            Agreements::Journals => "touches",
        };
        Ok(conn
            .prepare(&format!(
                "SELECT s.uid, s.href, s.etag FROM {} s
                 WHERE s.account_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM {rows} r WHERE r.uid = s.uid)",
                self.table()
            ))?
            .query_map([account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn forget(self, conn: &Connection, account: i64, uid: &str) -> Result<()> {
        conn.execute(
            &format!(
                "DELETE FROM {} WHERE account_id = ?1 AND uid = ?2",
                self.table()
            ),
            params![account, uid],
        )?;
        Ok(())
    }

    /// Records what both sides now agree on for `uid`.
    pub fn agree(
        self,
        conn: &Connection,
        account: i64,
        uid: &str,
        href: &str,
        etag: Option<&str>,
        text: &str,
    ) -> Result<()> {
        conn.execute(
            &format!(
                "INSERT INTO {} (account_id, uid, href, etag, agreed) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (account_id, uid) DO UPDATE
                 SET href = excluded.href, etag = excluded.etag, agreed = excluded.agreed",
                self.table()
            ),
            params![account, uid, href, etag, text],
        )?;
        Ok(())
    }
}

impl Pass<'_> {
    fn list(&self) -> Collection<'_> {
        Collection {
            dav: self.dav,
            url: self.list,
            kind: Kind::TaskList,
        }
    }

    fn agreed(&self, uid: &str) -> Result<Option<Agreed>> {
        Agreements::Todos.get(&self.db.conn, self.account, uid)
    }

    fn forget(&self, uid: &str) -> Result<()> {
        Agreements::Todos.forget(&self.db.conn, self.account, uid)
    }
}

/// Records what both sides now agree on for follow-up `uid`.
fn agree(
    conn: &Connection,
    account: i64,
    uid: &str,
    href: &str,
    etag: Option<&str>,
    text: &str,
) -> Result<()> {
    Agreements::Todos.agree(conn, account, uid, href, etag, text)
}
