//! Columns the mapping leaves unmapped: their values go to the notes as
//! "Column: value" lines, so nothing the user had in the file is lost
//! without a word ("Spouse", "Department", a column of their own making).
//!
//! Left out are only what the exports write for their own bookkeeping, which
//! repeats a mapped value or says nothing: Google's formatted address and
//! the labels of mapped values, Outlook's e-mail type and display name, and
//! the defaults Outlook fills into every row ("Unspecified", "0/0/00").

use super::layouts::{guess_field, numbered};
use super::{CsvColumn, CsvField, CsvLayout};

/// A column whose non-empty values are kept in the notes.
pub(super) struct KeptColumn {
    pub(super) index: usize,
    /// The label of its notes line: the header as in the file.
    pub(super) label: String,
}

/// The columns of `headers` to keep in the notes under `columns`: those
/// mapped to nothing, unless the user set to "ignore" a column that was
/// proposed as a field (a choice, not an oversight) or the export writes it
/// for itself. A header with no column at all counts as unmapped.
pub(super) fn kept_columns(
    layout: CsvLayout,
    headers: &[String],
    columns: &[CsvColumn],
) -> Vec<KeptColumn> {
    headers
        .iter()
        .enumerate()
        .filter(|(index, header)| {
            let chosen = columns.iter().find(|c| c.index == *index);
            let unmapped = chosen.is_none_or(|c| c.field == CsvField::Ignore);
            let proposed = guess_field(layout, header).0;
            let ignored_on_purpose = chosen.is_some() && proposed != CsvField::Ignore;
            unmapped && !ignored_on_purpose && !is_bookkeeping(layout, header)
        })
        .map(|(index, header)| KeptColumn {
            index,
            label: match header.trim() {
                "" => format!("Column {}", index + 1),
                header => header.to_owned(),
            },
        })
        .collect()
}

/// Columns an export writes for itself, whatever their values.
fn is_bookkeeping(layout: CsvLayout, header: &str) -> bool {
    let h = header.trim().to_lowercase();
    match layout {
        CsvLayout::GoogleContacts => {
            // Photo is a link to Google's copy of the picture, File As a
            // sort key spelled from the name; an address's label and its
            // formatted form repeat what its mapped parts hold.
            matches!(h.as_str(), "photo" | "file as")
                || matches!(
                    numbered(&h),
                    Some(("address", "formatted" | "label" | "type"))
                        | Some(("website" | "organization", "label" | "type"))
                )
        }
        CsvLayout::Outlook => {
            // "SMTP" on every address; the name and address once more.
            let rest = h
                .strip_prefix("e-mail")
                .map(|r| r.trim_start_matches(|c: char| c == ' ' || c.is_ascii_digit()));
            matches!(rest, Some("type" | "display name")) || h == "initials"
        }
        CsvLayout::Thunderbird
        | CsvLayout::Linkedin
        | CsvLayout::Touchpoint
        | CsvLayout::Custom => false,
    }
}

/// A value Outlook (and CSVs converted from it) fills into every row when
/// nothing was entered: keeping it would only clutter every contact's notes.
pub(super) fn is_default_filler(header: &str, value: &str) -> bool {
    let value = value.trim().to_lowercase();
    if matches!(
        value.as_str(),
        "0/0/00" | "0/0/0000" | "00.00.00" | "0.0.00"
    ) {
        return true;
    }
    matches!(
        (header.trim().to_lowercase().as_str(), value.as_str()),
        ("gender", "unspecified") | ("priority" | "sensitivity", "normal") | ("private", "false")
    )
}

/// Said once per file, on its first record: the columns whose values went
/// to the notes, in file order.
pub(super) fn warning(used: &[&KeptColumn]) -> Option<String> {
    if used.is_empty() {
        return None;
    }
    let names: Vec<&str> = used.iter().map(|c| c.label.as_str()).collect();
    Some(format!(
        "columns kept in the notes, as \"Column: value\": {}",
        names.join(", ")
    ))
}
