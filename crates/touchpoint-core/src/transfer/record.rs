//! What every importer (vCard, CSV) hands to the import preview: one record
//! per card or row, each either a contact or the reason it was rejected.

use serde::Serialize;
use ts_rs::TS;

use crate::contacts::ContactFields;

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
