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

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::contact::{ContactFields, Email, Phone, PostalAddress, Profile, ProfileKind};

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
                trim_punct(tokens[i]).to_string()
            };
            self.push(line, text, kind);
        }
        if !rest_is_label && !rest_first {
            self.classify_plain(line, rest);
        }
        true
    }

    fn classify_plain(&mut self, line: usize, seg: String) {
        let kind = if let Some(date) = inline_birthday(&seg) {
            Kind::Birthday(date)
        } else if let Some(phone) = parse_phone(&seg) {
            Kind::Phone(phone)
        } else if let Some(address) = parse_address_line(&seg) {
            Kind::Address(address)
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
        let ctx = Ctx::new(&f.emails);
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

// ---------------------------------------------------------------------------
// Lines and segments

/// Drops control and zero-width characters (binary garbage, BOMs), turns exotic
/// spaces into plain ones and strips email quote markers ("> ").
fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\t' => out.push('\t'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    let mut s = out.trim();
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    s.trim_end().to_string()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Signatures put several values on one line, separated by pipes, bullets,
/// middle dots, tabs or wide gaps (a double space is more often a typo).
fn split_segments(line: &str) -> Vec<String> {
    let marked: String = line
        .chars()
        .map(|c| match c {
            '|' | '•' | '¦' | '│' | '\t' | '·' | '⋅' | '∙' => SEP,
            c => c,
        })
        .collect();
    marked
        .split(SEP)
        .flat_map(|piece| piece.split("   "))
        .map(collapse_ws)
        .filter(|s| !s.is_empty())
        .collect()
}

/// "T: +1 415 555 0100 M: +1 415 555 0101" holds two values: split before a
/// label that follows a value.
fn split_inner_labels(seg: &str) -> Vec<String> {
    let tokens: Vec<&str> = seg.split(' ').collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && !current.is_empty() {
            let prev = tokens[i - 1];
            let next = tokens.get(i + 1).copied().unwrap_or("");
            let key = norm_label(token);
            let after_value = prev.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == ';');
            let before_number =
                next.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(');
            let labelled = token.ends_with(':') || (after_value && before_number);
            if labelled && is_any_label(&key) {
                let joined = current.join(" ");
                out.push(joined.trim_end_matches([',', ';']).to_string());
                current.clear();
            }
        }
        current.push(token);
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

fn is_separator(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '-' | '_' | '—' | '–' | '=' | '*' | '~' | '.' | '#' | '+' | ' '
        )
    })
}

fn is_noise_line(flat: &str, lower: &str) -> bool {
    #[rustfmt::skip]
    const SENT_FROM: [&str; 10] = [
        "sent from my", "sent from outlook", "sent from mail for", "sent from yahoo", "sent via",
        "sent with", "get outlook for", "von meinem", "envoye de mon", "enviado do meu",
    ];
    #[rustfmt::skip]
    const ORIGINAL: [&str; 4] = [
        "original message", "ursprungliche nachricht", "message d'origine", "mensagem original",
    ];
    is_separator(flat)
        || SENT_FROM.iter().any(|p| lower.starts_with(p))
        || ORIGINAL
            .iter()
            .any(|p| lower.trim_matches(|c: char| c == '-' || c == '_' || c == ' ') == *p)
        || is_disclaimer(lower)
}

/// Legal boilerplate under signatures: never contact data.
fn is_disclaimer(lower: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: [&str; 4] = [
        "confidentiality notice", "disclaimer", "legal notice", "haftungsausschluss",
    ];
    #[rustfmt::skip]
    const MARKERS: [&str; 12] = [
        "confidential", "intended recipient", "intended only for", "intended solely", "privileged",
        "received this", "in error", "vertraulich", "strictly prohibited", "before printing",
        "print this e", "consider the environment",
    ];
    STARTS.iter().any(|p| lower.starts_with(p))
        || (lower.split_whitespace().count() >= 4 && MARKERS.iter().any(|m| lower.contains(m)))
}

fn is_closing(lower: &str) -> bool {
    #[rustfmt::skip]
    const CLOSINGS: [&str; 36] = [
        "best", "best regards", "kind regards", "regards", "warm regards", "warmest regards",
        "many thanks", "thanks", "thank you", "cheers", "sincerely", "yours sincerely",
        "yours truly", "best wishes", "all the best", "talk soon", "mit freundlichen grussen",
        "mit freundlichem gruss", "freundliche grusse", "viele grusse", "beste grusse",
        "liebe grusse", "mfg", "cordialement", "bien cordialement", "bien a vous", "salutations",
        "merci", "atenciosamente", "abracos", "obrigado", "obrigada", "saludos", "gracias", "danke",
        "vielen dank",
    ];
    let key = lower.trim_end_matches([',', '.', '!', ' ', '-']);
    CLOSINGS.contains(&key)
}

fn is_contact_info_heading(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches(':'),
        "contact info" | "contact information" | "contact details" | "kontaktinfo"
    )
}

fn is_reply_header(lower: &str) -> bool {
    (lower.starts_with("on ") && lower.trim_end_matches(':').ends_with("wrote"))
        || (lower.starts_with("am ") && lower.contains("schrieb"))
        || (lower.starts_with("le ") && lower.contains("a ecrit"))
        || (lower.starts_with("em ") && lower.contains("escreveu"))
        || (lower.starts_with("el ") && lower.contains("escribio"))
}

fn is_mail_from_header(lower: &str) -> bool {
    ["from:", "von:", "de:", "de :"]
        .iter()
        .any(|p| lower.starts_with(p))
        && lower.contains('@')
}

fn is_mail_header_field(lower: &str) -> bool {
    #[rustfmt::skip]
    const FIELDS: [&str; 17] = [
        "sent:", "date:", "to:", "cc:", "bcc:", "subject:", "gesendet:", "datum:", "an:",
        "betreff:", "envoye", "a :", "objet", "enviada em", "para:", "assunto:", "asunto:",
    ];
    FIELDS.iter().any(|p| lower.starts_with(p))
}

// ---------------------------------------------------------------------------
// Labels

/// Lower-cased, accent-free label text without the punctuation around it.
fn norm_label(s: &str) -> String {
    let folded = fold(s).replace('.', "");
    collapse_ws(
        folded.trim_matches(|c: char| matches!(c, ':' | ' ' | '-' | '–' | '—' | '=' | '>' | '#')),
    )
}

fn phone_label(key: &str) -> Option<&'static str> {
    match key {
        "t" | "tel" | "tele" | "telephone" | "telefon" | "telefone" | "telefono" | "phone"
        | "ph" | "p" | "o" | "office" | "off" | "w" | "work" | "work phone" | "office phone"
        | "business" | "main" | "b" | "fixo" | "fixe" | "standard" | "zentrale" => Some("work"),
        "m" | "mob" | "mobile" | "mobil" | "mobile phone" | "cell" | "cell phone" | "cellular"
        | "c" | "cel" | "celular" | "handy" | "portable" | "port" | "gsm" | "movil" => {
            Some("mobile")
        }
        "f" | "fax" | "telefax" | "fx" => Some("fax"),
        "h" | "home" | "home phone" | "privat" | "private" | "casa" | "domicile" => Some("home"),
        "d" | "dd" | "ddi" | "dl" | "direct" | "dir" | "direct line" | "direct dial"
        | "tel direct" | "durchwahl" | "direkt" => Some("direct"),
        _ => None,
    }
}

