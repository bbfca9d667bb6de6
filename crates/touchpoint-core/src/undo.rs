//! Taking back what the user just did. Each undoable action (adding,
//! editing, merging or deleting contacts, logging a touch, switching a
//! cadence, moving a follow-up, editing a template, an import, a week of
//! catch-up calls) is journaled by the database as it happens
//! (`db::journal`); this module names the newest one and takes it back,
//! newest first, and rebuilds the search rows the journal does not keep.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts;
use crate::db::{self, Database};
use crate::error::{CoreError, Result};
use crate::time::instant;

/// An action that Undo takes back (or just took back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentAction {
    pub id: i64,
    /// What the user did: "Deleted Ada Lovelace".
    pub label: String,
    pub done_at: DateTime<Utc>,
}

impl Database {
    /// The action Undo would take back now, if any (the journal survives a
    /// restart, so this can be yesterday's last action).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn last_action(&self) -> Result<Option<RecentAction>> {
        let Some((id, label, done_at)) = db::newest(&self.conn)? else {
            return Ok(None);
        };
        Ok(Some(RecentAction {
            id,
            label,
            done_at: instant(done_at)?,
        }))
    }

    /// Takes back the newest undoable action: every row it changed is as it
    /// was before, in one transaction.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] when there is nothing to undo; nothing changes then.
    pub fn undo(&mut self) -> Result<RecentAction> {
        // No action changes the settings, so undo leaves the region as it is.
        let region = self.settings()?.phone_region;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(taken) = db::take_back_newest(&tx)? else {
            return Err(CoreError::invalid("undo", "There is nothing to undo"));
        };
        for id in &taken.contacts {
            contacts::reindex(&tx, *id)?;
        }
        // The rows came back with the E.164 forms of their time; the region
        // may have changed since (see `contacts::region`).
        contacts::renormalise_phones(&tx, &region, Some(&taken.contacts))?;
        tx.commit()?;
        Ok(RecentAction {
            id: taken.id,
            label: taken.label,
            done_at: instant(taken.done_at)?,
        })
    }
}

#[cfg(test)]
mod tests;
