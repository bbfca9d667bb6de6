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

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contact::{ContactFields, Email, Phone, PostalAddress, Profile, ProfileKind, Stage};
use crate::import_record::{ParsedRecord, RecordPosition};

#[path = "csv_layouts.rs"]
mod layouts;

#[cfg(test)]
#[path = "csv_io_tests.rs"]
mod tests;

/// The export a CSV file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvLayout {
    GoogleContacts,
    Outlook,
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
}

/// The [`CsvColumn::label`] of a column whose cells are the labels ("* Work",
/// "Mobile") of the next column to its right with the same field (Email or
/// Phone), as in Google's "E-mail 1 - Label" / "E-mail 1 - Value" pairs.
pub const LABEL_OF_NEXT: &str = "label_of_next";

/// How one CSV column maps onto a contact.
///
/// `label` depends on `field`:
/// - Email, Phone: the label given to every value of the column ("work",
///   "mobile", "home", "fax" or ""), or [`LABEL_OF_NEXT`] when the column holds
///   per-row labels for the next Email/Phone column to its right (by `index`).
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
/// When the file holds no text at all.
pub fn inspect_csv(data: &[u8]) -> Result<CsvInspection, String> {
    let text = decode(data);
    let table = Table::read(&text)?;
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
/// A row is rejected when it has fewer cells than the header (or extra
/// non-blank ones), since its columns may be shifted, or when it has no given,
/// family or full name and no company. A row with only a company uses it as
/// the display name. Values that cannot be read as a date or stage are kept in
/// the notes rather than lost ("Birthday: sometime in May").
#[must_use]
pub fn read_csv(data: &[u8], columns: &[CsvColumn]) -> Vec<ParsedRecord> {
    let text = decode(data);
    let Ok(table) = Table::read(&text) else {
        return Vec::new();
    };
    let plan = Plan::new(columns);
    let width = table.headers.len();
    table
        .rows
        .iter()
        .map(|row| {
            let line = row.line;
            let result = row
                .cells
                .as_ref()
                .map_err(String::clone)
                .and_then(|cells| check_width(cells, width))
                .and_then(|cells| plan.contact(cells))
                .map_err(|reason| format!("line {line}: {reason}"));
            ParsedRecord {
                position: RecordPosition::Line(line),
                result,
            }
        })
        .collect()
}

/// A row with fewer cells than the header, or extra non-blank ones, has had
/// its columns shifted by a stray quote or delimiter: mapping it would put
/// values into the wrong fields. Trailing empty cells are harmless.
fn check_width(cells: &[String], width: usize) -> Result<&[String], String> {
    if cells.len() < width || cells.iter().skip(width).any(|c| !c.trim().is_empty()) {
        Err(format!(
            "{} cells where the header has {width}; a stray quote or delimiter may have shifted the columns",
            cells.len()
        ))
    } else {
        Ok(cells)
    }
}

/// Writes all contacts in the Touchpoint layout, which [`inspect_csv`] recognises.
///
/// Columns: Display Name, Given Name, Family Name, Title, Company; then
/// "Email n - Label", "Email n - Value" pairs and "Phone n - Label", "Phone n -
/// Value" pairs, as many as the contact with the most has (at least one);
/// Website; "LinkedIn n" (at least one); Street, City, Region, Postal Code,
/// Country, Met Where, Met On (YYYY-MM-DD), Stage, Tags (joined with "; "),
/// Birthday, Time Zone, Notes. Numbered columns rather than joined cells keep
/// each label with its value and stay sortable in a spreadsheet.
///
/// Not carried: phone `e164` (recomputed on save), X and other profiles,
/// referral, preferred channels and frequency, best times. Reading back gives
/// the same fields for stored (trimmed, named) contacts; what does not survive
/// is a tag containing ';', an email or phone with an empty value, and an
/// empty display name next to only a company (it comes back as the company).
///
/// RFC 4180 with CRLF; a cell starting with `=`, `+`, `-`, `@`, tab or CR
/// (after any `'`) gets a leading `'` so a spreadsheet shows it as text
/// instead of running it (OWASP "CSV injection").
#[must_use]
pub fn write_csv<'a>(contacts: impl IntoIterator<Item = &'a ContactFields>) -> String {
    let contacts: Vec<&ContactFields> = contacts.into_iter().collect();
    let most = |count: &dyn Fn(&ContactFields) -> usize| {
        contacts.iter().map(|c| count(c)).max().unwrap_or(0).max(1)
    };
    let emails = most(&|c| c.emails.len());
    let phones = most(&|c| c.phones.len());
    let linkedins = most(&|c| linkedin_urls(c).count());

    let mut out = String::new();
    write_row(
        &mut out,
        layouts::touchpoint_header(emails, phones, linkedins),
    );
    for c in contacts {
        let mut cells: Vec<String> = vec![
            c.display_name.clone(),
            c.given_name.clone(),
            c.family_name.clone(),
            c.title.clone(),
            c.company.clone(),
        ];
        for i in 0..emails {
            let email = c.emails.get(i);
            cells.push(email.map(|e| e.label.clone()).unwrap_or_default());
            cells.push(email.map(|e| e.address.clone()).unwrap_or_default());
        }
        for i in 0..phones {
            let phone = c.phones.get(i);
            cells.push(phone.map(|p| p.label.clone()).unwrap_or_default());
            cells.push(phone.map(|p| p.number.clone()).unwrap_or_default());
        }
        cells.push(c.website.clone());
        let mut urls = linkedin_urls(c);
        for _ in 0..linkedins {
            cells.push(urls.next().unwrap_or_default().to_owned());
        }
        let a = &c.address;
        cells.extend([
            a.street.clone(),
            a.locality.clone(),
            a.region.clone(),
            a.postal_code.clone(),
            a.country.clone(),
            c.met_where.clone(),
            c.met_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            c.stage.as_str().to_owned(),
            join_tags(&c.tags),
            c.birthday.clone(),
            c.time_zone.clone(),
            c.notes.clone(),
        ]);
        write_row(&mut out, cells);
    }
    out
}

