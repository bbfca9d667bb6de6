//! Importing a vCard or CSV file: preview first, then one transaction.
//!
//! The preview validates every record the way the form would and compares it
//! with stored contacts and with earlier records of the same file, so the
//! user sees N new, M possible duplicates and K rejected (with where and why)
//! before anything is written. The commit writes everything or nothing, and
//! one bad record never stops the others from being previewed or imported.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::ContactFields;
use crate::contacts::duplicates::{self, DuplicateMatch};
use crate::contacts::{phone, text_key};
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups;
use crate::transfer::csv::{CsvColumn, inspect_csv, read_csv};
use crate::transfer::no_contacts;
use crate::transfer::record::{ParsedRecord, RecordPosition, Unread};
use crate::transfer::vcard::parse_vcards;
use candidates::Candidates;

mod candidates;
mod commit;
mod set_aside;

/// The page cache while an import is written (the default is 16 MiB):
/// 256 MiB, as negative KiB.
const IMPORT_CACHE_KIB: i64 = -262_144;

/// How many values one record may lose to the notes before it is refused.
const MAX_SET_ASIDE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    Vcard,
    Csv,
}

impl ImportFormat {
    /// From the file name's extension, else from the first bytes.
    #[must_use]
    pub fn detect(file_name: &str, data: &[u8]) -> ImportFormat {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".vcf") || lower.ends_with(".vcard") {
            return ImportFormat::Vcard;
        }
        if lower.ends_with(".csv") || lower.ends_with(".tsv") {
            return ImportFormat::Csv;
        }
        let head = String::from_utf8_lossy(&data[..data.len().min(4096)]).to_ascii_uppercase();
        if head.contains("BEGIN:VCARD") {
            ImportFormat::Vcard
        } else {
            ImportFormat::Csv
        }
    }

    /// Every record of `data` read as this format: a CSV with `columns` as
    /// the mapping screen left them, else as [`inspect_csv`] proposes them.
    ///
    /// # Errors
    /// When `data` holds no record at all, saying why ("no contacts found:
    /// it is a PNG image, not a vCard or CSV file"), as [`inspect_csv`] does.
    pub fn records(
        self,
        data: &[u8],
        columns: Option<&[CsvColumn]>,
    ) -> std::result::Result<Vec<ParsedRecord>, String> {
        if let Some(refusal) = no_contacts::not_text(data) {
            return Err(refusal);
        }
        let records = match (self, columns) {
            (ImportFormat::Vcard, _) => parse_vcards(data),
            (ImportFormat::Csv, Some(columns)) => read_csv(data, columns),
            (ImportFormat::Csv, None) => read_csv(data, &inspect_csv(data)?.columns),
        };
        if records.is_empty() {
            return Err(match self {
                ImportFormat::Vcard => no_contacts::no_card(data),
                ImportFormat::Csv => inspect_csv(data).err().unwrap_or_else(no_contacts::empty),
            });
        }
        Ok(records)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ImportRowStatus {
    New {
        fields: Box<ContactFields>,
    },
    /// Looks like stored contacts, or like an earlier record of this file.
    Duplicate {
        fields: Box<ContactFields>,
        matches: Vec<DuplicateMatch>,
        /// The earlier record of the same file it repeats, if any.
        earlier: Option<RecordPosition>,
    },
    Rejected {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    pub position: RecordPosition,
    pub status: ImportRowStatus,
    /// What was changed to keep the record, as the importer said each: a
    /// value the form would refuse, taken out and kept in the notes; a name
    /// made from the company, email or phone; a line skipped; columns kept
    /// in the notes.
    pub set_aside: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    pub new_count: u32,
    pub duplicate_count: u32,
    pub rejected_count: u32,
}

/// What to do with a record that looks like a contact already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Leave the stored contact as it is.
    Skip,
    /// Add the record's values to the first matching contact.
    Merge,
    /// Store it as another contact.
    AddAnyway,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
    pub rejected: u32,
}

/// Keys of records seen earlier in the same file.
#[derive(Default)]
struct SeenInFile {
    keys: HashMap<String, RecordPosition>,
}

impl SeenInFile {
    fn keys_of(fields: &ContactFields) -> Vec<String> {
        let mut keys: Vec<String> = fields
            .emails
            .iter()
            .map(|e| format!("e:{}", e.address.to_lowercase()))
            .collect();
        keys.extend(fields.phones.iter().map(|p| {
            format!(
                "p:{}",
                p.e164.clone().unwrap_or_else(|| phone::digits(&p.number))
            )
        }));
        let name = text_key::name_company_key(&fields.display_name, &fields.company);
        if !name.is_empty() {
            keys.push(format!("n:{name}"));
        }
        keys
    }

    /// The earlier record sharing a key with `fields`, if any; `fields`
    /// is remembered as the record at `at`.
    fn earlier_then_remember(
        &mut self,
        fields: &ContactFields,
        at: RecordPosition,
    ) -> Option<RecordPosition> {
        let keys = Self::keys_of(fields);
        let earlier = keys.iter().find_map(|k| self.keys.get(k).copied());
        for key in keys {
            self.keys.entry(key).or_insert(at);
        }
        earlier
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Database {
    /// The record validated as the form would, each value the form refuses
    /// set aside into the notes (`set_aside` says which); an error only when
    /// the record as a whole cannot be kept (no name, notes too long).
    pub(crate) fn normalise_keeping(
        &self,
        fields: ContactFields,
        set_aside: &mut Vec<String>,
    ) -> Result<ContactFields> {
        self.normalise_keeping_in(fields, set_aside, &self.phone_region()?)
    }

    /// [`Database::normalise_keeping`] under phone region `region`.
    fn normalise_keeping_in(
        &self,
        mut fields: ContactFields,
        set_aside: &mut Vec<String>,
        region: &str,
    ) -> Result<ContactFields> {
        let mut unread = Unread::default();
        // Each round takes one value out; a record has a bounded number.
        for _ in 0..=MAX_SET_ASIDE {
            match self.normalise_fields_in(&fields, region) {
                Err(CoreError::Invalid { field, message })
                    if set_aside.len() < MAX_SET_ASIDE
                        && set_aside::set_aside(&mut fields, &field, &mut unread) =>
                {
                    set_aside.push(format!("{message}; kept in the notes"));
                }
                Err(e) => return Err(e),
                Ok(normalised) if set_aside.is_empty() => return Ok(normalised),
                Ok(_) => {
                    unread.add_to(&mut fields.notes);
                    return self.normalise_fields_in(&fields, region);
                }
            }
        }
        Err(CoreError::invalid(
            "file",
            "Too many values that cannot be read",
        ))
    }

    /// Validates every record and finds possible duplicates, writing nothing.
    /// `progress(done, total)` is called as records are checked.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] on the field `file` when there is no record at
    /// all: a file with no card and no row is no import, whatever the reader
    /// let through. Otherwise only if SQLite fails; bad records become
    /// rejected rows.
    pub fn preview_import(
        &self,
        records: Vec<ParsedRecord>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportPreview> {
        if records.is_empty() {
            return Err(CoreError::invalid(
                "file",
                "No contacts found: the file holds no vCard and no CSV row",
            ));
        }
        let total = records.len();
        let region = self.phone_region()?;
        let mut rows = Vec::with_capacity(total);
        for (done, record) in records.into_iter().enumerate() {
            if done % 250 == 0 {
                progress(done, total);
            }
            let mut set_aside = Vec::new();
            let status = match record.result {
                Err(reason) => ImportRowStatus::Rejected { reason },
                Ok(fields) => match self.normalise_keeping_in(fields, &mut set_aside, &region) {
                    Err(e) => ImportRowStatus::Rejected {
                        reason: format!("{}: {e}", record.position),
                    },
                    // Until compared with stored contacts and earlier records.
                    Ok(fields) => ImportRowStatus::New {
                        fields: Box::new(fields),
                    },
                },
            };
            // What the reader did to keep the record comes first, in file order.
            let mut warnings = record.warnings;
            warnings.append(&mut set_aside);
            rows.push(ImportRow {
                position: record.position,
                status,
                set_aside: warnings,
            });
        }
        self.mark_duplicates(&mut rows)?;
        progress(total, total);
        let tally =
            |f: fn(&ImportRowStatus) -> bool| count(rows.iter().filter(|r| f(&r.status)).count());
        Ok(ImportPreview {
            new_count: tally(|s| matches!(s, ImportRowStatus::New { .. })),
            duplicate_count: tally(|s| matches!(s, ImportRowStatus::Duplicate { .. })),
            rejected_count: tally(|s| matches!(s, ImportRowStatus::Rejected { .. })),
            rows,
        })
    }

    /// Marks the valid records that look like stored contacts or like an
    /// earlier record of the file as duplicates.
    fn mark_duplicates(&self, rows: &mut [ImportRow]) -> Result<()> {
        let valid = rows.iter().filter_map(|r| match &r.status {
            ImportRowStatus::New { fields } => Some(&**fields),
            _ => None,
        });
        let stored = Candidates::stored(&self.conn, valid)?;
        let mut seen = SeenInFile::default();
        for row in rows {
            let unset = ImportRowStatus::Rejected {
                reason: String::new(),
            };
            row.status = match std::mem::replace(&mut row.status, unset) {
                ImportRowStatus::New { fields } => {
                    let matches = if stored.may_match(&fields) {
                        duplicates::find(&self.conn, &fields, None)?
                    } else {
                        Vec::new()
                    };
                    let earlier = seen.earlier_then_remember(&fields, row.position);
                    if matches.is_empty() && earlier.is_none() {
                        ImportRowStatus::New { fields }
                    } else {
                        ImportRowStatus::Duplicate {
                            fields,
                            matches,
                            earlier,
                        }
                    }
                }
                status => status,
            };
        }
        Ok(())
    }

    /// Writes a previewed import in one transaction. Duplicates follow
    /// `action` unless `overrides` names another action for their row index.
    /// A record the preview found new is checked again only against what
    /// changed since: contacts stored now, and those this import merges into.
    ///
    /// # Errors
    /// Only if SQLite fails; then nothing at all is written.
    pub fn commit_import(
        &mut self,
        preview: &ImportPreview,
        action: DuplicateAction,
        overrides: &HashMap<usize, DuplicateAction>,
    ) -> Result<ImportResult> {
        let now = self.now();
        let settings = self.settings()?;
        // One load for the whole file: a pile of new cards is spread over the
        // following days, never more than the daily cap of first touches.
        let mut ctx = followups::Scheduling::for_import(&settings, now);
        // A file of thousands of cards is a transaction of hundreds of
        // megabytes: with room for it, pages are written once at commit
        // instead of spilled to the log and written again as they change.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        let result = self.write_import(preview, action, overrides, &mut ctx);
        self.conn.pragma_update(None, "cache_size", cache)?;
        result
    }
}

#[cfg(test)]
mod tests;
