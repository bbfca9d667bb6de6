//! vCard 4.0 export: CRLF line ends, lines folded at 75 octets on UTF-8
//! character boundaries, text escaped per RFC 6350.
//!
//! Every choice here is made so that `parse_vcards` reads back exactly what
//! was written: phone numbers are text values (not `tel:` URIs, which many
//! typed numbers are not), labels TYPE cannot carry go in a grouped
//! `X-ABLabel`, and a website that looks like a social profile is marked
//! `PREF=1` so it is not read back as one.

use super::{
    MET_ON_FORMAT, PRODID_PREFIX, X_BEST_TIME, X_CHANNELS, X_EVERY_DAYS, X_MET_ON, X_MET_WHERE,
    X_STAGE, day_name, service_name, social_kind,
};
use crate::contacts::{ContactFields, PostalAddress};
use crate::time::TimeWindow;

/// Longest line in octets, CRLF excluded (RFC 6350 section 3.2).
const FOLD_AT: usize = 75;

/// Writes one vCard 4.0 per `(uid, fields)`; `referred_by` is not written
/// because the id it holds means nothing outside this database.
pub fn write_vcards<'a>(cards: impl IntoIterator<Item = (&'a str, &'a ContactFields)>) -> String {
    let mut out = String::new();
    for (uid, fields) in cards {
        CardWriter {
            out: &mut out,
            groups: 0,
        }
        .card(uid, fields);
    }
    out
}

struct CardWriter<'o> {
    out: &'o mut String,
    /// Groups used so far in this card, for `itemN.X-ABLabel`.
    groups: usize,
}

impl CardWriter<'_> {
    fn card(&mut self, uid: &str, fields: &ContactFields) {
        self.line("BEGIN", "VCARD");
        self.line("VERSION", "4.0");
        self.line("PRODID", &format!("{PRODID_PREFIX}Touchpoint CRM//EN"));
        self.text("UID", uid);
        self.line("FN", &escape(&formatted_name(fields)));
        let name = format!(
            "{};{};;;",
            escape(&fields.family_name),
            escape(&fields.given_name)
        );
        self.line("N", &name);
        self.text("ORG", &fields.company);
        self.text("TITLE", &fields.title);
        self.reachability(fields);
        self.address(&fields.address);
        self.text("NOTE", &fields.notes);
        if let Some(birthday) = birthday_value(&fields.birthday) {
            self.line("BDAY", &birthday);
        }
        if !fields.tags.is_empty() {
            let tags: Vec<String> = fields.tags.iter().map(|t| escape(t)).collect();
            self.line("CATEGORIES", &tags.join(","));
        }
        self.text("TZ", &fields.time_zone);
        self.touchpoint(fields);
        self.line("END", "VCARD");
    }

    fn reachability(&mut self, fields: &ContactFields) {
        for phone in fields.phones.iter().filter(|p| !p.number.is_empty()) {
            let type_param = match phone.label.as_str() {
                "mobile" => Some("cell"),
                "work" => Some("work"),
                "home" => Some("home"),
                "fax" => Some("fax"),
                _ => None,
            };
            self.labelled("TEL", type_param, &phone.label, &escape(&phone.number));
        }
        for email in fields.emails.iter().filter(|e| !e.address.is_empty()) {
            let type_param = match email.label.as_str() {
                "work" => Some("work"),
                "home" => Some("home"),
                _ => None,
            };
            self.labelled("EMAIL", type_param, &email.label, &escape(&email.address));
        }
        if !fields.website.is_empty() {
            let name = if social_kind(&fields.website).is_some() {
                "URL;PREF=1"
            } else {
                "URL"
            };
            self.line(name, &escape_uri(&fields.website));
        }
        for profile in fields.profiles.iter().filter(|p| !p.url.is_empty()) {
            let name = format!("X-SOCIALPROFILE;TYPE={}", service_name(profile.kind));
            self.line(&name, &escape_uri(&profile.url));
        }
    }

    /// A label TYPE can say goes there; any other non-empty one goes in an
    /// `itemN.X-ABLabel` beside the value, as Apple Contacts does.
    fn labelled(&mut self, name: &str, type_param: Option<&str>, label: &str, value: &str) {
        match type_param {
            Some(type_param) => self.line(&format!("{name};TYPE={type_param}"), value),
            None if label.is_empty() => self.line(name, value),
            None => {
                self.groups += 1;
                let group = format!("item{}", self.groups);
                self.line(&format!("{group}.{name}"), value);
                self.line(&format!("{group}.X-ABLabel"), &escape(label));
            }
        }
    }

    fn address(&mut self, address: &PostalAddress) {
        let parts = [
            &address.street,
            &address.locality,
            &address.region,
            &address.postal_code,
            &address.country,
        ];
        if parts.iter().all(|p| p.is_empty()) {
            return;
        }
        let parts: Vec<String> = parts.iter().map(|p| escape(p)).collect();
        // PO box and extended address stay empty: the street holds every line.
        self.line("ADR", &format!(";;{}", parts.join(";")));
    }

    fn touchpoint(&mut self, fields: &ContactFields) {
        self.line(X_STAGE, fields.stage.as_str());
        self.text(X_MET_WHERE, &fields.met_where);
        if let Some(met_on) = fields.met_on {
            self.line(X_MET_ON, &met_on.format(MET_ON_FORMAT).to_string());
        }
        if !fields.preferred_channels.is_empty() {
            let channels: Vec<&str> = fields
                .preferred_channels
                .iter()
                .map(|c| c.as_str())
                .collect();
            self.line(X_CHANNELS, &channels.join(","));
        }
        if let Some(days) = fields.preferred_every_days {
            self.line(X_EVERY_DAYS, &days.to_string());
        }
        for window in &fields.best_times {
            self.line(X_BEST_TIME, &time_window_value(window));
        }
    }

    /// A text property, left out when empty.
    fn text(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.line(name, &escape(value));
        }
    }

    /// `value` must already be escaped.
    fn line(&mut self, name: &str, value: &str) {
        fold_into(self.out, &format!("{name}:{value}"));
    }
}

