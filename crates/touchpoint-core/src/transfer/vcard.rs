//! vCard import (2.1, 3.0 and 4.0) and export (4.0) for business-card entry.
//!
//! Salespeople arrive with their address book in a phone, Outlook or Google
//! export, and vCard is the one format all of those write; export lets them
//! take every contact back out with nothing lost. The content-line parser is
//! written here because no vCard crate is in the dependency tree, and the
//! quirks that matter (2.1 bare parameters, quoted-printable soft line breaks,
//! per-property charsets, Apple's grouped `X-ABLabel`s) are exactly what a
//! generic parser tends to get wrong.
//!
//! Invariants:
//! - [`parse_vcards`] never panics and never fails as a whole: each top-level
//!   `BEGIN:VCARD` (grouped or not: `item1.BEGIN:VCARD`) yields one
//!   [`ParsedRecord`], numbered from 1 in file order, holding either the
//!   fields read or why that card alone was rejected. Text outside cards is
//!   ignored.
//! - A card is rejected when it has no `END:VCARD` (a truncated file) or
//!   when it has nothing to name it by; a line with no colon (or no property
//!   name) is skipped alone, and the card's `warnings` say which. The name comes
//!   from FN, else from N, else from ORG: a card for a company (a reception
//!   desk, a supplier) is still someone to follow up, so it is kept; a card
//!   with none of those (an email-only contact from a phone) is named after
//!   its email, else its phone number, and its `warnings` say so.
//! - Unknown properties and blobs (PHOTO, LOGO, SOUND, KEY) are skipped, and a
//!   value that cannot be understood (a birthday such as "circa 1800", a UTC
//!   offset instead of a zone name, a link that is not http, https, mailto or
//!   tel) is never fatal: it is kept in the notes ("Birthday: circa 1800"),
//!   worded as the CSV importer words it.
//! - What [`write_vcards`] writes, [`parse_vcards`] reads back as the same
//!   [`ContactFields`](crate::contacts::ContactFields), given a non-empty `display_name`, with three
//!   exceptions: `referred_by` (a local id, never exported), `e164` (the core
//!   recomputes it on save) and line breaks, normalised to `\n`. Text is
//!   trimmed on import, as validation would do anyway. Phone and email labels
//!   that `TYPE` cannot carry travel as Apple-style grouped `X-ABLabel`s.
//!
//! Known limits: a user label spelled like an Apple built-in (`_$!<Home>!$_`)
//! comes back normalised; a numeric UTC offset in TZ comes back in the notes
//! because it names no zone; a user tag spelled "myContacts" is dropped with Google's
//! system group of that name, unless the card is one Touchpoint wrote.

// Any input reaches these parsers: an index that can be out of range
// would be a panic on some file, so every lookup is a `get`.
#![deny(clippy::indexing_slicing)]

use crate::contacts::ProfileKind;

use crate::time::Day;
use crate::transfer::record::ParsedRecord;

mod property;
mod read;
mod syntax;
mod values;
mod write;

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    reason = "a test indexes what it just asserted is there"
)]
mod tests;

pub(crate) use values::parse_time_window;
pub(crate) use write::time_window_value;
pub use write::write_vcards;

/// Reads every card in `data`, whatever its version, line ends or charset.
#[must_use]
pub fn parse_vcards(data: &[u8]) -> Vec<ParsedRecord> {
    let data = syntax::normalize_input(data);
    syntax::split_cards(&data)
        .iter()
        .map(read::read_card)
        .collect()
}

/// How the PRODID of a card Touchpoint wrote starts.
const PRODID_PREFIX: &str = "-//Touchpoint//";

// The Touchpoint-only fields, named once so reader and writer cannot drift.
const X_STAGE: &str = "X-TOUCHPOINT-STAGE";
const X_MET_WHERE: &str = "X-TOUCHPOINT-MET-WHERE";
const X_MET_ON: &str = "X-TOUCHPOINT-MET-ON";
const X_CHANNELS: &str = "X-TOUCHPOINT-PREFERRED-CHANNELS";
const X_EVERY_DAYS: &str = "X-TOUCHPOINT-EVERY-DAYS";
const X_BEST_TIME: &str = "X-TOUCHPOINT-BEST-TIME";
const MET_ON_FORMAT: &str = "%Y-%m-%d";

const DAY_NAMES: [(Day, &str, &str); 7] = [
    (Day::Mon, "mon", "monday"),
    (Day::Tue, "tue", "tuesday"),
    (Day::Wed, "wed", "wednesday"),
    (Day::Thu, "thu", "thursday"),
    (Day::Fri, "fri", "friday"),
    (Day::Sat, "sat", "saturday"),
    (Day::Sun, "sun", "sunday"),
];

fn day_name(day: Day) -> &'static str {
    DAY_NAMES
        .iter()
        .find(|(d, _, _)| *d == day)
        .map_or("", |(_, short, _)| short)
}

fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .find(|(_, short, long)| s == *short || s == *long)
        .map(|(day, _, _)| *day)
}

/// The service a social-profile property names (`TYPE=linkedin`,
/// `SERVICE-TYPE=Twitter`); any other named service is kept as `Other`.
fn service_kind(service: &str) -> ProfileKind {
    match service.trim().to_ascii_lowercase().as_str() {
        "linkedin" => ProfileKind::Linkedin,
        "twitter" | "x" => ProfileKind::X,
        _ => ProfileKind::Other,
    }
}

fn service_name(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Linkedin => "linkedin",
        // Apple Contacts still files X profiles under "twitter".
        ProfileKind::X => "twitter",
        ProfileKind::Other => "other",
    }
}

/// The social network a URL points at, judged by its host only, so that
/// "netflix.com" is not mistaken for "x.com".
fn social_kind(url: &str) -> Option<ProfileKind> {
    let host = url_host(url)?;
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if on("linkedin.com") {
        Some(ProfileKind::Linkedin)
    } else if on("twitter.com") || on("x.com") {
        Some(ProfileKind::X)
    } else {
        None
    }
}

fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = host_port.split(':').next()?.to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}
