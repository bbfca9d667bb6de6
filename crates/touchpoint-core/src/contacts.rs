//! Storing and listing contacts.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::contact::{Contact, ContactInput, ContactListQuery, ContactPage};
use crate::db::Database;
use crate::error::{CoreError, Result};

const CONTACT_COLUMNS: &str = "id, name, company, email, phone, created_at, updated_at";

impl Database {
    /// Validates and stores a new contact.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] naming the first bad field; nothing is written then.
    pub fn add_contact(&mut self, input: &ContactInput) -> Result<Contact> {
        let valid = input.validate()?;
        let now = self.now().timestamp_millis();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO contacts (name, company, email, phone, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![valid.name, valid.company, valid.email, valid.phone, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.contact(id)
    }

    /// # Errors
    /// [`CoreError::NotFound`] when no contact has this id.
    pub fn contact(&self, id: i64) -> Result<Contact> {
        self.conn
            .query_row(
                &format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?1"),
                [id],
                contact_from_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "contact",
                id,
            })
    }

    /// One page of contacts in name order; never loads the whole table.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] for a page size above [`ContactListQuery::MAX_LIMIT`].
    pub fn list_contacts(&self, query: ContactListQuery) -> Result<ContactPage> {
        if query.limit == 0 || query.limit > ContactListQuery::MAX_LIMIT {
            return Err(CoreError::invalid(
                "limit",
                format!(
                    "page size must be between 1 and {}",
                    ContactListQuery::MAX_LIMIT
                ),
            ));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts
             ORDER BY name COLLATE NOCASE, id LIMIT ?1 OFFSET ?2"
        ))?;
        let items = stmt
            .query_map(params![query.limit, query.offset], contact_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: u32 = self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        Ok(ContactPage { items, total })
    }
}

fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        name: row.get(1)?,
        company: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        created_at: instant(row.get(5)?),
        updated_at: instant(row.get(6)?),
    })
}

fn instant(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;

    use super::*;
    use crate::clock::{Clock, ManualClock};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    fn card(name: &str, email: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            company: "Northwind".into(),
            email: email.into(),
            phone: "+1 415 555 0100".into(),
        }
    }

    #[test]
    fn an_added_contact_is_stored_with_the_clock_time() {
        let clock = Arc::new(ManualClock::new(at(9, 30)));
        let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
        let added = db
            .add_contact(&card("Grace Hopper", "grace@example.com"))
            .unwrap();
        assert_eq!(added.name, "Grace Hopper");
        assert_eq!(added.company, "Northwind");
        assert_eq!(added.email.as_deref(), Some("grace@example.com"));
        assert_eq!(added.created_at, at(9, 30), "created at the injected time");
        assert_eq!(db.contact(added.id).unwrap(), added, "reads back identical");
    }

    #[test]
    fn invalid_input_writes_nothing() {
        let mut db = Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap();
        let err = db.add_contact(&card("Grace", "grace@")).unwrap_err();
        assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "email"));
        let page = db.list_contacts(ContactListQuery::default()).unwrap();
        assert_eq!(page.total, 0, "the rejected contact was not stored");
    }

    #[test]
    fn the_list_is_in_name_order_and_paged() {
        let mut db = Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap();
        for name in ["charlie", "Alice", "bob", "Dave"] {
            db.add_contact(&card(name, "")).unwrap();
        }
        let page = db
            .list_contacts(ContactListQuery {
                offset: 1,
                limit: 2,
            })
            .unwrap();
        let names: Vec<_> = page.items.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["bob", "charlie"],
            "case-insensitive order, second page"
        );
        assert_eq!(page.total, 4, "total counts every contact");
    }

    #[test]
    fn an_oversized_page_is_refused() {
        let db = Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap();
        let err = db
            .list_contacts(ContactListQuery {
                offset: 0,
                limit: ContactListQuery::MAX_LIMIT + 1,
            })
            .unwrap_err();
        assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "limit"));
    }

    #[test]
    fn an_unknown_contact_is_not_found() {
        let db = Database::open_in_memory(Arc::new(ManualClock::new(at(9, 0)))).unwrap();
        assert!(matches!(
            db.contact(42),
            Err(CoreError::NotFound {
                what: "contact",
                id: 42
            })
        ));
    }

    #[test]
    fn contacts_survive_closing_and_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("touchpoint.sqlite3");
        let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(at(9, 0)));
        let id = {
            let mut db = Database::open(&path, clock.clone()).unwrap();
            db.add_contact(&card("Katherine Johnson", "kj@example.com"))
                .unwrap()
                .id
        };
        let db = Database::open(&path, clock).unwrap();
        assert_eq!(db.contact(id).unwrap().name, "Katherine Johnson");
    }
}
