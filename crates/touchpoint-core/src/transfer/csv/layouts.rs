//! Which export produced a CSV, and what each of its columns means.
//!
//! Kept apart from the reading and writing code because it is mostly data:
//! the header vocabularies of Google Contacts (current and pre-2021), Outlook,
//! LinkedIn and Touchpoint itself, plus the best guesses for anything else.
//! Headers are compared case-insensitively; a header a known layout does not
//! use maps to `Ignore` rather than to a guess, because those exports are full
//! of look-alikes ("Account", "Title", "Location") that mean something else.

use super::{CsvField, CsvLayout, LABEL_OF_NEXT};
use custom::custom;
use thunderbird::{is_thunderbird, thunderbird};

mod custom;
mod thunderbird;

/// The columns [`super::write_csv`] always writes before the numbered ones.
const TOUCHPOINT_HEAD: [&str; 5] = [
    "Display Name",
    "Given Name",
    "Family Name",
    "Title",
    "Company",
];

/// The columns [`super::write_csv`] writes after the numbered email, phone and
/// profile columns, in this order (the writer relies on it).
const TOUCHPOINT_TAIL: [&str; 15] = [
    "Street",
    "City",
    "Region",
    "Postal Code",
    "Country",
    "Met Where",
    "Met On",
    "Stage",
    "Tags",
    "Birthday",
    "Time Zone",
    "Preferred Channels",
    "Contact Every Days",
    "Best Times",
    "Notes",
];

/// The tail of exports written before profiles and preferences were carried.
const LEGACY_TAIL: [&str; 12] = [
    "Street",
    "City",
    "Region",
    "Postal Code",
    "Country",
    "Met Where",
    "Met On",
    "Stage",
    "Tags",
    "Birthday",
    "Time Zone",
    "Notes",
];

/// The header [`super::write_csv`] produces for the given numbers of
/// email, phone and profile slots.
pub(super) fn touchpoint_header(emails: usize, phones: usize, profiles: usize) -> Vec<String> {
    let mut header = numbered_head(emails, phones);
    for i in 1..=profiles {
        header.push(format!("Profile {i} - Service"));
        header.push(format!("Profile {i} - URL"));
    }
    header.extend(TOUCHPOINT_TAIL.iter().map(|h| (*h).to_owned()));
    header
}

/// The header of an earlier export, with its LinkedIn columns.
fn legacy_header(emails: usize, phones: usize, linkedins: usize) -> Vec<String> {
    let mut header = numbered_head(emails, phones);
    for i in 1..=linkedins {
        header.push(format!("LinkedIn {i}"));
    }
    header.extend(LEGACY_TAIL.iter().map(|h| (*h).to_owned()));
    header
}

fn numbered_head(emails: usize, phones: usize) -> Vec<String> {
    let mut header: Vec<String> = TOUCHPOINT_HEAD.iter().map(|h| (*h).to_owned()).collect();
    for i in 1..=emails {
        header.push(format!("Email {i} - Label"));
        header.push(format!("Email {i} - Value"));
    }
    for i in 1..=phones {
        header.push(format!("Phone {i} - Label"));
        header.push(format!("Phone {i} - Value"));
    }
    header.push("Website".to_owned());
    header
}

/// Whether a Tags cell holds one tag a line: in the current Touchpoint
/// layout, where a tag may hold any separator but a line break. Elsewhere
/// tags are split on ":::", ";" or ",".
pub(super) fn tags_by_line(layout: CsvLayout, headers: &[String]) -> bool {
    layout == CsvLayout::Touchpoint && headers.iter().any(|h| h.trim() == "Best Times")
}

/// Recognises the export a header row came from.
pub(super) fn detect_layout(headers: &[String]) -> CsvLayout {
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|h| h == name);
    let any = |pred: &dyn Fn(&str) -> bool| lower.iter().any(|h| pred(h));

    if is_touchpoint(headers) {
        return CsvLayout::Touchpoint;
    }
    if has("connected on") && has("url") {
        return CsvLayout::Linkedin;
    }
    let google_numbered = any(&|h| {
        (h.starts_with("e-mail ") || h.starts_with("phone "))
            && (h.ends_with(" - label") || h.ends_with(" - type") || h.ends_with(" - value"))
    });
    let google_new =
        has("first name") && (has("organization name") || has("labels") || google_numbered);
    let google_old =
        has("given name") && has("family name") && (has("group membership") || google_numbered);
    if google_new || google_old {
        return CsvLayout::GoogleContacts;
    }
    // Before Outlook: Thunderbird's export also has "Job Title".
    if is_thunderbird(&has) {
        return CsvLayout::Thunderbird;
    }
    if has("first name")
        && has("last name")
        && (has("e-mail address")
            || has("business phone")
            || has("mobile phone")
            || has("job title"))
    {
        return CsvLayout::Outlook;
    }
    CsvLayout::Custom
}

