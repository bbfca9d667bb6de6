//! What the follow-ups' and the touches' pushes share: one conditional
//! write of an item to the task list, its agreement recorded when the
//! server took it, and the deletion of the items whose row is gone here.

use rusqlite::Connection;
use url::Url;

use super::{Agreed, Agreements};
use crate::error::{CoreError, Result};
use crate::sync::SyncReport;
use crate::sync::bulk;
use crate::sync::cards::uid_path;
use crate::sync::collection::Kind;
use crate::sync::dav::Dav;
use crate::sync::discover::CALENDAR_NAME;
use crate::sync::discover::join;

/// How the server answered a write.
pub(in crate::sync) enum Sent {
    /// Stored, and agreed on.
    Stored,
    /// Changed there meanwhile (412): for the next round's pull.
    Changed,
    /// Refused with this status, for the caller to name.
    Refused(u16, String),
}

pub(in crate::sync) struct Item<'a> {
    pub dav: &'a Dav,
    pub list: &'a Url,
    pub account: i64,
    pub agreements: Agreements,
}

impl Item<'_> {
    /// Writes `text` for `uid`, over the agreed version (`If-Match`) or as
    /// new (`If-None-Match: *`).
    pub fn put(
        &self,
        conn: &Connection,
        uid: &str,
        agreed: Option<&Agreed>,
        text: &str,
    ) -> Result<Sent> {
        let href = match agreed {
            Some(a) => a.href.clone(),
            None => join(self.list, &format!("{}.ics", uid_path(uid)))?
                .path()
                .to_owned(),
        };
        let url = join(self.list, &href)?;
        let answer = self.dav.put_if(
            url.as_str(),
            "text/calendar; charset=utf-8",
            agreed.and_then(|a| a.etag.as_deref()),
            text,
        )?;
        Ok(match answer.status {
            200..=299 => {
                self.agreements.agree(
                    conn,
                    self.account,
                    uid,
                    &href,
                    answer.etag.as_deref(),
                    text,
                )?;
                Sent::Stored
            }
            412 => Sent::Changed,
            status => Sent::Refused(
                status,
                format!(
                    "{url} ({status}): {}",
                    answer.body.trim().chars().take(200).collect::<String>()
                ),
            ),
        })
    }

    /// Deletes on the server the items whose row is gone here; returns how
    /// many went and how many the server refused because they changed
    /// there (412).
    pub fn delete_gone(&self, conn: &Connection) -> Result<(u32, u32)> {
        let (mut deleted, mut refused) = (0, 0);
        for (uid, href, etag) in self.agreements.gone(conn, self.account)? {
            let url = join(self.list, &href)?;
            let answer = self.dav.delete_if(url.as_str(), etag.as_deref())?;
            match answer.status {
                200..=299 | 404 => {
                    self.agreements.forget(conn, self.account, &uid)?;
                    deleted += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a deletion ({status})"
                    )));
                }
            }
        }
        Ok((deleted, refused))
    }
}

/// An item new to the server, waiting to go up with the others.
pub(in crate::sync) struct Pending {
    item: bulk::New,
    /// Its agreements, and its change mark: `(table, column)`, row, generation.
    agreements: Agreements,
    mark: (&'static str, &'static str, i64, Option<i64>),
}

impl Pending {
    pub fn followup(id: i64, generation: Option<i64>, uid: String, text: String) -> Pending {
        Pending {
            item: bulk::New { uid, text },
            agreements: Agreements::Todos,
            mark: ("sync_dirty_followups", "followup_id", id, generation),
        }
    }

    pub fn touch(id: i64, generation: Option<i64>, uid: String, text: String) -> Pending {
        Pending {
            item: bulk::New { uid, text },
            agreements: Agreements::Journals,
            mark: ("sync_dirty_touches", "touch_id", id, generation),
        }
    }

    /// Clears the change mark unless the row changed again since.
    fn looked_at(&self, conn: &Connection) -> Result<()> {
        let (table, column, id, generation) = self.mark;
        if let Some(generation) = generation {
            conn.execute(
                &format!("DELETE FROM {table} WHERE {column} = ?1 AND generation = ?2"),
                rusqlite::params![id, generation],
            )?;
        }
        Ok(())
    }

    fn sent(&self, report: &mut SyncReport) {
        match self.agreements {
            Agreements::Todos => report.followups.sent += 1,
            Agreements::Journals => report.touches.sent += 1,
        }
    }
}

/// Sends the follow-ups and touches new to the server: in one request
/// into an empty task list where the server takes it (`bulk`), else one
/// by one. Returns how many writes were refused because the item is there
/// already (412), and the task list's sync token after an upload at once.
pub(in crate::sync) fn send_new(
    conn: &Connection,
    dav: &Dav,
    list: &Url,
    account: i64,
    new: &[Pending],
    report: &mut SyncReport,
) -> Result<(u32, Option<String>)> {
    let items: Vec<&bulk::New> = new.iter().map(|p| &p.item).collect();
    let placed = bulk::upload_refs(dav, list, Kind::TaskList, CALENDAR_NAME, &items)?;
    let mut refused = 0;
    let mut journals_refused = false;
    for (pending, place) in new.iter().zip(placed.at) {
        let (uid, text) = (&pending.item.uid, &pending.item.text);
        if let Some((href, etag)) = place {
            pending
                .agreements
                .agree(conn, account, uid, &href, etag.as_deref(), text)?;
            pending.looked_at(conn)?;
            pending.sent(report);
            // Changed there since the upload: pulled next round.
            refused += u32::from(etag.is_none());
            continue;
        }
        let is_journal = matches!(pending.agreements, Agreements::Journals);
        if is_journal && journals_refused {
            continue;
        }
        let item = Item {
            dav,
            list,
            account,
            agreements: pending.agreements,
        };
        match item.put(conn, uid, None, text)? {
            Sent::Stored => {
                pending.looked_at(conn)?;
                pending.sent(report);
            }
            Sent::Changed => refused += 1,
            // A task list that takes tasks only (a server that keeps to
            // the component set it was made with): the touches stay here.
            Sent::Refused(status @ (403 | 415), _) if is_journal => {
                report.problems.push(format!(
                    "Touches are not synced: {list} takes no journal entries ({status})"
                ));
                journals_refused = true;
            }
            Sent::Refused(_, why) if is_journal => {
                return Err(CoreError::Server(format!(
                    "a journal entry was refused: {why}"
                )));
            }
            Sent::Refused(_, why) => {
                return Err(CoreError::Server(format!("a task was refused: {why}")));
            }
        }
    }
    Ok((refused, placed.token))
}
