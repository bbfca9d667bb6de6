//! The undo journal: every undoable action runs inside [`Database::undoable`],
//! and while it runs, temporary triggers on every journaled table write the
//! statement that reverses each row change (SQLite's own undo technique:
//! <https://sqlite.org/undoredo.html>). They are stored, newest first, with
//! the action, in its transaction; taking the action back runs them, so the
//! rows are exactly as they were: fields, follow-ups, promises, reminder
//! marks, "touch N of M". An import adds thousands of contacts: it stops
//! the recording while it adds them and journals each run of new ids as one
//! range delete per table ([`journal_added_contacts`]) instead of a step per
//! row written.
//!
//! Not journaled: the journal itself, the full-text index (a virtual
//! table cannot have triggers; whoever takes an entry back rebuilds the
//! index rows of the contacts it lists), the touch counts and the name
//! order's change count (their own triggers keep them as the rows are
//! taken back).

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};

/// How many actions can be taken back, newest first.
const KEPT: i64 = 50;

/// Every statement a journal entry may hold starts like one of these.
const STEP_PREFIXES: [&str; 3] = [
    "INSERT INTO main.\"",
    "UPDATE main.\"",
    "DELETE FROM main.\"",
];

/// An entry taken back: what it was, and the contacts whose rows it changed.
pub(crate) struct TakenBack {
    pub id: i64,
    pub label: String,
    pub done_at: i64,
    pub contacts: Vec<i64>,
}

fn journaled_tables(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table'
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND name NOT LIKE 'contact\\_search%' ESCAPE '\\'
               AND name NOT IN ('undo_journal', 'touch_counts', 'sync_dirty', 'sync_dirty_followups',
                                'sync_dirty_touches', 'name_order_version')
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The temporary recording tables and, for each journaled table, the three
/// triggers that write the reverse of an insert, an update and a delete.
/// Temporary: they belong to this connection, so other processes using the
/// file (the command line) pay nothing and record nothing.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    // One transaction: each statement on its own would take and check the
    // file's read lock and schema again; ninety of them were most of an open.
    let tx = conn.unchecked_transaction()?;
    let conn: &Connection = &tx;
    uninstall(conn)?;
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS undo_recording (since INTEGER NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS undo_capture (
             seq INTEGER PRIMARY KEY, contact INTEGER, upto INTEGER, step TEXT NOT NULL);",
    )?;
    for table in journaled_tables(conn)? {
        let columns: Vec<(String, bool)> = conn
            .prepare(&format!(
                "SELECT name, pk > 0 FROM pragma_table_info({})",
                quote_text(&table)
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        conn.execute_batch(&triggers(&table, &columns))?;
    }
    Ok(tx.commit()?)
}

fn quote_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Drops this connection's journal triggers (before the tables they watch
/// are replaced by a restore).
pub(crate) fn uninstall(conn: &Connection) -> Result<()> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM temp.sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER temp.{}", ident(&name)))?;
    }
    Ok(())
}

/// `'"name" = ' || quote(OLD."name")`, for the row key `row` (OLD or NEW).
fn key_match(keys: &[&str], row: &str) -> String {
    keys.iter()
        .map(|k| {
            format!(
                "{} || quote({row}.{})",
                quote_text(&format!("{} = ", ident(k))),
                ident(k)
            )
        })
        .collect::<Vec<_>>()
        .join(" || ' AND ' || ")
}