/// The label a prefix gives an email: generic prefixes ("E:", "Email:") mean
/// the address printed on a business card or signature, i.e. work.
fn email_label(key: &str) -> Option<&'static str> {
    match key {
        "e" | "em" | "email" | "e-mail" | "e mail" | "mail" | "courriel" | "correo"
        | "email address" | "e-mail address" | "work" | "work email" | "work e-mail"
        | "business" | "office" => Some("work"),
        "personal" | "private" | "privat" | "home" | "personal email" | "private email"
        | "home email" | "perso" | "personnel" => Some("home"),
        _ => None,
    }
}

#[rustfmt::skip]
const WEB_LABELS: [&str; 12] = [
    "w", "web", "website", "webseite", "site", "site web", "url", "www", "homepage", "internet",
    "i", "web site",
];

fn is_web_label(key: &str) -> bool {
    WEB_LABELS.contains(&key)
}

fn social_label(key: &str) -> Option<(ProfileKind, &'static str)> {
    match key {
        "twitter" | "x" | "tw" | "x (twitter)" | "twitter/x" => {
            Some((ProfileKind::X, "https://x.com/"))
        }
        "linkedin" => Some((ProfileKind::Linkedin, "https://www.linkedin.com/in/")),
        "instagram" | "ig" | "insta" => Some((ProfileKind::Other, "https://instagram.com/")),
        "github" | "gh" => Some((ProfileKind::Other, "https://github.com/")),
        "xing" => Some((ProfileKind::Other, "https://www.xing.com/profile/")),
        "facebook" | "fb" => Some((ProfileKind::Other, "https://facebook.com/")),
        _ => None,
    }
}

fn is_any_label(key: &str) -> bool {
    phone_label(key).is_some()
        || email_label(key).is_some()
        || is_web_label(key)
        || social_label(key).is_some()
}

/// What may sit next to an email or URL and just name it, including
/// LinkedIn's "(Company)" / "(Personal)" website kinds.
fn is_link_label(key: &str, raw: &str) -> bool {
    let raw = raw.trim();
    let parenthesised = raw.starts_with('(')
        && raw.ends_with(')')
        && raw.split_whitespace().count() <= 2
        && !raw.chars().any(|c| c.is_ascii_digit());
    email_label(key).is_some() || is_web_label(key) || social_label(key).is_some() || parenthesised
}

/// A line that is nothing but a field name: the value follows on the next line.
/// A generic heading ("Phone", "Email") names the kind of value, not its
/// label: LinkedIn's "Phone" heading precedes "(Mobile)" or "(Home)" numbers.
fn lone_label(key: &str) -> Option<Label> {
    match key {
        "email" | "e-mail" | "email address" | "e-mail address" => Some(Label::Email),
        "phone" | "telephone" | "tel" | "phone number" | "phone numbers" => Some(Label::Phone("")),
        "mobile" | "cell" | "mobile phone" => Some(Label::Phone("mobile")),
        "fax" => Some(Label::Phone("fax")),
        "website" | "websites" | "web" | "homepage" => Some(Label::Web),
        k if BIRTHDAY_LABELS.contains(&k) => Some(Label::Birthday),
        "address" | "addresses" | "adresse" | "endereco" => Some(Label::Address),
        "connected" => Some(Label::Connected),
        k => social_label(k).map(|(kind, base)| Label::Social(kind, base)),
    }
}

fn profile_owner(seg: &str) -> Option<String> {
    ["’s profile", "'s profile", "’ profile", "' profile"]
        .iter()
        .find_map(|suffix| strip_suffix_ci(seg, suffix))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

// ---------------------------------------------------------------------------
// Emails, URLs and handles

fn trim_punct(token: &str) -> &str {
    token
        .trim_start_matches(['(', '<', '[', '"', '\'', '“', '‘'])
        .trim_end_matches([
            ')', '>', ']', '"', '\'', ',', ';', '.', ':', '!', '?', '”', '’',
        ])
}

fn email_of(token: &str) -> Option<String> {
    let mut t = trim_punct(token);
    if let Some(rest) = strip_prefix_ci(t, "mailto:") {
        t = rest;
    }
    let (local, domain) = t.split_once('@')?;
    // "E:jane@acme.com": the label is glued on.
    let local = local.rsplit(':').next().unwrap_or(local);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'".contains(c));
    if local_ok && is_host(domain, false) {
        Some(format!("{local}@{domain}"))
    } else {
        None
    }
}

/// Top-level domains accepted on bare domains ("acme.io"), so that "Inc." or
/// "S.A." never pass for a website.
#[rustfmt::skip]
const KNOWN_TLDS: [&str; 82] = [
    "com", "net", "org", "io", "co", "ai", "app", "dev", "biz", "info", "me", "tv", "us", "uk",
    "de", "fr", "jp", "in", "br", "au", "ca", "ch", "at", "nl", "be", "es", "it", "se", "no", "dk",
    "fi", "ie", "nz", "sg", "hk", "cn", "mx", "ar", "cl", "za", "eu", "pl", "pt", "cz", "kr", "tw",
    "lu", "gr", "hu", "ro", "tr", "il", "ae", "ph", "id", "my", "th", "vn", "ng", "ke", "eg", "sa",
    "qa", "pk", "bd", "lk", "tech", "cloud", "agency", "consulting", "studio", "design", "xyz",
    "online", "site", "shop", "store", "global", "digital", "law", "health", "ly",
];

/// A host name. With `bare`, the TLD must be a known one and written in lower
/// case, which keeps "ASP.NET" or "Co.Ltd" out.
fn is_host(host: &str, bare: bool) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || host.len() > 253 {
        return false;
    }
    let labels_ok = labels.iter().all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let tld = labels[labels.len() - 1];
    let tld_ok = tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
    let known = KNOWN_TLDS.contains(&tld);
    let first_ok = !labels[0].chars().all(|c| c.is_ascii_digit());
    labels_ok && tld_ok && first_ok && (!bare || known)
}

fn url_of(token: &str) -> Option<String> {
    let t = trim_punct(token);
    if t.contains('@') {
        return None;
    }
    let lower = t.to_lowercase();
    let (rest, bare) = if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        (rest, false)
    } else if lower.starts_with("www.") {
        (lower.as_str(), false)
    } else {
        (lower.as_str(), true)
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if bare {
        // The TLD as written must be lower case: "ASP.NET" is not a website.
        let written_tld = t
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('.')
            .next();
        if written_tld.is_none_or(|tld| tld.chars().any(char::is_uppercase)) {
            return None;
        }
    }
    is_host(host, bare).then(|| t.to_string())
}

/// Sites whose links are a person's profile rather than their website.
#[rustfmt::skip]
const PROFILE_HOSTS: [&str; 12] = [
    "facebook.com", "instagram.com", "github.com", "xing.com", "youtube.com", "tiktok.com",
    "medium.com", "behance.net", "dribbble.com", "calendly.com", "threads.net", "bsky.app",
];

