//! CSV import and export of contacts.
//!
//! Salespeople arrive with their address book in Google Contacts, Outlook or
//! LinkedIn, and each exports CSV in its own column layout, encoding,
//! delimiter and date format; they leave (or hand a list to a colleague) with
//! a spreadsheet. This module turns such files into [`ContactFields`] and
//! contacts back into a CSV any spreadsheet opens safely.
//!
//! Import is two steps so the user can check the mapping in between:
//! [`inspect_csv`] decodes the bytes, finds the header (skipping LinkedIn's
//! preamble), the delimiter and the layout, and proposes one [`CsvColumn`] per
//! column; [`read_csv`] applies a (possibly edited) mapping to the same bytes.
//!
//! Invariants:
//! - No input panics: arbitrary bytes decode (Windows-1252 accepts all), and
//!   rows are only ever indexed with `get`.
//! - [`read_csv`] yields exactly [`CsvInspection::rows`] records, one per
//!   data row that has any non-blank cell, in file order, each at the physical
//!   line on which the row starts (a multi-line quoted cell does not shift it).
//! - Every cell [`write_csv`] writes that a spreadsheet would evaluate as a
//!   formula is prefixed with `'`, and [`read_csv`] removes exactly that prefix,
//!   so `read_csv(inspect_csv(write_csv(x)))` gives back `x` for the fields CSV
//!   carries (see [`write_csv`]).

// Any input reaches these parsers: an index that can be out of range
// would be a panic on some file, so every lookup is a `get`.
#![deny(clippy::indexing_slicing)]

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::ContactFields;
use crate::transfer::no_contacts;
use crate::transfer::record::{ParsedRecord, RecordPosition};

mod dates;
mod decode;
mod layouts;
mod read;
mod unmapped;
mod write;

use decode::{Table, decode};
use read::{Plan, check_width};

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    reason = "a test indexes what it just asserted is there"
)]
mod tests;

/// The export a CSV file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvLayout {
    GoogleContacts,
    Outlook,
    Thunderbird,
    Linkedin,
    /// The layout [`write_csv`] produces.
    Touchpoint,
    /// Anything else; columns are guessed from common header names.
    Custom,
}

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvField {
    Ignore,
    GivenName,
    /// Not stored on its own: it goes into the display name when the row has none.
    MiddleName,
    FamilyName,
    DisplayName,
    Title,
    Company,
    Email,
    Phone,
    Website,
    Linkedin,
    Street,
    Locality,
    Region,
    PostalCode,
    Country,
    Notes,
    Tags,
    Birthday,
    MetWhere,
    MetOn,
    Stage,
    TimeZone,
    /// A profile or IM handle of any service; the service ("linkedin", "x",
    /// else "other") comes from the label, else from the address.
    Profile,
    /// Channel names ("call; email"), most preferred first.
    PreferredChannels,
    /// How often the customer asked to hear from us, in days.
    PreferredEveryDays,
    /// Best times to call, "mon,tue 09:00-11:30" each, separated by ";".
    BestTimes,
}

/// The [`CsvColumn::label`] of a column whose cells are the labels ("* Work",
/// "Mobile") of the next column to its right with the same field (Email or
/// Phone), as in Google's "E-mail 1 - Label" / "E-mail 1 - Value" pairs.
pub const LABEL_OF_NEXT: &str = "label_of_next";

/// How one CSV column maps onto a contact.
///
/// `label` depends on `field`:
/// - Email, Phone, Profile: the label given to every value of the column
///   ("work", "mobile", "home", "fax" or ""; for Profile the service), or
///   [`LABEL_OF_NEXT`] when the column holds per-row labels for the next
///   column of the same field to its right (by `index`).
///   A non-empty per-row label wins over the value column's own label.
/// - MetOn: where contacts of this file were met ("LinkedIn"), used as
///   `met_where` for every row without a MetWhere value of its own.
/// - Anything else: unused, "".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvColumn {
    /// 0-based position in the row.
    pub index: usize,
    pub header: String,
    pub field: CsvField,
    pub label: String,
}

/// What [`inspect_csv`] found, for the mapping screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvInspection {
    pub layout: CsvLayout,
    /// One per header cell, with the proposed mapping.
    pub columns: Vec<CsvColumn>,
    /// The first 5 data rows as in the file.
    pub sample: Vec<Vec<String>>,
    /// Number of data rows (what [`read_csv`] will return records for).
    pub rows: usize,
    /// 1-based line of the header row.
    pub header_line: usize,
}

