//! Channels and labels across lines: a lone label line ("Phone",
//! "Birthday") gives its meaning to the value on the next line, and the
//! emails, phones, profiles, website and birthday found anywhere are placed
//! into the contact once each.

use std::collections::HashSet;

use super::birthday::parse_birthday;
use super::channels::is_handle_word;
use super::{Kind, Label, Seg};
use crate::contacts::{ContactFields, Profile};

/// Applies a lone label line ("Phone", "Birthday") to the value on the next
/// line; a label whose value cannot be placed stays in `unplaced` with it.
pub(super) fn resolve_labels(segs: &mut [Seg]) {
    for i in 0..segs.len().saturating_sub(1) {
        let (head, tail) = segs.split_at_mut(i + 1);
        let (Some(seg), Some(next)) = (head.last_mut(), tail.first_mut()) else {
            continue;
        };
        let Kind::Label(label) = seg.kind else {
            continue;
        };
        let consumed = match (label, &mut next.kind) {
            (Label::Phone(l), Kind::Phone(phone)) => {
                if phone.label.is_empty() {
                    phone.label = l.to_string();
                }
                true
            }
            (Label::Email, Kind::Email(_))
            | (Label::Web | Label::Social(..), Kind::Website(_) | Kind::Profile(_))
            | (Label::Address, Kind::Address(_) | Kind::Street) => true,
            (Label::Birthday, Kind::Text) => match parse_birthday(&next.text) {
                Some(date) => {
                    next.kind = Kind::Birthday(date);
                    true
                }
                None => false,
            },
            (Label::Social(kind, base), Kind::Text) if is_handle_word(&next.text) => {
                let handle = next.text.trim_start_matches('@');
                next.kind = Kind::Profile(Profile {
                    kind,
                    url: format!("{base}{handle}"),
                });
                true
            }
            _ => false,
        };
        seg.used = consumed;
    }
}

fn same_site(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let lower = s.to_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .unwrap_or(&lower)
            .to_string();
        rest.trim_start_matches("www.")
            .trim_end_matches('/')
            .to_string()
    };
    key(a) == key(b)
}

/// Emails, phones, profiles, website and birthday, de-duplicated.
pub(super) fn place_channels(segs: &mut [Seg], f: &mut ContactFields) {
    let mut emails = HashSet::new();
    let mut phones = HashSet::new();
    let mut profiles = HashSet::new();
    for seg in segs.iter_mut() {
        seg.used |= match &seg.kind {
            Kind::Email(email) => {
                if emails.insert(email.address.to_lowercase()) {
                    f.emails.push(email.clone());
                }
                true
            }
            Kind::Phone(phone) => {
                let digits: String = phone.number.chars().filter(char::is_ascii_digit).collect();
                if phones.insert(digits) {
                    f.phones.push(phone.clone());
                }
                true
            }
            Kind::Profile(profile) => {
                if profiles.insert(profile.url.to_lowercase()) {
                    f.profiles.push(profile.clone());
                }
                true
            }
            Kind::Website(url) if f.website.is_empty() => {
                f.website.clone_from(url);
                true
            }
            Kind::Website(url) => same_site(&f.website, url),
            Kind::Birthday(date) if f.birthday.is_empty() => {
                f.birthday.clone_from(date);
                true
            }
            _ => false,
        };
    }
}
