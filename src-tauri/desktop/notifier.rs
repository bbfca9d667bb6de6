//! Native desktop notifications (notify-rust: the freedesktop D-Bus service
//! on Linux; the platform's own elsewhere).
//!
//! Every call here blocks on the notification server, for as long as it
//! takes to answer: the runtime makes them on threads of their own, never
//! with the database locked. On Linux, where the server offers actions, a
//! notification about one follow-up carries snooze and "open contact"
//! actions (a summary: "snooze all" and "open Today"); a thread waits for
//! the user's answer and hands it to the runtime. Elsewhere the plain
//! notification is shown and the window offers the same controls.

use notify_rust::{Hint, Notification, Timeout, Urgency};
use tokio::sync::mpsc::UnboundedSender;
use touchpoint_core::{Claim, Notice, NoticeKind, Snooze};

/// What the user chose on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoticeAction {
    Snooze {
        followup_id: i64,
        snooze: Snooze,
    },
    /// A summary's "Snooze all": every follow-up in it.
    SnoozeAll {
        snooze: Snooze,
    },
    OpenContact {
        contact_id: i64,
    },
    OpenToday,
    StartFollowupHour,
}

/// The user answered claim `claim`'s notification, with a button or by
/// closing it (`action` is `None`): it is gone from the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) claim: i64,
    pub(crate) action: Option<NoticeAction>,
}

const ACTIONS: [(&str, &str); 4] = [
    ("snooze-15", "Snooze 15 min"),
    ("snooze-60", "Snooze 1 hour"),
    ("snooze-tomorrow", "Tomorrow 07:30"),
    ("open", "Open contact"),
];
const SUMMARY_ACTIONS: [(&str, &str); 2] =
    [("snooze-15", "Snooze all 15 min"), ("open", "Open Today")];
const HOUR_ACTIONS: [(&str, &str); 1] = [("start-hour", "Start follow-up hour")];

fn actions_of(notice: &Notice) -> &'static [(&'static str, &'static str)] {
    match notice.kind {
        NoticeKind::FollowupHour => &HOUR_ACTIONS,
        NoticeKind::Summary | NoticeKind::PromiseSummary => &SUMMARY_ACTIONS,
        _ if notice.followup_id.is_some() => &ACTIONS,
        _ => &[],
    }
}

fn snooze_of(key: &str) -> Option<Snooze> {
    match key {
        "snooze-15" => Some(Snooze::Minutes15),
        "snooze-60" => Some(Snooze::Hour),
        "snooze-tomorrow" => Some(Snooze::TomorrowMorning),
        _ => None,
    }
}

fn parse_action(key: &str, notice: &Notice) -> Option<NoticeAction> {
    match notice.kind {
        NoticeKind::FollowupHour => {
            matches!(key, "start-hour" | "default").then_some(NoticeAction::StartFollowupHour)
        }
        NoticeKind::Summary | NoticeKind::PromiseSummary => match key {
            "open" | "default" => Some(NoticeAction::OpenToday),
            _ => snooze_of(key).map(|snooze| NoticeAction::SnoozeAll { snooze }),
        },
        _ => match key {
            "open" | "default" => notice
                .contact_id
                .map(|contact_id| NoticeAction::OpenContact { contact_id }),
            _ => Some(NoticeAction::Snooze {
                followup_id: notice.followup_id?,
                snooze: snooze_of(key)?,
            }),
        },
    }
}

#[derive(Clone)]
pub(crate) struct Notifier {
    answers: UnboundedSender<Answer>,
}

impl Notifier {
    pub(crate) fn new(answers: UnboundedSender<Answer>) -> Self {
        Self { answers }
    }

