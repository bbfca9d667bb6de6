//! Rows for one table collected and inserted many per statement: an import
//! of 100,000 cards as one statement per row and table spent more on
//! starting, journaling and ending statements (SQLite copies every page a
//! statement touches into a statement journal when triggers or foreign keys
//! could abort it) than on the rows. The rows go in in the order they were
//! pushed, with the values single-row statements would have bound, so the
//! table, its ids (chosen as a single-row insert would choose them), indexes
//! and triggers end up as they would have.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{ToSql, Transaction, params_from_iter};

use crate::error::{CoreError, Result};

/// Rows per statement. Measured with callgrind on 5,000 cards: 32 rows cost
/// fewer instructions than 4 or than as many as the parameters allow (a
/// statement of hundreds of rows costs more to compile and, with triggers
/// on the table, goes through a temporary table).
const ROWS_PER_STATEMENT: usize = 32;

pub(crate) struct Batch {
    /// `INSERT INTO table (columns) VALUES`.
    head: &'static str,
    /// One row's values: `?`s for what is pushed, then SQL expressions
    /// for the columns every row computes the same way (a random UID).
    row: String,
    width: usize,
    values: Vec<Value>,
}

impl Batch {
    /// Rows of `width` pushed values each, for `head`
    /// (`INSERT INTO t (a, b, uid) VALUES`), with `computed` SQL after the
    /// pushed values in each row (`, lower(hex(randomblob(16)))`, or empty).
    pub(crate) fn new(head: &'static str, width: usize, computed: &str) -> Self {
        let marks = vec!["?"; width].join(", ");
        Self {
            head,
            row: format!("({marks}{computed})"),
            width,
            values: Vec::new(),
        }
    }

    /// Adds one row: exactly `width` values, as they would be bound.
    pub(crate) fn push(&mut self, row: &[&dyn ToSql]) -> Result<()> {
        debug_assert_eq!(row.len(), self.width, "a row of {}", self.head);
        for value in row {
            self.values.push(match value.to_sql()? {
                ToSqlOutput::Borrowed(v) => match v {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(i) => Value::Integer(i),
                    ValueRef::Real(r) => Value::Real(r),
                    ValueRef::Text(t) => Value::Text(
                        String::from_utf8(t.to_vec())
                            .map_err(|e| CoreError::Corrupt(e.to_string()))?,
                    ),
                    ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                },
                ToSqlOutput::Owned(v) => v,
                _ => {
                    return Err(CoreError::Corrupt(format!(
                        "a value of another kind for {}",
                        self.head
                    )));
                }
            });
        }
        Ok(())
    }

    fn sql(&self, rows: usize) -> String {
        format!("{} {}", self.head, vec![self.row.as_str(); rows].join(", "))
    }

    /// Inserts the rows pushed so far, in order, and forgets them.
    pub(crate) fn write(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let mut chunks = self.values.chunks_exact(ROWS_PER_STATEMENT * self.width);
        if chunks.len() > 0 {
            let mut many = tx.prepare_cached(&self.sql(ROWS_PER_STATEMENT))?;
            for chunk in chunks.by_ref() {
                many.execute(params_from_iter(chunk))?;
            }
        }
        let rest = chunks.remainder();
        match rest.len() / self.width {
            0 => {}
            1 => {
                tx.prepare_cached(&self.sql(1))?
                    .execute(params_from_iter(rest))?;
            }
            // Compiled for this write only: the remainder's size varies.
            n => {
                tx.prepare(&self.sql(n))?.execute(params_from_iter(rest))?;
            }
        }
        self.values.clear();
        Ok(())
    }
}