fn url_kind(url: &str) -> Kind {
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.strip_prefix("m.").unwrap_or(rest);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let kind = if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        if path.starts_with("/in/") || path.starts_with("/pub/") {
            Some(ProfileKind::Linkedin)
        } else {
            Some(ProfileKind::Other)
        }
    } else if matches!(host, "twitter.com" | "x.com" | "mobile.twitter.com") {
        Some(ProfileKind::X)
    } else if PROFILE_HOSTS.contains(&host) {
        Some(ProfileKind::Other)
    } else {
        None
    };
    match kind {
        Some(kind) => Kind::Profile(Profile {
            kind,
            url: with_scheme(url),
        }),
        None => Kind::Website(url.to_string()),
    }
}

fn with_scheme(url: &str) -> String {
    let lower = url.to_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        url.to_string()
    } else {
        format!("https://{url}")
    }
}

fn is_handle_word(s: &str) -> bool {
    let h = s.strip_prefix('@').unwrap_or(s);
    (1..=30).contains(&h.len())
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// "@adalovelace", "Twitter: @adalovelace", "Instagram @ada".
fn handle_profile(seg: &str) -> Option<Profile> {
    let (label, handle) = seg.rsplit_once(' ').unwrap_or(("", seg));
    let handle = handle.strip_prefix('@')?;
    if !is_handle_word(handle) {
        return None;
    }
    let key = norm_label(label);
    let (kind, base) = if key.is_empty() {
        (ProfileKind::X, "https://x.com/")
    } else {
        social_label(&key)?
    };
    Some(Profile {
        kind,
        url: format!("{base}{handle}"),
    })
}

// ---------------------------------------------------------------------------
// Phones

fn parse_phone(seg: &str) -> Option<Phone> {
    let start = seg.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')?;
    let prefix = seg[..start].trim();
    let label = if prefix.is_empty() {
        ""
    } else {
        phone_label(&norm_label(prefix))?
    };
    let mut body = seg[start..].trim();
    // LinkedIn writes the kind after the number: "+1 415 555 0100 (Mobile)".
    let mut suffix_label = None;
    if let Some(inner) = body.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let word = &inner[open + 1..];
        if word.chars().any(char::is_alphabetic)
            && let Some(l) = phone_label(&norm_label(word))
        {
            suffix_label = Some(l);
            body = inner[..open].trim();
        }
    }
    // ... or as a plain word: "+1 415 555 0100 mobile".
    if suffix_label.is_none()
        && let Some((rest, word)) = body.rsplit_once(' ')
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && let Some(l) = phone_label(&norm_label(word))
    {
        suffix_label = Some(l);
        body = rest.trim();
    }
    let unlabelled = label.is_empty() && suffix_label.is_none();
    if !is_phone_body(body, unlabelled) {
        return None;
    }
    Some(Phone {
        label: suffix_label.unwrap_or(label).to_string(),
        number: body.to_string(),
        e164: None,
    })
}

/// Digits with the usual separators, 7–17 of them, and an optional extension
/// ("ext. 12", "x204", "#3").
fn is_phone_body(body: &str, unlabelled: bool) -> bool {
    let tokens: Vec<&str> = body.split(' ').collect();
    let mut main_end = tokens.len();
    for (i, token) in tokens.iter().enumerate().skip(1) {
        let key = token.to_lowercase();
        let key = key.trim_end_matches([':', '.']);
        if matches!(
            key,
            "ext" | "extn" | "extension" | "x" | "poste" | "ramal" | "dw" | "durchwahl"
        ) {
            let ext: String = tokens[i + 1..].concat();
            if !is_digits_between(&ext, 1, 6) {
                return false;
            }
            main_end = i;
            break;
        }
        let glued = ["ext.", "ext", "x", "#"]
            .iter()
            .find_map(|m| key.strip_prefix(m))
            .filter(|d| is_digits_between(d, 1, 6));
        if glued.is_some() && i == tokens.len() - 1 {
            main_end = i;
            break;
        }
    }
    let main = tokens[..main_end].join(" ");
    let chars_ok = main.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '(' | ')' | '/' | '–' | '‑')
    });
    let plus_ok = main.rfind('+').is_none_or(|p| p == 0);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    let parens_ok = main.matches('(').count() == main.matches(')').count();
    let ends_ok = main.ends_with(|c: char| c.is_ascii_digit());
    chars_ok
        && plus_ok
        && parens_ok
        && ends_ok
        && (7..=17).contains(&digits)
        && !(unlabelled && is_date_shape(&main))
}

fn is_digits_between(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

/// "2024-03-03", "10.12.1815", "03/04/2024": an unlabelled date is not a phone.
fn is_date_shape(s: &str) -> bool {
    for sep in ['.', '/', '-'] {
        let groups: Vec<&str> = s.split(sep).collect();
        if groups.len() == 3 && groups.iter().all(|g| is_digits_between(g, 1, 4)) {
            let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            let dmy = lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 2 || lens[2] == 4);
            let ymd = lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2;
            return dmy || ymd;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Birthdays

#[rustfmt::skip]
const BIRTHDAY_LABELS: [&str; 7] = [
    "birthday", "date of birth", "born", "dob", "geburtstag", "anniversaire", "aniversario",
];

fn inline_birthday(seg: &str) -> Option<String> {
    let (key, value) = seg.split_once(':')?;
    if BIRTHDAY_LABELS.contains(&norm_label(key).as_str()) {
        parse_birthday(value)
    } else {
        None
    }
}

fn month_of(word: &str) -> Option<u32> {
    let m = match word {
        "january" | "jan" | "januar" | "janvier" | "janeiro" | "enero" => 1,
        "february" | "feb" | "februar" | "fevrier" | "fev" | "fevereiro" | "febrero" => 2,
        "march" | "mar" | "marz" | "mars" | "marco" | "marzo" => 3,
        "april" | "apr" | "avril" | "abril" | "abr" => 4,
        "may" | "mai" | "maio" | "mayo" => 5,
        "june" | "jun" | "juni" | "juin" | "junho" | "junio" => 6,
        "july" | "jul" | "juli" | "juillet" | "julho" | "julio" => 7,
        "august" | "aug" | "aout" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septembre" | "setembro" | "set" | "septiembre" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "outubro" | "out" | "octubre" => 10,
        "november" | "nov" | "novembre" | "novembro" | "noviembre" => 11,
        "december" | "dec" | "dezember" | "dez" | "decembre" | "dezembro" | "diciembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// "December 10", "10 December 1815", "Dec 10th", "1815-12-10", "10.12.1815"
/// to "--MM-DD" or "YYYY-MM-DD".
fn parse_birthday(s: &str) -> Option<String> {
    let s = s.trim();
    let numeric: Vec<&str> = s.split(['-', '.', '/']).filter(|p| !p.is_empty()).collect();
    let all_numeric = !numeric.is_empty() && numeric.iter().all(|p| is_digits_between(p, 1, 4));
    let (year, month, day) = if all_numeric {
        match numeric.as_slice() {
            [y, m, d] if y.len() == 4 => (Some(*y), *m, *d),
            [d, m, y] if y.len() == 4 => (Some(*y), *m, *d),
            [m, d] if s.starts_with("--") => (None, *m, *d),
            [d, m] if s.contains('.') => (None, *m, *d),
            _ => return None,
        }
    } else {
        return parse_worded_birthday(s);
    };
    let year = year.map(str::parse::<i32>).transpose().ok()?;
    birthday_string(year, month.parse().ok()?, day.parse().ok()?)
}

fn parse_worded_birthday(s: &str) -> Option<String> {
    let words: Vec<String> = fold(s)
        .split([' ', ','])
        .map(|w| w.trim_end_matches('.').to_string())
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "of" | "de" | "le" | "the"))
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for word in &words {
        if let Some(m) = month_of(word) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º');
        if !digits.chars().all(|c| c.is_ascii_digit()) || digits.is_empty() {
            return None;
        }
        match digits.len() {
            1 | 2 if day.is_none() => day = digits.parse::<u32>().ok(),
            4 if year.is_none() => year = digits.parse::<i32>().ok(),
            _ => return None,
        }
    }
    birthday_string(year, month?, day?)
}

fn birthday_string(year: Option<i32>, month: u32, day: u32) -> Option<String> {
    // 2000 is a leap year, so "--02-29" stays valid without a year.
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    })
}

// ---------------------------------------------------------------------------
// Addresses

#[rustfmt::skip]
const US_STATES: [&str; 52] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR",
];
#[rustfmt::skip]
const CA_PROVINCES: [&str; 13] = [
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];
const AU_STATES: [&str; 8] = ["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"];

