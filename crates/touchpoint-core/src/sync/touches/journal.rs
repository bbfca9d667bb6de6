//! A touch as a VJOURNAL (RFC 5545), written and read back.
//!
//! A journal entry is what a logged touch is: something that happened at
//! an instant, with notes, that is neither due nor done. DTSTART is the
//! instant it happened, in UTC; DESCRIPTION holds its notes as they are
//! (a phone app that shows journals, such as jtx Board, edits them
//! there); SUMMARY is for the phone and is never read back. The rest
//! travels in `X-TOUCHPOINT-*` properties: the contact's UID, channel,
//! direction, outcome, hook, objections, and the UIDs of the follow-up it
//! carried out and of the promises it made and ended, so that the touch
//! arrives on another machine as the same row, linked to the same
//! follow-ups.

use chrono::{DateTime, Utc};

use crate::channel::Channel;
use crate::followups::log::checks::{MAX_HOOK, MAX_NOTES};
use crate::followups::touch::{Direction, Objection, Outcome};
use crate::sync::ical::{component_lines, instant_of, unescape};
use crate::transfer::ics::{escape, fold, stamp, verb};

/// A touch as it travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Journal {
    pub uid: String,
    pub contact_uid: String,
    pub happened_at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub outcome: Outcome,
    pub notes: String,
    pub hook: String,
    pub objections: Vec<Objection>,
    pub created_at: DateTime<Utc>,
    /// The follow-up it carried out.
    pub carried_out: Option<String>,
    /// The promised callback it made.
    pub promised: Option<String>,
    /// The promises it ended, by UID in order.
    pub ended: Vec<String>,
}

const PRODID: &str = "PRODID:-//Touchpoint//Touches//EN";
const X_CONTACT: &str = "X-TOUCHPOINT-CONTACT";
const X_CHANNEL: &str = "X-TOUCHPOINT-CHANNEL";
const X_DIRECTION: &str = "X-TOUCHPOINT-DIRECTION";
const X_OUTCOME: &str = "X-TOUCHPOINT-OUTCOME";
const X_HOOK: &str = "X-TOUCHPOINT-HOOK";
const X_OBJECTIONS: &str = "X-TOUCHPOINT-OBJECTIONS";
const X_CARRIED_OUT: &str = "X-TOUCHPOINT-CARRIED-OUT";
const X_PROMISED: &str = "X-TOUCHPOINT-PROMISED";
const X_ENDED: &str = "X-TOUCHPOINT-ENDED";

fn summary(j: &Journal, contact_name: &str) -> String {
    let outcome = j.outcome.as_str().replace('_', " ");
    match j.direction {
        Direction::Outbound => format!("{} {contact_name}: {outcome}", verb(j.channel)),
        Direction::Inbound => format!(
            "{contact_name} by {}: {outcome}",
            j.channel.as_str().replace('_', " ")
        ),
    }
}

