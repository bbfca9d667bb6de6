//! Comparison keys for text that people type in different ways: case,
//! accents, punctuation and spacing must not hide a duplicate.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// "  Renée  O'Brien-Smith " → "renee obrien smith".
#[must_use]
pub(crate) fn fold(text: &str) -> String {
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
        // Other punctuation (apostrophes, dots, ampersands) is dropped.
    }
    out
}

/// The key under which two contacts count as "same name and company".
/// Empty when there is no name to compare.
#[must_use]
pub(crate) fn name_company_key(display_name: &str, company: &str) -> String {
    let name = fold(display_name);
    if name.is_empty() {
        return String::new();
    }
    let company = fold(company);
    format!("{name}|{company}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_spacing_do_not_matter() {
        assert_eq!(fold("  Renée   Müller "), "renee muller");
        assert_eq!(fold("RENEE MULLER"), "renee muller");
        assert_eq!(fold("O'Brien-Smith"), "obrien smith");
        assert_eq!(fold("Ångström & Co."), "angstrom co");
    }

    #[test]
    fn the_name_company_key_needs_a_name() {
        assert_eq!(name_company_key("", "Acme"), "");
        assert_eq!(
            name_company_key("José Álvarez", "ACME GmbH"),
            name_company_key("jose alvarez", "Acme GmbH")
        );
        assert_ne!(
            name_company_key("Jose Alvarez", "Acme"),
            name_company_key("Jose Alvarez", "Initech")
        );
    }
}
