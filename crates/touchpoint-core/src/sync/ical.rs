//! iCalendar content lines (RFC 5545) as the task list's items are read:
//! unfolded, split into name, parameters and value, and the instants in
//! them; shared by the follow-ups (VTODO) and the touches (VJOURNAL).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::time::local_instant;

/// One content line: name (upper case), parameters, value (still escaped).
pub(crate) struct Line {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Line {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn parse_line(line: &str) -> Option<Line> {
    // The value starts at the first colon outside a quoted parameter.
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(i),
        _ => None,
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim().to_ascii_uppercase();
    let params = parts
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            Some((
                n.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_owned(),
            ))
        })
        .collect();
    Some(Line {
        name,
        params,
        value: value.to_owned(),
    })
}

pub(crate) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The lines of the first `component` (a VTODO, a VJOURNAL) in `text`,
/// not those of what it holds (its alarms), unfolded.
pub(crate) fn component_lines(
    text: &str,
    component: &str,
) -> std::result::Result<Vec<Line>, String> {
    let unfolded = text
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "");
    let mut depth: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    let mut seen = false;
    for raw in unfolded.lines() {
        let Some(line) = parse_line(raw.trim_end_matches('\r')) else {
            continue;
        };
        match line.name.as_str() {
            "BEGIN" => depth.push(line.value.trim().to_ascii_uppercase()),
            "END" => {
                let name = line.value.trim().to_ascii_uppercase();
                if depth.last() != Some(&name) {
                    return Err(format!("END:{name} closes what it did not begin"));
                }
                depth.pop();
                seen |= name == component;
            }
            _ if depth.last().map(String::as_str) == Some(component) && !seen => lines.push(line),
            _ => {}
        }
    }
    if !seen {
        return Err(format!("no complete {component} in it"));
    }
    Ok(lines)
}

pub(crate) fn utc(value: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value.trim(), "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|t| Utc.from_utc_datetime(&t))
}

/// A DATE-TIME in UTC, in a named zone, or floating (read in `zone`); a
/// DATE alone is 09:00 there. A wall time a DST jump skips is read as the
/// jump's end; a repeated one as its first pass.
pub(crate) fn instant_of(line: &Line, zone: Tz) -> Option<DateTime<Utc>> {
    let value = line.value.trim();
    if value.ends_with(['Z', 'z']) {
        return utc(&value.to_ascii_uppercase());
    }
    let in_zone = match line.param("TZID") {
        Some(tzid) => tzid.trim_start_matches('/').parse().unwrap_or(zone),
        None => zone,
    };
    let local = if line.param("VALUE") == Some("DATE") || value.len() == 8 {
        NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()?
            .and_time(NaiveTime::from_hms_opt(9, 0, 0)?)
    } else {
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?
    };
    Some(local_instant(in_zone, local))
}