fn linkedin_urls(c: &ContactFields) -> impl Iterator<Item = &str> {
    c.profiles
        .iter()
        .filter(|p| p.kind == ProfileKind::Linkedin)
        .map(|p| p.url.as_str())
}

fn join_tags(tags: &[String]) -> String {
    let joined = tags.join("; ");
    // A lone tag with a comma would be split on it when read back (a cell
    // without ';' is taken as comma-separated); a trailing ';' prevents that.
    if tags.len() == 1 && joined.contains(',') {
        joined + ";"
    } else {
        joined
    }
}

/// Characters that make a spreadsheet treat a cell as a formula (or, for tab
/// and CR, let one be smuggled past a naive check).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` needs (on write) or carries (after one `'`, on read) the
/// neutralising quote. Quotes already in front are looked through so that a
/// value that itself starts with `'=` survives the round trip.
fn starts_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

fn write_row(out: &mut String, cells: Vec<String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = if starts_formula(&cell) {
            format!("'{cell}")
        } else {
            cell
        };
        // ';' and tab are quoted too so locales that split on them keep the cell whole.
        if cell.contains(['"', ',', ';', '\t', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// A cell as read: without the neutralising quote and surrounding blanks.
fn clean(cell: &str) -> &str {
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    };
    cell.trim()
}

/// UTF-8 (BOM optional), UTF-16 with BOM or with the NUL pattern of ASCII
/// headers, else Windows-1252, which is what older Excel and Outlook write
/// and which maps every byte to some character.
fn decode(data: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = data.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    let bom = data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]);
    let utf16 = if bom || matches!(data, [a, 0, b, 0, ..] if *a != 0 && *b != 0) {
        // With a BOM, `decode` below follows the BOM whatever encoding it is given.
        Some(encoding_rs::UTF_16LE)
    } else if matches!(data, [0, a, 0, b, ..] if *a != 0 && *b != 0) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        // `decode` sniffs and strips a BOM, falling back to `encoding` without one.
        return encoding.decode(data).0;
    }
    match std::str::from_utf8(data) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(data)
                .0
        }
    }
}

/// A data row: the line it starts on and its cells, or why it could not be read.
struct Row {
    line: usize,
    cells: Result<Vec<String>, String>,
}

