//! Phone numbers are kept as the user typed them and normalised to E.164 for
//! duplicate checks, search and dialling. A number is refused only when it
//! cannot be a phone number at all; one that libphonenumber cannot place
//! (no `+` and no default region) is kept without an E.164 form.

use phonenumber::{Mode, country};

/// Checks `number` and returns its E.164 form when it can be determined.
///
/// # Errors
/// A user-facing reason when the text cannot be a phone number.
pub(crate) fn normalise(number: &str, default_region: &str) -> Result<Option<String>, String> {
    let lower = number.to_lowercase();
    let (main, extension) = split_extension(&lower);
    if let Some(ext) = extension
        && (ext.is_empty() || !ext.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("the extension must be digits, e.g. \"ext. 12\"".into());
    }
    let body = main.trim().strip_prefix('+').unwrap_or(main.trim());
    if let Some(bad) = body
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/')))
    {
        return Err(format!("'{bad}' cannot be part of a phone number"));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if digits < 4 {
        return Err("a phone number needs at least 4 digits".into());
    }
    if digits > 15 {
        return Err("a phone number has at most 15 digits (plus an extension)".into());
    }
    let international = main.trim().starts_with('+');
    // A number with its own country code is read without the default
    // region: with one, the parser strips that region's trunk prefix from
    // it ("+49 171 …" with US lost its "1"). A national number is placed in
    // the default region only when it is a valid number there ("020 7946
    // 0321", British, is no US number), rather than stored wrong.
    let region = if international {
        None
    } else {
        default_region.parse::<country::Id>().ok()
    };
    Ok(phonenumber::parse(region, main.trim())
        .ok()
        .filter(|n| n.national().value() >= 1000)
        .filter(|n| international || n.is_valid())
        .map(|n| n.format().mode(Mode::E164).to_string()))
}

/// Splits "…ext. 12", "…x12", "…extension 12" into the number and the extension digits.
fn split_extension(s: &str) -> (&str, Option<&str>) {
    for marker in ["extension", "ext.", "ext", "x", "#"] {
        if let Some(at) = s.rfind(marker) {
            let rest = s[at + marker.len()..].trim_start_matches([' ', ':', '.']);
            return (&s[..at], Some(rest.trim()));
        }
    }
    (s, None)
}

/// Only the digits: a search token, so that typing "4155550100" finds
/// "+1 (415) 555-0100".
pub(crate) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The national significant number of an E.164 number ("+14155550100" →
/// "4155550100"): how people type numbers of their own country.
pub(crate) fn national_digits(e164: &str) -> Option<String> {
    phonenumber::parse(None, e164)
        .ok()
        .map(|n| n.national().value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn international_numbers_normalise_without_a_region() {
        assert_eq!(
            normalise("+44 20 7946 0958", "").unwrap().as_deref(),
            Some("+442079460958")
        );
        assert_eq!(
            normalise("+49 (0)30 901820", "").unwrap().as_deref(),
            Some("+4930901820")
        );
    }

    #[test]
    fn national_numbers_use_the_default_region() {
        assert_eq!(
            normalise("(415) 555-0100", "US").unwrap().as_deref(),
            Some("+14155550100")
        );
        assert_eq!(
            normalise("030 901820", "DE").unwrap().as_deref(),
            Some("+4930901820")
        );
        assert_eq!(
            normalise("01 23 45 67 89", "FR").unwrap().as_deref(),
            Some("+33123456789")
        );
    }

    #[test]
    fn a_number_with_its_country_code_keeps_every_digit_whatever_the_region() {
        for (typed, e164) in [
            ("+49 171 2345678", "+491712345678"),
            ("+33 1 42 68 53 00", "+33142685300"),
            ("+55 11 98765 4321", "+5511987654321"),
            ("+49 (0)221 1234560", "+492211234560"),
            ("+1 415 555 0100", "+14155550100"),
        ] {
            for region in ["US", "DE", "GB", ""] {
                assert_eq!(
                    normalise(typed, region).unwrap().as_deref(),
                    Some(e164),
                    "{typed} with region {region:?}"
                );
            }
        }
    }

    #[test]
    fn a_national_number_that_is_no_number_of_the_region_gets_no_e164() {
        assert_eq!(normalise("020 7946 0321", "US").unwrap(), None);
        assert_eq!(
            normalise("020 7946 0321", "GB").unwrap().as_deref(),
            Some("+442079460321")
        );
    }

    #[test]
    fn a_national_number_without_a_region_is_kept_without_e164() {
        assert_eq!(normalise("(415) 555-0100", "").unwrap(), None);
    }

    #[test]
    fn extensions_are_allowed_and_left_out_of_e164() {
        assert_eq!(
            normalise("+1 415 555 0100 ext. 12", "").unwrap().as_deref(),
            Some("+14155550100")
        );
        assert!(normalise("+1 415 555 0100 x12", "").is_ok());
        assert!(
            normalise("+1 415 555 0100 ext", "").is_err(),
            "an empty extension"
        );
    }

    #[test]
    fn text_that_cannot_be_a_phone_number_is_refused_with_a_reason() {
        assert_eq!(
            normalise("call me", "US").unwrap_err(),
            "'c' cannot be part of a phone number"
        );
        assert!(
            normalise("12", "US")
                .unwrap_err()
                .contains("at least 4 digits")
        );
        assert!(
            normalise("1234567890123456", "US")
                .unwrap_err()
                .contains("at most 15")
        );
        assert!(normalise("415-CALL-NOW", "US").is_err());
    }

    #[test]
    fn the_national_digits_drop_the_country_code() {
        assert_eq!(
            national_digits("+14155550100").as_deref(),
            Some("4155550100")
        );
        assert_eq!(national_digits("+4930901820").as_deref(), Some("30901820"));
    }

    #[test]
    fn an_unknown_region_code_is_treated_as_no_region() {
        assert_eq!(normalise("(415) 555-0100", "ZZ").unwrap(), None);
    }
}
