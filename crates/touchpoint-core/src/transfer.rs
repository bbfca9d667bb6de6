//! Contacts and follow-ups in and out of Touchpoint: the file formats other
//! programs write and read (vCard, CSV, iCalendar), free text pasted from a
//! card or an email signature, and the import that turns any of them into
//! contacts after a preview.
//!
//! Each format is a parser and a writer with no database access; every
//! importer hands [`ParsedRecord`]s (a contact, or why a card or row was
//! rejected, and where) to [`import`], which alone writes, in one
//! transaction. Parsers never panic on any input.

pub(crate) mod card_text;
pub(crate) mod csv;
mod export;
pub(crate) mod ics;
pub(crate) mod import;
mod no_contacts;
pub(crate) mod record;
pub(crate) mod vcard;

pub use card_text::{CardParse, parse_card_text};
pub use csv::{CsvColumn, CsvField, CsvInspection, CsvLayout, inspect_csv, read_csv};
pub use import::{
    DuplicateAction, ImportFormat, ImportPreview, ImportResult, ImportRow, ImportRowStatus,
};
pub use record::{ParsedRecord, RecordPosition};
pub use vcard::parse_vcards;

#[cfg(test)]
mod tests;
