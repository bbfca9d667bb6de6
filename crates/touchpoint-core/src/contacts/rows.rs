//! The rows that hold a contact: the contact row, its emails, phones and
//! tags in order, its folded name key and its search row, always written
//! together (the caller owns the transaction) and read back as a
//! [`Contact`].

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, Transaction, params};
use serde::Serialize;

use crate::contacts::{Contact, ContactFields, Email, Phone, phone, text_key};
use crate::db::{Batch, Cached};
use crate::error::{CoreError, Result};
use crate::time::instant;

/// Every column a form writes, as `?2` to `?20` (`?1` is the id, `?20`
/// the time of the change), for the insert and the update alike.
fn with_fields<T>(
    id: Option<i64>,
    f: &ContactFields,
    now: DateTime<Utc>,
    run: impl FnOnce(&[&dyn ToSql]) -> Result<T>,
) -> Result<T> {
    let (address, profiles) = (json(&f.address)?, json(&f.profiles)?);
    let (channels, best_times) = (json(&f.preferred_channels)?, json(&f.best_times)?);
    let met_on = f.met_on.map(|d| d.format("%Y-%m-%d").to_string());
    let (at, key) = (
        now.timestamp_millis(),
        text_key::name_company_key(&f.display_name, &f.company),
    );
    run(&[
        &id,
        &f.display_name,
        &f.given_name,
        &f.family_name,
        &f.title,
        &f.company,
        &f.website,
        &address,
        &profiles,
        &f.met_where,
        &met_on,
        &f.notes,
        &f.stage,
        &f.referred_by,
        &channels,
        &f.preferred_every_days,
        &best_times,
        &f.time_zone,
        &f.birthday,
        &at,
        &key,
    ])
}

/// Inserts already-normalised fields; the caller owns the transaction.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    fields: &ContactFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = insert_unindexed(tx, fields, now)?;
    add_search_rows(tx, &[search_row(id, fields)])?;
    Ok(id)
}

/// [`insert`] without the search row, which the caller adds (an import
/// adds all of its rows at once). One statement for the row, its key and
/// its UID included: each further change of a new row would also be
/// journaled for undo, in full.
pub(crate) fn insert_unindexed(
    tx: &Transaction<'_>,
    fields: &ContactFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    with_fields(None, fields, now, |p| {
        tx.prepare_cached(
            "INSERT INTO contacts (id,
                display_name, given_name, family_name, title, company, website, address,
                profiles, met_where, met_on, notes, stage, referred_by, preferred_channels,
                preferred_every_days, best_times, time_zone, birthday, created_at, updated_at,
                name_key, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?20, ?21, lower(hex(randomblob(16))))",
        )?
        .execute(p)?;
        Ok(())
    })?;
    let id = tx.last_insert_rowid();
    add_children(tx, id, fields)?;
    Ok(id)
}

/// New contacts with their emails, phones and tags, collected to be written
/// many rows per statement ([`Batch`]); their ids are chosen by the caller.
pub(crate) struct NewContacts {
    contacts: Batch,
    emails: Batch,
    phones: Batch,
    tags: Batch,
}

impl Default for NewContacts {
    fn default() -> Self {
        Self {
            contacts: Batch::new(
                "INSERT INTO contacts (id,
                    display_name, given_name, family_name, title, company, website, address,
                    profiles, met_where, met_on, notes, stage, referred_by, preferred_channels,
                    preferred_every_days, best_times, time_zone, birthday, created_at, updated_at,
                    name_key, uid) VALUES",
                22,
                ", lower(hex(randomblob(16)))",
            ),
            emails: Batch::new(
                "INSERT INTO contact_emails (contact_id, position, label, address, address_key) VALUES",
                5,
                "",
            ),
            phones: Batch::new(
                "INSERT INTO contact_phones (contact_id, position, label, number, e164) VALUES",
                5,
                "",
            ),
            tags: Batch::new(
                "INSERT INTO contact_tags (contact_id, position, tag) VALUES",
                3,
                "",
            ),
        }
    }
}