#[rustfmt::skip]
const COUNTRIES: [&str; 96] = [
    "usa", "u.s.a", "us", "u.s", "united states", "united states of america", "uk", "u.k",
    "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland",
    "germany", "deutschland", "france", "japan", "nippon", "india", "brazil", "brasil", "australia",
    "canada", "mexico", "spain", "espana", "italy", "italia", "netherlands", "the netherlands",
    "nederland", "belgium", "belgique", "belgie", "switzerland", "schweiz", "suisse", "svizzera",
    "austria", "osterreich", "ireland", "sweden", "sverige", "norway", "norge", "denmark",
    "danmark", "finland", "suomi", "poland", "polska", "portugal", "singapore", "new zealand",
    "china", "hong kong", "south korea", "korea", "south africa", "argentina", "chile", "colombia",
    "peru", "united arab emirates", "uae", "israel", "turkey", "turkiye", "czech republic",
    "czechia", "luxembourg", "greece", "hungary", "romania", "philippines", "indonesia", "malaysia",
    "thailand", "vietnam", "nigeria", "kenya", "egypt", "saudi arabia", "qatar", "pakistan",
    "bangladesh", "sri lanka", "taiwan", "iceland", "estonia", "latvia", "lithuania", "slovakia",
    "slovenia", "croatia",
];

fn is_country(s: &str) -> bool {
    COUNTRIES.contains(&fold(s).trim_end_matches('.'))
}

/// Digits to '9', ASCII capitals to 'A', lower case to 'a': "EC1A" → "AA9A".
fn shape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_ascii_uppercase() {
                'A'
            } else if c.is_ascii_lowercase() {
                'a'
            } else {
                c
            }
        })
        .collect()
}

fn is_uk_postcode(outward: &str, inward: &str) -> bool {
    shape(inward) == "9AA"
        && matches!(
            shape(outward).as_str(),
            "A9" | "A99" | "A9A" | "AA9" | "AA99" | "AA9A"
        )
}

fn is_ca_postcode(a: &str, b: &str) -> bool {
    shape(a) == "A9A" && shape(b) == "9A9"
}

/// Postal codes that cannot be anything else, so they may stand alone on a line.
fn is_distinctive_code(token: &str) -> bool {
    let t = token.strip_prefix('〒').unwrap_or(token);
    matches!(shape(t).as_str(), "999-9999" | "99999-999")
}

fn is_trailing_code(token: &str) -> bool {
    let s = shape(token.strip_prefix('〒').unwrap_or(token));
    matches!(
        s.as_str(),
        "99999" | "99999-9999" | "999-9999" | "99999-999"
    ) || (s == "999999" && !token.starts_with('0'))
}

/// "D-10117", "CH-8001" → the digits; plain codes unchanged.
fn leading_code(token: &str) -> Option<&str> {
    let t = token.strip_prefix('〒').unwrap_or(token);
    let t = match t.split_once('-') {
        Some((country, rest))
            if (1..=2).contains(&country.len())
                && country.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => t,
    };
    matches!(
        shape(t).as_str(),
        "9999" | "99999" | "99999-999" | "999-9999"
    )
    .then_some(t)
}

#[rustfmt::skip]
const STREET_WORDS: [&str; 62] = [
    "street", "st", "str", "avenue", "ave", "av", "avenida", "road", "rd", "boulevard", "blvd",
    "bd", "lane", "ln", "drive", "dr", "way", "place", "pl", "court", "ct", "square", "sq",
    "parkway", "pkwy", "highway", "hwy", "terrace", "loop", "suite", "ste", "floor", "fl", "level",
    "unit", "building", "bldg", "tower", "rue", "chemin", "allee", "quai", "impasse", "rua",
    "alameda", "praca", "travessa", "via", "calle", "marg", "nagar", "sector", "plot", "block",
    "andar", "sala", "etage", "stock", "apt", "apartment", "room", "chome",
];
#[rustfmt::skip]
const STREET_SUFFIXES: [&str; 9] = [
    "strasse", "str", "weg", "platz", "allee", "gasse", "damm", "ufer", "chaussee",
];