/// Decodes `data`, finds its header, layout and delimiter, and proposes a mapping.
///
/// # Errors
/// When the file can hold no contact: it is empty, it is not text (an image,
/// a workbook), or nothing follows its header line. The message says which.
pub fn inspect_csv(data: &[u8]) -> Result<CsvInspection, String> {
    if let Some(refusal) = no_contacts::not_text(data) {
        return Err(refusal);
    }
    let text = decode(data);
    let table = Table::read(&text)?;
    if table.rows.is_empty() {
        return Err(no_contacts::header_only(&table.headers.join(",")));
    }
    let layout = layouts::detect_layout(&table.headers);
    let columns = table
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let (field, label) = layouts::guess_field(layout, header);
            CsvColumn {
                index,
                header: header.clone(),
                field,
                label: label.to_owned(),
            }
        })
        .collect();
    let sample = table
        .rows
        .iter()
        .filter_map(|row| row.cells.as_ref().ok())
        .take(5)
        .cloned()
        .collect();
    Ok(CsvInspection {
        layout,
        columns,
        sample,
        rows: table.rows.len(),
        header_line: table.header_line,
    })
}

/// Reads every data row of `data` with the given mapping.
///
/// A value in a column mapped to nothing is kept in the notes ("Spouse:
/// Ann"), unless the user set that column to ignore on the mapping screen
/// when it was proposed as a field, or the export writes it for its own
/// bookkeeping; the first record read says once which columns went there.
///
/// A row is rejected when it has fewer cells than the header (or extra
/// non-blank ones), since its columns may be shifted, or when it has no name,
/// company, email or phone. A row without a name is named after its company,
/// else its email, else its phone (the last two with a warning). Values that cannot be read as a date or stage are kept in
/// the notes rather than lost ("Birthday: sometime in May").
#[must_use]
pub fn read_csv(data: &[u8], columns: &[CsvColumn]) -> Vec<ParsedRecord> {
    let text = decode(data);
    let Ok(table) = Table::read(&text) else {
        return Vec::new();
    };
    let layout = layouts::detect_layout(&table.headers);
    let kept = unmapped::kept_columns(layout, &table.headers, columns);
    let plan = Plan::new(
        columns,
        &kept,
        layouts::tags_by_line(layout, &table.headers),
    );
    let width = table.headers.len();
    let mut records: Vec<ParsedRecord> = table
        .rows
        .iter()
        .map(|row| {
            let line = row.line;
            let mut warnings = Vec::new();
            let result = row
                .cells
                .as_ref()
                .map_err(String::clone)
                .and_then(|cells| check_width(cells, width))
                .and_then(|cells| plan.contact(cells, &mut warnings))
                .map_err(|reason| format!("line {line}: {reason}"));
            ParsedRecord {
                position: RecordPosition::Line(line),
                result,
                warnings,
            }
        })
        .collect();
    let used: Vec<&unmapped::KeptColumn> = kept
        .iter()
        .filter(|column| {
            table.rows.iter().zip(&records).any(|(row, record)| {
                record.result.is_ok()
                    && row
                        .cells
                        .as_ref()
                        .is_ok_and(|cells| plan.kept_value(cells, column).is_some())
            })
        })
        .collect();
    let first_kept = records.iter_mut().find(|r| r.result.is_ok());
    if let (Some(record), Some(warning)) = (first_kept, unmapped::warning(&used)) {
        record.warnings.push(warning);
    }
    records
}

/// Writes all contacts in the Touchpoint layout, which [`inspect_csv`] recognises.
///
/// Columns: Display Name, Given Name, Family Name, Title, Company; then
/// "Email n - Label", "Email n - Value" pairs and "Phone n - Label", "Phone n -
/// Value" pairs, as many as the contact with the most has (at least one);
/// Website; "Profile n - Service", "Profile n - URL" pairs (at least one);
/// Street, City, Region, Postal Code, Country, Met Where, Met On (YYYY-MM-DD),
/// Stage, Tags (one a line), Birthday, Time Zone, Preferred Channels (joined
/// with "; "), Contact Every Days, Best Times ("mon,tue 09:00-11:30", joined
/// with "; "), Notes. Numbered columns rather than joined cells keep each
/// label with its value and stay sortable in a spreadsheet. A file written
/// before the profile and preference columns ("LinkedIn n" columns) is still
/// recognised and read.
///
/// Not carried: phone `e164` (recomputed on save) and the referrer (a local
/// id). Reading back gives the same fields for stored (trimmed, named)
/// contacts.
///
/// RFC 4180 with CRLF; a cell starting with `=`, `+`, `-`, `@`, tab or CR
/// (after any `'`) gets a leading `'` so a spreadsheet shows it as text
/// instead of running it (OWASP "CSV injection").
#[must_use]
pub fn write_csv<'a>(contacts: impl IntoIterator<Item = &'a ContactFields>) -> String {
    write::touchpoint_csv(contacts)
}