/// The header and the non-blank data rows of a decoded file.
struct Table {
    header_line: usize,
    headers: Vec<String>,
    rows: Vec<Row>,
}

impl Table {
    fn read(text: &str) -> Result<Table, String> {
        if text.trim().is_empty() {
            return Err("the file is empty".to_owned());
        }
        let (start, header_line, declared) = find_header(text);
        let body = text.get(start..).unwrap_or_default();
        let delimiter = declared.unwrap_or_else(|| detect_delimiter(header_text(body)));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let mut lines = LineCounter::new(body, header_line);
        let mut headers = None;
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            let before = reader.position().byte();
            let read = reader.read_record(&mut record);
            // The record's own position is where the previous one ended, before
            // any blank lines the reader skipped; count from its first byte.
            let line = lines.line_at(record.position().map_or(before, csv::Position::byte));
            let cells = match read {
                Ok(false) => break,
                Ok(true) => Ok(record.iter().map(str::to_owned).collect::<Vec<_>>()),
                Err(e) if reader.position().byte() == before => {
                    // No progress: nothing more can be read.
                    rows.push(Row {
                        line,
                        cells: Err(e.to_string()),
                    });
                    break;
                }
                Err(e) => Err(e.to_string()),
            };
            if headers.is_none() {
                let cells = cells.unwrap_or_default();
                headers = Some(
                    cells
                        .iter()
                        .map(|h| {
                            h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                                .to_owned()
                        })
                        .collect::<Vec<_>>(),
                );
                continue;
            }
            if let Ok(cells) = &cells
                && cells.iter().all(|c| clean(c).is_empty())
            {
                continue;
            }
            rows.push(Row { line, cells });
        }
        Ok(Table {
            header_line,
            headers: headers.unwrap_or_default(),
            rows,
        })
    }
}

/// Maps byte offsets of `body` to 1-based physical lines of the whole file.
/// Offsets only grow, so counting resumes where it stopped.
struct LineCounter<'a> {
    body: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        LineCounter {
            body: body.as_bytes(),
            pos: 0,
            line: first_line,
        }
    }

    fn line_at(&mut self, offset: u64) -> usize {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.body.len());
        // Skip the previous record's terminator and blank lines.
        while let Some(b'\r' | b'\n') = self.body.get(offset) {
            offset += 1;
        }
        if offset > self.pos {
            let newlines = self.body.get(self.pos..offset).unwrap_or_default();
            self.line += newlines.iter().filter(|&&b| b == b'\n').count();
            self.pos = offset;
        }
        self.line
    }
}

/// Logical lines (a quoted cell may span physical lines) of `text`:
/// `(start byte, end byte, 1-based physical line)`. Follows the csv crate's
/// rule that only a quote opening a cell starts a quoted section.
fn logical_lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut line = 1;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let start_line = line;
        let mut in_quotes = false;
        let mut at_cell_start = true;
        while let Some(&b) = bytes.get(pos) {
            pos += 1;
            if in_quotes {
                match b {
                    b'"' if bytes.get(pos) == Some(&b'"') => pos += 1,
                    b'"' => in_quotes = false,
                    b'\n' => line += 1,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' if at_cell_start => in_quotes = true,
                b'\n' => {
                    line += 1;
                    let end = pos - 1;
                    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') {
                        end - 1
                    } else {
                        end
                    };
                    return Some((start, end, start_line));
                }
                _ => {}
            }
            at_cell_start = matches!(b, b',' | b';' | b'\t');
        }
        Some((start, bytes.len(), start_line))
    })
}

/// Counts `,` `;` and tab outside quoted cells.
fn delimiter_counts(line: &str) -> [usize; 3] {
    let mut counts = [0; 3];
    let mut in_quotes = false;
    for b in line.bytes() {
        match (b, in_quotes) {
            (b'"', _) => in_quotes = !in_quotes,
            (b',', false) => counts[0] += 1,
            (b';', false) => counts[1] += 1,
            (b'\t', false) => counts[2] += 1,
            _ => {}
        }
    }
    counts
}