fn has_street_word(s: &str, allow_saint: bool) -> bool {
    words(s).any(|w| {
        let saint = allow_saint && matches!(w.as_str(), "st" | "ste");
        !saint
            && (STREET_WORDS.contains(&w.as_str())
                || (w.chars().count() > 5 && STREET_SUFFIXES.iter().any(|x| w.ends_with(x))))
    })
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Japanese block numbers: "1-1-2 Otemachi".
fn has_block_number(s: &str) -> bool {
    s.split_whitespace().any(|t| {
        let parts: Vec<&str> = t.trim_end_matches(',').split('-').collect();
        parts.len() >= 3 && parts.iter().all(|p| is_digits_between(p, 1, 4))
    })
}

fn is_street_line(s: &str) -> bool {
    let lower = fold(s);
    let po_box = [
        "po box",
        "p.o. box",
        "p o box",
        "postfach",
        "caixa postal",
        "bp ",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    has_digit(s) && (has_street_word(s, false) || has_block_number(s) || po_box)
}

/// City names: a few capitalised words without digits or street words; a lone
/// "-" is allowed for the Brazilian "São Paulo - SP".
fn city_words_ok(tokens: &[&str]) -> bool {
    let real: Vec<&&str> = tokens
        .iter()
        .filter(|t| !matches!(**t, "-" | "–"))
        .collect();
    if real.is_empty() || real.len() > 5 {
        return false;
    }
    let first_upper = real[0].chars().next().is_some_and(char::is_uppercase);
    first_upper
        && real.iter().all(|t| {
            t.chars().next().is_some_and(char::is_alphabetic) && !has_digit(t) && !t.contains('@')
        })
        && !has_street_word(&tokens.join(" "), true)
}

struct CodeIn {
    code: String,
    before: Vec<String>,
    after: Vec<String>,
    region: String,
    uk: bool,
    leading: bool,
}

/// Finds a postal code in one comma-separated part of a line.
fn code_in_part(part: &str, later_part: bool) -> Option<CodeIn> {
    let mut tokens: Vec<&str> = part.split_whitespace().collect();
    if tokens.len() > 1 && matches!(norm_label(tokens[0]).as_str(), "cep" | "plz" | "〒" | "pin") {
        tokens.remove(0);
    }
    let n = tokens.len();
    if n == 0 || n > 8 {
        return None;
    }
    let owned = |ts: &[&str]| -> Vec<String> {
        ts.iter()
            .filter(|t| !matches!(**t, "-" | "–"))
            .map(|t| (*t).to_string())
            .collect()
    };
    let found = |code: String, before: &[&str], region: &str, uk: bool| CodeIn {
        code,
        before: owned(before),
        after: Vec::new(),
        region: region.to_string(),
        uk,
        leading: false,
    };
    let before_ok = |before: &[&str], distinctive: bool| {
        let trimmed: Vec<&str> = before
            .iter()
            .copied()
            .filter(|t| !matches!(*t, "-" | "–"))
            .collect();
        if trimmed.is_empty() {
            distinctive || later_part
        } else {
            city_words_ok(&trimmed)
        }
    };
    if n >= 2 {
        let (a, b) = (tokens[n - 2], tokens[n - 1]);
        let uk = is_uk_postcode(a, b);
        if uk || is_ca_postcode(a, b) {
            let mut before = &tokens[..n - 2];
            let mut region = "";
            if let Some((last, rest)) = before.split_last()
                && !uk
                && CA_PROVINCES.contains(last)
            {
                region = last;
                before = rest;
            }
            if before_ok(before, true) {
                return Some(found(format!("{a} {b}"), before, region, uk));
            }
        }
        let state = tokens[n - 2];
        let us = matches!(shape(b).as_str(), "99999" | "99999-9999") && US_STATES.contains(&state);
        let au = shape(b) == "9999" && AU_STATES.contains(&state);
        if (us || au) && before_ok(&tokens[..n - 2], true) {
            return Some(found(b.to_string(), &tokens[..n - 2], state, false));
        }
        if shape(a) == "999" && shape(b) == "999" && before_ok(&tokens[..n - 2], false) {
            return Some(found(format!("{a} {b}"), &tokens[..n - 2], "", false));
        }
    }
    let last = tokens[n - 1];
    if is_trailing_code(last) && before_ok(&tokens[..n - 1], is_distinctive_code(last)) {
        let code = last.strip_prefix('〒').unwrap_or(last).to_string();
        return Some(found(code, &tokens[..n - 1], "", false));
    }
    if n >= 2
        && let Some(code) = leading_code(tokens[0])
    {
        let (code, rest) = if shape(code) == "9999" && n >= 3 && shape(tokens[1]) == "AA" {
            (format!("{code} {}", tokens[1]), &tokens[2..])
        } else {
            (code.to_string(), &tokens[1..])
        };
        if city_words_ok(rest) {
            return Some(CodeIn {
                code,
                before: Vec::new(),
                after: rest.iter().map(|t| (*t).to_string()).collect(),
                region: String::new(),
                uk: false,
                leading: true,
            });
        }
    }
    None
}

fn street_like_part(p: &str) -> bool {
    has_digit(p) || has_street_word(p, true)
}

/// "São Paulo - SP" → ("São Paulo", "SP").
fn split_dash(s: &str) -> (String, String) {
    for sep in [" - ", " – ", " — "] {
        if let Some((left, right)) = s.split_once(sep)
            && right.split_whitespace().count() <= 3
        {
            return (left.trim().to_string(), right.trim().to_string());
        }
    }
    (s.to_string(), String::new())
}

/// A line holding a postal code (with whatever street, city, region and
/// country share the line), or a plain "City, Country".
fn parse_address_line(line: &str) -> Option<PostalAddress> {
    let parts: Vec<&str> = line
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 6 {
        return None;
    }
    for (i, part) in parts.iter().enumerate() {
        let Some(found) = code_in_part(part, i > 0) else {
            continue;
        };
        let mut addr = PostalAddress {
            postal_code: found.code,
            region: found.region,
            ..PostalAddress::default()
        };
        let prev = i.checked_sub(1).map(|p| parts[p]);
        let prev_is_city = prev.is_some_and(|p| !street_like_part(p));
        let mut street_end = i;
        let before = found.before.join(" ");
        if found.leading {
            let mut after = found.after;
            // "75008 Paris France", but not "06600 Ciudad de México".
            let n = after.len();
            if n > 1 && is_country(&after[n - 1]) && starts_upper(&after[n - 2]) {
                addr.country = after.pop().unwrap_or_default();
            }
            (addr.locality, addr.region) = split_dash(&after.join(" "));
        } else if !before.is_empty() {
            let generic = addr.region.is_empty() && !found.uk;
            if generic && prev_is_city {
                addr.locality = prev.unwrap_or_default().to_string();
                addr.region = before;
                street_end = i - 1;
            } else {
                addr.locality = before;
            }
        } else if prev_is_city {
            let (locality, region) = split_dash(prev.unwrap_or_default());
            addr.locality = locality;
            if addr.region.is_empty() {
                addr.region = region;
            }
            street_end = i - 1;
        }
        for extra in &parts[i + 1..] {
            if addr.country.is_empty() && is_country(extra) {
                addr.country = (*extra).to_string();
            } else if addr.region.is_empty() {
                addr.region = (*extra).to_string();
            } else {
                addr.region = format!("{}, {extra}", addr.region);
            }
        }
        addr.street = parts[..street_end].join(", ");
        return Some(addr);
    }
    if let [city, country] = parts.as_slice()
        && is_country(country)
        && city.split_whitespace().count() <= 3
        && city_words_ok(&city.split_whitespace().collect::<Vec<_>>())
    {
        return Some(PostalAddress {
            locality: (*city).to_string(),
            country: (*country).to_string(),
            ..PostalAddress::default()
        });
    }
    None
}

/// The first postal line anchors the address: street lines directly above it
/// join it, later address lines are left for the user.
fn assemble_address(segs: &mut [Seg], out: &mut PostalAddress) {
    let mut street: Vec<String> = Vec::new();
    let anchor = segs.iter().position(|s| matches!(s.kind, Kind::Address(_)));
    if let Some(a) = anchor {
        if let Kind::Address(found) = &segs[a].kind {
            *out = found.clone();
        }
        segs[a].used = true;
        let mut k = a;
        if out.locality.is_empty()
            && k > 0
            && is_city_seg(&segs[k - 1])
            && segs[k - 1].line + 1 >= segs[a].line
        {
            let (locality, region) = split_dash(&segs[k - 1].text);
            out.locality = locality;
            if out.region.is_empty() {
                out.region = region;
            }
            segs[k - 1].used = true;
            k -= 1;
        }
        let mut above = Vec::new();
        while k > 0 && above.len() < 3 {
            let s = &segs[k - 1];
            let text = matches!(s.kind, Kind::Text) && !s.used;
            let numbered = text && has_digit(&s.text) && !looks_like_person_or_org(&s.text);
            // A district between the street and the city ("Bela Vista") may look like a name.
            let sandwiched = text
                && k >= 2
                && matches!(segs[k - 2].kind, Kind::Street)
                && !company_strong(&s.text)
                && !title_like(&s.text);
            let is_street = !s.used && (matches!(s.kind, Kind::Street) || numbered || sandwiched);
            if !is_street {
                break;
            }
            above.push(k - 1);
            k -= 1;
        }
        for &i in above.iter().rev() {
            street.push(segs[i].text.clone());
            segs[i].used = true;
        }
        if !out.street.is_empty() {
            street.push(std::mem::take(&mut out.street));
        }
    } else {
        for s in segs
            .iter_mut()
            .filter(|s| matches!(s.kind, Kind::Street))
            .take(3)
        {
            street.push(s.text.clone());
            s.used = true;
        }
    }
    out.street = street.join("\n");
    for s in segs
        .iter_mut()
        .filter(|s| matches!(s.kind, Kind::Country) && !s.used)
    {
        if out.country.is_empty() {
            out.country.clone_from(&s.text);
            s.used = true;
        } else if fold(&out.country) == fold(&s.text) {
            s.used = true;
        }
    }
}

fn is_city_seg(s: &Seg) -> bool {
    let tokens: Vec<&str> = s.text.split_whitespace().collect();
    matches!(s.kind, Kind::Text) && !s.used && tokens.len() <= 5 && city_words_ok(&tokens)
}

fn looks_like_person_or_org(s: &str) -> bool {
    company_strong(s) || title_like(s) || name_like(s, false)
}

/// Looks like a name and like nothing else ("General Manager" looks like both).
fn person_like(s: &str) -> bool {
    name_like(s, false) && !title_like(s) && !company_strong(s) && !company_weak(s)
}

// ---------------------------------------------------------------------------
// Channels and labels across lines

/// Applies a lone label line ("Phone", "Birthday") to the value on the next
/// line; a label whose value cannot be placed stays in `unplaced` with it.
fn resolve_labels(segs: &mut [Seg]) {
    for i in 0..segs.len().saturating_sub(1) {
        let Kind::Label(label) = segs[i].kind else {
            continue;
        };
        let (head, tail) = segs.split_at_mut(i + 1);
        let next = &mut tail[0];
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
        head[i].used = consumed;
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
fn place_channels(segs: &mut [Seg], f: &mut ContactFields) {
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

// ---------------------------------------------------------------------------
// Name, title, company

/// Accent-free lower case, with "ß" as "ss", for matching.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        if c == 'ß' {
            out.push_str("ss");
        } else {
            out.push(c);
        }
    }
    out
}

/// German transliteration ("Schäfer" → "schaefer"), as used in email addresses.
fn fold_de(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            c => out.push(c),
        }
    }
    fold(&out)
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn words(s: &str) -> impl Iterator<Item = String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

#[rustfmt::skip]
const TITLE_WORDS: [&str; 125] = [
    "ceo", "cto", "cfo", "coo", "cmo", "cio", "cro", "cpo", "cso", "vp", "svp", "evp", "avp",
    "vice", "president", "presidente", "chairman", "chairwoman", "chair", "chief", "officer",
    "director", "directora", "directeur", "directrice", "direktor", "direktorin", "diretor",
    "diretora", "manager", "managerin", "gerente", "gerant", "gerante", "head", "lead", "founder",
    "cofounder", "engineer", "ingenieur", "ingenieurin", "ingeniero", "engenheiro", "sales",
    "vendas", "ventas", "vertrieb", "account", "executive", "consultant", "consultante",
    "consultora", "consultor", "berater", "beraterin", "conseiller", "conseillere", "partner",
    "associate", "owner", "inhaber", "inhaberin", "principal", "specialist", "analyst",
    "representative", "rep", "coordinator", "administrator", "architect", "developer", "programmer",
    "designer", "advisor", "adviser", "attorney", "lawyer", "counsel", "solicitor", "barrister",
    "accountant", "geschaftsfuhrer", "geschaftsfuhrerin", "prokurist", "prokuristin", "leiter",
    "leiterin", "responsable", "socio", "socia", "intern", "trainee", "recruiter", "realtor",
    "broker", "agent", "secretary", "treasurer", "professor", "scientist", "researcher",
    "strategist", "producer", "editor", "gm", "bdm", "bdr", "sdr", "bucho", "kacho", "shacho",
    "torishimariyaku", "development", "physician", "doctor", "surgeon", "dentist", "nurse",
    "therapist", "pharmacist", "medico", "medica", "arzt", "arztin", "medecin",
];
#[rustfmt::skip]
const TITLE_SUFFIXES: [&str; 12] = [
    "manager", "managerin", "leiter", "leiterin", "berater", "beraterin", "direktor", "fuhrer",
    "fuhrerin", "ingenieur", "referent", "referentin",
];
/// Words of chat, never of a job title, a company line or a name.
#[rustfmt::skip]
const CHAT_WORDS: [&str; 26] = [
    "you", "your", "we", "our", "i", "me", "my", "thanks", "thank", "please", "hi", "hello", "dear",
    "regards", "will", "would", "can", "is", "are", "was", "were", "this", "that", "sent", "talk",
    "see",
];
/// Words that are not part of a person's name (field names and small words).
#[rustfmt::skip]
const NOT_NAME_WORDS: [&str; 24] = [
    "the", "to", "for", "with", "from", "on", "in", "about", "and", "of", "at", "email", "e-mail",
    "phone", "mobile", "fax", "website", "birthday", "address", "connected", "twitter", "linkedin",
    "profile", "contact",
];

/// A sentence of a mail body rather than a signature line.
fn is_prose(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 4
        && (s.trim_end().ends_with(['.', '!', '?'])
            || ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str())))
}

