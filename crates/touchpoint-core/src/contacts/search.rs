//! The contact list: search as you type, filters and sorting, one page at a time.
//!
//! Search uses the FTS5 index with prefix matching on every word typed, so
//! "ada lov" finds "Ada Lovelace" and "415 55" finds "+1 (415) 555-0100".
//! Only the requested page is read; the total is counted in SQL. Sorted by
//! name (the default), a search lists the likeliest contacts first (see
//! `search/ranked.rs`).

use chrono::Duration;
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::ContactSummary;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::stage::Stage;
use crate::time::instant;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    #[default]
    Name,
    Company,
    /// Most recently added first.
    Newest,
    /// Longest without a touch first (never touched at the top).
    LastTouch,
}

/// Lists that need the user's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    /// Open contacts (not lost, not do-not-contact) with no next step scheduled.
    NoNextStep,
    /// Prospects touched 1 to 3 times with nothing scheduled: most sales
    /// come on the 5th to 12th touch.
    GaveUpEarly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactQuery {
    /// Words to find in names, companies, titles, emails, phones, notes and tags.
    pub search: String,
    pub stage: Option<Stage>,
    pub tag: Option<String>,
    /// Only contacts with no touch in this many days (or never touched).
    pub untouched_days: Option<u32>,
    pub attention: Option<Attention>,
    pub sort: ContactSort,
    pub offset: u32,
    pub limit: u32,
}

impl ContactQuery {
    pub const MAX_LIMIT: u32 = 500;
}

impl Default for ContactQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            stage: None,
            tag: None,
            untouched_days: None,
            attention: None,
            sort: ContactSort::Name,
            offset: 0,
            limit: 100,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    pub items: Vec<ContactSummary>,
    /// How many contacts match in all, not only on this page; counting stops
    /// at [`ContactPage::COUNT_LIMIT`] when searching (see `total_exact`).
    pub total: u32,
    /// False when `total` stopped at the limit: "1,000+ matches".
    pub total_exact: bool,
}

impl ContactPage {
    /// Counting every match of a one-letter search costs more than the whole
    /// page; past this many, "1,000+" is all the user needs.
    pub const COUNT_LIMIT: u32 = 1000;
}

const SUMMARY_COLUMNS: &str = "c.id, c.display_name, c.company, c.title, c.stage, c.last_touch_at,
    (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY position LIMIT 1),
    (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
    (SELECT group_concat(tag, char(31)) FROM
        (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY position)),
    (SELECT min(due_at) FROM followups WHERE contact_id = c.id AND status = 'open')";

fn summary_row(r: &Row<'_>) -> rusqlite::Result<ContactSummary> {
    let tags: Option<String> = r.get(8)?;
    Ok(ContactSummary {
        id: r.get(0)?,
        display_name: r.get(1)?,
        company: r.get(2)?,
        title: r.get(3)?,
        stage: r.get(4)?,
        last_touch_at: r.get::<_, Option<i64>>(5)?.map(instant).transpose()?,
        email: r.get(6)?,
        phone: r.get(7)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
        next_due_at: r.get::<_, Option<i64>>(9)?.map(instant).transpose()?,
    })
}

pub(crate) fn summary(conn: &Connection, id: i64) -> Result<ContactSummary> {
    conn.query_row(
        &format!("SELECT {SUMMARY_COLUMNS} FROM contacts c WHERE c.id = ?1"),
        [id],
        summary_row,
    )
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => CoreError::NotFound {
            what: "contact",
            id,
        },
        other => other.into(),
    })
}

/// A contact `c` with nothing scheduled next (a promised callback aside);
/// a macro so [`GAVE_UP_EARLY`] is built from the same text. The partial
/// index holds exactly these rows (the planner otherwise reads every open
/// follow-up's row to check its kind: twice the time at 100,000 contacts).
macro_rules! no_next_step {
    () => {
        "NOT EXISTS (SELECT 1 FROM followups f INDEXED BY followups_one_next_step
         WHERE f.contact_id = c.id AND f.status = 'open' AND f.kind <> 'promise')"
    };
}

pub(crate) const NO_NEXT_STEP: &str = no_next_step!();

/// [`Attention::GaveUpEarly`] as SQL on a contact `c`: Insights counts the
/// same list.
pub(crate) const GAVE_UP_EARLY: &str = concat!(
    "c.stage = 'prospect' AND ",
    no_next_step!(),
    " AND (SELECT count(*) FROM touches t WHERE t.contact_id = c.id) BETWEEN 1 AND 3"
);

