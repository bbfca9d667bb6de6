//! Search as you type, likeliest first: contacts whose name matches every
//! word typed, then those matched in name and company, then the rest (notes,
//! emails, tags…), each group by name. Each group is read from the
//! full-text index as ids; its page is taken from them by where each
//! contact comes by name (`db/name_order.rs`), so no match's row is read but
//! the page's, and a broad group (a one-letter search matches most of the
//! book) costs one pass over its ids instead of a sort of its rows.

use std::sync::PoisonError;

use rusqlite::types::Value;

use super::{ContactPage, SUMMARY_COLUMNS, summary_row};
use crate::contacts::ContactSummary;
use crate::db::Database;
use crate::error::Result;

/// The groups in the order shown, as the FTS5 queries over `expr` (every
/// word typed, each a prefix) that each widen the one before: a group is
/// what its query matches and the one before did not, so a contact shows
/// once and together they are exactly what `expr` matches. Each query is
/// read once (not again inside a NOT for the next group).
fn widening(expr: &str) -> [String; 3] {
    [
        format!("{{name}} : ({expr})"),
        format!("{{name company}} : ({expr})"),
        expr.to_owned(),
    ]
}

/// The ids of `wider` not in `narrower`, both sorted.
fn minus(wider: &[i64], narrower: &[i64]) -> Vec<i64> {
    let mut rest = narrower.iter().peekable();
    wider
        .iter()
        .copied()
        .filter(|id| {
            while rest.next_if(|&&n| n < *id).is_some() {}
            rest.peek() != Some(&id)
        })
        .collect()
}

/// A search with its other filters: `filters` are SQL on a contact `c`
/// whose parameters are `args` from `?2` on (`?1` is the group's query).
pub(super) struct Ranked<'a> {
    pub expr: &'a str,
    pub filters: &'a [String],
    pub args: &'a [Value],
}

impl Ranked<'_> {
    /// The contacts `query` matches, with the filters: from the full-text
    /// index alone when there are none.
    fn source(&self) -> String {
        let mut from = if self.filters.is_empty() {
            "contact_search WHERE contact_search MATCH ?1".to_owned()
        } else {
            "contacts c JOIN contact_search s ON s.rowid = c.id WHERE contact_search MATCH ?1"
                .to_owned()
        };
        for f in self.filters {
            from.push_str(" AND ");
            from.push_str(f);
        }
        from
    }

    fn bound(&self, query: &str) -> Vec<Value> {
        let mut args = vec![Value::Text(query.to_owned())];
        args.extend(self.args.iter().cloned());
        args
    }

    /// How many contacts `query` matches, counting at most `cap`.
    fn count(&self, db: &Database, query: &str, cap: u32) -> Result<u32> {
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM {} LIMIT {cap})",
            self.source()
        );
        Ok(db
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(self.bound(query)), |r| r.get(0))?)
    }

    /// The ids of every contact `query` matches, sorted.
    fn matches(&self, db: &Database, query: &str) -> Result<Vec<i64>> {
        let id = if self.filters.is_empty() {
            "rowid"
        } else {
            "c.id"
        };
        let sql = format!("SELECT {id} FROM {}", self.source());
        let mut ids: Vec<i64> = db
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(self.bound(query)), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The index lists its matches by rowid already; a join may not.
        if !ids.is_sorted() {
            ids.sort_unstable();
        }
        Ok(ids)
    }

    pub(super) fn list(&self, db: &Database, offset: u32, limit: u32) -> Result<ContactPage> {
        let cap = ContactPage::COUNT_LIMIT;
        // The groups share out the matches, so this is their counts' sum.
        let counted = self.count(db, self.expr, cap + 1)?;
        let mut held = db.name_order.lock().unwrap_or_else(PoisonError::into_inner);
        let order = held.refresh(&db.conn)?;
        let wide = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        let (mut skip, limit) = (wide(offset), wide(limit));
        let mut ids = Vec::with_capacity(limit);
        let mut before = Vec::new();
        for query in widening(self.expr) {
            if ids.len() == limit || (counted <= cap && skip >= wide(counted)) {
                break;
            }
            let found = self.matches(db, &query)?;
            let matches = minus(&found, &before);
            before = found;
            if skip >= matches.len() {
                skip -= matches.len();
                continue;
            }
            ids.extend(order.page(&matches, skip, limit - ids.len()));
            skip = 0;
        }
        Ok(ContactPage {
            items: in_order(db, &ids)?,
            total: counted.min(cap),
            total_exact: counted <= cap,
        })
    }
}

/// The contacts `ids` name, in that order (unknown ids are skipped).
fn in_order(db: &Database, ids: &[i64]) -> Result<Vec<ContactSummary>> {
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    Ok(db
        .conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM json_each(?1) j JOIN contacts c ON c.id = j.value
             ORDER BY j.key"
        ))?
        .query_map([ids], summary_row)?
        .collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
