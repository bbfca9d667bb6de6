//! Handing reminders to the notification server, with no lock held while it
//! answers.
//!
//! The protocol, for each reminder:
//! 1. [`Database::claim`]: in one short transaction, mark its occurrences
//!    delivered and write down the notice (`notices_sent`). Another instance,
//!    or the next tick, then finds nothing to show.
//! 2. The caller shows it, outside any transaction, for as long as the server
//!    takes.
//! 3. [`Database::shown`] records the server's id; [`Database::not_shown`]
//!    takes the marks back when the server refused, so it is tried again.
//!
//! At the next start, [`Database::take_over`] finds what the last run left:
//! a notice it was still showing when it stopped is shown again (the server
//! may or may not have got it: a crash between the server's receipt and step
//! 3 shows it twice, never not at all); a promise still on screen is shown
//! again in place (replacing the server's notification by id), so its
//! buttons work in this run; one whose follow-ups were done or moved
//! meanwhile is closed.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{DayNotice, Notice, NoticeKind, Reminder, Snooze, renotify};
use crate::db::Database;
use crate::error::{CoreError, Result};

/// A reminder marked delivered, to be shown now; `id` is what the caller
/// reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub notice: Notice,
    /// The server's id of the notification this one replaces on screen.
    pub replaces: Option<u32>,
}

/// What to do at start with a notification the last run left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeOver {
    Show(Claim),
    /// Its follow-ups were done or moved while the app was not running.
    Close(u32),
}

impl NoticeKind {
    /// Whether it stays on screen until the user acts on it: a promised
    /// callback, alone or in a summary.
    #[must_use]
    pub fn lasting(self) -> bool {
        matches!(self, NoticeKind::Promise | NoticeKind::PromiseSummary)
    }
}

struct Sent {
    notice: Notice,
    occurrences: Vec<(i64, i64)>,
    claimed_at: i64,
    server_id: Option<u32>,
}

fn json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| CoreError::Corrupt(format!("a notice could not be written down: {e}")))
}

fn corrupt(id: i64, what: &str) -> CoreError {
    CoreError::Corrupt(format!("sent notice {id} has an unreadable {what}"))
}