fn title_like(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    let sentence = s.ends_with(['!', '?']) || (s.ends_with('.') && ws.len() > 4);
    !sentence
        && ws.len() <= 8
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
        && ws.iter().any(|w| {
            TITLE_WORDS.contains(&w.as_str())
                || TITLE_SUFFIXES
                    .iter()
                    .any(|x| w.len() > x.len() && w.ends_with(x))
        })
}

fn is_company_suffix(token: &str) -> bool {
    let bare = compact(token);
    let upper_first = bare.chars().next().is_some_and(char::is_uppercase);
    match bare.to_lowercase().as_str() {
        "inc" | "incorporated" | "llc" | "ltd" | "limited" | "gmbh" | "corp" | "corporation"
        | "plc" | "llp" | "ltda" | "sarl" | "sasu" | "pty" | "pvt" | "pte" | "bhd" | "group"
        | "gruppe" | "holding" | "holdings" | "company" | "ohg" | "spa" | "srl" | "aps" | "cie" => {
            true
        }
        "sa" | "sas" | "ag" | "co" | "kk" | "nv" | "bv" | "lp" | "sl" | "ug" | "kg" | "ab"
        | "as" | "oy" | "cv" => upper_first,
        "ev" => bare == "eV",
        _ => false,
    }
}

/// Legal-form suffixes ("Inc.", "GmbH", "S.A.") and "& Partners" shapes.
fn company_strong(s: &str) -> bool {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if tokens.len() < 2 {
        return false;
    }
    let lower = fold(s);
    let joined = [
        " & partner",
        " & co",
        " & cie",
        " & associates",
        " & sons",
        " + partner",
        "kabushiki kaisha",
        " gmbh",
    ];
    joined.iter().any(|k| lower.contains(k)) || tokens.last().is_some_and(|t| is_company_suffix(t))
}

