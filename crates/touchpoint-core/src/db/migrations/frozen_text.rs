//! Migration 2's text rules, frozen as they were when it was written: the
//! E.164 form of a number typed without a region, its digits, and the folded
//! name-and-company key. The contact code's own rules may change (issue by
//! issue, region by region); what this migration derived for an old file
//! must not, or two upgrades of the same file would disagree. A later change
//! that should reach old rows re-derives them in a migration of its own.

use phonenumber::Mode;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The E.164 form of a number written in international form; `None` for
/// anything else (without a region, a national number has none).
pub(super) fn e164(number: &str) -> Option<String> {
    let lower = number.to_lowercase();
    let (main, extension) = split_extension(&lower);
    if extension.is_some_and(|ext| ext.is_empty() || !ext.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let main = main.trim();
    let body = main.strip_prefix('+').unwrap_or(main);
    let plausible = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'));
    let count = body.chars().filter(char::is_ascii_digit).count();
    if !plausible || !(4..=15).contains(&count) {
        return None;
    }
    phonenumber::parse(None, main)
        .ok()
        .filter(|n| n.national().value() >= 1000)
        .map(|n| n.format().mode(Mode::E164).to_string())
}

fn split_extension(s: &str) -> (&str, Option<&str>) {
    for marker in ["extension", "ext.", "ext", "x", "#"] {
        if let Some(at) = s.rfind(marker) {
            let rest = s[at + marker.len()..].trim_start_matches([' ', ':', '.']);
            return (&s[..at], Some(rest.trim()));
        }
    }
    (s, None)
}

pub(super) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

pub(super) fn national_digits(e164: &str) -> Option<String> {
    phonenumber::parse(None, e164)
        .ok()
        .map(|n| n.national().value().to_string())
}

pub(super) fn name_company_key(display_name: &str, company: &str) -> String {
    let name = fold(display_name);
    if name.is_empty() {
        return String::new();
    }
    format!("{name}|{}", fold(company))
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '/' || c == ',' {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_international_numbers_get_an_e164_form() {
        assert_eq!(e164("+44 20 7946 0958").as_deref(), Some("+442079460958"));
        assert_eq!(
            e164("+1 415 555 0100 ext. 12").as_deref(),
            Some("+14155550100")
        );
        assert_eq!(e164("(415) 555-0100"), None);
        assert_eq!(e164("call me"), None);
        assert_eq!(e164("+12"), None);
        assert_eq!(e164("+1 415 555 0100 ext"), None, "an empty extension");
    }

    #[test]
    fn the_key_folds_case_accents_and_spacing() {
        assert_eq!(
            name_company_key("  José   Álvarez ", "ACME GmbH"),
            "jose alvarez|acme gmbh"
        );
        assert_eq!(name_company_key("", "Acme"), "");
        assert_eq!(national_digits("+4930901820").as_deref(), Some("30901820"));
        assert_eq!(digits("+1 (415) 555-0100"), "14155550100");
    }
}
