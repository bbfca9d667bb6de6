//! Export in the Touchpoint layout, and the formula neutralisation of cells.
//!
//! The `'` that [`write_row`] puts before a cell a spreadsheet would run as a
//! formula and the [`clean`] that removes it on import live side by side, so
//! the two halves of the round trip cannot drift apart.

use super::layouts;
use crate::contacts::{ContactFields, ProfileKind};
use crate::transfer::vcard::time_window_value;

/// The body of [`super::write_csv`], which documents the layout.
pub(super) fn touchpoint_csv<'a>(contacts: impl IntoIterator<Item = &'a ContactFields>) -> String {
    let contacts: Vec<&ContactFields> = contacts.into_iter().collect();
    let most = |count: &dyn Fn(&ContactFields) -> usize| {
        contacts.iter().map(|c| count(c)).max().unwrap_or(0).max(1)
    };
    let emails = most(&|c| c.emails.len());
    let phones = most(&|c| c.phones.len());
    let profiles = most(&|c| c.profiles.len());

    let mut out = String::new();
    write_row(
        &mut out,
        layouts::touchpoint_header(emails, phones, profiles),
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
        for i in 0..profiles {
            let profile = c.profiles.get(i);
            cells.push(
                profile
                    .map(|p| service(p.kind))
                    .unwrap_or_default()
                    .to_owned(),
            );
            cells.push(profile.map(|p| p.url.clone()).unwrap_or_default());
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
            c.tags.join("\n"),
            c.birthday.clone(),
            c.time_zone.clone(),
            c.preferred_channels
                .iter()
                .map(|ch| ch.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            c.preferred_every_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            c.best_times
                .iter()
                .map(time_window_value)
                .collect::<Vec<_>>()
                .join("; "),
            c.notes.clone(),
        ]);
        write_row(&mut out, cells);
    }
    out
}

fn service(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Linkedin => "linkedin",
        ProfileKind::X => "x",
        ProfileKind::Other => "other",
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
pub(super) fn clean(cell: &str) -> &str {
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    };
    cell.trim()
}
