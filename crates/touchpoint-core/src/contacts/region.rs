//! The phone region and the E.164 forms it decides.
//!
//! A national number ("020 7946 0321") has an E.164 form only in a region
//! where it is valid, and duplicate checks and search compare E.164 forms.
//! So every stored E.164 form must be the one the region now set gives:
//! otherwise a number typed before the region was known never matches the
//! same number typed with its country code. Saving a new region recomputes
//! them all in the transaction that stores it, and an undo recomputes those
//! of the contacts it put back (their rows come back as they were, computed
//! under the region of that time).
//!
//! Settings changes are not undoable actions, so neither is the
//! recomputation: undo never changes the region, and the forms always
//! follow the region that is set.

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use crate::contacts::{phone, rows};
use crate::db::Database;
use crate::error::Result;
use crate::settings::{self, Settings};

impl Database {
    /// Validates and stores the settings; a new phone region recomputes
    /// every stored phone's E.164 form (and the search rows built from it)
    /// in the same transaction. Lives here rather than in `settings`
    /// because only the contacts know their phones.
    ///
    /// # Errors
    /// [`crate::CoreError::Invalid`] for a bad value; nothing is written then.
    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validate()?;
        let before = self.settings()?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        settings::store(&tx, &settings)?;
        if before.phone_region != settings.phone_region {
            renormalise_phones(&tx, &settings.phone_region, None)?;
        }
        tx.commit()?;
        Ok(settings)
    }
}

/// Recomputes the E.164 form of every stored phone (of `only` these
/// contacts, when given) under `region`, and rebuilds the search row of each
/// contact whose forms changed. Returns those contacts.
pub(crate) fn renormalise_phones(
    tx: &Transaction<'_>,
    region: &str,
    only: Option<&[i64]>,
) -> Result<Vec<i64>> {
    let stored = stored_phones(tx, only)?;
    let mut changed: Vec<i64> = Vec::new();
    let mut update = tx.prepare_cached(
        "UPDATE contact_phones SET e164 = ?3 WHERE contact_id = ?1 AND position = ?2",
    )?;
    for (contact, position, number, e164) in stored {
        // A number stored before a rule changed may no longer pass it; it
        // stays as stored rather than block the whole change.
        let Ok(now) = phone::normalise(&number, region) else {
            continue;
        };
        if now != e164 {
            update.execute(params![contact, position, now])?;
            if changed.last() != Some(&contact) {
                changed.push(contact);
            }
        }
    }
    for &id in &changed {
        rows::reindex(tx, id)?;
    }
    Ok(changed)
}

type StoredPhone = (i64, i64, String, Option<String>);

fn stored_phones(conn: &Connection, only: Option<&[i64]>) -> Result<Vec<StoredPhone>> {
    let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    let Some(ids) = only else {
        return Ok(conn
            .prepare_cached(
                "SELECT contact_id, position, number, e164 FROM contact_phones
                 ORDER BY contact_id, position",
            )?
            .query_map([], row)?
            .collect::<rusqlite::Result<_>>()?);
    };
    let mut statement = conn.prepare_cached(
        "SELECT contact_id, position, number, e164 FROM contact_phones
         WHERE contact_id = ?1 ORDER BY position",
    )?;
    let mut out = Vec::new();
    for id in ids {
        for phone in statement.query_map([id], row)? {
            out.push(phone?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