/// FN is mandatory in 4.0; a record without a display name falls back to
/// what validation would have built.
fn formatted_name(fields: &ContactFields) -> String {
    if !fields.display_name.is_empty() {
        return fields.display_name.clone();
    }
    let name = [fields.given_name.as_str(), fields.family_name.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        fields.company.clone()
    } else {
        name
    }
}

/// RFC 6350 dates are basic format: `19850412`, or `--0412` without a year.
fn birthday_value(birthday: &str) -> Option<String> {
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (year, month, day) = match birthday.split('-').collect::<Vec<_>>().as_slice() {
        ["", "", month, day] => ("--", *month, *day),
        [year, month, day] if year.len() == 4 && digits_only(year) => (*year, *month, *day),
        _ => return None,
    };
    (month.len() == 2 && day.len() == 2 && digits_only(month) && digits_only(day))
        .then(|| format!("{year}{month}{day}"))
}

pub(crate) fn time_window_value(window: &TimeWindow) -> String {
    let days: Vec<&str> = window.days.iter().map(|d| day_name(*d)).collect();
    let times = format!("{}-{}", escape(&window.start), escape(&window.end));
    if days.is_empty() {
        times
    } else {
        format!("{} {times}", days.join(","))
    }
}

/// Text escaping (RFC 6350 section 3.4); line breaks of any kind become `\n`.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            _ => out.push(c),
        }
    }
    out
}

/// URIs are not text: commas and semicolons in them are left alone, but a
/// backslash or line break would still break the line or its unescaping.
fn escape_uri(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace("\r\n", "\\n")
        .replace(['\r', '\n'], "\\n")
}

/// Appends `line` plus CRLF, folded so no physical line exceeds 75 octets
/// and no UTF-8 character is split across two.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = FOLD_AT;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        // The continuation's leading space counts toward its 75 octets.
        limit = FOLD_AT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}
