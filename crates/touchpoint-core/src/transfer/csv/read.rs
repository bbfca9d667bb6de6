//! From a row of cells to [`ContactFields`] under a column mapping: pairing
//! values with their label columns, grouping address columns, splitting tags,
//! reading stages and dates, and the reasons a row is rejected. Values that
//! cannot be read are kept in the notes rather than lost.

use super::dates::{DateCell, parse_date};
use super::unmapped::{KeptColumn, is_default_filler};
use super::write::clean;
use super::{CsvColumn, CsvField, LABEL_OF_NEXT};
use cells::{labelled, named_kind, profile_kind, push_profile, split_tags};

mod cells;
use crate::channel::Channel;
use crate::contacts::{ContactFields, Email, Phone, PostalAddress, ProfileKind};
use crate::stage::Stage;
use crate::transfer::record::{NOTHING_TO_NAME, Unread, keep_other_address, name_nameless};
use crate::transfer::vcard::parse_time_window;

/// A row with fewer cells than the header, or extra non-blank ones, has had
/// its columns shifted by a stray quote or delimiter: mapping it would put
/// values into the wrong fields. Trailing empty cells are harmless.
pub(super) fn check_width(cells: &[String], width: usize) -> Result<&[String], String> {
    if cells.len() < width || cells.iter().skip(width).any(|c| !c.trim().is_empty()) {
        Err(format!(
            "{} cells where the header has {width}; a stray quote or delimiter may have shifted the columns",
            cells.len()
        ))
    } else {
        Ok(cells)
    }
}

/// A mapping prepared for reading rows: columns by index, each value column
/// knowing its label column, each address column its address group.
pub(super) struct Plan<'c> {
    columns: Vec<Planned<'c>>,
    kept: &'c [KeptColumn],
    /// Tags one a line, exactly as written (see `layouts::tags_by_line`).
    tags_by_line: bool,
}

struct Planned<'c> {
    column: &'c CsvColumn,
    /// Index of the cell with this value column's per-row label.
    label_cell: Option<usize>,
    /// Which address (Business, Home, ...) an address column belongs to.
    address_group: usize,
}

impl<'c> Plan<'c> {
    pub(super) fn new(
        columns: &'c [CsvColumn],
        kept: &'c [KeptColumn],
        tags_by_line: bool,
    ) -> Self {
        let mut sorted: Vec<&CsvColumn> = columns.iter().collect();
        sorted.sort_by_key(|c| c.index);
        let mut planned: Vec<Planned> = Vec::with_capacity(sorted.len());
        let mut pending_label: [Option<usize>; 3] = [None, None, None];
        let mut group = 0;
        let mut group_fields: Vec<CsvField> = Vec::new();
        // The field and index of the last address column seen.
        let mut previous_address: Option<(CsvField, usize)> = None;
        for column in sorted {
            let slot = match column.field {
                CsvField::Email => Some(0),
                CsvField::Phone => Some(1),
                CsvField::Profile => Some(2),
                _ => None,
            };
            let mut label_cell = None;
            if let Some(pending) = slot.and_then(|slot| pending_label.get_mut(slot)) {
                if column.label == LABEL_OF_NEXT {
                    *pending = Some(column.index);
                } else {
                    label_cell = pending.take();
                }
            }
            if is_address(column.field) {
                // A field seen again starts the next address; street columns
                // side by side are the lines of one street ("Business Street
                // 2"), but not two streets with unmapped columns between.
                let continues_street = column.field == CsvField::Street
                    && previous_address == Some((CsvField::Street, column.index.wrapping_sub(1)));
                if group_fields.contains(&column.field) && !continues_street {
                    group += 1;
                    group_fields.clear();
                }
                group_fields.push(column.field);
                previous_address = Some((column.field, column.index));
            }
            planned.push(Planned {
                column,
                label_cell,
                address_group: group,
            });
        }
        Plan {
            columns: planned,
            kept,
            tags_by_line,
        }
    }