fn detect_delimiter(header: &str) -> u8 {
    let counts = delimiter_counts(header);
    let [comma, semicolon, tab] = counts;
    // Ties go to the comma, the RFC 4180 default.
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// The first physical line of `body` (a header never spans lines in practice,
/// and a lone CR, as old Mac files end lines, ends it too).
fn header_text(body: &str) -> &str {
    body.split(['\r', '\n']).next().unwrap_or_default()
}

/// Byte offset and 1-based line of the header row: the first non-blank line,
/// unless the file opens with a preamble, as LinkedIn's Connections.csv does
/// ("Notes:", a quoted paragraph, a blank line, then the header). A preamble
/// is recognised as lines without any delimiter outside quotes, followed by a
/// blank line and then a line with one, so a one-column CSV is never skipped.
/// Excel's "sep=;" first line is skipped too, and its delimiter returned.
fn find_header(text: &str) -> (usize, usize, Option<u8>) {
    // A preamble is a few lines; looking further would only cost time.
    let lines: Vec<(usize, usize, usize)> = logical_lines(text).take(64).collect();
    let line_text = |&(s, e, _): &(usize, usize, usize)| text.get(s..e).unwrap_or_default();
    let is_blank = |l: &(usize, usize, usize)| line_text(l).trim().is_empty();
    let has_delimiter =
        |l: &(usize, usize, usize)| delimiter_counts(line_text(l)).iter().any(|&n| n > 0);

    let Some(first) = lines.iter().position(|l| !is_blank(l)) else {
        return (0, 1, None);
    };
    if let Some(first_line) = lines.get(first)
        && let Some(&[delimiter]) = line_text(first_line)
            .trim()
            .strip_prefix("sep=")
            .map(str::as_bytes)
        && let Some(header) = lines.iter().skip(first + 1).find(|l| !is_blank(l))
    {
        return (header.0, header.2, Some(delimiter));
    }
    let preamble_end = lines
        .iter()
        .skip(first)
        .position(&is_blank)
        .map(|n| first + n);
    if let Some(blank) = preamble_end
        && lines
            .get(first..blank)
            .is_some_and(|pre| !pre.iter().any(&has_delimiter))
        && let Some(header) = lines.iter().skip(blank).find(|l| !is_blank(l))
        && has_delimiter(header)
    {
        return (header.0, header.2, None);
    }
    lines.get(first).map_or((0, 1, None), |l| (l.0, l.2, None))
}

/// A mapping prepared for reading rows: columns by index, each value column
/// knowing its label column, each address column its address group.
struct Plan<'c> {
    columns: Vec<Planned<'c>>,
}

struct Planned<'c> {
    column: &'c CsvColumn,
    /// Index of the cell with this value column's per-row label.
    label_cell: Option<usize>,
    /// Which address (Business, Home, ...) an address column belongs to.
    address_group: usize,
}

impl<'c> Plan<'c> {
    fn new(columns: &'c [CsvColumn]) -> Self {
        let mut sorted: Vec<&CsvColumn> = columns.iter().collect();
        sorted.sort_by_key(|c| c.index);
        let mut planned: Vec<Planned> = Vec::with_capacity(sorted.len());
        let mut pending_label: [Option<usize>; 2] = [None, None];
        let mut group = 0;
        let mut group_fields: Vec<CsvField> = Vec::new();
        let mut previous_address: Option<CsvField> = None;
        for column in sorted {
            let slot = match column.field {
                CsvField::Email => Some(0),
                CsvField::Phone => Some(1),
                _ => None,
            };
            let mut label_cell = None;
            if let Some(slot) = slot {
                if column.label == LABEL_OF_NEXT {
                    pending_label[slot] = Some(column.index);
                } else {
                    label_cell = pending_label[slot].take();
                }
            }
            if is_address(column.field) {
                // A field seen again starts the next address; consecutive
                // street columns are the lines of one street.
                let continues_street =
                    column.field == CsvField::Street && previous_address == Some(CsvField::Street);
                if group_fields.contains(&column.field) && !continues_street {
                    group += 1;
                    group_fields.clear();
                }
                group_fields.push(column.field);
                previous_address = Some(column.field);
            }
            planned.push(Planned {
                column,
                label_cell,
                address_group: group,
            });
        }
        Plan { columns: planned }
    }

