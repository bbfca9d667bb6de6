//! A follow-up as a VTODO (RFC 5545), written and read back.
//!
//! The words (SUMMARY, DESCRIPTION, the alarm's text) are for the phone and
//! are never read back; what Touchpoint reads is the UID, DUE, STATUS and
//! its own `X-TOUCHPOINT-*` properties, so the follow-up arrives on another
//! machine as the same replicated row: contact, kind, step, enrolment.
//! DUE is written as a UTC instant: every client reads the same moment
//! whatever the zones' DST rules, and the contact's zone travels beside it.
//! A promised callback carries a VALARM at that instant, so a phone that
//! syncs the list rings the promise too.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::marks::Marks;
use crate::channel::Channel;
use crate::followups::cadence::ScheduleKind;
use crate::followups::touch::FollowUpKind;
use crate::sync::ical::{component_lines, instant_of, parse_line, unescape, utc};
use crate::transfer::ics::{escape, fold, stamp, verb};

/// Where a follow-up stands, as the `status` column stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Open,
    Done,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Open, Status::Done, Status::Cancelled]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// The enrolment a cadence step belongs to, enough to join it elsewhere:
/// its UID, its cadence (a built-in one's key, else its name), how it is
/// scheduled and its day 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnrolmentRef {
    pub uid: String,
    pub cadence: String,
    pub schedule: ScheduleKind,
    pub anchor: NaiveDate,
}

/// A follow-up as it travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Todo {
    pub uid: String,
    pub contact_uid: String,
    pub kind: FollowUpKind,
    pub step: Option<u32>,
    pub due_at: DateTime<Utc>,
    /// The zone the due time was chosen in (an IANA name).
    pub zone: Tz,
    pub channel: Channel,
    pub prompt: String,
    pub status: Status,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// A promise's outcome: kept on time or not; `None` while open.
    pub kept: Option<bool>,
    pub enrolment: Option<EnrolmentRef>,
    /// When a snooze moved its reminder, the time it rings now; `None`
    /// while it rings at its usual time (a promise or a chosen time at its
    /// due instant, a cadence step in the morning digest).
    pub snoozed: Option<DateTime<Utc>>,
}

impl Todo {
    /// When its reminder rings: a snooze's time, else its due instant.
    pub fn rings_at(&self) -> DateTime<Utc> {
        self.snoozed.unwrap_or(self.due_at)
    }
}

/// What the phone shows beside the data.
pub(crate) struct Words<'a> {
    pub contact_name: &'a str,
    /// The cadence's name as the user sees it.
    pub cadence_name: Option<&'a str>,
}

const PRODID: &str = "PRODID:-//Touchpoint//Follow-ups//EN";
const X_CONTACT: &str = "X-TOUCHPOINT-CONTACT";
const X_KIND: &str = "X-TOUCHPOINT-KIND";
const X_STEP: &str = "X-TOUCHPOINT-STEP";
const X_ENROLMENT: &str = "X-TOUCHPOINT-ENROLMENT";
const X_CADENCE: &str = "X-TOUCHPOINT-CADENCE";
const X_SCHEDULE: &str = "X-TOUCHPOINT-SCHEDULE";
const X_ANCHOR: &str = "X-TOUCHPOINT-ANCHOR";
const X_ZONE: &str = "X-TOUCHPOINT-ZONE";
const X_CHANNEL: &str = "X-TOUCHPOINT-CHANNEL";
const X_PROMPT: &str = "X-TOUCHPOINT-PROMPT";
const X_CLOSED: &str = "X-TOUCHPOINT-CLOSED-AT";
const X_KEPT: &str = "X-TOUCHPOINT-KEPT";
const X_SNOOZED: &str = "X-TOUCHPOINT-SNOOZED";
const X_FOR: &str = "X-TOUCHPOINT-FOR";

fn summary(t: &Todo, w: &Words<'_>) -> String {
    match t.kind {
        FollowUpKind::Promise => format!("Call back {} — promised", w.contact_name),
        _ => format!("{} {}", verb(t.channel), w.contact_name),
    }
}

