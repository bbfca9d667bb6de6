//! Writing every contact out as vCard 4.0 or CSV.

use crate::contacts;
use crate::contacts::Contact;
use crate::db::Database;
use crate::error::Result;
use crate::transfer::{csv, vcard};

impl Database {
    /// Every contact, in id order. Reads in batches so that a large book
    /// does not hold one huge statement open.
    ///
    /// # Errors
    /// Only if SQLite fails or a stored value is unreadable.
    pub fn all_contacts(&self) -> Result<Vec<Contact>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM contacts ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .filter_map(|id| contacts::read(&self.conn, id).transpose())
            .collect()
    }

    /// # Errors
    /// As [`Database::all_contacts`].
    pub fn export_vcards(&self) -> Result<String> {
        let all = self.all_contacts()?;
        let uids: Vec<String> = all
            .iter()
            .map(|c| format!("touchpoint-contact-{}", c.id))
            .collect();
        Ok(vcard::write_vcards(
            uids.iter()
                .map(String::as_str)
                .zip(all.iter().map(|c| &c.fields)),
        ))
    }

    /// # Errors
    /// As [`Database::all_contacts`].
    pub fn export_csv(&self) -> Result<String> {
        let all = self.all_contacts()?;
        Ok(csv::write_csv(all.iter().map(|c| &c.fields)))
    }
}

#[cfg(test)]
mod tests;
