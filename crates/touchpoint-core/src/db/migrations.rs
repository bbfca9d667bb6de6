//! Schema migrations: an ordered list, applied in order, each atomically.
//!
//! The number of migrations applied is stored in SQLite's `user_version`.
//! Never edit or reorder a released migration: append a new one.

use std::collections::BTreeMap;
use std::ffi::c_int;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, TransactionBehavior};

use crate::error::{CoreError, Result};

mod contact_record;
mod frozen_text;

/// One schema step: SQL, then an optional backfill of values SQL cannot
/// compute (folded names, E.164 numbers), both in the same transaction.
struct Migration {
    sql: &'static str,
    backfill: Option<fn(&Connection) -> Result<()>>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("migrations/001_contacts.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/002_contact_record.sql"),
        backfill: Some(contact_record::backfill),
    },
    Migration {
        sql: include_str!("migrations/003_cadences.sql"),
        backfill: Some(
            |tx| Ok(tx.execute_batch(include_str!("migrations/003_seed_cadences.sql"))?),
        ),
    },
    Migration {
        sql: include_str!("migrations/004_reminders.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/005_followup_hour.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/006_undo_journal.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/007_touch_links.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/008_notices_sent.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/009_insights_indexes.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/010_promise_renotify.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/011_covering_indexes.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/012_touch_counts.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/013_sync.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/014_sync_dirty.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/015_sync_followups.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/016_open_followup_indexes.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/017_sync_touches.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/018_search_prefixes.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/019_sync_trusted_certificate.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/020_sync_day_marks.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("migrations/021_name_order_version.sql"),
        backfill: None,
    },
];

/// The schema version this build writes and understands.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations, never 2^63
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn stored_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Fails, without writing anything, when the file comes from a newer build.
pub(crate) fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = stored_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    // Stamped before any migration, so a file that a migration of this or a
    // later build touched always says whose it is.
    super::ownership::stamp(conn)?;
    apply(conn, MIGRATIONS)
}

/// [`migrate`] for a new private in-memory database (tests, previews): a
/// copy of one migrated once per process, since running every migration
/// again was most of the time such a database took to make.
pub(crate) fn migrate_private(conn: &mut Connection) -> Result<()> {
    static TEMPLATE: Mutex<Option<Connection>> = Mutex::new(None);
    // A panic while migrating leaves no template behind, so a poisoned lock
    // holds either none or a whole one.
    let mut template = TEMPLATE.lock().unwrap_or_else(PoisonError::into_inner);
    let template = match template.take() {
        Some(made) => template.insert(made),
        None => {
            let mut made = Connection::open_in_memory()?;
            migrate(&mut made)?;
            template.insert(made)
        }
    };
    Backup::new(template, conn)?.run_to_completion(c_int::MAX, Duration::ZERO, None)?;
    Ok(())
}

/// The tables the first `version` migrations make, each with its columns:
/// what a Touchpoint file of that version holds at the least.
///
/// Kept per version for the process: it builds a database in memory, and every
/// open asks it, so it was most of the time to open a file.
pub(crate) fn tables_at(version: i64) -> Result<Arc<Tables>> {
    static KNOWN: Mutex<BTreeMap<i64, Arc<Tables>>> = Mutex::new(BTreeMap::new());
    // A panic cannot leave a half-inserted entry, so a poisoned map is sound.
    let known = || KNOWN.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(tables) = known().get(&version) {
        return Ok(Arc::clone(tables));
    }
    let tables = Arc::new(read_tables_at(version)?);
    known().insert(version, Arc::clone(&tables));
    Ok(tables)
}

/// Each table with its columns, in name and column order.
pub(crate) type Tables = Vec<(String, Vec<String>)>;

fn read_tables_at(version: i64) -> Result<Tables> {
    let mut conn = Connection::open_in_memory()?;
    let applied = usize::try_from(version).unwrap_or(0).min(MIGRATIONS.len());
    apply(&mut conn, &MIGRATIONS[..applied])?;
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid",
    )?;
    let mut tables: Tables = Vec::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (table, column) = row?;
        match tables.last_mut() {
            Some((name, columns)) if *name == table => columns.push(column),
            _ => tables.push((table, vec![column])),
        }
    }
    Ok(tables)
}

fn apply(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let latest = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    if stored_version(conn)? == latest {
        // Versions only grow, so a file read as current stays current: no
        // write lock is needed to find there is nothing to do.
        return Ok(());
    }
    // IMMEDIATE takes the write lock before reading the version, so two
    // processes opening the same file cannot both apply a migration.
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = stored_version(&tx)?;
    if current > latest {
        return Err(CoreError::DatabaseTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    // Each migration is a savepoint of one transaction: one that fails is
    // undone alone and the ones before it are kept, as with a transaction
    // each, but a new file is made with one commit (one sync to disk)
    // instead of one per migration.
    let mut failed = None;
    for (index, migration) in migrations.iter().enumerate() {
        let target = i64::try_from(index + 1).unwrap_or(i64::MAX);
        if current >= target {
            continue;
        }
        let step = tx.savepoint()?;
        let applied = step
            .execute_batch(migration.sql)
            .map_err(CoreError::from)
            .and_then(|()| {
                migration
                    .backfill
                    .map_or(Ok(()), |backfill| backfill(&step))
            })
            .and_then(|()| Ok(step.pragma_update(None, "user_version", target)?));
        match applied {
            Ok(()) => step.commit()?,
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    tx.commit()?;
    failed.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests;
