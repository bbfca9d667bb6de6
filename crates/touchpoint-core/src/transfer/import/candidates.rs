//! Which records of an import can look like a contact at all: the keys the
//! duplicate check compares (an email, a phone's E.164 form, the folded name
//! and company) looked up for the whole file in three statements, so the
//! full check ([`duplicates::find`], a few statements and a summary per
//! match) runs only for the records that share a key with a stored contact
//! or with one this import wrote. A record sharing none would find nothing.

use std::collections::HashSet;

use rusqlite::Connection;

use crate::contacts::ContactFields;
use crate::contacts::text_key;
use crate::error::{CoreError, Result};

/// The keys [`duplicates::find`] looks `fields` up by, each tagged with the
/// column it is compared with.
///
/// [`duplicates::find`]: crate::contacts::duplicates::find
fn keys(fields: &ContactFields) -> impl Iterator<Item = (Kind, String)> + '_ {
    let emails = fields
        .emails
        .iter()
        .map(|e| (Kind::Email, e.address.to_lowercase()));
    let phones = fields
        .phones
        .iter()
        .filter_map(|p| p.e164.clone().map(|e| (Kind::Phone, e)));
    let name = text_key::name_company_key(&fields.display_name, &fields.company);
    let name = (!name.is_empty()).then_some((Kind::Name, name));
    emails.chain(phones).chain(name)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Email,
    Phone,
    Name,
}

/// Keys that some contact holds: stored ones, then those an import writes.
#[derive(Default)]
pub(super) struct Candidates {
    held: HashSet<(Kind, String)>,
}

impl Candidates {
    /// The keys of `records` that stored contacts hold now.
    pub(super) fn stored<'a>(
        conn: &Connection,
        records: impl Iterator<Item = &'a ContactFields>,
    ) -> Result<Self> {
        // Repeated keys are looked up twice, which costs less than sorting them out.
        let mut wanted: [Vec<String>; 3] = Default::default();
        for (kind, key) in records.flat_map(keys) {
            wanted[kind as usize].push(key);
        }
        let mut held = HashSet::new();
        if wanted.iter().all(Vec::is_empty) {
            return Ok(Self { held });
        }
        let [emails, phones, names] = wanted.map(|w| json(&w));
        // The same comparisons as the full check, on the same indexes.
        let mut stmt = conn.prepare_cached(
            "SELECT 0, value FROM json_each(?1)
              WHERE EXISTS (SELECT 1 FROM contact_emails WHERE address_key = value)
             UNION ALL
             SELECT 1, value FROM json_each(?2)
              WHERE EXISTS (SELECT 1 FROM contact_phones WHERE e164 = value)
             UNION ALL
             SELECT 2, value FROM json_each(?3)
              WHERE EXISTS (SELECT 1 FROM contacts WHERE name_key = value AND name_key <> '')",
        )?;
        let found = stmt.query_map([emails?, phones?, names?], |r| {
            Ok((r.get::<_, u8>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in found {
            let (kind, key) = row?;
            let kind = [Kind::Email, Kind::Phone, Kind::Name][usize::from(kind.min(2))];
            held.insert((kind, key));
        }
        Ok(Self { held })
    }

    /// Whether a contact holds one of the keys of `fields`: if not, the
    /// full check would find no match.
    pub(super) fn may_match(&self, fields: &ContactFields) -> bool {
        !self.held.is_empty() && keys(fields).any(|k| self.held.contains(&k))
    }

    /// Keys written since the lookup: a contact merged into, now with `fields`.
    pub(super) fn hold(&mut self, fields: &ContactFields) {
        self.held.extend(keys(fields));
    }
}

fn json(keys: &[String]) -> Result<String> {
    serde_json::to_string(keys).map_err(|e| CoreError::Corrupt(format!("cannot encode: {e}")))
}
