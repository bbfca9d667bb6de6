//! Postal codes for the card parser, by their shape: "EC1A 1BB" (UK),
//! "K1A 0B1" (Canada), the US, Canadian and Australian state codes they
//! follow, "10117" or "D-10117" before a city, and the shapes distinctive
//! enough to stand alone ("100-0001" in Japan, "01310-100" in Brazil), and
//! finding one among the words of an address line.

use super::address::{city_words_ok, is_parenthesised, is_street_line};
use super::labels::norm_label;

#[rustfmt::skip]
pub(super) const US_STATES: [&str; 52] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR",
];
#[rustfmt::skip]
pub(super) const CA_PROVINCES: [&str; 13] = [
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];
pub(super) const AU_STATES: [&str; 8] = ["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"];

/// Digits to '9', ASCII capitals to 'A', lower case to 'a': "EC1A" → "AA9A".
pub(super) fn shape(s: &str) -> String {
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

pub(super) fn is_uk_postcode(outward: &str, inward: &str) -> bool {
    shape(inward) == "9AA"
        && matches!(
            shape(outward).as_str(),
            "A9" | "A99" | "A9A" | "AA9" | "AA99" | "AA9A"
        )
}

/// Irish Eircodes: "D02 X285", "H91 X2Y3".
pub(super) fn is_eircode(routing: &str, unique: &str) -> bool {
    let routing_ok = matches!(shape(routing).as_str(), "A99" | "A9A");
    let unique_ok = unique.len() == 4
        && unique
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && unique.chars().any(|c| c.is_ascii_digit())
        && unique.chars().any(|c| c.is_ascii_uppercase());
    routing_ok && unique_ok
}

pub(super) fn is_ca_postcode(a: &str, b: &str) -> bool {
    shape(a) == "A9A" && shape(b) == "9A9"
}

/// Postal codes that cannot be anything else, so they may stand alone on a line.
pub(super) fn is_distinctive_code(token: &str) -> bool {
    let t = token.strip_prefix('〒').unwrap_or(token);
    matches!(shape(t).as_str(), "999-9999" | "99999-999")
}

pub(super) fn is_trailing_code(token: &str) -> bool {
    let s = shape(token.strip_prefix('〒').unwrap_or(token));
    matches!(
        s.as_str(),
        "99999" | "99999-9999" | "999-9999" | "99999-999"
    ) || (s == "999999" && !token.starts_with('0'))
}

/// "D-10117", "CH-8001" → the digits; plain codes unchanged.
pub(super) fn leading_code(token: &str) -> Option<&str> {
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
    // "00-514" (Poland), "C1043AAZ" (Argentina) too.
    matches!(
        shape(t).as_str(),
        "9999" | "99999" | "99999-999" | "999-9999" | "99-999" | "A9999AAA"
    )
    .then_some(t)
}

pub(super) struct CodeIn {
    pub(super) code: String,
    pub(super) before: Vec<String>,
    pub(super) after: Vec<String>,
    pub(super) region: String,
    pub(super) uk: bool,
    pub(super) leading: bool,
}

/// Finds a postal code in one comma-separated part of a line.
pub(super) fn code_in_part(part: &str, later_part: bool) -> Option<CodeIn> {
    let mut tokens: Vec<&str> = part.split_whitespace().collect();
    if let [label, _, ..] = tokens.as_slice()
        && matches!(norm_label(label).as_str(), "cep" | "plz" | "〒" | "pin")
    {
        tokens.remove(0);
    }
    let n = tokens.len();
    if n > 8 {
        return None;
    }
    let (&last, all_but_last) = tokens.split_last()?;
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
    if let Some((&a, all_but_two)) = all_but_last.split_last() {
        let b = last;
        let uk = is_uk_postcode(a, b) || is_eircode(a, b);
        if uk || is_ca_postcode(a, b) {
            let mut before = all_but_two;
            let mut region = "";
            if let Some((last, rest)) = before.split_last()
                && !uk
                && (CA_PROVINCES.contains(last) || is_parenthesised(last))
            {
                // "Montréal (Québec) H3B 4W8"
                region = last.trim_start_matches('(').trim_end_matches(')');
                before = rest;
            }
            if before_ok(before, true) {
                return Some(found(format!("{a} {b}"), before, region, uk));
            }
        }
        let state = a;
        let us = matches!(shape(b).as_str(), "99999" | "99999-9999") && US_STATES.contains(&state);
        let au = shape(b) == "9999" && AU_STATES.contains(&state);
        if (us || au) && before_ok(all_but_two, true) {
            return Some(found(b.to_string(), all_but_two, state, false));
        }
        if shape(a) == "999" && shape(b) == "999" && before_ok(all_but_two, false) {
            return Some(found(format!("{a} {b}"), all_but_two, "", false));
        }
    }
    // "Auckland 1010", "Singapore 079903": a bare number is a code after a city.
    let after_city =
        n >= 2 && matches!(shape(last).as_str(), "9999" | "999999") && !is_street_line(part);
    if (is_trailing_code(last) || after_city) && before_ok(all_but_last, is_distinctive_code(last))
    {
        let code = last.strip_prefix('〒').unwrap_or(last).to_string();
        return Some(found(code, all_but_last, "", false));
    }
    let [first, second, after_two @ ..] = tokens.as_slice() else {
        return None;
    };
    let after_one = tokens.get(1..).unwrap_or_default();
    let swedish = !after_two.is_empty() && shape(first) == "999" && shape(second) == "99";
    if let Some(code) = leading_code(first).or(swedish.then_some(*first)) {
        let second_shape = shape(second);
        // "1016 DV Amsterdam", "111 21 Stockholm"
        let paired = !after_two.is_empty()
            && ((shape(code) == "9999" && second_shape == "AA")
                || (shape(code) == "999" && second_shape == "99"));
        let (code, mut rest) = if paired {
            (format!("{code} {second}"), after_two)
        } else {
            (code.to_string(), after_one)
        };
        // "20121 Milano MI": the province after the city.
        let mut region = String::new();
        if let Some((last, head)) = rest.split_last()
            && !head.is_empty()
            && shape(last) == "AA"
        {
            region = (*last).to_string();
            rest = head;
            // "São Paulo - SP"
            while let Some((dash, head)) = rest.split_last()
                && matches!(*dash, "-" | "–")
            {
                rest = head;
            }
        }
        // "1578 - Bela Vista" is a house number before a district.
        let dash_after = rest.first().is_some_and(|t| matches!(*t, "-" | "–"));
        if city_words_ok(rest) && !dash_after {
            return Some(CodeIn {
                code,
                before: Vec::new(),
                after: rest.iter().map(|t| (*t).to_string()).collect(),
                region,
                uk: false,
                leading: true,
            });
        }
    }
    None
}
