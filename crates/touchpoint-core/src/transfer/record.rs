//! What every importer (vCard, CSV) hands to the import preview: one record
//! per card or row, each either a contact or the reason it was rejected.

use serde::Serialize;
use ts_rs::TS;

use crate::contacts::{ContactFields, PostalAddress};

/// Where a record came from, so a rejection can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "at")]
pub enum RecordPosition {
    /// The n-th card of a vCard file (1-based) ...
    Card(usize),
    /// ... or the line of a CSV file on which the row starts (1-based, header is line 1).
    Line(usize),
}

impl std::fmt::Display for RecordPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordPosition::Card(n) => write!(f, "card {n}"),
            RecordPosition::Line(n) => write!(f, "line {n}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRecord {
    pub position: RecordPosition,
    /// The contact as read (not yet validated), or why the record could not be read.
    pub result: Result<ContactFields, String>,
    /// What the reader did to keep the record rather than lose it (named it
    /// after its email, skipped a line it could not read), worded for the
    /// preview, which lists them with the values kept in the notes.
    pub warnings: Vec<String>,
}

impl ParsedRecord {
    /// A record the reader took as it was, with nothing to warn about.
    #[must_use]
    pub fn plain(position: RecordPosition, result: Result<ContactFields, String>) -> Self {
        ParsedRecord {
            position,
            result,
            warnings: Vec::new(),
        }
    }
}

/// Why a record with nothing to name it by is rejected, as every importer says it.
pub(crate) const NOTHING_TO_NAME: &str = "no name, company, email or phone number to name it by";

/// Names a record that has no name after what it has: its company, else its
/// first email address, else its first phone number. A contact exported from a
/// phone or Outlook with only an address is still someone to follow up, and
/// the user knows them by that address better than by any name guessed from
/// it ("jane.doe@" may be a shared inbox), so the address itself is the name.
/// `Ok(Some(warning))` when the name is not one the file gave; `Err` when
/// there is nothing to name it by.
pub(crate) fn name_nameless(fields: &mut ContactFields) -> Result<Option<String>, ()> {
    let has_name = [
        &fields.display_name,
        &fields.given_name,
        &fields.family_name,
    ]
    .iter()
    .any(|n| !n.trim().is_empty());
    if has_name {
        return Ok(None);
    }
    if !fields.company.trim().is_empty() {
        // A card for a company (a reception desk, a supplier) is named so on
        // purpose by its writer: nothing to warn about.
        fields.display_name = fields.company.trim().to_owned();
        return Ok(None);
    }
    let email = fields
        .emails
        .iter()
        .map(|e| e.address.trim())
        .find(|a| !a.is_empty());
    if let Some(address) = email {
        fields.display_name = address.to_owned();
        return Ok(Some(format!(
            "had no name: named after its email {address}"
        )));
    }
    let phone = fields
        .phones
        .iter()
        .map(|p| p.number.trim())
        .find(|n| !n.is_empty());
    if let Some(number) = phone {
        fields.display_name = number.to_owned();
        return Ok(Some(format!(
            "had no name: named after its phone number {number}"
        )));
    }
    Err(())
}

/// Values an importer could not read, kept in the notes as `Label: value`
/// lines ("Birthday: sometime in May") rather than lost: the user sees what
/// the file said and can fix it. Every importer words them the same way.
#[derive(Debug, Default)]
pub(crate) struct Unread(Vec<String>);

impl Unread {
    pub(crate) fn keep(&mut self, label: &str, value: &str) {
        self.0.push(format!("{label}: {value}"));
    }

    /// After what the notes already hold, one line each.
    pub(crate) fn add_to(self, notes: &mut String) {
        for line in self.0 {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&line);
        }
    }
}

/// A further postal address of a record, which holds one: kept in the notes
/// as one "Address: …" line rather than dropped, and said so in the preview
/// (an Outlook row's Home address beside its Business one, a card's second
/// ADR).
pub(crate) fn keep_other_address(
    address: &PostalAddress,
    unread: &mut Unread,
    warnings: &mut Vec<String>,
) {
    let parts: Vec<&str> = address
        .street
        .lines()
        .chain([
            address.locality.as_str(),
            address.region.as_str(),
            address.postal_code.as_str(),
            address.country.as_str(),
        ])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return;
    }
    let line = parts.join(", ");
    unread.keep("Address", &line);
    warnings.push(format!(
        "has more than one address: the first is its address, this one is kept in the notes: {line}"
    ));
}