/// The contacts `ids` name (unknown ids are skipped), by name.
pub(crate) fn summaries(conn: &Connection, ids: &[i64]) -> Result<Vec<ContactSummary>> {
    let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM contacts c
             WHERE c.id IN (SELECT value FROM json_each(?1))
             ORDER BY c.display_name COLLATE NOCASE, c.id"
        ))?
        .query_map([ids], summary_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Turns what the user typed into an FTS5 query: every word a prefix, all required.
/// Quotes keep FTS5 syntax characters typed by the user from meaning anything.
fn match_expression(search: &str) -> Option<String> {
    let words: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Database {
    /// One page of contacts matching `query`; never loads the whole table.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for a page size above [`ContactQuery::MAX_LIMIT`]
    /// or a search longer than 200 characters.
    pub fn list_contacts(&self, query: &ContactQuery) -> Result<ContactPage> {
        if query.limit == 0 || query.limit > ContactQuery::MAX_LIMIT {
            return Err(CoreError::invalid(
                "limit",
                format!(
                    "page size must be between 1 and {}",
                    ContactQuery::MAX_LIMIT
                ),
            ));
        }
        if query.search.chars().count() > 200 {
            return Err(CoreError::invalid(
                "search",
                "Search is too long (at most 200 characters)",
            ));
        }
        let mut from = String::from(" FROM contacts c");
        let mut filters: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let expr = match_expression(&query.search);
        if let Some(expr) = &expr {
            from.push_str(" JOIN contact_search s ON s.rowid = c.id");
            args.push(Value::Text(expr.clone()));
            filters.push(format!("contact_search MATCH ?{}", args.len()));
        }
        if let Some(stage) = query.stage {
            args.push(Value::from(stage.as_str().to_owned()));
            filters.push(format!("c.stage = ?{}", args.len()));
        }
        if let Some(tag) = query
            .tag
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            args.push(Value::Text(tag.to_owned()));
            filters.push(format!(
                "c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?{})",
                args.len()
            ));
        }
        if let Some(days) = query.untouched_days {
            // More days than the calendar holds: no stored touch is that old,
            // so only the never touched remain.
            let cutoff = Duration::try_days(i64::from(days))
                .and_then(|span| self.now().checked_sub_signed(span))
                .map_or(i64::MIN, |at| at.timestamp_millis());
            args.push(Value::Integer(cutoff));
            filters.push(format!(
                "(c.last_touch_at IS NULL OR c.last_touch_at < ?{})",
                args.len()
            ));
        }
        match query.attention {
            Some(Attention::NoNextStep) => filters.push(format!(
                "c.stage IN ('prospect', 'customer', 'past_customer') AND {NO_NEXT_STEP}"
            )),
            Some(Attention::GaveUpEarly) => filters.push(GAVE_UP_EARLY.to_owned()),
            None => {}
        }
        if let (Some(expr), ContactSort::Name) = (&expr, query.sort) {
            // Search as you type: the likeliest contacts first.
            return ranked::Ranked {
                expr,
                filters: &filters[1..],
                args: &args[1..],
            }
            .list(self, query.offset, query.limit);
        }
        let filter = if filters.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", filters.join(" AND "))
        };
        let order = match query.sort {
            ContactSort::Name => "c.display_name COLLATE NOCASE, c.id",
            ContactSort::Company => {
                "c.company = '', c.company COLLATE NOCASE, c.display_name COLLATE NOCASE, c.id"
            }
            ContactSort::Newest => "c.created_at DESC, c.id DESC",
            ContactSort::LastTouch => {
                "coalesce(c.last_touch_at, 0), c.display_name COLLATE NOCASE, c.id"
            }
        };
        let count_sql = if filters.is_empty() {
            format!("SELECT count(*){from}")
        } else {
            format!(
                "SELECT count(*) FROM (SELECT 1{from}{filter} LIMIT {})",
                ContactPage::COUNT_LIMIT + 1
            )
        };
        let counted: u32 =
            self.conn
                .query_row(&count_sql, rusqlite::params_from_iter(args.iter()), |r| {
                    r.get(0)
                })?;
        let total_exact = filters.is_empty() || counted <= ContactPage::COUNT_LIMIT;
        let total = counted.min(if total_exact {
            u32::MAX
        } else {
            ContactPage::COUNT_LIMIT
        });
        let mut page_args = args;
        page_args.push(Value::Integer(i64::from(query.limit)));
        page_args.push(Value::Integer(i64::from(query.offset)));
        let n = page_args.len();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}{from}{filter} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
            n - 1
        );
        let items = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(page_args.iter()), summary_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ContactPage {
            items,
            total,
            total_exact,
        })
    }

    /// The one contact `reference` names, as typed to a command: its id, or
    /// words that find exactly that contact. Unlike the list, where an empty
    /// search box lists everyone, a reference with no letter or digit in it
    /// (`""`, `"*"`, `"%"`) names nobody: acting on "everyone's first" would
    /// log a touch against a contact the user never named.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] on the field `contact` when `reference` has no
    /// word in it, when no contact matches, or when several do (the message
    /// names up to five, with their ids); and as [`Database::list_contacts`].
    pub fn find_contact(&self, reference: &str) -> Result<ContactSummary> {
        if match_expression(reference).is_none() {
            return Err(CoreError::invalid(
                "contact",
                "Say which contact: a name, email, phone or id",
            ));
        }
        // A number that is no contact's id may still be part of a phone number.
        if let Ok(id) = reference.trim().parse::<i64>()
            && let Ok(contact) = summary(&self.conn, id)
        {
            return Ok(contact);
        }
        let shown = 5;
        let page = self.list_contacts(&ContactQuery {
            search: reference.to_owned(),
            limit: shown + 1,
            ..ContactQuery::default()
        })?;
        let reference = reference.trim();
        match <[ContactSummary; 1]>::try_from(page.items) {
            Ok([one]) => Ok(one),
            Err(none) if none.is_empty() => Err(CoreError::invalid(
                "contact",
                format!("No contact matches \"{reference}\""),
            )),
            Err(many) => {
                let mut names: Vec<String> = many
                    .iter()
                    .take(shown as usize)
                    .map(|c| format!("{} ({})", c.display_name, c.id))
                    .collect();
                if many.len() > shown as usize {
                    names.push("…".to_owned());
                }
                Err(CoreError::invalid(
                    "contact",
                    format!(
                        "\"{reference}\" matches several contacts; use the id: {}",
                        names.join(", ")
                    ),
                ))
            }
        }
    }

    /// # Errors
    /// Only if SQLite fails.
    pub fn contact_count(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?)
    }

    /// Every tag in use, for the filter menu, most used first.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn contact_tags(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT tag FROM contact_tags GROUP BY tag COLLATE NOCASE
                 ORDER BY count(*) DESC, tag COLLATE NOCASE LIMIT 200",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

mod ranked;

#[cfg(test)]
mod name_order_tests;
#[cfg(test)]
mod tests;