    /// Shows `claim` (in place of the notification it replaces, if any) and
    /// returns the server's id for it; an error means nothing was shown (no
    /// notification server, permission denied).
    pub(crate) fn show(&self, claim: &Claim) -> Result<u32, String> {
        let notice = &claim.notice;
        let mut n = Notification::new();
        n.appname("Touchpoint")
            .summary(&notice.title)
            .body(&notice.body)
            .icon("appointment-soon");
        if notice.kind.lasting() {
            // A promise stays on screen until the user acts on it.
            n.urgency(Urgency::Critical).timeout(Timeout::Never);
        }
        if let Some(id) = claim.replaces {
            n.id(id);
        }
        // If a crash came between the server's receipt and our record of
        // its id, the next run shows this claim again: on servers that stack
        // by tag (dunst; Notify-OSD's "synchronous"), in place of the first.
        let tag = format!("touchpoint-{}", claim.id);
        n.hint(Hint::Custom("x-dunst-stack-tag".into(), tag.clone()))
            .hint(Hint::Custom("x-canonical-private-synchronous".into(), tag));
        let actions = actions_of(notice);
        let with_actions = !actions.is_empty() && server_offers_actions();
        if with_actions {
            for (key, label) in actions {
                n.action(key, label);
            }
        }
        let handle = n.show().map_err(|e| e.to_string())?;
        let server_id = handle.id();
        if with_actions {
            let (id, notice, answers) = (claim.id, notice.clone(), self.answers.clone());
            std::thread::spawn(move || {
                handle.wait_for_action(|key| {
                    // The runtime is gone only when the app is quitting.
                    let _ = answers.send(Answer {
                        claim: id,
                        action: parse_action(key, &notice),
                    });
                });
            });
        }
        Ok(server_id)
    }

    /// Closes notification `server_id`, one an earlier run showed.
    #[cfg(all(unix, not(target_os = "macos")))]
    pub(crate) async fn close(server_id: u32) -> Result<(), String> {
        let bus = zbus::Connection::session()
            .await
            .map_err(|e| e.to_string())?;
        bus.call_method(
            Some("org.freedesktop.Notifications"),
            "/org/freedesktop/Notifications",
            Some("org.freedesktop.Notifications"),
            "CloseNotification",
            &(server_id,),
        )
        .await
        .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Elsewhere a notification cannot outlive the run that showed it.
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    pub(crate) async fn close(_server_id: u32) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn server_offers_actions() -> bool {
    notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "actions"))
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn server_offers_actions() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        Notice {
            kind: NoticeKind::Promise,
            title: "Call back Ada — promised".into(),
            body: String::new(),
            followup_id: Some(4),
            contact_id: Some(9),
        }
    }

    #[test]
    fn action_keys_map_to_what_the_user_chose() {
        assert_eq!(
            parse_action("snooze-15", &notice()),
            Some(NoticeAction::Snooze {
                followup_id: 4,
                snooze: Snooze::Minutes15
            })
        );
        assert_eq!(
            parse_action("snooze-tomorrow", &notice()),
            Some(NoticeAction::Snooze {
                followup_id: 4,
                snooze: Snooze::TomorrowMorning
            })
        );
        assert_eq!(
            parse_action("open", &notice()),
            Some(NoticeAction::OpenContact { contact_id: 9 })
        );
        assert_eq!(parse_action("__closed", &notice()), None);
    }

    #[test]
    fn a_summary_snoozes_all_or_opens_today() {
        let summary = Notice {
            kind: NoticeKind::PromiseSummary,
            title: "5 new reminders — 5 promised callbacks".into(),
            body: String::new(),
            followup_id: None,
            contact_id: None,
        };
        assert_eq!(
            parse_action("snooze-15", &summary),
            Some(NoticeAction::SnoozeAll {
                snooze: Snooze::Minutes15
            })
        );
        assert_eq!(
            parse_action("open", &summary),
            Some(NoticeAction::OpenToday)
        );
        assert_eq!(parse_action("__closed", &summary), None);
    }

    #[test]
    fn the_follow_up_hour_notice_starts_the_hour() {
        let hour = Notice {
            kind: NoticeKind::FollowupHour,
            title: "Your follow-up hour starts now (09:00–10:00)".into(),
            body: String::new(),
            followup_id: None,
            contact_id: None,
        };
        assert_eq!(
            parse_action("start-hour", &hour),
            Some(NoticeAction::StartFollowupHour)
        );
        assert_eq!(
            parse_action("default", &hour),
            Some(NoticeAction::StartFollowupHour)
        );
        assert_eq!(parse_action("snooze-15", &hour), None);
    }
}
