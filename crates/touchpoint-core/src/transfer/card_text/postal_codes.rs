//! Postal codes for the card parser, by their shape: "EC1A 1BB" (UK),
//! "K1A 0B1" (Canada), the US, Canadian and Australian state codes they
//! follow, "10117" or "D-10117" before a city, and the shapes distinctive
//! enough to stand alone ("100-0001" in Japan, "01310-100" in Brazil).

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
    matches!(
        shape(t).as_str(),
        "9999" | "99999" | "99999-999" | "999-9999"
    )
    .then_some(t)
}
