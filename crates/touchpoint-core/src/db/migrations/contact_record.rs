//! Migration 2's backfill: the values SQL cannot compute for the contacts
//! it carried over from version 1 (E.164 numbers, the name-and-company key,
//! the search row).
//!
//! Frozen on purpose: it reads the version-2 tables with its own SQL, never
//! through today's contact code, so a column added by a later migration can
//! never break the upgrade of an old file. A version-1 contact had a name, a
//! company, at most one email and at most one phone, nothing else. The text
//! rules (phone digits, folding) are its own copies too, in `frozen_text`.

use rusqlite::{Connection, params};

use super::frozen_text::{self as phone, name_company_key};
use crate::error::Result;

struct Carried {
    id: i64,
    name: String,
    company: String,
    email: Option<String>,
    phone: Option<String>,
}

pub(super) fn backfill(tx: &Connection) -> Result<()> {
    let carried: Vec<Carried> = tx
        .prepare(
            "SELECT c.id, c.display_name, c.company, e.address, p.number
             FROM contacts c
             LEFT JOIN contact_emails e ON e.contact_id = c.id AND e.position = 0
             LEFT JOIN contact_phones p ON p.contact_id = c.id AND p.position = 0",
        )?
        .query_map([], |r| {
            Ok(Carried {
                id: r.get(0)?,
                name: r.get(1)?,
                company: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for c in carried {
        // Without a region: settings did not exist before this version.
        let e164 = c.phone.as_deref().and_then(phone::e164);
        tx.execute(
            "UPDATE contact_phones SET e164 = ?2 WHERE contact_id = ?1 AND position = 0",
            params![c.id, e164],
        )?;
        tx.execute(
            "UPDATE contacts SET name_key = ?2 WHERE id = ?1",
            params![c.id, name_company_key(&c.name, &c.company)],
        )?;
        let mut phones = Vec::new();
        if let Some(number) = &c.phone {
            phones.extend([number.clone(), phone::digits(number)]);
            if let Some(e164) = &e164 {
                phones.push(phone::digits(e164));
                phones.extend(phone::national_digits(e164));
            }
        }
        tx.execute(
            "INSERT INTO contact_search (rowid, name, company, title, emails, phones, notes, tags)
             VALUES (?1, ?2, ?3, '', ?4, ?5, '', '')",
            params![
                c.id,
                c.name,
                c.company,
                c.email.unwrap_or_default(),
                phones.join(" ")
            ],
        )?;
    }
    Ok(())
}
