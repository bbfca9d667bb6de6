//! Push: every touch whose VJOURNAL differs from the one both sides agreed
//! on (all of them the first time), and the VJOURNALs of touches deleted
//! here.

use super::{Pass, local};
use crate::error::{CoreError, Result};
use crate::sync::cards::uid_path;
use crate::sync::discover::join;
use crate::sync::todos::Agreements;
use crate::sync::touches::journal::says;

impl Pass<'_> {
    /// Clears touch `id`'s change mark unless it changed again since
    /// `generation` was read.
    fn looked_at(&self, id: i64, generation: Option<i64>) -> Result<()> {
        if let Some(generation) = generation {
            self.db.conn.execute(
                "DELETE FROM sync_dirty_touches WHERE touch_id = ?1 AND generation = ?2",
                rusqlite::params![id, generation],
            )?;
        }
        Ok(())
    }

    /// Pushes every local change; returns how many writes the server
    /// refused because the VJOURNAL had changed there (412).
    pub fn push(&mut self) -> Result<u32> {
        let mut refused = 0;
        let candidates: Vec<(i64, Option<i64>)> = self
            .db
            .conn
            .prepare(
                "SELECT touch_id, generation FROM sync_dirty_touches
                 UNION ALL
                 SELECT t.id, NULL FROM touches t
                 WHERE NOT EXISTS (SELECT 1 FROM sync_journals s
                                   WHERE s.account_id = ?1 AND s.uid = t.uid)
                   AND NOT EXISTS (SELECT 1 FROM sync_dirty_touches d WHERE d.touch_id = t.id)
                 ORDER BY 1",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, generation) in candidates {
            let Some(ours) = local::by_id(&self.db.conn, id)? else {
                self.looked_at(id, generation)?;
                continue;
            };
            let agreed = self.agreed(&ours.journal.uid)?;
            if agreed
                .as_ref()
                .is_some_and(|a| says(&a.text, &ours.journal))
            {
                self.looked_at(id, generation)?;
                continue;
            }
            let text = ours.text();
            let href = match &agreed {
                Some(a) => a.href.clone(),
                None => join(self.list, &format!("{}.ics", uid_path(&ours.journal.uid)))?
                    .path()
                    .to_owned(),
            };
            let url = join(self.list, &href)?;
            let answer = self.dav.put_if(
                url.as_str(),
                "text/calendar; charset=utf-8",
                agreed.as_ref().and_then(|a| a.etag.as_deref()),
                &text,
            )?;
            match answer.status {
                200..=299 => {
                    Agreements::Journals.agree(
                        &self.db.conn,
                        self.account,
                        &ours.journal.uid,
                        &href,
                        answer.etag.as_deref(),
                        &text,
                    )?;
                    self.looked_at(id, generation)?;
                    self.report.touches.sent += 1;
                }
                // Changed there meanwhile: left marked for the next round's pull.
                412 => refused += 1,
                // A task list that takes tasks only (a server that keeps to
                // the component set it was made with): the touches stay here.
                403 | 415 if agreed.is_none() => {
                    self.report.problems.push(format!(
                        "Touches are not synced: {} takes no journal entries ({})",
                        self.list, answer.status
                    ));
                    return Ok(refused);
                }
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a journal entry ({status}): {}",
                        answer.body.trim().chars().take(200).collect::<String>()
                    )));
                }
            }
        }
        refused += self.push_deletions()?;
        Ok(refused)
    }

    fn push_deletions(&mut self) -> Result<u32> {
        let mut refused = 0;
        let gone: Vec<(String, String, Option<String>)> = self
            .db
            .conn
            .prepare(
                "SELECT s.uid, s.href, s.etag FROM sync_journals s
                 WHERE s.account_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.uid = s.uid)",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uid, href, etag) in gone {
            let url = join(self.list, &href)?;
            let answer = self.dav.delete_if(url.as_str(), etag.as_deref())?;
            match answer.status {
                200..=299 | 404 => {
                    self.forget(&uid)?;
                    self.report.touches.deleted_there += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a deletion ({status})"
                    )));
                }
            }
        }
        Ok(refused)
    }
}
