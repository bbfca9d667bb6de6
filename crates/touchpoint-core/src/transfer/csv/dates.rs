//! Reading the date cells of the exports (birthday, met on): ISO, US and
//! European numeric orders, compact and written-month forms, dates without a
//! year, and the placeholders some exports write for "no date".

use chrono::NaiveDate;

/// A date cell as found in the exports.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DateCell {
    /// Empty, or a placeholder for "none" (Outlook's "0/0/00" and 1/1/4501).
    Blank,
    Full(NaiveDate),
    /// Month and day without a (4-digit) year.
    NoYear(u32, u32),
    Invalid,
}

/// Reads ISO ("1985-04-12", "--04-12"), Outlook's US "4/12/1985", European
/// "12.04.1985", compact "19850412" and written months ("12 Mar 2024", as
/// LinkedIn writes, or "March 12, 1985"). Slashes are month first unless the
/// first number cannot be a month; dots and dashes are day first.
pub(super) fn parse_date(raw: &str) -> DateCell {
    let s = raw.trim();
    if s.is_empty() {
        return DateCell::Blank;
    }
    if let Some(rest) = s.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        return match (digits.get(..2), digits.get(2..4), digits.len()) {
            (Some(m), Some(d), 4) => month_day(None, m, d),
            _ => DateCell::Invalid,
        };
    }
    // Drop a time of day ("4/12/1985 0:00:00", "1985-04-12T00:00:00Z").
    let date = s.split([' ', 'T']).next().unwrap_or(s);
    let numeric_date = date
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'));
    let s = if numeric_date && date.len() >= 6 {
        date
    } else {
        s
    };

    let tokens: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let all_digits = tokens.iter().all(|t| t.chars().all(|c| c.is_ascii_digit()));
    if all_digits {
        return match tokens.as_slice() {
            [ymd] if ymd.len() == 8 => full_or_partial(
                ymd.get(..4).unwrap_or(""),
                ymd.get(4..6).unwrap_or(""),
                ymd.get(6..).unwrap_or(""),
            ),
            [y, m, d] if y.len() == 4 => full_or_partial(y, m, d),
            [a, b, y] => {
                let (m, d) = if s.contains('/') {
                    if a.parse::<u32>().unwrap_or(0) > 12 {
                        (b, a)
                    } else {
                        (a, b)
                    }
                } else if b.parse::<u32>().unwrap_or(0) > 12 {
                    (a, b)
                } else {
                    (b, a)
                };
                full_or_partial(y, m, d)
            }
            _ => DateCell::Invalid,
        };
    }
    // A written month: the other tokens are the day (1-2 digits) and maybe a year.
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for t in &tokens {
        if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() == 4 && year.is_none() {
                year = Some(*t);
            } else if t.len() <= 2 && day.is_none() {
                day = Some(*t);
            } else {
                return DateCell::Invalid;
            }
        } else if let Some(m) = month_number(t).filter(|_| month.is_none()) {
            month = Some(m);
        } else {
            return DateCell::Invalid;
        }
    }
    match (month, day) {
        (Some(m), Some(d)) => month_day(year, &m.to_string(), d),
        _ => DateCell::Invalid,
    }
}

fn full_or_partial(year: &str, month: &str, day: &str) -> DateCell {
    // Two-digit years are ambiguous for birthdays (1985 or 2085?); keep day and month.
    let year = (year.len() == 4).then_some(year);
    month_day(year, month, day)
}

fn month_day(year: Option<&str>, month: &str, day: &str) -> DateCell {
    let (Ok(m), Ok(d)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return DateCell::Invalid;
    };
    let y = year.and_then(|y| y.parse::<i32>().ok());
    if m == 0 && d == 0 || y == Some(4501) {
        return DateCell::Blank;
    }
    match y {
        Some(y) if y > 0 => {
            NaiveDate::from_ymd_opt(y, m, d).map_or(DateCell::Invalid, DateCell::Full)
        }
        // Year 0000 is how some exports say "year unknown"; 2000 accepts Feb 29.
        _ => match NaiveDate::from_ymd_opt(2000, m, d) {
            Some(_) => DateCell::NoYear(m, d),
            None => DateCell::Invalid,
        },
    }
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.to_lowercase();
    let prefix = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == prefix)?;
    u32::try_from(i + 1).ok()
}
