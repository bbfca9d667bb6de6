//! Each contact's place in the list by name, held in memory per connection,
//! so a search takes its page from its matches' ids alone: at 100,000
//! contacts one letter matches most of the book, and reading every match's
//! row to sort it by name cost more than the whole keystroke may.
//!
//! Invariant: the places are those of `display_name COLLATE NOCASE, id`
//! as of the last change, by any connection, to a contact's name or to
//! which contacts exist. Such changes move a count in the file
//! (`name_order_version`, kept by triggers: migration 21), so a commit
//! elsewhere that renamed no one (a sync, a command, the reminder runtime)
//! leaves the places as they are. The count only ever grows, across a
//! restore too ([`move_past`]), so an unchanged count means unchanged places.

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
    /// The change count the places were read at.
    stamp: Option<i64>,
    places: Option<Places>,
    /// How often the places were read, for tests to see that they were not.
    #[cfg(test)]
    reads: u64,
}

/// The file's count of changes to names and to which contacts exist.
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.row("SELECT n FROM main.name_order_version", [], |r| r.get(0))?)
}

/// Sets the count past `seen` and past what it is: after a restore brought
/// back an older count, a count another connection read places at before
/// must not come round again with other names.
pub(crate) fn move_past(conn: &Connection, seen: i64) -> Result<()> {
    conn.execute(
        "UPDATE main.name_order_version SET n = max(n, ?1) + 1",
        [seen],
    )?;
    Ok(())
}

impl NameOrder {
    /// Reads the places again if a contact was added, deleted or renamed
    /// since they were read.
    pub(crate) fn refresh(&mut self, conn: &Connection) -> Result<&Self> {
        // The count before the places: a change committed between the two
        // reads leaves places newer than their stamp, read again next time.
        let now = count(conn)?;
        if self.stamp != Some(now) || self.places.is_none() {
            self.places = Some(read(conn)?);
            self.stamp = Some(now);
            #[cfg(test)]
            {
                self.reads += 1;
            }
        }
        Ok(self)
    }

    /// Drops the places (the tables were replaced under them).
    pub(crate) fn forget(&mut self) {
        self.stamp = None;
        self.places = None;
    }

    #[cfg(test)]
    pub(crate) fn reads(&self) -> u64 {
        self.reads
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
