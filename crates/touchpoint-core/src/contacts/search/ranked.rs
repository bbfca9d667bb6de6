//! Search as you type, likeliest first: contacts whose name matches every
//! word typed, then those matched in name and company, then the rest (notes,
//! emails, tags…), each group by name. Each group is a full-text query of
//! its own, so counting stops early and a broad group (a one-letter search)
//! walks the name index for its first page instead of sorting every match.

use rusqlite::types::Value;

use super::{ContactPage, SUMMARY_COLUMNS, summary_row};
use crate::contacts::ContactSummary;
use crate::db::Database;
use crate::error::Result;

const BY_NAME: &str = "c.display_name COLLATE NOCASE, c.id";

/// The groups in the order shown, as FTS5 queries over `expr` (every word
/// typed, each a prefix). Each excludes the ones before, so a contact shows
/// once; together they match exactly what `expr` matches.
fn groups(expr: &str) -> [String; 3] {
    [
        format!("{{name}} : ({expr})"),
        format!("{{name company}} : ({expr}) NOT {{name}} : ({expr})"),
        format!("({expr}) NOT {{name company}} : ({expr})"),
    ]
}

/// A search with its other filters: `filters` are SQL on a contact `c`
/// whose parameters are `args` from `?2` on (`?1` is the group's query).
pub(super) struct Ranked<'a> {
    pub expr: &'a str,
    pub filters: &'a [String],
    pub args: &'a [Value],
}

impl Ranked<'_> {
    fn filter(&self) -> String {
        self.filters
            .iter()
            .map(|f| format!(" AND {f}"))
            .collect::<String>()
    }

    fn bound(&self, group: &str, tail: &[i64]) -> Vec<Value> {
        let mut args = vec![Value::Text(group.to_owned())];
        args.extend(self.args.iter().cloned());
        args.extend(tail.iter().map(|&n| Value::Integer(n)));
        args
    }

    /// How many contacts `group` holds, counting at most `cap`.
    fn count(&self, db: &Database, group: &str, cap: Option<u32>) -> Result<u32> {
        let limit = cap.map(|c| format!(" LIMIT {c}")).unwrap_or_default();
        let sql = if self.filters.is_empty() {
            format!(
                "SELECT count(*) FROM (SELECT 1 FROM contact_search
                 WHERE contact_search MATCH ?1{limit})"
            )
        } else {
            format!(
                "SELECT count(*) FROM (SELECT 1 FROM contacts c
                 JOIN contact_search s ON s.rowid = c.id
                 WHERE contact_search MATCH ?1{}{limit})",
                self.filter()
            )
        };
        Ok(db
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(self.bound(group, &[])), |r| {
                r.get(0)
            })?)
    }

    /// Up to `limit` contacts of `group` by name, after skipping `offset`.
    fn page(
        &self,
        db: &Database,
        group: &str,
        broad: bool,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ContactSummary>> {
        let n = self.args.len() + 2;
        let (from, matched) = if broad {
            // Walking the name index and keeping the matches stops after the
            // page; sorting would read every match's row first.
            (
                "contacts c INDEXED BY contacts_by_name",
                "c.id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?1)",
            )
        } else {
            (
                "contacts c JOIN contact_search s ON s.rowid = c.id",
                "contact_search MATCH ?1",
            )
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {from} WHERE {matched}{}
             ORDER BY {BY_NAME} LIMIT ?{n} OFFSET ?{}",
            self.filter(),
            n + 1
        );
        let args = self.bound(group, &[i64::from(limit), i64::from(offset)]);
        Ok(db
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(args), summary_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn list(&self, db: &Database, offset: u32, limit: u32) -> Result<ContactPage> {
        let cap = ContactPage::COUNT_LIMIT;
        let groups = groups(self.expr);
        let mut counts = Vec::with_capacity(groups.len());
        for group in &groups {
            counts.push(self.count(db, group, Some(cap + 1))?);
        }
        let counted: u32 = counts.iter().sum();
        let mut items = Vec::new();
        let mut skip = offset;
        for (group, &count) in groups.iter().zip(&counts) {
            let need = limit.saturating_sub(u32::try_from(items.len()).unwrap_or(u32::MAX));
            if need == 0 {
                break;
            }
            let broad = count > cap;
            if !broad && skip >= count {
                skip -= count;
                continue;
            }
            let mut rows = self.page(db, group, broad, need, skip)?;
            skip = if rows.is_empty() {
                // Only a broad group can be skipped past without knowing its size.
                skip.saturating_sub(self.count(db, group, None)?)
            } else {
                0
            };
            items.append(&mut rows);
        }
        let total_exact = counted <= cap;
        Ok(ContactPage {
            items,
            total: counted.min(cap),
            total_exact,
        })
    }
}

#[cfg(test)]
mod tests;