fn description(t: &Todo, w: &Words<'_>) -> String {
    let local = t.due_at.with_timezone(&t.zone).format("%a %-d %b %Y %H:%M");
    let mut lines = vec![format!("{local} their time ({})", t.zone.name())];
    if !t.prompt.is_empty() {
        lines.push(t.prompt.clone());
    }
    lines.push(match (t.kind, t.step, w.cadence_name) {
        (FollowUpKind::Promise, ..) => "A callback you promised.".to_owned(),
        (FollowUpKind::Cadence, Some(step), Some(name)) => {
            format!("Touch {} of the {name} cadence.", step + 1)
        }
        (FollowUpKind::Cadence, ..) => "The next step of their cadence.".to_owned(),
        (FollowUpKind::Custom, ..) => "A time you chose.".to_owned(),
    });
    lines.join("\n")
}

/// The VCALENDAR text Touchpoint writes for `t`: the same row always gives
/// the same text.
#[cfg(test)]
pub(crate) fn write_todo(t: &Todo, w: &Words<'_>) -> String {
    write_todo_with(t, w, &Marks::default())
}

/// The same, with the reminders' delivered `marks`.
pub(crate) fn write_todo_with(t: &Todo, w: &Words<'_>, marks: &Marks) -> String {
    let summary = summary(t, w);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        PRODID.to_owned(),
        "BEGIN:VTODO".to_owned(),
        format!("UID:{}", escape(&t.uid)),
        // The row's own time, not the writing's: two machines writing the
        // same follow-up write the same text.
        format!("DTSTAMP:{}", stamp(t.created_at)),
        format!("CREATED:{}", stamp(t.created_at)),
        format!("DUE:{}", stamp(t.due_at)),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description(t, w))),
    ];
    lines.push(
        match t.status {
            Status::Open => "STATUS:NEEDS-ACTION",
            Status::Done => "STATUS:COMPLETED",
            Status::Cancelled => "STATUS:CANCELLED",
        }
        .to_owned(),
    );
    if let Some(closed) = t.closed_at {
        if t.status == Status::Done {
            lines.push(format!("COMPLETED:{}", stamp(closed)));
            lines.push("PERCENT-COMPLETE:100".to_owned());
        }
        lines.push(format!("{X_CLOSED}:{}", stamp(closed)));
    }
    lines.push(format!("{X_CONTACT}:{}", escape(&t.contact_uid)));
    lines.push(format!("{X_KIND}:{}", t.kind.as_str()));
    if let Some(step) = t.step {
        lines.push(format!("{X_STEP}:{step}"));
    }
    if let Some(e) = &t.enrolment {
        lines.push(format!("{X_ENROLMENT}:{}", escape(&e.uid)));
        lines.push(format!("{X_CADENCE}:{}", escape(&e.cadence)));
        lines.push(format!("{X_SCHEDULE}:{}", e.schedule.as_str()));
        lines.push(format!("{X_ANCHOR}:{}", e.anchor.format("%Y-%m-%d")));
    }
    lines.push(format!("{X_ZONE}:{}", t.zone.name()));
    lines.push(format!("{X_CHANNEL}:{}", t.channel.as_str()));
    if !t.prompt.is_empty() {
        lines.push(format!("{X_PROMPT}:{}", escape(&t.prompt)));
    }
    if let Some(kept) = t.kept {
        lines.push(format!("{X_KEPT}:{}", u8::from(kept)));
    }
    if let Some(snoozed) = t.snoozed {
        // Said for its due time: a phone that moves DUE leaves this line
        // as it was, and a snooze of the old time must not hold the new one.
        lines.push(format!(
            "{X_SNOOZED};{X_FOR}={}:{}",
            stamp(t.due_at),
            stamp(snoozed)
        ));
    }
    if t.kind == FollowUpKind::Promise {
        lines.extend([
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&summary)),
            format!("TRIGGER;VALUE=DATE-TIME:{}", stamp(t.rings_at())),
            "END:VALARM".to_owned(),
        ]);
    }
    lines.extend(marks.lines());
    lines.extend(["END:VTODO".to_owned(), "END:VCALENDAR".to_owned()]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Whether the server's `text` already says what Touchpoint would write
/// for `t`: the same follow-up (servers reorder and refold the lines, so
/// texts are not compared) with a promise's alarm at its due instant (a
/// phone that moved DUE may have left the alarm at the old time; a snooze
/// made here moves the alarm too).
pub(crate) fn says(text: &str, t: &Todo) -> bool {
    if read_todo(text).as_ref() != Ok(t) {
        return false;
    }
    if t.kind != FollowUpKind::Promise {
        return true;
    }
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    let mut triggers = unfolded
        .lines()
        .filter_map(parse_line)
        .filter(|l| l.name == "TRIGGER")
        .peekable();
    triggers.peek().is_some()
        && triggers.all(|l| {
            l.param("VALUE") != Some("DATE-TIME") || utc(l.value.trim()) == Some(t.rings_at())
        })
}

/// Reads a VTODO Touchpoint (or a phone editing one) wrote. Anything that
/// is not a Touchpoint follow-up, or that says something Touchpoint cannot
/// read, is an error in words; the caller then leaves everything as it is.
pub(crate) fn read_todo(text: &str) -> std::result::Result<Todo, String> {
    let lines = component_lines(text, "VTODO")?;
    let get = |name: &str| lines.iter().find(|l| l.name == name);
    let text_of = |name: &str| get(name).map(|l| unescape(l.value.trim()));
    let uid = text_of("UID")
        .filter(|u| !u.is_empty())
        .ok_or("it has no UID")?;
    let contact_uid = text_of(X_CONTACT)
        .filter(|u| !u.is_empty())
        .ok_or("it is not a Touchpoint follow-up (no X-TOUCHPOINT-CONTACT)")?;
    let kind = text_of(X_KIND)
        .and_then(|k| FollowUpKind::parse(&k))
        .ok_or("its X-TOUCHPOINT-KIND is missing or unknown")?;
    let zone: Tz = match text_of(X_ZONE) {
        Some(z) => z.parse().map_err(|_| format!("{z:?} is not a time zone"))?,
        None => chrono_tz::UTC,
    };
    let due = get("DUE").ok_or("it has no DUE")?;
    let due_at =
        instant_of(due, zone).ok_or_else(|| format!("its DUE {:?} is not a time", due.value))?;
    let step = match text_of(X_STEP) {
        Some(s) => Some(s.parse().map_err(|_| format!("{s:?} is not a step"))?),
        None => None,
    };
    let instant = |name: &str| -> std::result::Result<Option<DateTime<Utc>>, String> {
        match get(name) {
            Some(l) => instant_of(l, zone)
                .map(Some)
                .ok_or_else(|| format!("its {name} {:?} is not a time", l.value)),
            None => Ok(None),
        }
    };
    let completed = instant("COMPLETED")?;
    let status = match text_of("STATUS").map(|s| s.to_ascii_uppercase()).as_deref() {
        Some("COMPLETED") => Status::Done,
        Some("CANCELLED") => Status::Cancelled,
        _ if completed.is_some() => Status::Done,
        _ => Status::Open,
    };
    let closed_at = match status {
        Status::Open => None,
        _ => instant(X_CLOSED)?.or(completed),
    };
    let created_at = instant("CREATED")?
        .or(instant("DTSTAMP")?)
        .unwrap_or(due_at);
    let enrolment = match text_of(X_ENROLMENT) {
        Some(uid) => Some(EnrolmentRef {
            uid,
            cadence: text_of(X_CADENCE).ok_or("its enrolment names no cadence")?,
            schedule: text_of(X_SCHEDULE)
                .and_then(|s| ScheduleKind::parse(&s))
                .ok_or("its enrolment has no schedule")?,
            anchor: text_of(X_ANCHOR)
                .and_then(|a| NaiveDate::parse_from_str(&a, "%Y-%m-%d").ok())
                .ok_or("its enrolment has no day 0")?,
        }),
        None => None,
    };
    let snoozed = get(X_SNOOZED)
        .filter(|l| l.param(X_FOR).and_then(utc) == Some(due_at))
        .and_then(|l| utc(l.value.trim()));
    Ok(Todo {
        uid,
        contact_uid,
        kind,
        step,
        due_at,
        zone,
        channel: text_of(X_CHANNEL)
            .and_then(|c| Channel::parse(&c))
            .unwrap_or(Channel::Call),
        prompt: text_of(X_PROMPT).unwrap_or_default(),
        status,
        closed_at,
        created_at,
        kept: text_of(X_KEPT).map(|k| k == "1"),
        enrolment,
        snoozed,
    })
}

#[cfg(test)]
mod tests;