#[rustfmt::skip]
const COMPANY_WORDS: [&str; 41] = [
    "solutions", "systems", "technologies", "technology", "tech", "software", "consulting",
    "consultancy", "capital", "ventures", "bank", "insurance", "media", "labs", "industries",
    "international", "services", "networks", "analytics", "logistics", "partners", "associates",
    "agency", "studio", "studios", "university", "universidade", "universitat", "institute",
    "institut", "hospital", "foundation", "trading", "traders", "enterprises", "realty",
    "properties", "pharma", "energy", "motors", "grupo",
];

fn company_weak(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 2 && ws.iter().any(|w| COMPANY_WORDS.contains(&w.as_str()))
}

#[rustfmt::skip]
const PARTICLES: [&str; 22] = [
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "du", "del", "della", "di", "la",
    "le", "bin", "binti", "al", "el", "ter", "ten", "zu",
];

fn is_particle(t: &str) -> bool {
    PARTICLES.contains(&t)
}

#[rustfmt::skip]
const HONORIFICS: [&str; 22] = [
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "herr", "frau", "mme", "mlle",
    "sr", "sra", "srta", "dra", "dott", "ing", "mag", "dipl-ing", "dipl-kfm",
];

fn is_honorific(t: &str) -> bool {
    HONORIFICS.contains(&fold(t).replace('.', "").as_str())
}

#[rustfmt::skip]
const POST_NOMINALS: [&str; 32] = [
    "phd", "mba", "cpa", "cfa", "pmp", "jr", "sr", "ii", "iii", "iv", "esq", "pe", "peng", "msc",
    "bsc", "ma", "ba", "llm", "cfp", "acca", "fca", "aca", "md", "dds", "jd", "obe", "mbe", "cbe",
    "rn", "mph", "dphil", "meng",
];

fn is_post_nominal(t: &str) -> bool {
    POST_NOMINALS.contains(&fold(t).replace(['.', ','], "").as_str())
}

fn is_name_word(t: &str) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    first.is_uppercase()
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && (!t.ends_with('.') || letters <= 2)
}

/// The name words without honorifics ("Dr.") and post-nominals (", CPA").
fn name_core(s: &str) -> Option<Vec<&str>> {
    let mut parts = s.split(',');
    let head = parts.next()?;
    for part in parts {
        let ok = !part.trim().is_empty() && part.split_whitespace().all(is_post_nominal);
        if !ok {
            return None;
        }
    }
    let mut tokens: Vec<&str> = head.split_whitespace().collect();
    let honorifics = tokens.iter().take_while(|t| is_honorific(t)).count();
    tokens.drain(..honorifics);
    while tokens.len() > 1 && tokens.last().is_some_and(|t| is_post_nominal(t)) {
        tokens.pop();
    }
    Some(tokens)
}

/// A person's name: 2–4 capitalised words (particles such as "van" or "da"
/// aside), or one word when an email address confirms it.
fn name_like(s: &str, allow_single: bool) -> bool {
    if s.chars()
        .any(|c| c.is_ascii_digit() || "@/:|()&!?+".contains(c))
    {
        return false;
    }
    let Some(tokens) = name_core(s) else {
        return false;
    };
    let main: Vec<&str> = tokens.iter().copied().filter(|t| !is_particle(t)).collect();
    let count_ok = (2..=4).contains(&main.len()) || (allow_single && main.len() == 1);
    count_ok
        && tokens.len() <= 6
        && !tokens.first().is_some_and(|t| is_particle(t))
        && main.iter().all(|t| is_name_word(t))
        && !tokens.iter().any(|t| {
            let w = fold(t);
            CHAT_WORDS.contains(&w.as_str())
                || NOT_NAME_WORDS.contains(&w.as_str())
                || is_closing(&w)
        })
}

fn set_name(f: &mut ContactFields, text: &str) {
    f.display_name = text.trim().to_string();
    let Some(tokens) = name_core(text) else {
        return;
    };
    let is_caps = |t: &&str| {
        t.chars().filter(|c| c.is_alphabetic()).count() > 1 && !t.chars().any(char::is_lowercase)
    };
    let caps = tokens.iter().filter(|t| is_caps(t)).count();
    let (given, family): (Vec<&str>, Vec<&str>) = if caps > 0 && caps < tokens.len() {
        // "Jean DUPONT", "TANAKA Hiroshi": the capitalised word is the family name.
        let family = tokens.iter().copied().filter(|t| is_caps(t)).collect();
        let given = tokens.iter().copied().filter(|t| !is_caps(t)).collect();
        (given, family)
    } else if let Some(p) = tokens.iter().skip(1).position(|t| is_particle(t)) {
        (tokens[..=p].to_vec(), tokens[p + 1..].to_vec())
    } else if let Some((last, rest)) = tokens.split_last()
        && !rest.is_empty()
    {
        (rest.to_vec(), vec![*last])
    } else {
        (tokens.clone(), Vec::new())
    };
    f.given_name = given.join(" ");
    f.family_name = family.join(" ");
}

/// What the email addresses say about the other lines.
struct Ctx {
    /// Company part of non-webmail domains: "northwind" for northwind.co.uk.
    stems: Vec<String>,
    /// Local parts, letters and digits only: "adalovelace".
    locals: Vec<String>,
}

#[rustfmt::skip]
const WEBMAIL: [&str; 24] = [
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "icloud", "me", "mac",
    "aol", "gmx", "web", "t-online", "orange", "free", "protonmail", "proton", "yandex", "mail",
    "zoho", "rediffmail", "uol", "example",
];

impl Ctx {
    fn new(emails: &[Email]) -> Self {
        let mut stems = Vec::new();
        let mut locals = Vec::new();
        // A handful of addresses is all a card has; more is garbage and not worth the time.
        for email in emails.iter().take(8) {
            let Some((local, domain)) = email.address.split_once('@') else {
                continue;
            };
            locals.push(compact(&fold(local)));
            let labels: Vec<String> = domain
                .to_lowercase()
                .split('.')
                .map(str::to_string)
                .collect();
            let mut end = labels.len().saturating_sub(1);
            if end >= 2
                && matches!(
                    labels[end - 1].as_str(),
                    "co" | "com" | "net" | "org" | "ne" | "or"
                )
            {
                end -= 1;
            }
            if let Some(stem) = end.checked_sub(1).map(|i| &labels[i])
                && !WEBMAIL.contains(&stem.as_str())
            {
                stems.push(compact(stem));
            }
        }
        Ctx { stems, locals }
    }