impl Database {
    /// Marks `reminder` delivered and writes it down as being shown, in one
    /// transaction; `None` when there is nothing left to show (another
    /// instance or an earlier tick showed it, or it was done or snoozed).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn claim(&mut self, reminder: &Reminder) -> Result<Option<Claim>> {
        let now = self.now().timestamp_millis();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut marked = 0;
        // What is written down: a second showing is a new occurrence.
        let mut occurrences = Vec::with_capacity(reminder.occurrences.len());
        let mut replaces = None;
        for &(id, remind_at) in &reminder.occurrences {
            if reminder.renotify.contains(&id) {
                if let Some(again_at) = renotify::claim(&tx, id, remind_at, now)? {
                    marked += 1;
                    occurrences.push((id, again_at));
                    if reminder.occurrences.len() == 1 {
                        replaces = renotify::on_screen(&tx, id)?;
                    }
                }
                continue;
            }
            let done = tx.execute(
                "UPDATE followups SET delivered_at = ?3
                 WHERE id = ?1 AND remind_at = ?2 AND delivered_at IS NULL AND status = 'open'",
                params![id, remind_at, now],
            )?;
            marked += done;
            if done > 0 {
                occurrences.push((id, remind_at));
            }
        }
        if let Some((notice, day)) = reminder.day_notice {
            marked += tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO {} (day, delivered_at) VALUES (?1, ?2)",
                    notice.table()
                ),
                params![day.to_string(), now],
            )?;
        }
        if marked == 0 {
            return Ok(None);
        }
        tx.execute(
            "INSERT INTO notices_sent (notice, occurrences, claimed_at) VALUES (?1, ?2, ?3)",
            params![json(&reminder.notice)?, json(&occurrences)?, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Some(Claim {
            id,
            notice: reminder.notice.clone(),
            replaces,
        }))
    }

    /// The server showed claim `id` as its notification `server_id`. A
    /// notice that closes by itself is forgotten; a lasting one is kept, to
    /// take over after a restart.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn shown(&mut self, id: i64, server_id: u32) -> Result<()> {
        let Some(sent) = self.sent(id)? else {
            return Ok(());
        };
        if sent.notice.kind.lasting() {
            self.conn.execute(
                "UPDATE notices_sent SET server_id = ?2 WHERE id = ?1",
                params![id, server_id],
            )?;
        } else {
            self.closed(id)?;
        }
        Ok(())
    }

    /// The server did not show claim `id`: its occurrences are owed again
    /// (unless snoozed or done since), to be tried on the next tick.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn not_shown(&mut self, id: i64) -> Result<()> {
        let Some(sent) = self.sent(id)? else {
            return Ok(());
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (followup, remind_at) in &sent.occurrences {
            tx.execute(
                "UPDATE followups SET delivered_at = NULL
                 WHERE id = ?1 AND remind_at = ?2 AND delivered_at = ?3",
                params![followup, remind_at, sent.claimed_at],
            )?;
        }
        let day_table = match sent.notice.kind {
            NoticeKind::Digest => Some(DayNotice::Digest.table()),
            NoticeKind::FollowupHour => Some(DayNotice::FollowupHour.table()),
            _ => None,
        };
        if let Some(table) = day_table {
            tx.execute(
                &format!("DELETE FROM {table} WHERE delivered_at = ?1"),
                [sent.claimed_at],
            )?;
        }
        tx.execute("DELETE FROM notices_sent WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Claim `id`'s notification is gone from the screen (closed by the
    /// user, or answered with one of its buttons).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn closed(&mut self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM notices_sent WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Snoozes every follow-up of claim `id` still open (a summary's
    /// "Snooze all").
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn snooze_claim(&mut self, id: i64, snooze: Snooze) -> Result<usize> {
        let Some(sent) = self.sent(id)? else {
            return Ok(0);
        };
        let mut snoozed = 0;
        for (followup, _) in sent.occurrences {
            if crate::followups::is_open(&self.conn, followup)? {
                self.snooze(followup, snooze)?;
                snoozed += 1;
            }
        }
        Ok(snoozed)
    }

    /// What the last run left on screen or in flight, to show again or close.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn take_over(&mut self) -> Result<Vec<TakeOver>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM notices_sent ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let Some(sent) = self.sent(id)? else { continue };
            let mut still: i64 = 0;
            for (followup, remind_at) in &sent.occurrences {
                still += self.conn.query_row(
                    "SELECT count(*) FROM followups WHERE id = ?1 AND remind_at = ?2
                       AND delivered_at = ?3 AND status = 'open'",
                    params![followup, remind_at, sent.claimed_at],
                    |r| r.get::<_, i64>(0),
                )?;
            }
            let day_notice = sent.occurrences.is_empty();
            if still == 0 && !day_notice {
                self.closed(id)?;
                if let Some(server_id) = sent.server_id {
                    out.push(TakeOver::Close(server_id));
                }
            } else if sent.server_id.is_none() || sent.notice.kind.lasting() {
                out.push(TakeOver::Show(Claim {
                    id,
                    notice: sent.notice,
                    replaces: sent.server_id,
                }));
            } else {
                self.closed(id)?;
            }
        }
        Ok(out)
    }

    fn sent(&self, id: i64) -> Result<Option<Sent>> {
        let row: Option<(String, String, i64, Option<u32>)> = self
            .conn
            .query_row(
                "SELECT notice, occurrences, claimed_at, server_id FROM notices_sent WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((notice, occurrences, claimed_at, server_id)) = row else {
            return Ok(None);
        };
        Ok(Some(Sent {
            notice: serde_json::from_str(&notice).map_err(|_| corrupt(id, "notice"))?,
            occurrences: serde_json::from_str(&occurrences)
                .map_err(|_| corrupt(id, "list of occurrences"))?,
            claimed_at,
            server_id,
        }))
    }
}

#[cfg(test)]
mod tests;
