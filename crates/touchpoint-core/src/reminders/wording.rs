//! What a reminder says: "Call back Ada — promised", the hook or the step's
//! prompt, the number to dial; the names in a summary.

use crate::channel::Channel;
use crate::followups::touch::FollowUpKind;
use crate::reminders::{Notice, NoticeKind};

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
}

pub(super) fn single(row: &DueRow) -> Notice {
    let channel = row.channel;
    let promise = row.kind == FollowUpKind::Promise;
    let title = if promise {
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
