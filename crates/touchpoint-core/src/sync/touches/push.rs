//! Push: every touch whose VJOURNAL differs from the one both sides agreed
//! on (all of them the first time), and the VJOURNALs of touches deleted
//! here.

use super::{Pass, local};
use crate::error::{CoreError, Result};
use crate::sync::todos::Agreements;
use crate::sync::todos::send::{Item, Pending, Sent};
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
    ///
    /// Touches new to the server are left in `new`, to go up with the
    /// follow-ups' (`send::send_new`).
    pub fn push(&mut self, new: &mut Vec<Pending>) -> Result<u32> {
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
            let Some(agreed) = agreed else {
                new.push(Pending::touch(id, generation, ours.journal.uid, text));
                continue;
            };
            match self
                .item()
                .put(&self.db.conn, &ours.journal.uid, Some(&agreed), &text)?
            {
                Sent::Stored => {
                    self.looked_at(id, generation)?;
                    self.report.touches.sent += 1;
                }
                Sent::Changed => refused += 1,
                Sent::Refused(_, why) => {
                    return Err(CoreError::Server(format!(
                        "a journal entry was refused: {why}"
                    )));
                }
            }
        }
        refused += self.push_deletions()?;
        Ok(refused)
    }

    fn push_deletions(&mut self) -> Result<u32> {
        let (deleted, refused) = self.item().delete_gone(&self.db.conn)?;
        self.report.touches.deleted_there += deleted;
        Ok(refused)
    }

    fn item(&self) -> Item<'_> {
        Item {
            dav: self.dav,
            list: self.list,
            account: self.account,
            agreements: Agreements::Journals,
        }
    }
}