impl NewContacts {
    /// What [`insert_unindexed`] writes for contact `id`, to be written by [`NewContacts::write`].
    pub(crate) fn add(&mut self, id: i64, f: &ContactFields, now: DateTime<Utc>) -> Result<()> {
        with_fields(Some(id), f, now, |p| {
            let mut row = p.to_vec();
            // created_at and updated_at are both the time of the change.
            row.insert(20, p[19]);
            self.contacts.push(&row)
        })?;
        for (i, e) in (0_i64..).zip(&f.emails) {
            let key = e.address.to_lowercase();
            self.emails.push(params![id, i, e.label, e.address, key])?;
        }
        for (i, p) in (0_i64..).zip(&f.phones) {
            self.phones
                .push(params![id, i, p.label, p.number, p.e164])?;
        }
        for (i, t) in (0_i64..).zip(&f.tags) {
            self.tags.push(params![id, i, t])?;
        }
        Ok(())
    }

    /// Writes the contacts added so far, then their emails, phones and tags.
    pub(crate) fn write(&mut self, tx: &Transaction<'_>) -> Result<()> {
        self.contacts.write(tx)?;
        self.emails.write(tx)?;
        self.phones.write(tx)?;
        self.tags.write(tx)
    }
}

/// Writes every field of contact `id`, its child rows and its index entries.
pub(crate) fn write(
    tx: &Transaction<'_>,
    id: i64,
    f: &ContactFields,
    now: DateTime<Utc>,
) -> Result<()> {
    with_fields(Some(id), f, now, |p| {
        tx.prepare_cached(
            "UPDATE contacts SET
                display_name = ?2, given_name = ?3, family_name = ?4, title = ?5, company = ?6,
                website = ?7, address = ?8, profiles = ?9, met_where = ?10, met_on = ?11,
                notes = ?12, stage = ?13, referred_by = ?14, preferred_channels = ?15,
                preferred_every_days = ?16, best_times = ?17, time_zone = ?18, birthday = ?19,
                updated_at = ?20, name_key = ?21
             WHERE id = ?1",
        )?
        .execute(p)?;
        Ok(())
    })?;
    for table in ["contact_emails", "contact_phones", "contact_tags"] {
        tx.run(&format!("DELETE FROM {table} WHERE contact_id = ?1"), [id])?;
    }
    add_children(tx, id, f)?;
    tx.run("DELETE FROM contact_search WHERE rowid = ?1", [id])?;
    add_search_rows(tx, &[search_row(id, f)])
}

/// The emails, phones and tags of contact `id`, which has none yet.
fn add_children(tx: &Transaction<'_>, id: i64, f: &ContactFields) -> Result<()> {
    let mut add_email = tx.prepare_cached(
        "INSERT INTO contact_emails (contact_id, position, label, address, address_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, e) in (0_i64..).zip(&f.emails) {
        add_email.execute(params![id, i, e.label, e.address, e.address.to_lowercase()])?;
    }
    let mut add_phone = tx.prepare_cached(
        "INSERT INTO contact_phones (contact_id, position, label, number, e164)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in (0_i64..).zip(&f.phones) {
        add_phone.execute(params![id, i, p.label, p.number, p.e164])?;
    }
    let mut add_tag = tx.prepare_cached(
        "INSERT INTO contact_tags (contact_id, position, tag) VALUES (?1, ?2, ?3)",
    )?;
    for (i, t) in (0_i64..).zip(&f.tags) {
        add_tag.execute(params![id, i, t])?;
    }
    Ok(())
}

/// Rebuilds the search row of contact `id` from what is stored (the undo
/// journal does not keep the full-text index); removes it when the contact
/// is gone.
pub(crate) fn reindex(tx: &Transaction<'_>, id: i64) -> Result<()> {
    match read(tx, id)? {
        Some(contact) => index(tx, id, &contact.fields),
        None => {
            tx.run("DELETE FROM contact_search WHERE rowid = ?1", [id])?;
            Ok(())
        }
    }
}

/// The folded name key and the search row of contact `id`.
fn index(tx: &Transaction<'_>, id: i64, f: &ContactFields) -> Result<()> {
    tx.run(
        "UPDATE contacts SET name_key = ?2 WHERE id = ?1",
        params![id, text_key::name_company_key(&f.display_name, &f.company)],
    )?;
    tx.run("DELETE FROM contact_search WHERE rowid = ?1", [id])?;
    add_search_rows(tx, &[search_row(id, f)])
}

