//! Contacts: the record (`model`), the rules a card must pass (`rules`),
//! phone numbers (`phone`) and the region that places them (`region`),
//! comparison keys (`text_key`), search and
//! filters (`search`), duplicates and merge (`duplicates`), the rows that
//! hold a contact (`rows`); this file adds, edits, deletes and reads them.
//!
//! Invariants kept here, in the same transaction as every write: the child
//! rows (emails, phones, tags), the folded name key and the search index
//! always describe the contact row as it now is.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::{self, Scheduling};
use rules::RuleContext;

pub(crate) mod duplicates;
mod model;
pub(crate) mod phone;
mod region;
mod rows;
pub(crate) mod rules;
pub(crate) mod search;
mod synced;
pub(crate) mod text_key;

pub use duplicates::{DuplicateMatch, DuplicateReason, merge_fields};
pub use model::{
    Contact, ContactFields, ContactSummary, Email, Phone, PostalAddress, Profile, ProfileKind,
};
pub(crate) use region::renormalise_phones;
pub(crate) use rows::{
    NewContacts, SearchRow, add_search_rows, insert, read, reindex, search_row, write,
};
pub use search::{Attention, ContactPage, ContactQuery, ContactSort};

/// The result of saving a new contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum SaveOutcome {
    Saved {
        contact: Box<Contact>,
    },
    /// Nothing was saved: the user chooses open existing, merge or save anyway.
    PossibleDuplicates {
        matches: Vec<DuplicateMatch>,
    },
}

/// Whether saving a new contact first looks for existing ones like it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateCheck {
    Warn,
    SaveAnyway,
}

impl Database {
    pub(crate) fn phone_region(&self) -> Result<String> {
        Ok(self.settings()?.phone_region)
    }

    /// The E.164 form saving would give `number` under the phone region set
    /// now; `None` when it cannot be placed (no `+` and no valid number of
    /// the region) or is no phone number at all.
    ///
    /// # Errors
    /// Only if the settings cannot be read.
    pub fn phone_e164(&self, number: &str) -> Result<Option<String>> {
        let region = self.phone_region()?;
        Ok(phone::normalise(number, &region).ok().flatten())
    }

    pub(crate) fn today_date(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Validates and normalises fields the way saving would, without saving.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] naming the first bad field.
    pub fn normalise_fields(&self, fields: &ContactFields) -> Result<ContactFields> {
        self.normalise_fields_in(fields, &self.phone_region()?)
    }

    /// [`Database::normalise_fields`] under phone region `region`, for a
    /// caller that reads the settings once for many records.
    pub(crate) fn normalise_fields_in(
        &self,
        fields: &ContactFields,
        region: &str,
    ) -> Result<ContactFields> {
        let normalised = rules::normalise(
            fields,
            RuleContext {
                today: self.today_date(),
                phone_region: region,
            },
        )?;
        self.check_referrer(normalised.referred_by, None)?;
        Ok(normalised)
    }

    fn check_referrer(&self, referrer: Option<i64>, own_id: Option<i64>) -> Result<()> {
        let Some(id) = referrer else { return Ok(()) };
        if Some(id) == own_id {
            return Err(CoreError::invalid(
                "referredBy",
                "A contact cannot be referred by themselves",
            ));
        }
        let exists: bool = self.conn.row(
            "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if exists {
            Ok(())
        } else {
            Err(CoreError::invalid(
                "referredBy",
                format!("The referring contact {id} does not exist"),
            ))
        }
    }

    /// Validates and stores a new contact, unless it looks like one already
    /// stored and `check` asks to be warned.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] naming the first bad field; nothing is written then.
    pub fn add_contact(
        &mut self,
        fields: &ContactFields,
        check: DuplicateCheck,
    ) -> Result<SaveOutcome> {
        let fields = self.normalise_fields(fields)?;
        if check == DuplicateCheck::Warn {
            let matches = duplicates::find(&self.conn, &fields, None)?;
            if !matches.is_empty() {
                return Ok(SaveOutcome::PossibleDuplicates { matches });
            }
        }
        let now = self.now();
        let settings = self.settings()?;
        let id = self.undoable(&format!("Added {}", fields.display_name), |tx| {
            let id = insert(tx, &fields, now)?;
            followups::enrol_by_stage(
                tx,
                id,
                fields.stage,
                "new",
                &mut Scheduling::new(&settings, now),
            )?;
            Ok(id)
        })?;
        Ok(SaveOutcome::Saved {
            contact: Box::new(self.contact(id)?),
        })
    }

    /// Replaces every field of a stored contact.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown id, [`CoreError::Invalid`] for bad input.
    pub fn update_contact(&mut self, id: i64, fields: &ContactFields) -> Result<Contact> {
        self.save_contact(id, fields, |name| format!("Edited {name}"))
    }

    /// [`Database::update_contact`], journaled as `label(name)`.
    pub(crate) fn save_contact(
        &mut self,
        id: i64,
        fields: &ContactFields,
        label: impl FnOnce(&str) -> String,
    ) -> Result<Contact> {
        let before = self.contact(id)?.fields;
        let fields = self.normalise_fields(fields)?;
        self.check_referrer(fields.referred_by, Some(id))?;
        let now = self.now();
        let settings = self.settings()?;
        self.undoable(&label(&fields.display_name), |tx| {
            write(tx, id, &fields, now)?;
            if before.stage != fields.stage {
                // A new stage means a new cadence (do not contact: none at all).
                followups::enrol_by_stage(
                    tx,
                    id,
                    fields.stage,
                    "stage changed",
                    &mut Scheduling::new(&settings, now),
                )?;
            } else if before.time_zone != fields.time_zone
                || before.best_times != fields.best_times
                || before.preferred_every_days != fields.preferred_every_days
                || before.preferred_channels != fields.preferred_channels
            {
                followups::replan_next_step(tx, id, &mut Scheduling::new(&settings, now))?;
            }
            Ok(())
        })?;
        self.contact(id)
    }

    /// Deletes contacts with their touches, follow-ups and promises (one
    /// undoable action); contacts they referred keep no referrer.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown id, [`CoreError::Invalid`] for
    /// an empty list; nothing is deleted then.
    pub fn delete_contacts(&mut self, ids: &[i64]) -> Result<u32> {
        let mut names = Vec::with_capacity(ids.len());
        for &id in ids {
            names.push(self.contact(id)?.fields.display_name);
        }
        let label = match names.as_slice() {
            [] => return Err(CoreError::invalid("ids", "Choose the contacts to delete")),
            [one] => format!("Deleted {one}"),
            more => format!("Deleted {} contacts", more.len()),
        };
        self.undoable(&label, |tx| {
            let mut deleted = 0;
            for &id in ids {
                tx.run("DELETE FROM contact_search WHERE rowid = ?1", [id])?;
                deleted += tx.run("DELETE FROM contacts WHERE id = ?1", [id])?;
            }
            Ok(u32::try_from(deleted).unwrap_or(u32::MAX))
        })
    }

    /// # Errors
    /// [`CoreError::NotFound`] when no contact has this id.
    pub fn contact(&self, id: i64) -> Result<Contact> {
        read(&self.conn, id)?.ok_or(CoreError::NotFound {
            what: "contact",
            id,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
