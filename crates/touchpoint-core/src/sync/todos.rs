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

use rusqlite::{OptionalExtension, params};
use url::Url;

use super::SyncReport;
use super::collection::{Collection, Kind};
use super::dav::Dav;
use crate::db::Database;
use crate::error::Result;

mod apply;
mod ical;
mod local;
mod pull;
mod push;

pub(super) struct Pass<'a> {
    pub db: &'a mut Database,
    pub dav: &'a Dav,
    pub account: i64,
    pub list: &'a Url,
    pub report: &'a mut SyncReport,
}

/// What this machine and the server last agreed on for one VTODO.
struct Agreed {
    href: String,
    etag: Option<String>,
    text: String,
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
        Ok(self
            .db
            .conn
            .query_row(
                "SELECT href, etag, agreed FROM sync_todos WHERE account_id = ?1 AND uid = ?2",
                params![self.account, uid],
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

    fn forget(&self, uid: &str) -> Result<()> {
        self.db.conn.execute(
            "DELETE FROM sync_todos WHERE account_id = ?1 AND uid = ?2",
            params![self.account, uid],
        )?;
        Ok(())
    }
}

/// Records what both sides now agree on for `uid`.
fn agree(
    conn: &rusqlite::Connection,
    account: i64,
    uid: &str,
    href: &str,
    etag: Option<&str>,
    text: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_todos (account_id, uid, href, etag, agreed) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id, uid) DO UPDATE
         SET href = excluded.href, etag = excluded.etag, agreed = excluded.agreed",
        params![account, uid, href, etag, text],
    )?;
    Ok(())
}
