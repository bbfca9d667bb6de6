//! What a reminder says: "Call back Ada — promised", the hook or the step's
//! prompt, the number to dial; the names in a summary.

use chrono_tz::Tz;

use crate::channel::Channel;
use crate::followups::touch::FollowUpKind;
use crate::reminders::{Notice, NoticeKind};
use crate::time::instant;

/// A follow-up whose reminder is due, with what its notice says.
pub(super) struct DueRow {
    pub(super) id: i64,
    pub(super) remind_at: i64,
    pub(super) kind: FollowUpKind,
    pub(super) contact_id: i64,
    pub(super) name: String,
    pub(super) channel: Channel,
    pub(super) prompt: String,
    pub(super) phone: Option<String>,
    pub(super) hook: Option<String>,
    /// The promised time in the contact's zone, "14:00".
    pub(super) promised: String,
    /// A promise due its second showing now (its first was shown).
    pub(super) renotify: bool,
    /// A promise shown a second time: now, or again after a snooze.
    pub(super) again: bool,
}

impl DueRow {
    /// What [`DueRow::read`] reads, from `followups f JOIN contacts c`.
    pub(super) const COLUMNS: &'static str = "f.id, f.remind_at, f.kind, f.contact_id,
        c.display_name, f.channel, f.prompt,
        (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
        (SELECT hook FROM touches WHERE contact_id = c.id ORDER BY happened_at DESC LIMIT 1),
        f.due_at, f.time_zone, f.renotified_at IS NOT NULL";

    pub(super) fn read(r: &rusqlite::Row<'_>, renotify: bool) -> rusqlite::Result<DueRow> {
        let due_at: i64 = r.get(9)?;
        let zone: String = r.get(10)?;
        let promised = instant(due_at)
            .ok()
            .zip(zone.parse::<Tz>().ok())
            .map(|(at, zone)| at.with_timezone(&zone).format("%H:%M").to_string())
            .unwrap_or_default();
        Ok(DueRow {
            id: r.get(0)?,
            remind_at: r.get(1)?,
            kind: r.get(2)?,
            contact_id: r.get(3)?,
            name: r.get(4)?,
            channel: r.get(5)?,
            prompt: r.get(6)?,
            phone: r.get(7)?,
            hook: r.get(8)?,
            promised,
            renotify,
            again: renotify || r.get(11)?,
        })
    }
}

pub(super) fn single(row: &DueRow) -> Notice {
    let channel = row.channel;
    let promise = row.kind == FollowUpKind::Promise;
    let title = if promise && row.again {
        format!(
            "Not called back yet: {} — you promised {} their time",
            row.name, row.promised
        )
    } else if promise {
        format!("Call back {} — promised", row.name)
    } else {
        format!("{} {} — as planned", channel_verb(channel), row.name)
    };
    let mut body: Vec<String> = Vec::new();
    if let Some(hook) = row.hook.as_deref().filter(|h| !h.is_empty()) {
        body.push(hook.to_owned());
    } else if !row.prompt.is_empty() {
        body.push(row.prompt.clone());
    }
    if let Some(phone) = &row.phone {
        body.push(phone.clone());
    }
    Notice {
        kind: if promise {
            NoticeKind::Promise
        } else {
            NoticeKind::FollowUp
        },
        title,
        body: body.join("\n"),
        followup_id: Some(row.id),
        contact_id: Some(row.contact_id),
    }
}

fn channel_verb(channel: Channel) -> &'static str {
    match channel {
        Channel::Call | Channel::Voicemail => "Call",
        Channel::Email | Channel::Newsletter => "Email",
        Channel::Sms => "Text",
        Channel::Linkedin => "Message on LinkedIn",
        Channel::Meeting => "Meet",
        Channel::HandwrittenCard | Channel::BirthdayCard => "Send a card to",
        Channel::EventInvitation => "Invite",
        Channel::Gift => "Send a gift to",
        Channel::Other => "Follow up with",
    }
}

pub(super) fn names(rows: &[&str], shown: usize) -> String {
    let mut out = rows
        .iter()
        .take(shown)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if rows.len() > shown {
        out.push_str(&format!(" and {} more", rows.len() - shown));
    }
    out
}

/// "1 promised callback", "2 promised callbacks".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
