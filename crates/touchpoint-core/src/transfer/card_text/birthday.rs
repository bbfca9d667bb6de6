//! Birthdays for the card parser: "Birthday: December 10", "DOB: 1815-12-10",
//! "Geburtstag: 10.12.1815", with month names in the languages cards come
//! in, kept as "YYYY-MM-DD", or "--MM-DD" when no year is given.

use chrono::NaiveDate;

use super::channels::is_digits_between;
use super::labels::norm_label;
use super::lines::fold;

#[rustfmt::skip]
pub(super) const BIRTHDAY_LABELS: [&str; 7] = [
    "birthday", "date of birth", "born", "dob", "geburtstag", "anniversaire", "aniversario",
];

pub(super) fn inline_birthday(seg: &str) -> Option<String> {
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
pub(super) fn parse_birthday(s: &str) -> Option<String> {
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
