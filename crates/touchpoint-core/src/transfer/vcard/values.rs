//! The values inside vCard properties that need more than reading text:
//! labels from TYPE and Apple's built-ins, birthdays in their many
//! spellings, time zones and best-time windows.

use chrono::NaiveDate;

use crate::contacts::ProfileKind;
use crate::time::TimeWindow;

use super::parse_day;

pub(super) fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The number a `tel:` URI (RFC 3966, as vCard 4.0 writes TEL) dials, as the
/// phone field keeps it: `tel:+1-418-656-9254;ext=102` is
/// "+1-418-656-9254 ext. 102", the spelling the phone rules read an extension
/// in (and leave out of E.164); a local number gets the `phone-context` that
/// makes it whole (`tel:863-1234;phone-context=+1-914-555`). Other
/// parameters (an ISDN subaddress, a domain context) say nothing a caller
/// dials. `None` when `value` is no `tel:` URI.
pub(super) fn tel_uri_number(value: &str) -> Option<String> {
    let uri = strip_prefix_ignore_case(value.trim(), "tel:")?;
    let mut parts = uri.split(';');
    let mut number = parts.next().unwrap_or_default().trim().to_owned();
    let mut extension = "";
    for param in parts {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "ext" => extension = value,
            "phone-context" if value.starts_with('+') && !number.starts_with('+') => {
                number = format!("{value}-{number}");
            }
            _ => {}
        }
    }
    if !number.is_empty() && !extension.is_empty() {
        number = format!("{number} ext. {extension}");
    }
    Some(number)
}

/// TYPE to label; a fax is never dialled, so fax wins over the others.
pub(super) fn phone_label(types: &[String]) -> &'static str {
    let has = |wanted: &[&str]| types.iter().any(|t| wanted.contains(&t.as_str()));
    if has(&["fax"]) {
        "fax"
    } else if has(&["cell", "mobile", "iphone"]) {
        "mobile"
    } else if has(&["work"]) {
        "work"
    } else if has(&["home"]) {
        "home"
    } else {
        ""
    }
}

pub(super) fn email_label(types: &[String]) -> &'static str {
    if types.iter().any(|t| t == "work") {
        "work"
    } else if types.iter().any(|t| t == "home") {
        "home"
    } else {
        ""
    }
}

/// Apple writes its built-in labels as `_$!<Mobile>!$_`, custom ones as
/// typed; built-ins map onto the TYPE vocabulary, custom labels stay verbatim.
pub(super) fn apple_label(label: &str) -> String {
    let Some(inner) = label
        .strip_prefix("_$!<")
        .and_then(|rest| rest.strip_suffix(">!$_"))
    else {
        return label.to_owned();
    };
    let inner = inner.to_ascii_lowercase();
    let mapped = match inner.as_str() {
        "mobile" | "iphone" | "cell" => "mobile",
        "homefax" | "workfax" | "otherfax" | "fax" => "fax",
        _ => inner.as_str(),
    };
    mapped.to_owned()
}

/// Apple writes some profiles as `x-apple:handle` with the handle in X-USER.
pub(super) fn apple_profile_url(
    value: &str,
    user: Option<&str>,
    kind: ProfileKind,
) -> Option<String> {
    strip_prefix_ignore_case(value, "x-apple:")?;
    let user = user.map(str::trim).filter(|u| !u.is_empty())?;
    match kind {
        ProfileKind::Linkedin => Some(format!("https://www.linkedin.com/in/{user}")),
        ProfileKind::X => Some(format!("https://x.com/{user}")),
        ProfileKind::Other => None,
    }
}

/// Accepts `1985-04-12`, `19850412`, `1985-04-12T00:00:00Z`, `--0412` and
/// `--04-12`; Apple's placeholder year (`X-APPLE-OMIT-YEAR=1604`) means none.
pub(super) fn parse_birthday(value: &str, omitted_year: Option<&str>) -> Option<String> {
    let date = value.split('T').next()?.trim();
    if let Some(month_day) = date.strip_prefix("--") {
        let (month, day) = month_and_day(&month_day.replace('-', ""))?;
        // 2000 is a leap year, so 29 February is accepted.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(format!("--{month:02}-{day:02}"));
    }
    let digits = date.replace('-', "");
    let year_text = digits.get(..4)?;
    let year: i32 = year_text.parse().ok()?;
    let (month, day) = month_and_day(digits.get(4..)?)?;
    NaiveDate::from_ymd_opt(year, month, day)?;
    if omitted_year.is_some_and(|omitted| omitted.trim() == year_text) {
        return Some(format!("--{month:02}-{day:02}"));
    }
    Some(format!("{year_text}-{month:02}-{day:02}"))
}

fn month_and_day(digits: &str) -> Option<(u32, u32)> {
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((
        digits.get(..2)?.parse().ok()?,
        digits.get(2..)?.parse().ok()?,
    ))
}

/// A zone the core knows by its IANA name (`Europe/Berlin`, `UTC`): Windows
/// names ("Eastern Standard Time") and offsets name none, and validation
/// would refuse the whole card for them.
pub(super) fn is_known_zone(zone: &str) -> bool {
    zone.parse::<chrono_tz::Tz>().is_ok()
}

/// `mon,tue 09:00-11:30`, or `09:00-11:30` for every working day.
pub(crate) fn parse_time_window(value: &str) -> Option<TimeWindow> {
    let value = value.trim();
    let (days, times) = value.rsplit_once(' ').unwrap_or(("", value));
    let (start, end) = times.split_once('-')?;
    let (start, end) = (start.trim(), end.trim());
    if start.is_empty() || end.is_empty() {
        return None;
    }
    let days = days
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(parse_day)
        .collect::<Option<Vec<_>>>()?;
    Some(TimeWindow {
        days,
        start: start.to_owned(),
        end: end.to_owned(),
    })
}
