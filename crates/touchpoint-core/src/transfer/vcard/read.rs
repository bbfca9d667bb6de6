//! From a card's properties to [`ContactFields`]: which property feeds which
//! field, which of several wins, and what names a card that has no name.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::property::{Property, parse_property};
use super::syntax::{Card, detect_version, unfold};
use super::values::{
    apple_label, apple_profile_url, email_label, is_known_zone, parse_birthday, parse_time_window,
    phone_label, strip_prefix_ignore_case, tel_uri_number,
};
use super::{
    MET_ON_FORMAT, PRODID_PREFIX, X_BEST_TIME, X_CHANNELS, X_EVERY_DAYS, X_MET_ON, X_MET_WHERE,
    X_STAGE, service_kind, social_kind,
};
use crate::channel::Channel;
use crate::contacts::rules::refused_scheme;
use crate::contacts::{ContactFields, Email, Phone, PostalAddress, Profile, ProfileKind};
use crate::stage::Stage;
use crate::transfer::record::{
    NOTHING_TO_NAME, ParsedRecord, RecordPosition, Unread, keep_other_address, name_nameless,
};

pub(super) fn read_card(card: &Card<'_>) -> ParsedRecord {
    let number = card.number;
    let position = RecordPosition::Card(number);
    if !card.closed {
        return ParsedRecord::plain(
            position,
            Err(format!(
                "card {number} has no END:VCARD (the file may be truncated)"
            )),
        );
    }
    let version = detect_version(&card.lines);
    let logical = unfold(&card.lines, version);
    let mut properties = Vec::with_capacity(logical.len());
    let mut warnings = Vec::new();
    for line in &logical {
        match parse_property(line, version) {
            Some(property) => properties.push(property),
            // One stray line (a note's second line written unescaped, a
            // writer's comment) costs that line, never the whole card.
            None => warnings.push(format!(
                "line {} skipped, it is no vCard property (no name or colon): \"{}\"",
                line.line,
                excerpt(&line.bytes)
            )),
        }
    }
    let mut reader = Reader::new(group_labels(&properties));
    // Google's system group is dropped from Google's cards only: in a card
    // Touchpoint wrote, "myContacts" is a tag the user chose.
    reader.keep_my_contacts = properties
        .iter()
        .any(|p| p.name == "PRODID" && p.text().starts_with(PRODID_PREFIX));
    for property in &properties {
        reader.take(property);
    }
    let result = reader.finish(number, &mut warnings);
    ParsedRecord {
        position,
        result,
        warnings,
    }
}

/// The start of a skipped line, enough for the user to find it in the file.
fn excerpt(bytes: &[u8]) -> String {
    const SHOWN: usize = 60;
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text
        .chars()
        .take(SHOWN)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    shown.trim().to_owned()
}