    fn contact(&self, cells: &[String]) -> Result<ContactFields, String> {
        let cell = |i: usize| cells.get(i).map_or("", |c| clean(c));
        let mut c = ContactFields::default();
        let mut middle = String::new();
        let mut addresses: Vec<PostalAddress> = Vec::new();
        let mut unread: Vec<String> = Vec::new();
        let mut met_where_default = "";

        for p in &self.columns {
            let col = p.column;
            let value = cell(col.index);
            if col.field == CsvField::MetOn && !col.label.is_empty() {
                met_where_default = &col.label;
            }
            let is_label_column = col.label == LABEL_OF_NEXT
                && matches!(col.field, CsvField::Email | CsvField::Phone);
            if value.is_empty() || is_label_column {
                continue;
            }
            match col.field {
                CsvField::Ignore => {}
                CsvField::GivenName => set_once(&mut c.given_name, value),
                CsvField::MiddleName => set_once(&mut middle, value),
                CsvField::FamilyName => set_once(&mut c.family_name, value),
                CsvField::DisplayName => set_once(&mut c.display_name, value),
                CsvField::Title => set_once(&mut c.title, value),
                CsvField::Company => set_once(&mut c.company, value),
                CsvField::MetWhere => set_once(&mut c.met_where, value),
                CsvField::TimeZone => set_once(&mut c.time_zone, value),
                CsvField::Email | CsvField::Phone => {
                    let row_labels = p.label_cell.map_or("", cell);
                    for (address, label) in labelled(value, row_labels, &col.label) {
                        // Outlook often repeats a number as "Primary Phone"; keep it once.
                        if col.field == CsvField::Email {
                            let address = address.strip_prefix("mailto:").unwrap_or(address);
                            if !c.emails.iter().any(|e| e.address == address) {
                                c.emails.push(Email {
                                    label,
                                    address: address.to_owned(),
                                });
                            }
                        } else if !c.phones.iter().any(|p| p.number == address) {
                            c.phones.push(Phone {
                                label,
                                number: address.to_owned(),
                                e164: None,
                            });
                        }
                    }
                }
                CsvField::Website => {
                    if c.website.is_empty() {
                        value.clone_into(&mut c.website);
                    } else {
                        push_profile(&mut c.profiles, profile_kind(value), value);
                    }
                }
                CsvField::Linkedin => push_profile(&mut c.profiles, ProfileKind::Linkedin, value),
                CsvField::Street
                | CsvField::Locality
                | CsvField::Region
                | CsvField::PostalCode
                | CsvField::Country => {
                    if addresses.len() <= p.address_group {
                        addresses.resize_with(p.address_group + 1, PostalAddress::default);
                    }
                    if let Some(a) = addresses.get_mut(p.address_group) {
                        set_address_part(a, col.field, value);
                    }
                }
                CsvField::Notes => {
                    if !c.notes.is_empty() {
                        c.notes.push('\n');
                    }
                    c.notes.push_str(value);
                }
                CsvField::Tags => {
                    for tag in split_tags(value) {
                        if !c.tags.contains(&tag) {
                            c.tags.push(tag);
                        }
                    }
                }
                CsvField::Birthday => match parse_date(value) {
                    DateCell::Blank => {}
                    DateCell::Full(d) if c.birthday.is_empty() => {
                        c.birthday = d.format("%Y-%m-%d").to_string();
                    }
                    DateCell::NoYear(m, d) if c.birthday.is_empty() => {
                        c.birthday = format!("--{m:02}-{d:02}");
                    }
                    _ => unread.push(format!("Birthday: {value}")),
                },
                CsvField::MetOn => match parse_date(value) {
                    DateCell::Blank => {}
                    DateCell::Full(d) if c.met_on.is_none() => c.met_on = Some(d),
                    _ => unread.push(format!("Met on: {value}")),
                },
                CsvField::Stage => match Stage::parse(value) {
                    Some(stage) => c.stage = stage,
                    None => unread.push(format!("Stage: {value}")),
                },
            }
        }

        if let Some(a) = addresses
            .into_iter()
            .find(|a| *a != PostalAddress::default())
        {
            c.address = a;
        }
        if c.met_where.is_empty() {
            met_where_default.clone_into(&mut c.met_where);
        }
        for line in unread {
            if !c.notes.is_empty() {
                c.notes.push('\n');
            }
            c.notes.push_str(&line);
        }
        if c.display_name.is_empty() && !middle.is_empty() {
            c.display_name = [c.given_name.as_str(), &middle, &c.family_name]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
        if c.display_name.is_empty() && c.given_name.is_empty() && c.family_name.is_empty() {
            if c.company.is_empty() {
                return Err("no name (first, last, full name and company are all empty)".to_owned());
            }
            c.display_name.clone_from(&c.company);
        }
        Ok(c)
    }
}

/// Single-valued fields keep the first non-empty value of the row.
fn set_once(target: &mut String, value: &str) {
    if target.is_empty() {
        value.clone_into(target);
    }
}

fn is_address(field: CsvField) -> bool {
    matches!(
        field,
        CsvField::Street
            | CsvField::Locality
            | CsvField::Region
            | CsvField::PostalCode
            | CsvField::Country
    )
}

fn set_address_part(a: &mut PostalAddress, field: CsvField, value: &str) {
    let target = match field {
        CsvField::Street => {
            // "Business Street 2" and the like are further lines of the street.
            if !a.street.is_empty() {
                a.street.push('\n');
            }
            a.street.push_str(value);
            return;
        }
        CsvField::Locality => &mut a.locality,
        CsvField::Region => &mut a.region,
        CsvField::PostalCode => &mut a.postal_code,
        _ => &mut a.country,
    };
    set_once(target, value);
}

/// Pairs each value of a cell with its label. Google puts several values in
/// one cell separated by " ::: ", with as many labels in the label cell.
fn labelled<'v>(values: &'v str, row_labels: &str, fixed: &str) -> Vec<(&'v str, String)> {
    let labels: Vec<&str> = row_labels.split(":::").map(str::trim).collect();
    values
        .split(":::")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .enumerate()
        .map(|(i, v)| {
            let label = match labels.get(i) {
                Some(l) if !l.is_empty() => normalise_label(l),
                _ => fixed.to_owned(),
            };
            (v, label)
        })
        .collect()
}