fn triggers(table: &str, columns: &[(String, bool)]) -> String {
    let t = ident(table);
    let name = |what: &str| ident(&format!("undo_{table}_{what}"));
    let mut keys: Vec<&str> = columns
        .iter()
        .filter(|c| c.1)
        .map(|c| c.0.as_str())
        .collect();
    // A table with no declared key (one a user added by hand) is still a
    // rowid table: its rowid names the row.
    if keys.is_empty() {
        keys.push("rowid");
    }
    let all: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
    // Which contact a row belongs to, so its search row can be rebuilt.
    let contact = |row: &str| match table {
        "contacts" => format!("{row}.id"),
        "contact_emails" | "contact_phones" | "contact_tags" => format!("{row}.contact_id"),
        _ => "NULL".to_owned(),
    };
    let when = "WHEN EXISTS (SELECT 1 FROM temp.undo_recording)";
    let capture = |row: &str, step: String| {
        format!(
            "INSERT INTO temp.undo_capture (contact, step) VALUES ({}, {step});",
            contact(row)
        )
    };
    let insert_back = format!(
        "{} || quote(OLD.{}) || ')'",
        quote_text(&format!(
            "INSERT INTO main.{t} ({}) VALUES (",
            all.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ")
        )),
        all.iter()
            .map(|c| ident(c))
            .collect::<Vec<_>>()
            .join(") || ', ' || quote(OLD.")
    );
    let delete_new = format!(
        "{} || {}",
        quote_text(&format!("DELETE FROM main.{t} WHERE ")),
        key_match(&keys, "NEW")
    );
    // Only the columns the update changed go back, so a later change to
    // another column (a reminder marked delivered) is kept.
    let set_changed: Vec<String> = all
        .iter()
        .map(|c| {
            format!(
                "CASE WHEN OLD.{c} IS NOT NEW.{c} THEN {} || quote(OLD.{c}) ELSE '' END",
                quote_text(&format!(", {} = ", ident(c))),
                c = ident(c)
            )
        })
        .collect();
    let update_back = format!(
        "{} || {} || ' WHERE ' || {}",
        quote_text(&format!(
            "UPDATE main.{t} SET {k} = {k}",
            k = ident(keys[0])
        )),
        set_changed.join(" || "),
        key_match(&keys, "NEW")
    );
    format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS {ins} AFTER INSERT ON main.{t} {when}
         BEGIN {c_ins} END;
         CREATE TEMP TRIGGER IF NOT EXISTS {upd} AFTER UPDATE ON main.{t} {when}
         BEGIN {c_upd} END;
         CREATE TEMP TRIGGER IF NOT EXISTS {del} AFTER DELETE ON main.{t} {when}
         BEGIN {c_del} END;",
        ins = name("insert"),
        upd = name("update"),
        del = name("delete"),
        c_ins = capture("NEW", delete_new),
        c_upd = capture("NEW", update_back),
        c_del = capture("OLD", insert_back),
    )
}

