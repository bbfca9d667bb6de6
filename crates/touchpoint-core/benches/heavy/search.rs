//! Search as you type on the heavy book: a name typed letter by letter,
//! a word common in notes, a company word and a phone prefix. Each
//! keystroke's page must be the floor's, row for row.

use touchpoint_core::{ContactQuery, Database};

use crate::floor::Floor;
use crate::measure::{Line, sample, sample_after};

const KEYSTROKES: [&str; 18] = [
    "m",
    "ma",
    "mar",
    "mari",
    "maria",
    "maria g",
    "maria go",
    "maria gon",
    "n",
    "no",
    "nor",
    "north",
    "p",
    "pr",
    "pricing",
    "4",
    "41",
    "415",
];

fn expression(search: &str) -> String {
    search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn query(search: &str) -> ContactQuery {
    ContactQuery {
        search: search.into(),
        ..ContactQuery::default()
    }
}

/// The keystrokes together, then (with `each`) one line per keystroke.
pub fn lines(db: &Database, floor: &Floor, runs: usize, each: bool) -> Vec<Line> {
    let queries: Vec<ContactQuery> = KEYSTROKES.iter().map(|s| query(s)).collect();
    let expressions: Vec<String> = KEYSTROKES.iter().map(|s| expression(s)).collect();
    for (q, e) in queries.iter().zip(&expressions) {
        let core: Vec<i64> = db
            .list_contacts(q)
            .unwrap()
            .items
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(core, floor.search(e), "{:?}: the floor's rows", q.search);
    }
    let per = runs.min(20);
    let n = queries.len();
    let mut lines = vec![Line {
        what: "search per keystroke".into(),
        rows: format!("{n} keystrokes"),
        core: sample(per * n, |i| db.list_contacts(&queries[i % n]).unwrap()),
        floor: sample(per * n, |i| floor.search(&expressions[i % n])),
        goal: "≤ 16 ms",
    }];
    // Another connection's commit (the reminder runtime, a command, sync)
    // that renames no one leaves the core's places by name as they are; a
    // rename makes the first keystroke after it read them all again.
    let touched = "UPDATE contacts SET updated_at = updated_at WHERE id = 1";
    let renamed = "UPDATE contacts SET display_name = CASE WHEN display_name GLOB '*.'
                   THEN substr(display_name, 1, length(display_name) - 1)
                   ELSE display_name || '.' END WHERE id = 1";
    floor
        .conn
        .pragma_update(None, "synchronous", "OFF")
        .unwrap();
    for (what, sql) in [("a commit", touched), ("a rename", renamed)] {
        // The write is another process's, so it is not timed.
        let write = |_| floor.conn.execute(sql, []).unwrap();
        lines.push(Line {
            what: format!("  search {:?} after {what} elsewhere", KEYSTROKES[0]),
            rows: "100 of 1000+".into(),
            core: sample_after(per, write, |_| db.list_contacts(&queries[0]).unwrap()),
            floor: sample_after(per, write, |_| floor.search(&expressions[0])),
            goal: "≤ 16 ms",
        });
    }
    floor
        .conn
        .pragma_update(None, "synchronous", "FULL")
        .unwrap();
    if each {
        for (q, e) in queries.iter().zip(&expressions) {
            let page = db.list_contacts(q).unwrap();
            let total = if page.total_exact {
                page.total.to_string()
            } else {
                format!("{}+", page.total)
            };
            lines.push(Line {
                what: format!("  search {:?}", q.search),
                rows: format!("{} of {total}", page.items.len()),
                core: sample(per, |_| db.list_contacts(q).unwrap()),
                floor: sample(per, |_| floor.search(e)),
                goal: "≤ 16 ms",
            });
        }
    }
    lines
}