/// Google marks the primary value with "* " ("* Work"); the well-known labels
/// become Touchpoint's lower-case ones, anything else is kept as written.
fn normalise_label(raw: &str) -> String {
    let label = raw.trim_start_matches('*').trim();
    let lower = label.to_lowercase();
    if lower.contains("fax") {
        "fax".to_owned()
    } else if lower.contains("mobile") || lower.contains("cell") {
        "mobile".to_owned()
    } else if matches!(lower.as_str(), "work" | "business" | "office") {
        "work".to_owned()
    } else if matches!(lower.as_str(), "home" | "personal" | "private") {
        "home".to_owned()
    } else if matches!(lower.as_str(), "other" | "main" | "pager") {
        lower
    } else {
        label.to_owned()
    }
}

/// Google separates labels with " ::: ", Outlook categories and Touchpoint
/// tags use ";", hand-made files usually ",". Google's "* myContacts" is on
/// every contact and says nothing, so it is dropped; other system labels
/// ("* starred") lose the star.
fn split_tags(cell: &str) -> Vec<String> {
    let separator = if cell.contains(":::") {
        ":::"
    } else if cell.contains(';') {
        ";"
    } else {
        ","
    };
    cell.split(separator)
        .map(|t| t.trim().trim_start_matches('*').trim())
        .filter(|t| {
            !t.is_empty()
                && !t.eq_ignore_ascii_case("mycontacts")
                && !t.eq_ignore_ascii_case("my contacts")
        })
        .map(str::to_owned)
        .collect()
}

fn push_profile(profiles: &mut Vec<Profile>, kind: ProfileKind, url: &str) {
    if !profiles.iter().any(|p| p.url == url) {
        profiles.push(Profile {
            kind,
            url: url.to_owned(),
        });
    }
}

