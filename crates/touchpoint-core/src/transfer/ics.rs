//! Upcoming follow-ups as an iCalendar file (RFC 5545), for any calendar.
//!
//! One event per open follow-up, with a stable UID so a re-import updates
//! rather than duplicates; the start at the contact's wall time in the
//! follow-up's own zone (a TZID, with a VTIMEZONE giving that zone's offsets
//! over the exported span) so every calendar shows the same instant, or in
//! UTC where the zone cannot name that instant or names it twice (a time in
//! the autumn overlap); the contact in the summary, their local time (with
//! which of two repeated times it is, or the spring jump it follows), the hook and the prompt in the description; an alarm on
//! promised callbacks.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{DateTime, LocalResult, TimeZone, Utc};
use chrono_tz::Tz;

use crate::channel::Channel;
use crate::db::Database;
use crate::error::Result;
use crate::followups::touch::{FollowUp, FollowUpKind};
use crate::time::wall_time_note;
use zone::vtimezone;

mod zone;

pub(crate) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
pub(crate) fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The zone `f` starts in, or `None` to write it in UTC: the UTC zone
/// itself, a name chrono-tz does not know, or either pass of a repeated
/// local time. RFC 5545 reads a repeated TZID time as its first pass, but
/// libical (Evolution, Thunderbird) reads the second: only UTC names the
/// same instant for every calendar, and the description says which pass.
fn start_zone(f: &FollowUp) -> Option<Tz> {
    let zone: Tz = f.time_zone.parse().ok().filter(|z| *z != chrono_tz::UTC)?;
    let local = f.due_at.with_timezone(&zone).naive_local();
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) if t == f.due_at => Some(zone),
        _ => None,
    }
}

/// The first line of the description: the contact's wall time and zone,
/// and what a DST change makes unclear about it.
fn local_line(f: &FollowUp) -> String {
    let note = f
        .time_zone
        .parse::<Tz>()
        .ok()
        .and_then(|zone| wall_time_note(zone, f.due_at));
    match note {
        Some(note) => format!("{} their time ({}), {note}", f.local_due, f.time_zone),
        None => format!("{} their time ({})", f.local_due, f.time_zone),
    }
}

pub(crate) fn verb(channel: Channel) -> &'static str {
    match channel {
        Channel::Email | Channel::Newsletter => "Email",
        Channel::Sms => "Text",
        Channel::Linkedin => "LinkedIn:",
        Channel::Meeting => "Meet",
        Channel::HandwrittenCard | Channel::BirthdayCard => "Card to",
        _ => "Call",
    }
}

impl Database {
    /// Every open follow-up, as an iCalendar file.
    ///
    /// An overdue follow-up is still open work, so it stays in the file at
    /// its due time until it is done: a calendar subscribed to the file would
    /// otherwise delete a step nobody took.
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn export_ics(&self) -> Result<String> {
        let now = self.now();
        let items = self.due_followups(now + chrono::Duration::days(3660), 100_000)?;
        let mut out = String::new();
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Touchpoint//Follow-ups//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Touchpoint follow-ups",
        ] {
            fold(line, &mut out);
        }
        let events: Vec<_> = items.iter().map(|i| (i, start_zone(&i.followup))).collect();
        let mut spans = BTreeMap::new();
        for (item, zone) in &events {
            if let Some(zone) = *zone {
                let due = item.followup.due_at;
                let (_, first, last) = spans.entry(zone.name()).or_insert((zone, due, due));
                *first = (*first).min(due);
                *last = (*last).max(due);
            }
        }
        // RFC 5545 wants a VTIMEZONE for every TZID, ahead of its use.
        let mut described = BTreeSet::new();
        for (name, (zone, first, last)) in spans {
            if let Some(lines) = vtimezone(zone, first, last) {
                for line in lines {
                    fold(&line, &mut out);
                }
                described.insert(name);
            }
        }
        for (item, zone) in events {
            let f = &item.followup;
            let promise = f.kind == FollowUpKind::Promise;
            let summary = if promise {
                format!("Call back {} — promised", item.contact_name)
            } else {
                format!("{} {}", verb(f.channel), item.contact_name)
            };
            let mut description = local_line(f);
            // A promise's prompt is the hook it was promised on: say it once.
            let prompt = if f.prompt == item.hook {
                ""
            } else {
                f.prompt.as_str()
            };
            for extra in [
                item.hook.as_str(),
                prompt,
                item.phone.as_deref().unwrap_or(""),
            ] {
                if !extra.is_empty() {
                    let _ = write!(description, "\n{extra}");
                }
            }
            fold("BEGIN:VEVENT", &mut out);
            fold(
                &format!("UID:touchpoint-followup-{}@touchpoint.local", f.id),
                &mut out,
            );
            fold(&format!("DTSTAMP:{}", stamp(now)), &mut out);
            match zone.filter(|z| described.contains(z.name())) {
                Some(zone) => fold(
                    &format!(
                        "DTSTART;TZID={}:{}",
                        zone.name(),
                        f.due_at.with_timezone(&zone).format("%Y%m%dT%H%M%S")
                    ),
                    &mut out,
                ),
                None => fold(&format!("DTSTART:{}", stamp(f.due_at)), &mut out),
            }
            fold("DURATION:PT15M", &mut out);
            fold(&format!("SUMMARY:{}", escape(&summary)), &mut out);
            fold(&format!("DESCRIPTION:{}", escape(&description)), &mut out);
            if promise {
                fold("BEGIN:VALARM", &mut out);
                fold("ACTION:DISPLAY", &mut out);
                fold(&format!("DESCRIPTION:{}", escape(&summary)), &mut out);
                fold("TRIGGER:PT0M", &mut out);
                fold("END:VALARM", &mut out);
            }
            fold("END:VEVENT", &mut out);
        }
        fold("END:VCALENDAR", &mut out);
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
