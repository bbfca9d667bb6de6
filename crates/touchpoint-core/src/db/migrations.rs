//! Schema migrations: an ordered list, applied in order, each atomically.
//!
//! The number of migrations applied is stored in SQLite's `user_version`.
//! Never edit or reorder a released migration: append a new one.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{CoreError, Result};

mod contact_record;
mod frozen_text;

/// One schema step: SQL, then an optional backfill of values SQL cannot
/// compute (folded names, E.164 numbers), both in the same transaction.
struct Migration {
    sql: &'static str,
    backfill: Option<fn(&Transaction<'_>) -> Result<()>>,
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

/// The tables the first `version` migrations make, each with its columns:
/// what a Touchpoint file of that version holds at the least.
pub(crate) fn tables_at(version: i64) -> Result<Vec<(String, Vec<String>)>> {
    let mut conn = Connection::open_in_memory()?;
    let applied = usize::try_from(version).unwrap_or(0).min(MIGRATIONS.len());
    apply(&mut conn, &MIGRATIONS[..applied])?;
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid",
    )?;
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
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
    for (index, migration) in migrations.iter().enumerate() {
        let target = i64::try_from(index + 1).unwrap_or(i64::MAX);
        // IMMEDIATE takes the write lock before reading the version, so two
        // processes opening the same file cannot both apply a migration.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = stored_version(&tx)?;
        if current > i64::try_from(migrations.len()).unwrap_or(i64::MAX) {
            return Err(CoreError::DatabaseTooNew {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        if current >= target {
            continue;
        }
        tx.execute_batch(migration.sql)?;
        if let Some(backfill) = migration.backfill {
            backfill(&tx)?;
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