fn profile_kind(url: &str) -> ProfileKind {
    let lower = url.to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        ProfileKind::Linkedin
    } else if matches!(host, "x.com" | "twitter.com" | "mobile.twitter.com") {
        ProfileKind::X
    } else {
        ProfileKind::Other
    }
}

/// A date cell as found in the exports.
#[derive(Debug, PartialEq, Eq)]
enum DateCell {
    /// Empty, or a placeholder for "none" (Outlook's "0/0/00" and 1/1/4501).
    Blank,
    Full(NaiveDate),
    /// Month and day without a (4-digit) year.
    NoYear(u32, u32),
    Invalid,
}

/// Reads ISO ("1985-04-12", "--04-12"), Outlook's US "4/12/1985", European
/// "12.04.1985", compact "19850412" and written months ("12 Mar 2024", as
/// LinkedIn writes, or "March 12, 1985"). Slashes are month first unless the
/// first number cannot be a month; dots and dashes are day first.
fn parse_date(raw: &str) -> DateCell {
    let s = raw.trim();
    if s.is_empty() {
        return DateCell::Blank;
    }
    if let Some(rest) = s.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        return match (digits.get(..2), digits.get(2..4), digits.len()) {
            (Some(m), Some(d), 4) => month_day(None, m, d),
            _ => DateCell::Invalid,
        };
    }
    // Drop a time of day ("4/12/1985 0:00:00", "1985-04-12T00:00:00Z").
    let date = s.split([' ', 'T']).next().unwrap_or(s);
    let numeric_date = date
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'));
    let s = if numeric_date && date.len() >= 6 {
        date
    } else {
        s
    };

    let tokens: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let all_digits = tokens.iter().all(|t| t.chars().all(|c| c.is_ascii_digit()));
    if all_digits {
        return match tokens.as_slice() {
            [ymd] if ymd.len() == 8 => full_or_partial(
                ymd.get(..4).unwrap_or(""),
                ymd.get(4..6).unwrap_or(""),
                ymd.get(6..).unwrap_or(""),
            ),
            [y, m, d] if y.len() == 4 => full_or_partial(y, m, d),
            [a, b, y] => {
                let (m, d) = if s.contains('/') {
                    if a.parse::<u32>().unwrap_or(0) > 12 {
                        (b, a)
                    } else {
                        (a, b)
                    }
                } else if b.parse::<u32>().unwrap_or(0) > 12 {
                    (a, b)
                } else {
                    (b, a)
                };
                full_or_partial(y, m, d)
            }
            _ => DateCell::Invalid,
        };
    }
    // A written month: the other tokens are the day (1-2 digits) and maybe a year.
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for t in &tokens {
        if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() == 4 && year.is_none() {
                year = Some(*t);
            } else if t.len() <= 2 && day.is_none() {
                day = Some(*t);
            } else {
                return DateCell::Invalid;
            }
        } else if let Some(m) = month_number(t).filter(|_| month.is_none()) {
            month = Some(m);
        } else {
            return DateCell::Invalid;
        }
    }
    match (month, day) {
        (Some(m), Some(d)) => month_day(year, &m.to_string(), d),
        _ => DateCell::Invalid,
    }
}

fn full_or_partial(year: &str, month: &str, day: &str) -> DateCell {
    // Two-digit years are ambiguous for birthdays (1985 or 2085?); keep day and month.
    let year = (year.len() == 4).then_some(year);
    month_day(year, month, day)
}

fn month_day(year: Option<&str>, month: &str, day: &str) -> DateCell {
    let (Ok(m), Ok(d)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return DateCell::Invalid;
    };
    let y = year.and_then(|y| y.parse::<i32>().ok());
    if m == 0 && d == 0 || y == Some(4501) {
        return DateCell::Blank;
    }
    match y {
        Some(y) if y > 0 => {
            NaiveDate::from_ymd_opt(y, m, d).map_or(DateCell::Invalid, DateCell::Full)
        }
        // Year 0000 is how some exports say "year unknown"; 2000 accepts Feb 29.
        _ => match NaiveDate::from_ymd_opt(2000, m, d) {
            Some(_) => DateCell::NoYear(m, d),
            None => DateCell::Invalid,
        },
    }
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.to_lowercase();
    let prefix = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    u32::try_from(i + 1).ok()
}