/// Apple and Google label a value by a sibling `itemN.X-ABLabel` in its group.
fn group_labels(properties: &[Property<'_>]) -> HashMap<String, String> {
    let mut labels = HashMap::new();
    for property in properties.iter().filter(|p| p.name == "X-ABLABEL") {
        let label = property.text();
        if let (Some(group), false) = (&property.group, label.is_empty()) {
            labels.entry(group.clone()).or_insert(label);
        }
    }
    labels
}

struct Reader {
    labels: HashMap<String, String>,
    fields: ContactFields,
    formatted_name: String,
    /// N's components: family, given, additional, prefix, suffix.
    name_parts: Vec<String>,
    has_address: bool,
    notes: Vec<String>,
    unread: Unread,
    /// What was done to keep a value the record has no room for.
    warnings: Vec<String>,
    keep_my_contacts: bool,
}

impl Reader {
    fn new(labels: HashMap<String, String>) -> Self {
        Reader {
            labels,
            fields: ContactFields::default(),
            formatted_name: String::new(),
            name_parts: Vec::new(),
            has_address: false,
            notes: Vec::new(),
            unread: Unread::default(),
            warnings: Vec::new(),
            keep_my_contacts: false,
        }
    }

    fn take(&mut self, property: &Property<'_>) {
        match property.name.as_str() {
            "FN" => set_first(&mut self.formatted_name, property.text()),
            "N" => self.name(property),
            "ORG" => {
                let company = property.components().into_iter().next().unwrap_or_default();
                set_first(&mut self.fields.company, company);
            }
            "TITLE" => set_first(&mut self.fields.title, property.text()),
            "TEL" => self.phone(property),
            "EMAIL" => self.email(property),
            "URL" => self.url(property),
            "X-SOCIALPROFILE" | "SOCIALPROFILE" | "IMPP" => self.profile(property),
            "ADR" => self.address(property),
            "NOTE" => {
                let note = property.text();
                if !note.is_empty() {
                    self.notes.push(note);
                }
            }
            "BDAY" => self.birthday(property),
            "CATEGORIES" => self.tags(property),
            "TZ" => self.time_zone(property),
            name if name.starts_with("X-TOUCHPOINT-") => self.touchpoint(property),
            // PHOTO, LOGO, SOUND, KEY and the rest are never even decoded.
            _ => {}
        }
    }

    fn name(&mut self, property: &Property<'_>) {
        if self.name_parts.iter().all(String::is_empty) {
            self.name_parts = property.components();
        }
    }

    /// The sibling X-ABLabel wins over TYPE: it is what the user typed.
    fn group_label(&self, property: &Property<'_>) -> Option<String> {
        let label = self.labels.get(property.group.as_ref()?)?;
        Some(apple_label(label))
    }

    fn phone(&mut self, property: &Property<'_>) {
        let text = property.text();
        let number = tel_uri_number(&text).unwrap_or(text);
        if number.is_empty() {
            return;
        }
        let label = self
            .group_label(property)
            .unwrap_or_else(|| phone_label(&property.types()).to_owned());
        self.fields.phones.push(Phone {
            label,
            number,
            e164: None,
        });
    }

    fn email(&mut self, property: &Property<'_>) {
        let text = property.text();
        let address = strip_prefix_ignore_case(&text, "mailto:").map_or(text.as_str(), str::trim);
        if address.is_empty() {
            return;
        }
        let label = self
            .group_label(property)
            .unwrap_or_else(|| email_label(&property.types()).to_owned());
        self.fields.emails.push(Email {
            label,
            address: address.to_owned(),
        });
    }

    /// The first URL that is not a social profile is the website; a
    /// preferred URL is the website even if it looks social (the writer
    /// marks a social-looking website that way so it comes back as one).
    fn url(&mut self, property: &Property<'_>) {
        let url = property.text();
        if url.is_empty() {
            return;
        }
        if refused_scheme(&url).is_some() {
            self.unread.keep("Website", &url);
            return;
        }
        let social = social_kind(&url);
        if self.fields.website.is_empty() && (social.is_none() || property.is_pref()) {
            self.fields.website = url;
        } else {
            let kind = social.unwrap_or(ProfileKind::Other);
            self.fields.profiles.push(Profile { kind, url });
        }
    }

    fn profile(&mut self, property: &Property<'_>) {
        let value = property.text();
        if value.is_empty() {
            return;
        }
        let service = property
            .param("SERVICE-TYPE")
            .or_else(|| property.param("X-SERVICE-TYPE"))
            .map(str::to_owned)
            .or_else(|| {
                property
                    .types()
                    .into_iter()
                    .find(|t| !matches!(t.as_str(), "pref" | "work" | "home"))
            });
        let kind = match service {
            Some(service) => service_kind(&service),
            None => social_kind(&value).unwrap_or(ProfileKind::Other),
        };
        let url = apple_profile_url(&value, property.param("X-USER"), kind).unwrap_or(value);
        if refused_scheme(&url).is_some() {
            self.unread.keep("Profile", &url);
            return;
        }
        self.fields.profiles.push(Profile { kind, url });
    }

    /// The first non-empty ADR is the address (the record holds one); any
    /// other goes to the notes.
    fn address(&mut self, property: &Property<'_>) {
        let parts = property.components();
        let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
        let street = [part(0), part(1), part(2)]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let address = PostalAddress {
            street,
            locality: part(3),
            region: part(4),
            postal_code: part(5),
            country: part(6),
        };
        if self.has_address {
            if address != self.fields.address {
                keep_other_address(&address, &mut self.unread, &mut self.warnings);
            }
            return;
        }
        self.has_address = parts.iter().any(|p| !p.is_empty());
        self.fields.address = address;
    }

    fn birthday(&mut self, property: &Property<'_>) {
        let text = property.text();
        match parse_birthday(&text, property.param("X-APPLE-OMIT-YEAR")) {
            Some(birthday) => set_first(&mut self.fields.birthday, birthday),
            None if !text.is_empty() => self.unread.keep("Birthday", &text),
            None => {}
        }
    }

    fn tags(&mut self, property: &Property<'_>) {
        // "myContacts" is Google's system group, on every card it exports.
        let keep_my_contacts = self.keep_my_contacts;
        let tags = property
            .list()
            .into_iter()
            .filter(|tag| !tag.is_empty() && (keep_my_contacts || tag != "myContacts"));
        self.fields.tags.extend(tags);
    }

    /// Only a zone name is useful: an offset such as `-05:00` names no zone
    /// and would be wrong half the year, so it goes to the notes.
    fn time_zone(&mut self, property: &Property<'_>) {
        let value_type = property.param("VALUE").map(str::to_ascii_lowercase);
        let zone = property.text();
        if zone.is_empty() {
            return;
        }
        if !matches!(value_type.as_deref(), Some("uri" | "utc-offset")) && is_known_zone(&zone) {
            set_first(&mut self.fields.time_zone, zone);
        } else {
            self.unread.keep("Time zone", &zone);
        }
    }

    fn touchpoint(&mut self, property: &Property<'_>) {
        let fields = &mut self.fields;
        let text = property.text();
        match property.name.as_str() {
            X_STAGE => match Stage::parse(&text) {
                Some(stage) => fields.stage = stage,
                None => self.unread.keep("Stage", &text),
            },
            X_MET_WHERE => set_first(&mut fields.met_where, text),
            X_MET_ON => match NaiveDate::parse_from_str(&text, MET_ON_FORMAT) {
                Ok(day) => fields.met_on = fields.met_on.or(Some(day)),
                Err(_) => self.unread.keep("Met on", &text),
            },
            X_CHANNELS => fields
                .preferred_channels
                .extend(text.split(',').filter_map(Channel::parse)),
            X_EVERY_DAYS => {
                fields.preferred_every_days =
                    fields.preferred_every_days.or_else(|| text.parse().ok());
            }
            X_BEST_TIME => fields.best_times.extend(parse_time_window(&text)),
            _ => {}
        }
    }

    fn finish(
        mut self,
        number: usize,
        warnings: &mut Vec<String>,
    ) -> Result<ContactFields, String> {
        let part = |i: usize| self.name_parts.get(i).cloned().unwrap_or_default();
        let (family, given) = (part(0), part(1));
        let from_n = [part(3), part(1), part(2), part(0), part(4)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.fields.display_name = [self.formatted_name, from_n]
            .into_iter()
            .find(|name| !name.is_empty())
            .unwrap_or_default();
        self.fields.family_name = family;
        self.fields.given_name = given;
        match name_nameless(&mut self.fields) {
            Ok(warning) => warnings.extend(warning),
            Err(()) => return Err(format!("card {number} has {NOTHING_TO_NAME}")),
        }
        warnings.append(&mut self.warnings);
        self.fields.notes = self.notes.join("\n");
        self.unread.add_to(&mut self.fields.notes);
        Ok(self.fields)
    }
}

fn set_first(slot: &mut String, value: String) {
    if slot.is_empty() {
        *slot = value;
    }
}
