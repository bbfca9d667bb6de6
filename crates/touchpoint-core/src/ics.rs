//! Upcoming follow-ups as an iCalendar file (RFC 5545), for any calendar.
//!
//! One event per open follow-up, with a stable UID so a re-import updates
//! rather than duplicates; times in UTC (the same instant everywhere) with
//! the contact's own time in the description; an alarm on promised callbacks.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::channel::Channel;
use crate::db::Database;
use crate::error::Result;
use crate::touch::FollowUpKind;

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
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

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn verb(channel: Channel) -> &'static str {
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
    /// Every open follow-up due from a week ago on, as an iCalendar file.
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
        for item in items
            .iter()
            .filter(|i| i.followup.due_at >= now - chrono::Duration::days(7))
        {
            let f = &item.followup;
            let promise = f.kind == FollowUpKind::Promise;
            let summary = if promise {
                format!("Call back {} — promised", item.contact_name)
            } else {
                format!("{} {}", verb(f.channel), item.contact_name)
            };
            let mut description = format!("{} their time ({})", f.local_due, f.time_zone);
            for extra in [
                item.hook.as_str(),
                f.prompt.as_str(),
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
            fold(&format!("DTSTART:{}", stamp(f.due_at)), &mut out);
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
#[path = "ics_tests.rs"]
mod tests;