fn is_touchpoint(headers: &[String]) -> bool {
    let count = |prefix: &str, suffix: &str| {
        headers
            .iter()
            .filter(|h| h.starts_with(prefix) && h.ends_with(suffix))
            .count()
    };
    let (emails, phones) = (count("Email ", " - Value"), count("Phone ", " - Value"));
    let matches = |expected: Vec<String>| {
        expected.len() == headers.len()
            && expected
                .iter()
                .zip(headers)
                .all(|(e, h)| e.eq_ignore_ascii_case(h.trim()))
    };
    matches(touchpoint_header(
        emails,
        phones,
        count("Profile ", " - URL"),
    )) || matches(legacy_header(emails, phones, count("LinkedIn ", "")))
}

/// The field (and fixed label) a column of `layout` with this header holds.
pub(super) fn guess_field(layout: CsvLayout, header: &str) -> (CsvField, &'static str) {
    let h = header.trim().to_lowercase();
    match layout {
        CsvLayout::GoogleContacts => google(&h),
        CsvLayout::Outlook => outlook(&h),
        CsvLayout::Thunderbird => thunderbird(&h),
        CsvLayout::Linkedin => linkedin(&h),
        CsvLayout::Touchpoint => touchpoint(&h),
        CsvLayout::Custom => custom(&h),
    }
}

/// Splits "E-mail 2 - Value" into ("e-mail", "value").
pub(super) fn numbered(h: &str) -> Option<(&str, &str)> {
    let (prefix, part) = h.split_once(" - ")?;
    let kind = prefix.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    Some((kind, part.trim()))
}

fn google(h: &str) -> (CsvField, &'static str) {
    let field = match h {
        "first name" | "given name" => CsvField::GivenName,
        "middle name" | "additional name" => CsvField::MiddleName,
        "last name" | "family name" => CsvField::FamilyName,
        "name" => CsvField::DisplayName,
        "organization name" => CsvField::Company,
        "organization title" => CsvField::Title,
        "labels" | "group membership" => CsvField::Tags,
        "notes" => CsvField::Notes,
        "birthday" => CsvField::Birthday,
        _ => {
            return match numbered(h) {
                Some(("e-mail", "label" | "type")) => (CsvField::Email, LABEL_OF_NEXT),
                Some(("e-mail", "value")) => (CsvField::Email, ""),
                Some(("phone", "label" | "type")) => (CsvField::Phone, LABEL_OF_NEXT),
                Some(("phone", "value")) => (CsvField::Phone, ""),
                Some(("address", part)) => (address_part(part), ""),
                Some(("organization", "name")) => (CsvField::Company, ""),
                Some(("organization", "title")) => (CsvField::Title, ""),
                Some(("website", "value")) => (CsvField::Website, ""),
                _ => (CsvField::Ignore, ""),
            };
        }
    };
    (field, "")
}

fn address_part(part: &str) -> CsvField {
    match part {
        "street" | "street 2" | "street 3" => CsvField::Street,
        "city" => CsvField::Locality,
        "region" | "state" => CsvField::Region,
        "postal code" | "zip" | "zip code" | "zipcode" => CsvField::PostalCode,
        "country" | "country/region" => CsvField::Country,
        _ => CsvField::Ignore,
    }
}

