//! "Paste a card": free text in, a pre-filled contact form out.
//!
//! Salespeople come back from events with piles of cards and inboxes full of
//! signatures; typing each one field by field is what keeps them out of the
//! CRM. This module reads a transcribed business card, an email signature or a
//! LinkedIn "Contact info" blurb and guesses which line is which field. It only
//! guesses: the UI shows the result for the user to correct and confirm, and
//! nothing here touches the database.
//!
//! Invariants:
//! - Never panics and stays linear in the size of the input, whatever is pasted.
//! - Nothing that could be data is lost: every line (or `|`/`·`-separated part of
//!   a line) fills a field, is recognised noise (signature separators, "Sent
//!   from my iPhone", closings such as "Best regards,", reply headers,
//!   confidentiality disclaimers), or comes back in [`CardParse::unplaced`],
//!   trimmed and in input order.
//! - Values are kept as written (names, numbers, website); only labels are
//!   normalised. `Phone::e164` is left `None`: the core normalises on save.
//! - Pure text heuristics: no clock, no network, no locale.

// Any pasted text reaches this parser: an index that can be out of range
// would be a panic on some paste, so every lookup is a `get`.
#![deny(clippy::indexing_slicing)]

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::contacts::{ContactFields, Email, Phone, PostalAddress, Profile, ProfileKind};

mod address;
mod birthday;
mod channels;
mod cjk;
mod companies;
mod labels;
mod lines;
mod name_order;
mod names;
mod people;
mod placing;
mod postal_codes;
mod shapes;
mod titles;

use address::{address_of, assemble_address, is_country, is_street_line};
use birthday::inline_birthday;
use channels::{
    email_of, handle_profile, parse_phone, profile_owner, trim_punct, url_kind, url_of,
};
use labels::{email_label, is_address_label, is_link_label, lone_label, norm_label};
use lines::{
    clean_line, collapse_ws, fold, is_closing, is_contact_info_heading, is_mail_from_header,
    is_mail_header_field, is_noise_line, is_reply_header, is_separator, split_inner_labels,
    split_segments,
};
use names::{is_name_word, name_like};
use people::{Ctx, assign_people, is_prose};
use placing::{place_channels, resolve_labels};
use shapes::expand_shapes;

/// What the parser made of a pasted text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardParse {
    /// The form as pre-filled; the user confirms it before anything is saved.
    pub fields: ContactFields,
    /// Lines (or parts of lines) that fit no field, trimmed, in input order,
    /// so the user can copy them into notes or the right field.
    pub unplaced: Vec<String>,
}

/// Parses a pasted business card, email signature or LinkedIn blurb.
#[must_use]
pub fn parse_card_text(text: &str) -> CardParse {
    let mut reader = Reader::default();
    let lines = text
        .lines()
        .flat_map(|l| l.split(['\r', '\u{2028}', '\u{2029}', '\u{85}']));
    for (line_no, raw) in lines.enumerate() {
        reader.read_line(line_no, raw);
    }
    reader.finish()
}

/// Longer segments are prose (a pasted mail body, a disclaimer), never a value;
/// skipping the heuristics on them also keeps huge pastes cheap.
const MAX_VALUE_CHARS: usize = 300;
/// Lines longer than this skip the noise checks (and their Unicode folding).
const MAX_NOISE_BYTES: usize = 4096;
/// Separator that cannot survive `clean_line` (control characters are dropped).
const SEP: char = '\u{1F}';

