//! The floor of search as you type: the plain SQL for the page the core
//! returns, likeliest first (name matches, then name-or-company matches,
//! then the rest, each group by name, the same FTS5 queries the core's
//! groups are), with the count the core gives (matches up to 1,001).

use super::{Floor, SUMMARY, summary};

/// The groups of `expression` in the order shown; each leaves out the ones
/// before, so together they match what `expression` matches.
fn groups(expression: &str) -> [String; 3] {
    [
        format!("{{name}} : ({expression})"),
        format!("{{name company}} : ({expression}) NOT {{name}} : ({expression})"),
        format!("({expression}) NOT {{name company}} : ({expression})"),
    ]
}

/// One group's first 100 ids by name: its matches joined to their
/// contacts and sorted, as SQLite plans it.
macro_rules! group {
    ($n:literal) => {
        concat!(
            "SELECT id FROM (SELECT c.id FROM contact_search s JOIN contacts c ON c.id = s.rowid
             WHERE contact_search MATCH ?",
            $n,
            " ORDER BY c.display_name COLLATE NOCASE, c.id LIMIT 100)"
        )
    };
}

impl Floor {
    /// The count and the first page, as ids in the order shown. A group
    /// is read only while the page is not full (the compound stops at the
    /// outer LIMIT).
    pub fn search(&self, expression: &str) -> Vec<i64> {
        let _count: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM contact_search WHERE contact_search MATCH ?1 LIMIT 1001)",
            )
            .unwrap()
            .query_row([expression], |r| r.get(0))
            .unwrap();
        let [a, b, c] = groups(expression);
        self.conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY} FROM (SELECT id FROM ({} UNION ALL {} UNION ALL {}) LIMIT 100) m
                 JOIN contacts c ON c.id = m.id",
                group!(1),
                group!(2),
                group!(3)
            ))
            .unwrap()
            .query_map([a, b, c], summary)
            .unwrap()
            .map(|r| r.unwrap().0)
            .collect()
    }
}