/// What the full-text index holds for one contact: its id, then the text of
/// each column (name, company, title, emails, phones, notes, tags).
pub(crate) struct SearchRow(i64, [String; 7]);

/// The search row of contact `id` with fields `f`.
pub(crate) fn search_row(id: i64, f: &ContactFields) -> SearchRow {
    let name = format!("{} {} {}", f.display_name, f.given_name, f.family_name);
    let emails: Vec<&str> = f.emails.iter().map(|e| e.address.as_str()).collect();
    let phones: Vec<String> = f
        .phones
        .iter()
        .flat_map(|p| {
            let mut tokens = vec![p.number.clone(), phone::digits(&p.number)];
            if let Some(e164) = &p.e164 {
                tokens.push(phone::digits(e164));
                tokens.extend(phone::national_digits(e164));
            }
            tokens
        })
        .collect();
    let notes = format!("{}\n{}", f.notes, f.met_where);
    SearchRow(
        id,
        [
            name,
            f.company.clone(),
            f.title.clone(),
            emails.join(" "),
            phones.join(" "),
            notes,
            f.tags.join(" "),
        ],
    )
}

/// Adds the search rows of contacts that have none. One row per statement:
/// a statement of several rows opens a savepoint, and at each savepoint the
/// full-text index writes out what it holds in memory, in many small
/// segments that it then has to merge.
pub(crate) fn add_search_rows(tx: &Transaction<'_>, rows: &[SearchRow]) -> Result<()> {
    let mut add = tx.prepare_cached(
        "INSERT INTO contact_search (rowid, name, company, title, emails, phones, notes, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for SearchRow(id, [name, company, title, emails, phones, notes, tags]) in rows {
        add.execute(params![
            id, name, company, title, emails, phones, notes, tags
        ])?;
    }
    Ok(())
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Corrupt(format!("cannot encode: {e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(id: i64, column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| CoreError::Corrupt(format!("contact {id} has an unreadable {column}: {e}")))
}

struct ContactRow {
    id: i64,
    fields: ContactFields,
    address: String,
    profiles: String,
    channels: String,
    best_times: String,
    met_on: Option<String>,
    created_at: i64,
    updated_at: i64,
}

fn contact_row(r: &Row<'_>) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get("id")?,
        fields: ContactFields {
            given_name: r.get("given_name")?,
            family_name: r.get("family_name")?,
            display_name: r.get("display_name")?,
            title: r.get("title")?,
            company: r.get("company")?,
            website: r.get("website")?,
            met_where: r.get("met_where")?,
            notes: r.get("notes")?,
            referred_by: r.get("referred_by")?,
            preferred_every_days: r.get("preferred_every_days")?,
            time_zone: r.get("time_zone")?,
            birthday: r.get("birthday")?,
            stage: r.get("stage")?,
            ..ContactFields::default()
        },
        address: r.get("address")?,
        profiles: r.get("profiles")?,
        channels: r.get("preferred_channels")?,
        best_times: r.get("best_times")?,
        met_on: r.get("met_on")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

pub(crate) fn read(conn: &Connection, id: i64) -> Result<Option<Contact>> {
    let Some(row) = conn
        .row("SELECT * FROM contacts WHERE id = ?1", [id], contact_row)
        .optional()?
    else {
        return Ok(None);
    };
    let mut f = row.fields;
    f.address = from_json(id, "address", &row.address)?;
    f.profiles = from_json(id, "profiles", &row.profiles)?;
    f.preferred_channels = from_json(id, "preferred channels", &row.channels)?;
    f.best_times = from_json(id, "best times", &row.best_times)?;
    f.met_on = row
        .met_on
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    f.emails = conn
        .prepare_cached(
            "SELECT label, address FROM contact_emails WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Email {
                label: r.get(0)?,
                address: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    f.phones = conn
        .prepare_cached(
            "SELECT label, number, e164 FROM contact_phones WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Phone {
                label: r.get(0)?,
                number: r.get(1)?,
                e164: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    f.tags = conn
        .prepare_cached("SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Contact {
        id: row.id,
        fields: f,
        created_at: instant(row.created_at)?,
        updated_at: instant(row.updated_at)?,
    }))
}