    /// The value of an unmapped column to keep in the notes, if any.
    pub(super) fn kept_value<'v>(
        &self,
        cells: &'v [String],
        column: &KeptColumn,
    ) -> Option<&'v str> {
        let value = cells.get(column.index).map_or("", |c| clean(c));
        (!value.is_empty() && !is_default_filler(&column.label, value)).then_some(value)
    }

    pub(super) fn contact(
        &self,
        cells: &[String],
        warnings: &mut Vec<String>,
    ) -> Result<ContactFields, String> {
        let cell = |i: usize| cells.get(i).map_or("", |c| clean(c));
        let mut c = ContactFields::default();
        let mut middle = String::new();
        let mut addresses: Vec<PostalAddress> = Vec::new();
        let mut unread = Unread::default();
        let mut met_where_default = "";

        for p in &self.columns {
            let col = p.column;
            let value = cell(col.index);
            if col.field == CsvField::MetOn && !col.label.is_empty() {
                met_where_default = &col.label;
            }
            let is_label_column = col.label == LABEL_OF_NEXT
                && matches!(
                    col.field,
                    CsvField::Email | CsvField::Phone | CsvField::Profile
                );
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
                CsvField::Profile => {
                    let service = p.label_cell.map_or("", cell);
                    let service = if service.is_empty() {
                        col.label.as_str()
                    } else {
                        service
                    };
                    let kind = named_kind(service).unwrap_or_else(|| profile_kind(value));
                    push_profile(&mut c.profiles, kind, value);
                }
                CsvField::PreferredChannels => {
                    for name in value
                        .split([';', ','])
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                    {
                        match Channel::parse(name) {
                            Some(channel) => c.preferred_channels.push(channel),
                            None => unread.keep("Preferred channel", name),
                        }
                    }
                }
                CsvField::PreferredEveryDays => match value.parse() {
                    Ok(days) if c.preferred_every_days.is_none() => {
                        c.preferred_every_days = Some(days);
                    }
                    _ => unread.keep("Contact every (days)", value),
                },
                CsvField::BestTimes => {
                    for window in value.split(';').map(str::trim).filter(|w| !w.is_empty()) {
                        match parse_time_window(window) {
                            Some(window) => c.best_times.push(window),
                            None => unread.keep("Best time", window),
                        }
                    }
                }
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
                    let tags = if self.tags_by_line {
                        value
                            .lines()
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_owned)
                            .collect()
                    } else {
                        split_tags(value)
                    };
                    for tag in tags {
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
                    _ => unread.keep("Birthday", value),
                },
                CsvField::MetOn => match parse_date(value) {
                    DateCell::Blank => {}
                    DateCell::Full(d) if c.met_on.is_none() => c.met_on = Some(d),
                    _ => unread.keep("Met on", value),
                },
                CsvField::Stage => match Stage::parse(value) {
                    Some(stage) => c.stage = stage,
                    None => unread.keep("Stage", value),
                },
            }
        }

        for column in self.kept {
            if let Some(value) = self.kept_value(cells, column) {
                unread.keep(&column.label, value);
            }
        }
        let mut addresses = addresses
            .into_iter()
            .filter(|a| *a != PostalAddress::default());
        if let Some(a) = addresses.next() {
            c.address = a;
        }
        for other in addresses.filter(|a| *a != c.address) {
            keep_other_address(&other, &mut unread, warnings);
        }
        if c.met_where.is_empty() {
            met_where_default.clone_into(&mut c.met_where);
        }
        unread.add_to(&mut c.notes);
        if c.display_name.is_empty() && !middle.is_empty() {
            c.display_name = [c.given_name.as_str(), &middle, &c.family_name]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
        match name_nameless(&mut c) {
            Ok(warning) => warnings.extend(warning),
            Err(()) => return Err(NOTHING_TO_NAME.to_owned()),
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