struct Seg {
    /// Index of the input line, blank lines included, so "the next line" means it.
    line: usize,
    /// The text as it goes to `unplaced` if nothing claims it.
    text: String,
    kind: Kind,
    used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Email,
    Phone(&'static str),
    Web,
    Social(ProfileKind, &'static str),
    Birthday,
    Address,
    Connected,
}

enum Kind {
    /// A line that only names the field on the next line (LinkedIn's layout).
    Label(Label),
    /// LinkedIn's "Ada Lovelace’s Profile" heading.
    ProfileOwner(String),
    Email(Email),
    Phone(Phone),
    Website(String),
    Profile(Profile),
    Birthday(String),
    /// A line with a postal code or "City, Country"; may carry street parts.
    Address(PostalAddress),
    Street,
    Country,
    /// Anything else: a name, title or company candidate, or unplaced.
    Text,
}

#[derive(Default)]
struct Reader {
    segs: Vec<Seg>,
    in_mail_header: bool,
    header_emails: Vec<String>,
    header_names: Vec<String>,
}

impl Reader {
    fn read_line(&mut self, line: usize, raw: &str) {
        let cleaned = clean_line(raw);
        let flat = collapse_ws(&cleaned);
        if flat.is_empty() {
            self.in_mail_header = false;
            return;
        }
        if flat.len() > MAX_NOISE_BYTES {
            // Far too long for a header or boilerplate check to be worth it.
            self.in_mail_header = false;
            for seg in split_segments(&cleaned) {
                self.classify(line, seg);
            }
            return;
        }
        let lower = fold(&flat);
        if self.in_mail_header && is_mail_header_field(&lower) {
            return;
        }
        self.in_mail_header = false;
        if is_mail_from_header(&lower) {
            self.in_mail_header = true;
            self.note_header(&flat);
            return;
        }
        if is_reply_header(&lower) {
            self.note_header(&flat);
            return;
        }
        if is_noise_line(&flat, &lower) {
            return;
        }
        for seg in split_segments(&cleaned) {
            for part in split_inner_labels(&seg) {
                self.classify(line, part);
            }
        }
    }

    /// A reply or forward header names the quoted sender: a fallback when the
    /// signature itself gives no email or name.
    fn note_header(&mut self, header: &str) {
        for token in header.split(' ') {
            if let Some(address) = email_of(token) {
                self.header_emails.push(address);
            }
        }
        if let Some(lt) = header.find('<') {
            let mut words: Vec<&str> = Vec::new();
            for token in header[..lt].split_whitespace().rev() {
                let token = token.trim_matches('"');
                let stop = token.ends_with(',')
                    || token.eq_ignore_ascii_case("am")
                    || token.eq_ignore_ascii_case("pm")
                    || !is_name_word(token)
                    || words.len() == 4;
                if stop {
                    break;
                }
                words.push(token);
            }
            words.reverse();
            let name = words.join(" ");
            if name_like(&name, false) {
                self.header_names.push(name);
            }
        }
    }

    fn push(&mut self, line: usize, text: String, kind: Kind) {
        self.segs.push(Seg {
            line,
            text,
            kind,
            used: false,
        });
    }

    fn classify(&mut self, line: usize, seg: String) {
        if seg.chars().count() > MAX_VALUE_CHARS {
            self.push(line, seg, Kind::Text);
            return;
        }
        let lower = fold(&seg);
        if is_separator(&seg) || is_closing(&lower) || is_contact_info_heading(&lower) {
            return;
        }
        if let Some(label) = lone_label(&norm_label(&seg)) {
            self.push(line, seg, Kind::Label(label));
            return;
        }
        if let Some(owner) = profile_owner(&seg) {
            self.push(line, seg, Kind::ProfileOwner(owner));
            return;
        }
        if let Some(profile) = handle_profile(&seg) {
            self.push(line, seg, Kind::Profile(profile));
            return;
        }
        if !self.extract_links(line, &seg) {
            self.classify_plain(line, seg);
        }
    }

    /// Pulls emails and URLs out of a segment. What is left is either the
    /// label they carried ("E:", "Web:", LinkedIn's "(Company)") or more text,
    /// which is classified on its own ("Jane Doe <jane@acme.com>").
    fn extract_links(&mut self, line: usize, seg: &str) -> bool {
        let tokens: Vec<&str> = seg.split(' ').collect();
        let mut links: Vec<(usize, Kind)> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if let Some(address) = email_of(token) {
                let email = Email {
                    label: String::new(),
                    address,
                };
                links.push((i, Kind::Email(email)));
            } else if let Some(url) = url_of(token) {
                links.push((i, url_kind(&url)));
            }
        }
        if links.is_empty() {
            return false;
        }
        let rest: Vec<&str> = tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| !links.iter().any(|(j, _)| j == i))
            .map(|(_, t)| *t)
            .collect();
        let rest = rest.join(" ");
        if is_prose(&rest) {
            // "Please write to my assistant at anna@acme.com": not this contact's.
            return false;
        }
        let rest_key = norm_label(&rest);
        let rest_is_label = rest_key.is_empty() || is_link_label(&rest_key, &rest);
        let rest_first = links.first().is_some_and(|(i, _)| *i > 0);
        if !rest_is_label && rest_first {
            self.classify_plain(line, rest.clone());
        }
        let single = links.len() == 1;
        for (i, mut kind) in links {
            if let Kind::Email(email) = &mut kind {
                email.label = email_label(&rest_key).unwrap_or("").to_string();
            }
            // One link with only its label: the whole segment is the value, as written.
            let text = if single && rest_is_label {
                seg.to_string()
            } else {
                tokens.get(i).map_or("", |t| trim_punct(t)).to_string()
            };
            self.push(line, text, kind);
        }
        if !rest_is_label && !rest_first {
            self.classify_plain(line, rest);
        }
        true
    }

    fn classify_plain(&mut self, line: usize, seg: String) {
        // "Address: …", "地址：…": the label says what the rest is.
        let labelled = seg
            .split_once(':')
            .filter(|(key, _)| is_address_label(&norm_label(key)))
            .map(|(_, value)| value.trim());
        let address_text = labelled.unwrap_or(&seg);
        let kind = if let Some(date) = inline_birthday(&seg) {
            Kind::Birthday(date)
        } else if let Some(phone) = parse_phone(&seg) {
            Kind::Phone(phone)
        } else if let Some(address) = address_of(address_text) {
            Kind::Address(address)
        } else if labelled.is_some_and(|v| !v.is_empty()) {
            Kind::Street
        } else if is_country(&seg) {
            Kind::Country
        } else if is_street_line(&seg) {
            Kind::Street
        } else {
            Kind::Text
        };
        self.push(line, seg, kind);
    }

    fn finish(self) -> CardParse {
        let Reader {
            mut segs,
            header_emails,
            header_names,
            ..
        } = self;
        let mut f = ContactFields::default();
        resolve_labels(&mut segs);
        place_channels(&mut segs, &mut f);
        if f.emails.is_empty() {
            let mut seen = HashSet::new();
            for address in header_emails {
                if seen.insert(address.to_lowercase()) {
                    f.emails.push(Email {
                        label: String::new(),
                        address,
                    });
                }
            }
        }
        assemble_address(&mut segs, &mut f.address);
        let linkedin = segs.iter().any(|s| matches!(s.kind, Kind::ProfileOwner(_)));
        let ctx = Ctx::new(&f, linkedin);
        let mut segs = expand_shapes(segs, &ctx);
        assign_people(&mut segs, &mut f, &ctx, &header_names);
        let unplaced = segs
            .into_iter()
            .filter(|s| !s.used)
            .map(|s| s.text)
            .collect();
        CardParse {
            fields: f,
            unplaced,
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    reason = "a test indexes what it just asserted is there"
)]
mod tests;