impl Database {
    /// Runs `action` in one IMMEDIATE transaction and journals how to take
    /// it back, as `label`. An action that changes nothing leaves no entry;
    /// one that fails leaves nothing at all.
    pub(crate) fn undoable<T>(
        &self,
        label: &str,
        action: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        if !self.journal_ready.get() {
            install(&self.conn)?;
            self.journal_ready.set(true);
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        tx.run("DELETE FROM temp.undo_capture", [])?;
        tx.run("INSERT INTO temp.undo_recording (since) VALUES (0)", [])?;
        let out = action(&tx)?;
        tx.run("DELETE FROM temp.undo_recording", [])?;
        let captured: Vec<(String, Option<i64>, Option<i64>)> = tx
            .prepare("SELECT step, contact, upto FROM temp.undo_capture ORDER BY seq DESC")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        tx.run("DELETE FROM temp.undo_capture", [])?;
        if !captured.is_empty() {
            let mut contacts: Vec<i64> = captured
                .iter()
                .filter_map(|(_, from, upto)| from.map(|from| from..=upto.unwrap_or(from)))
                .flatten()
                .collect();
            let steps: Vec<String> = captured.into_iter().map(|(step, ..)| step).collect();
            contacts.sort_unstable();
            contacts.dedup();
            tx.run(
                "INSERT INTO undo_journal (label, done_at, steps, contacts) VALUES (?1, ?2, ?3, ?4)",
                params![
                    label,
                    self.now().timestamp_millis(),
                    json(&steps)?,
                    json(&contacts)?
                ],
            )?;
            tx.run(
                "DELETE FROM undo_journal WHERE id <= (SELECT max(id) FROM undo_journal) - ?1",
                [KEPT],
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// Stops (`false`) or restarts (`true`) the triggers' recording inside
/// [`Database::undoable`], for an action that journals some of its changes
/// itself (with [`journal_added_contacts`]).
pub(crate) fn record(tx: &Transaction<'_>, on: bool) -> Result<()> {
    tx.run("DELETE FROM temp.undo_recording", [])?;
    if on {
        tx.run("INSERT INTO temp.undo_recording (since) VALUES (0)", [])?;
    }
    Ok(())
}

/// The tables whose rows belong to one contact and that adding contacts
/// writes, children first: the order their rows are taken back in.
const ADDED_ROWS: [(&str, &str); 6] = [
    ("followups", "contact_id"),
    ("enrolments", "contact_id"),
    ("contact_tags", "contact_id"),
    ("contact_phones", "contact_id"),
    ("contact_emails", "contact_id"),
    ("contacts", "id"),
];

/// Journals, as a handful of steps instead of one per row, that contacts
/// `first..=last` were added with their emails, phones, tags, enrolments and
/// follow-ups: taking it back deletes them all. Only for contacts that did
/// not exist before the action (new ids, nothing else refers to them), added
/// while recording was stopped; the ids must be every one in the range.
pub(crate) fn journal_added_contacts(tx: &Transaction<'_>, first: i64, last: i64) -> Result<()> {
    // Read newest first: the contacts' own row goes last.
    for (table, column) in ADDED_ROWS.iter().rev() {
        // The contacts' step names them all, for their search rows.
        let range = (*table == "contacts").then_some((first, last));
        tx.run(
            "INSERT INTO temp.undo_capture (contact, upto, step) VALUES (?1, ?2, ?3)",
            params![
                range.map(|r| r.0),
                range.map(|r| r.1),
                format!(
                    "DELETE FROM main.{} WHERE {} BETWEEN {first} AND {last}",
                    ident(table),
                    ident(column)
                )
            ],
        )?;
    }
    Ok(())
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Corrupt(format!("cannot encode: {e}")))
}

/// The newest journal entry, if any: its id, label and time.
pub(crate) fn newest(conn: &Connection) -> Result<Option<(i64, String, i64)>> {
    Ok(conn
        .row(
            "SELECT id, label, done_at FROM undo_journal ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Runs the newest entry's steps and removes it; `None` when the journal is
/// empty. The caller owns the transaction, so a failing step changes nothing.
pub(crate) fn take_back_newest(tx: &Transaction<'_>) -> Result<Option<TakenBack>> {
    let Some((id, label, done_at)) = newest(tx)? else {
        return Ok(None);
    };
    let (steps, contacts): (String, String) = tx.row(
        "SELECT steps, contacts FROM undo_journal WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let unreadable = |e: serde_json::Error| {
        CoreError::Corrupt(format!(
            "the undo journal's entry \"{label}\" is unreadable: {e}"
        ))
    };
    let steps: Vec<String> = serde_json::from_str(&steps).map_err(unreadable)?;
    let contacts: Vec<i64> = serde_json::from_str(&contacts).map_err(unreadable)?;
    for step in &steps {
        // One row change per statement, and only to this file's tables: a
        // damaged or hostile journal cannot run anything else.
        if !STEP_PREFIXES.iter().any(|p| step.starts_with(p)) {
            return Err(CoreError::Corrupt(format!(
                "the undo journal's entry \"{label}\" holds a step that is not a row change"
            )));
        }
        // Not cached: each step's text holds its own values.
        tx.execute(step, [])?;
    }
    tx.run("DELETE FROM undo_journal WHERE id = ?1", [id])?;
    Ok(Some(TakenBack {
        id,
        label,
        done_at,
        contacts,
    }))
}