fn outlook(h: &str) -> (CsvField, &'static str) {
    match h {
        "first name" => (CsvField::GivenName, ""),
        "middle name" => (CsvField::MiddleName, ""),
        "last name" => (CsvField::FamilyName, ""),
        // Not in Outlook's own export, but in the CSVs converted from it.
        "display name" => (CsvField::DisplayName, ""),
        // Outlook's "Title" is the honorific (Mr., Dr.); the job is "Job Title".
        "job title" => (CsvField::Title, ""),
        "company" => (CsvField::Company, ""),
        "e-mail address" | "e-mail 2 address" | "e-mail 3 address" => (CsvField::Email, ""),
        "business phone" | "business phone 2" | "company main phone" => (CsvField::Phone, "work"),
        "mobile phone" => (CsvField::Phone, "mobile"),
        "home phone" | "home phone 2" => (CsvField::Phone, "home"),
        "business fax" | "home fax" | "other fax" => (CsvField::Phone, "fax"),
        "primary phone" => (CsvField::Phone, ""),
        "other phone" => (CsvField::Phone, "other"),
        "car phone" => (CsvField::Phone, "car"),
        "pager" => (CsvField::Phone, "pager"),
        "categories" => (CsvField::Tags, ""),
        "notes" => (CsvField::Notes, ""),
        "web page" | "personal web page" => (CsvField::Website, ""),
        "birthday" => (CsvField::Birthday, ""),
        // Not the contact's own number: kept in the notes under its name.
        "assistant's phone" => (CsvField::Ignore, ""),
        "callback" => (CsvField::Phone, "callback"),
        "isdn" => (CsvField::Phone, "isdn"),
        "radio phone" => (CsvField::Phone, "radio"),
        "tty/tdd phone" => (CsvField::Phone, "tty"),
        _ => {
            if let Some(found) = channel_by_words(h) {
                return found;
            }
            // Business (or Work, in CSVs converted to this layout), then Home,
            // then Other address: read_csv keeps the first one that has any
            // part filled in, the others in the notes.
            let part = ["business ", "work ", "home ", "other "]
                .iter()
                .find_map(|p| h.strip_prefix(p));
            (part.map_or(CsvField::Ignore, address_part), "")
        }
    }
}

/// An e-mail or phone column of a CSV another program converted to
/// Outlook's layout under names of its own ("Email Home", "Home Mobile",
/// "Phone Video"), known by its words and labelled by them. Outlook's own
/// "E-mail Type" and "E-mail Display Name" are no addresses.
fn channel_by_words(h: &str) -> Option<(CsvField, &'static str)> {
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["e-mail", "email"]) && !has(&["type", "display name"]) {
        let label = if has(&["home", "personal"]) {
            "home"
        } else if has(&["work", "business"]) {
            "work"
        } else {
            ""
        };
        return Some((CsvField::Email, label));
    }
    if !has(&["phone", "mobile", "fax", "pager"]) {
        return None;
    }
    let label = if has(&["fax"]) {
        "fax"
    } else if has(&["mobile", "cell"]) {
        "mobile"
    } else if has(&["pager"]) {
        "pager"
    } else if has(&["home"]) {
        "home"
    } else if has(&["work", "business"]) {
        "work"
    } else {
        "other"
    };
    Some((CsvField::Phone, label))
}

fn linkedin(h: &str) -> (CsvField, &'static str) {
    match h {
        "first name" => (CsvField::GivenName, ""),
        "last name" => (CsvField::FamilyName, ""),
        "url" => (CsvField::Linkedin, ""),
        "email address" => (CsvField::Email, ""),
        "company" => (CsvField::Company, ""),
        "position" => (CsvField::Title, ""),
        // The label of a MetOn column is the place met: every row is a LinkedIn connection.
        "connected on" => (CsvField::MetOn, "LinkedIn"),
        _ => (CsvField::Ignore, ""),
    }
}

fn touchpoint(h: &str) -> (CsvField, &'static str) {
    let field = match h {
        "display name" => CsvField::DisplayName,
        "given name" => CsvField::GivenName,
        "family name" => CsvField::FamilyName,
        "title" => CsvField::Title,
        "company" => CsvField::Company,
        "website" => CsvField::Website,
        "street" => CsvField::Street,
        "city" => CsvField::Locality,
        "region" => CsvField::Region,
        "postal code" | "zip" | "zip code" | "zipcode" => CsvField::PostalCode,
        "country" => CsvField::Country,
        "met where" => CsvField::MetWhere,
        "met on" => CsvField::MetOn,
        "stage" => CsvField::Stage,
        "tags" => CsvField::Tags,
        "birthday" => CsvField::Birthday,
        "time zone" => CsvField::TimeZone,
        "preferred channels" => CsvField::PreferredChannels,
        "contact every days" => CsvField::PreferredEveryDays,
        "best times" => CsvField::BestTimes,
        "notes" => CsvField::Notes,
        _ if h.starts_with("linkedin ") => CsvField::Linkedin,
        _ => {
            return match numbered(h) {
                Some(("email", "label")) => (CsvField::Email, LABEL_OF_NEXT),
                Some(("email", "value")) => (CsvField::Email, ""),
                Some(("phone", "label")) => (CsvField::Phone, LABEL_OF_NEXT),
                Some(("phone", "value")) => (CsvField::Phone, ""),
                Some(("profile", "service")) => (CsvField::Profile, LABEL_OF_NEXT),
                Some(("profile", "url")) => (CsvField::Profile, ""),
                _ => (CsvField::Ignore, ""),
            };
        }
    };
    (field, "")
}