/// The VCALENDAR text Touchpoint writes for `j`: the same row always gives
/// the same text.
pub(crate) fn write_journal(j: &Journal, contact_name: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        PRODID.to_owned(),
        "BEGIN:VJOURNAL".to_owned(),
        format!("UID:{}", escape(&j.uid)),
        // The row's own time, not the writing's: two machines writing the
        // same touch write the same text.
        format!("DTSTAMP:{}", stamp(j.created_at)),
        format!("CREATED:{}", stamp(j.created_at)),
        format!("DTSTART:{}", stamp(j.happened_at)),
        format!("SUMMARY:{}", escape(&summary(j, contact_name))),
        "STATUS:FINAL".to_owned(),
    ];
    if !j.notes.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(&j.notes)));
    }
    lines.push(format!("{X_CONTACT}:{}", escape(&j.contact_uid)));
    lines.push(format!("{X_CHANNEL}:{}", j.channel.as_str()));
    lines.push(format!("{X_DIRECTION}:{}", j.direction.as_str()));
    lines.push(format!("{X_OUTCOME}:{}", j.outcome.as_str()));
    if !j.hook.is_empty() {
        lines.push(format!("{X_HOOK}:{}", escape(&j.hook)));
    }
    if !j.objections.is_empty() {
        let json = serde_json::to_string(&j.objections).unwrap_or_else(|_| "[]".into());
        lines.push(format!("{X_OBJECTIONS}:{}", escape(&json)));
    }
    if let Some(uid) = &j.carried_out {
        lines.push(format!("{X_CARRIED_OUT}:{}", escape(uid)));
    }
    if let Some(uid) = &j.promised {
        lines.push(format!("{X_PROMISED}:{}", escape(uid)));
    }
    for uid in &j.ended {
        lines.push(format!("{X_ENDED}:{}", escape(uid)));
    }
    lines.extend(["END:VJOURNAL".to_owned(), "END:VCALENDAR".to_owned()]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Whether `text` is a journal entry (else it is taken as a task).
pub(crate) fn is_journal(text: &str) -> bool {
    text.to_ascii_uppercase().contains("BEGIN:VJOURNAL")
}

/// Reads a VJOURNAL Touchpoint (or a phone editing one) wrote. Anything
/// that is not a Touchpoint touch, or says something Touchpoint cannot
/// read or would not accept from the log form, is an error in words; the
/// caller then leaves everything as it is.
pub(crate) fn read_journal(text: &str) -> std::result::Result<Journal, String> {
    let lines = component_lines(text, "VJOURNAL")?;
    let get = |name: &str| lines.iter().find(|l| l.name == name);
    let text_of = |name: &str| get(name).map(|l| unescape(l.value.trim_end_matches('\r')));
    let uid = text_of("UID")
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .ok_or("it has no UID")?;
    let contact_uid = text_of(X_CONTACT)
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .ok_or("it is not a Touchpoint touch (no X-TOUCHPOINT-CONTACT)")?;
    let named = |name: &str, what: &str| -> std::result::Result<String, String> {
        text_of(name)
            .map(|v| v.trim().to_owned())
            .ok_or_else(|| format!("it has no {what}"))
    };
    let channel = named(X_CHANNEL, "channel")?;
    let channel = Channel::parse(&channel).ok_or(format!("{channel:?} is not a channel"))?;
    let direction = named(X_DIRECTION, "direction")?;
    let direction =
        Direction::parse(&direction).ok_or(format!("{direction:?} is not a direction"))?;
    let outcome = named(X_OUTCOME, "outcome")?;
    let outcome = Outcome::parse(&outcome).ok_or(format!("{outcome:?} is not an outcome"))?;
    let instant = |name: &str| -> std::result::Result<Option<DateTime<Utc>>, String> {
        match get(name) {
            Some(l) => instant_of(l, chrono_tz::UTC)
                .map(Some)
                .ok_or_else(|| format!("its {name} {:?} is not a time", l.value)),
            None => Ok(None),
        }
    };
    let happened_at = instant("DTSTART")?.ok_or("it has no DTSTART (when it happened)")?;
    let notes = text_of("DESCRIPTION").unwrap_or_default();
    if notes.chars().count() > MAX_NOTES {
        return Err(format!("its notes are longer than {MAX_NOTES} characters"));
    }
    let hook = text_of(X_HOOK).unwrap_or_default();
    if hook.chars().count() > MAX_HOOK {
        return Err(format!("its hook is longer than {MAX_HOOK} characters"));
    }
    let objections = match text_of(X_OBJECTIONS) {
        Some(json) => serde_json::from_str::<Vec<Objection>>(&json)
            .map_err(|e| format!("its objections are unreadable ({e})"))?,
        None => Vec::new(),
    };
    if objections.len() > 10 {
        return Err("it has more than 10 objections".to_owned());
    }
    let created_at = instant("CREATED")?
        .or(instant("DTSTAMP")?)
        .unwrap_or(happened_at);
    let mut ended: Vec<String> = lines
        .iter()
        .filter(|l| l.name == X_ENDED)
        .map(|l| unescape(l.value.trim()))
        .filter(|u| !u.is_empty())
        .collect();
    ended.sort();
    ended.dedup();
    let uid_in = |name: &str| {
        text_of(name)
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty())
    };
    Ok(Journal {
        uid,
        contact_uid,
        happened_at,
        channel,
        direction,
        outcome,
        notes,
        hook,
        objections,
        created_at,
        carried_out: uid_in(X_CARRIED_OUT),
        promised: uid_in(X_PROMISED),
        ended,
    })
}

/// Whether the server's `text` already says what Touchpoint would write
/// for `j` (servers reorder and refold the lines, so texts are not compared).
pub(crate) fn says(text: &str, j: &Journal) -> bool {
    read_journal(text).as_ref() == Ok(j)
}

#[cfg(test)]
mod tests;
