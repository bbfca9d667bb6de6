//! What the follow-ups' and the touches' pushes share: one conditional
//! write of an item to the task list, its agreement recorded when the
//! server took it, and the deletion of the items whose row is gone here.

use rusqlite::Connection;
use url::Url;

use super::{Agreed, Agreements};
use crate::error::{CoreError, Result};
use crate::sync::cards::uid_path;
use crate::sync::dav::Dav;
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
