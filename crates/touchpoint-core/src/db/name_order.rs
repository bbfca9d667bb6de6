//! Each contact's place in the list by name, held in memory per connection,
//! so a search takes its page from its matches' ids alone: at 100,000
//! contacts one letter matches most of the book, and reading every match's
//! row to sort it by name cost more than the whole keystroke may.
//!
//! Invariant: the places are those of `display_name COLLATE NOCASE, id`
//! as of the last change, by any connection, to a contact's name or to
//! which contacts exist. This connection's changes are counted by temporary
//! triggers (other processes pay nothing); another connection's commits
//! show in `PRAGMA data_version`, which cannot say what changed, so any of
//! them means reading the places again (one pass over the name index).

use std::collections::HashMap;

use rusqlite::Connection;

use super::Cached;
use crate::error::Result;

/// Where an id that no contact had when the places were read goes: last.
const UNPLACED: u32 = u32::MAX;

enum Places {
    /// Indexed by id: ids are rowids, dense unless most contacts were deleted.
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

#[derive(Default)]
pub(crate) struct NameOrder {
    /// The change count and `data_version` the places were read at.
    stamp: Option<(i64, i64)>,
    places: Option<Places>,
}

/// Creates this connection's change counter and the triggers that keep it;
/// run again after a restore replaced the tables (the count moves on, so
/// the places are read again).
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let bump = "UPDATE temp.name_order_changes SET n = n + 1;";
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS name_order_changes (n INTEGER NOT NULL);
         INSERT INTO temp.name_order_changes (n)
             SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.name_order_changes);
         {bump}
         CREATE TEMP TRIGGER IF NOT EXISTS name_order_insert AFTER INSERT ON main.contacts
         BEGIN {bump} END;
         CREATE TEMP TRIGGER IF NOT EXISTS name_order_delete AFTER DELETE ON main.contacts
         BEGIN {bump} END;
         CREATE TEMP TRIGGER IF NOT EXISTS name_order_rename
             AFTER UPDATE OF display_name, id ON main.contacts
             WHEN OLD.display_name IS NOT NEW.display_name OR OLD.id IS NOT NEW.id
         BEGIN {bump} END;"
    ))?;
    Ok(())
}

/// Drops the triggers (before a restore replaces the table they watch).
pub(crate) fn uninstall(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS temp.name_order_insert;
         DROP TRIGGER IF EXISTS temp.name_order_delete;
         DROP TRIGGER IF EXISTS temp.name_order_rename;",
    )?;
    Ok(())
}

fn stamp(conn: &Connection) -> Result<(i64, i64)> {
    let changes = conn.row("SELECT n FROM temp.name_order_changes", [], |r| r.get(0))?;
    let others = conn.row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((changes, others))
}

impl NameOrder {
    /// Reads the places again if a contact was added, deleted or renamed
    /// since they were read.
    pub(crate) fn refresh(&mut self, conn: &Connection) -> Result<&Self> {
        let now = stamp(conn)?;
        if self.stamp != Some(now) || self.places.is_none() {
            self.places = Some(read(conn)?);
            self.stamp = Some(now);
        }
        Ok(self)
    }

    fn place(&self, id: i64) -> u32 {
        match &self.places {
            Some(Places::Dense(places)) => usize::try_from(id)
                .ok()
                .and_then(|i| places.get(i))
                .copied()
                .unwrap_or(UNPLACED),
            Some(Places::Sparse(places)) => places.get(&id).copied().unwrap_or(UNPLACED),
            None => UNPLACED,
        }
    }

    /// The ids of `matches` from the `skip`th to the `skip + take`th in name
    /// order; only those are sorted.
    pub(crate) fn page(&self, matches: &[i64], skip: usize, take: usize) -> Vec<i64> {
        let mut placed: Vec<(u32, i64)> = matches.iter().map(|&id| (self.place(id), id)).collect();
        let end = skip.saturating_add(take).min(placed.len());
        if end < placed.len() {
            placed.select_nth_unstable(end);
            placed.truncate(end);
        }
        placed.sort_unstable();
        placed[skip.min(end)..].iter().map(|&(_, id)| id).collect()
    }
}

fn read(conn: &Connection) -> Result<Places> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM contacts ORDER BY display_name COLLATE NOCASE, id")?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let top = ids.iter().copied().max().unwrap_or(0);
    let dense = usize::try_from(top).ok().filter(|&top| {
        top <= ids.len().saturating_mul(4).saturating_add(1 << 16) && ids.iter().all(|&id| id >= 0)
    });
    let place = |i: usize| u32::try_from(i).unwrap_or(UNPLACED);
    Ok(match dense {
        Some(top) => {
            let mut places = vec![UNPLACED; top + 1];
            for (i, &id) in ids.iter().enumerate() {
                if let Ok(at) = usize::try_from(id) {
                    places[at] = place(i);
                }
            }
            Places::Dense(places)
        }
        None => Places::Sparse(
            ids.iter()
                .enumerate()
                .map(|(i, &id)| (id, place(i)))
                .collect(),
        ),
    })
}
