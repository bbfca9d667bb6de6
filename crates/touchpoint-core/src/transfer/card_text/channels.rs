//! Channel values for the card parser: emails, URLs and social profiles or
//! handles, phone numbers (labels are in `labels`, birthdays in `birthday`).
//! Each function reads one segment and says what value, if any, it holds;
//! placing values into the contact is left to the parent module.

use super::Kind;
use super::labels::{norm_label, phone_label, social_label};
use super::lines::{strip_prefix_ci, strip_suffix_ci};
use crate::contacts::{Phone, Profile, ProfileKind};

pub(super) fn profile_owner(seg: &str) -> Option<String> {
    ["’s profile", "'s profile", "’ profile", "' profile"]
        .iter()
        .find_map(|suffix| strip_suffix_ci(seg, suffix))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

// ---------------------------------------------------------------------------
// Emails, URLs and handles

pub(super) fn trim_punct(token: &str) -> &str {
    token
        .trim_start_matches(['(', '<', '[', '"', '\'', '“', '‘'])
        .trim_end_matches([
            ')', '>', ']', '"', '\'', ',', ';', '.', ':', '!', '?', '”', '’',
        ])
}

pub(super) fn email_of(token: &str) -> Option<String> {
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
    let (Some(first), Some(tld)) = (labels.first(), labels.last()) else {
        return false;
    };
    let tld_ok = tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
    let known = KNOWN_TLDS.contains(tld);
    let first_ok = !first.chars().all(|c| c.is_ascii_digit());
    labels_ok && tld_ok && first_ok && (!bare || known)
}

pub(super) fn url_of(token: &str) -> Option<String> {
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

pub(super) fn url_kind(url: &str) -> Kind {
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

pub(super) fn is_handle_word(s: &str) -> bool {
    let h = s.strip_prefix('@').unwrap_or(s);
    (1..=30).contains(&h.len())
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// "@adalovelace", "Twitter: @adalovelace", "Instagram @ada".
pub(super) fn handle_profile(seg: &str) -> Option<Profile> {
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

pub(super) fn parse_phone(seg: &str) -> Option<Phone> {
    let start = seg.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')?;
    let prefix = seg[..start].trim();
    let label = if prefix.is_empty() {
        ""
    } else {
        let key = norm_label(prefix);
        phone_label(&key).or_else(|| call_someone(&key))?
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

/// "Call Dave:", "Text Maria": a number to call or text someone on.
fn call_someone(key: &str) -> Option<&'static str> {
    let (verb, who) = key.split_once(' ')?;
    let verb_ok = matches!(verb, "call" | "text" | "call/text" | "ring");
    (verb_ok && (1..=2).contains(&who.split_whitespace().count())).then_some("mobile")
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
            let ext: String = tokens.iter().skip(i + 1).copied().collect();
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
    let main = tokens
        .iter()
        .take(main_end)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
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

pub(super) fn is_digits_between(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

/// "2024-03-03", "10.12.1815", "03/04/2024": an unlabelled date is not a phone.
fn is_date_shape(s: &str) -> bool {
    for sep in ['.', '/', '-'] {
        let groups: Vec<&str> = s.split(sep).collect();
        if let [a, b, c] = groups.as_slice()
            && groups.iter().all(|g| is_digits_between(g, 1, 4))
        {
            let (a, b, c) = (a.len(), b.len(), c.len());
            let dmy = a <= 2 && b <= 2 && (c == 2 || c == 4);
            let ymd = a == 4 && b <= 2 && c <= 2;
            return dmy || ymd;
        }
    }
    false
}