    fn domain_matches(&self, s: &str) -> bool {
        let forms = [compact(&fold(s)), compact(&fold_de(s))];
        self.stems
            .iter()
            .filter(|stem| stem.len() >= 3)
            .any(|stem| {
                forms.iter().any(|c| {
                    c.starts_with(stem.as_str()) || (c.len() >= 4 && stem.starts_with(c.as_str()))
                })
            })
    }

    fn local_matches(&self, s: &str) -> bool {
        let name_words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .flat_map(|w| [compact(&fold(w)), compact(&fold_de(w))])
            .collect();
        self.locals
            .iter()
            .any(|local| name_words.iter().any(|w| local.contains(w.as_str())))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Title,
    Company,
    Unknown,
}

fn role_of(s: &str, ctx: &Ctx) -> Role {
    if company_strong(s) {
        Role::Company
    } else if title_like(s) {
        Role::Title
    } else if name_like(s, true) && ctx.local_matches(s) {
        Role::Name
    } else if ctx.domain_matches(s) || company_weak(s) {
        Role::Company
    } else if name_like(s, false) {
        Role::Name
    } else {
        Role::Unknown
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// "Title at Company", "Title, Company", "Name, Title", "Title – Company".
fn split_shapes(s: &str, ctx: &Ctx, depth: u8) -> Vec<String> {
    let pieces = |left: &str, right: &str| -> Vec<String> {
        let mut out = vec![left.trim().to_string()];
        out.extend(split_shapes(right.trim(), ctx, depth + 1));
        out
    };
    if depth > 2 {
        return vec![s.to_string()];
    }
    for sep in [" at ", " @ ", " bei ", " chez "] {
        if let Some((left, right)) = s.split_once(sep)
            && title_like(left)
            && !title_like(right)
            && starts_upper(right.trim())
        {
            return pieces(left, right);
        }
    }
    let splits = [", ", " - ", " – ", " — "]
        .into_iter()
        .flat_map(|sep| [s.split_once(sep), s.rsplit_once(sep)].map(|found| (sep, found)));
    for (sep, found) in splits {
        let Some((left, right)) = found else {
            continue;
        };
        let right = right.trim();
        let company_right =
            company_strong(right) || ctx.domain_matches(right) || company_weak(right);
        let dash = sep != ", ";
        if title_like(left)
            && !title_like(right)
            && (company_right || (dash && starts_upper(right)))
        {
            return pieces(left, right);
        }
        if person_like(left) && title_like(right) {
            return pieces(left, right);
        }
        // "Acme Inc. – Head of Sales"
        let company_left = company_strong(left) || ctx.domain_matches(left);
        if dash && company_left && title_like(right) && !company_strong(right) {
            return pieces(left, right);
        }
    }
    vec![s.to_string()]
}

fn expand_shapes(segs: Vec<Seg>, ctx: &Ctx) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        let splittable =
            matches!(seg.kind, Kind::Text) && !seg.used && seg.text.len() <= MAX_VALUE_CHARS;
        if !splittable {
            out.push(seg);
            continue;
        }
        for piece in split_shapes(&seg.text, ctx, 0) {
            out.push(Seg {
                line: seg.line,
                text: piece,
                kind: Kind::Text,
                used: false,
            });
        }
    }
    out
}

/// A line plausible as a company name when nothing better is found.
fn plausible_company(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    starts_upper(s)
        && (1..=5).contains(&ws.len())
        && !s.ends_with(['.', '!', '?', ':'])
        && !s.contains(':')
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
}

fn assign_people(segs: &mut [Seg], f: &mut ContactFields, ctx: &Ctx, header_names: &[String]) {
    let roles: Vec<Option<Role>> = segs
        .iter()
        .map(|s| {
            let candidate =
                matches!(s.kind, Kind::Text) && !s.used && s.text.len() <= MAX_VALUE_CHARS;
            candidate.then(|| role_of(&s.text, ctx))
        })
        .collect();
    let has = |i: usize, r: Role| roles.get(i).copied().flatten() == Some(r);

    let names: Vec<usize> = (0..segs.len()).filter(|&i| has(i, Role::Name)).collect();
    let name_idx = names
        .iter()
        .copied()
        .find(|&i| ctx.local_matches(&segs[i].text))
        .or_else(|| names.first().copied());
    if let Some(i) = name_idx {
        set_name(f, &segs[i].text);
        segs[i].used = true;
    }
    let owners: Vec<String> = segs
        .iter_mut()
        .filter_map(|s| match &s.kind {
            Kind::ProfileOwner(owner) => {
                s.used = true;
                Some(owner.clone())
            }
            _ => None,
        })
        .collect();
    if name_idx.is_none()
        && let Some(name) = owners
            .iter()
            .chain(header_names)
            .find(|n| name_like(n, true))
    {
        set_name(f, name);
    }

    let title_idx = (0..segs.len()).find(|&i| has(i, Role::Title));
    if let Some(t) = title_idx {
        let mut title = segs[t].text.clone();
        segs[t].used = true;
        // A title wrapped onto a second line: "Senior Vice President" / "Global Sales".
        if has(t + 1, Role::Title) && segs[t + 1].line == segs[t].line + 1 {
            title = format!("{title}, {}", segs[t + 1].text);
            segs[t + 1].used = true;
        }
        f.title = title;
    }

    let company_idx = (0..segs.len())
        .find(|&i| has(i, Role::Company))
        .or_else(|| {
            // Cards print the company right under the title (or the name).
            let anchor = title_idx.or(name_idx)?;
            let next = anchor + 1;
            let fits = |i: usize| {
                (has(i, Role::Unknown) || has(i, Role::Name))
                    && !segs[i].used
                    && plausible_company(&segs[i].text)
            };
            if fits(next) && segs[next].line <= segs[anchor].line + 1 {
                return Some(next);
            }
            // ... or as a logo line above the name.
            (name_idx == Some(1) && fits(0) && segs[0].line + 1 >= segs[1].line).then_some(0)
        });
    if let Some(c) = company_idx {
        f.company.clone_from(&segs[c].text);
        segs[c].used = true;
    }

    // Repeats of what was placed ("Acme Inc." again in a legal footer) are not news.
    for s in segs.iter_mut() {
        if matches!(s.kind, Kind::Text) && !s.used {
            let t = fold(&s.text);
            s.used = [&f.display_name, &f.title, &f.company]
                .iter()
                .any(|v| !v.is_empty() && fold(v) == t);
        }
    }
}

// ---------------------------------------------------------------------------
// Small string helpers that never slice inside a character

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| s.get(..cut))
        .flatten()
}

#[cfg(test)]
#[path = "card_text_tests.rs"]
mod tests;
