//! Push: every follow-up whose VTODO differs from the one both sides
//! agreed on, and the VTODOs of follow-ups deleted here.

use super::marks::Marks;
use super::send::{Item, Pending, Sent};
use super::{Agreements, Pass, local};
use crate::error::{CoreError, Result};
use crate::sync::todos::ical::{Status, says};

impl Pass<'_> {
    /// Clears follow-up `id`'s change mark unless it changed again since
    /// `generation` was read.
    fn looked_at(&self, id: i64, generation: Option<i64>) -> Result<()> {
        if let Some(generation) = generation {
            self.db.conn.execute(
                "DELETE FROM sync_dirty_followups WHERE followup_id = ?1 AND generation = ?2",
                rusqlite::params![id, generation],
            )?;
        }
        Ok(())
    }

    /// Pushes every local change; returns how many writes the server
    /// refused because the VTODO had changed there (412).
    ///
    /// Follow-ups new to the server are left in `new`, to go up with the
    /// touches' (`send::send_new`).
    pub fn push(&mut self, new: &mut Vec<Pending>) -> Result<u32> {
        let mut refused = 0;
        // Follow-ups changed since last looked at, and open ones this
        // account has no VTODO of yet (all of them, the first time).
        let candidates: Vec<(i64, Option<i64>)> = self
            .db
            .conn
            .prepare(
                "SELECT followup_id, generation FROM sync_dirty_followups
                 UNION ALL
                 SELECT f.id, NULL FROM followups f
                 WHERE f.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM sync_todos s
                                   WHERE s.account_id = ?1 AND s.uid = f.uid)
                   AND NOT EXISTS (SELECT 1 FROM sync_dirty_followups d WHERE d.followup_id = f.id)
                 ORDER BY 1",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, generation) in candidates {
            let Some(ours) = local::by_id(&self.db.conn, id)? else {
                self.looked_at(id, generation)?;
                continue;
            };
            let agreed = self.agreed(&ours.todo.uid)?;
            let text = ours.text();
            // Closed before it ever reached the server: nothing to say there.
            let unsent_and_closed = agreed.is_none() && ours.todo.status != Status::Open;
            let agreed_already = agreed.as_ref().is_some_and(|a| {
                says(&a.text, &ours.todo) && Marks::read(&a.text).covers(&ours.marks)
            });
            if unsent_and_closed || agreed_already {
                self.looked_at(id, generation)?;
                continue;
            }
            let Some(agreed) = agreed else {
                new.push(Pending::followup(id, generation, ours.todo.uid, text));
                continue;
            };
            match self
                .item()
                .put(&self.db.conn, &ours.todo.uid, Some(&agreed), &text)?
            {
                Sent::Stored => {
                    self.looked_at(id, generation)?;
                    self.report.followups.sent += 1;
                }
                Sent::Changed => refused += 1,
                Sent::Refused(_, why) => {
                    return Err(CoreError::Server(format!("a task was refused: {why}")));
                }
            }
        }
        refused += self.push_deletions()?;
        Ok(refused)
    }

    fn push_deletions(&mut self) -> Result<u32> {
        let (deleted, refused) = self.item().delete_gone(&self.db.conn)?;
        self.report.followups.deleted_there += deleted;
        Ok(refused)
    }

    fn item(&self) -> Item<'_> {
        Item {
            dav: self.dav,
            list: self.list,
            account: self.account,
            agreements: Agreements::Todos,
        }
    }
}
