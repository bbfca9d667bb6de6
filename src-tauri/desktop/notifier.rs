//! Native desktop notifications (notify-rust: the freedesktop D-Bus service
//! on Linux; the platform's own elsewhere).
//!
//! On Linux, where the notification server offers actions, a notification
//! about one follow-up carries snooze and "open contact" actions; a thread
//! waits for the user's choice and hands it to the runtime. Elsewhere the
//! plain notification is shown and the window offers the same controls.

use notify_rust::{Notification, Timeout, Urgency};
use tokio::sync::mpsc::UnboundedSender;
use touchpoint_core::{Notice, NoticeKind, Snooze};

/// What the user chose on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoticeAction {
    Snooze { followup_id: i64, snooze: Snooze },
    OpenContact { contact_id: i64 },
    StartFollowupHour,
}

const ACTIONS: [(&str, &str); 4] = [
    ("snooze-15", "Snooze 15 min"),
    ("snooze-60", "Snooze 1 hour"),
    ("snooze-tomorrow", "Tomorrow 07:30"),
    ("open", "Open contact"),
];
const HOUR_ACTIONS: [(&str, &str); 1] = [("start-hour", "Start follow-up hour")];

fn parse_action(key: &str, notice: &Notice) -> Option<NoticeAction> {
    if notice.kind == NoticeKind::FollowupHour {
        return matches!(key, "start-hour" | "default").then_some(NoticeAction::StartFollowupHour);
    }
    let followup_id = notice.followup_id?;
    let snooze = match key {
        "snooze-15" => Snooze::Minutes15,
        "snooze-60" => Snooze::Hour,
        "snooze-tomorrow" => Snooze::TomorrowMorning,
        "open" | "default" => {
            return notice
                .contact_id
                .map(|contact_id| NoticeAction::OpenContact { contact_id });
        }
        _ => return None,
    };
    Some(NoticeAction::Snooze {
        followup_id,
        snooze,
    })
}

#[derive(Clone)]
pub(crate) struct Notifier {
    actions: UnboundedSender<NoticeAction>,
}

impl Notifier {
    pub(crate) fn new(actions: UnboundedSender<NoticeAction>) -> Self {
        Self { actions }
    }

    /// Shows `notice`; an error means nothing was shown (no notification
    /// server, permission denied) and the reminder stays undelivered.
    pub(crate) fn show(&self, notice: &Notice) -> Result<(), String> {
        let mut n = Notification::new();
        n.appname("Touchpoint")
            .summary(&notice.title)
            .body(&notice.body)
            .icon("appointment-soon");
        if notice.kind == NoticeKind::Promise {
            // A promise stays on screen until the user acts on it.
            n.urgency(Urgency::Critical).timeout(Timeout::Never);
        }
        let actions: &[(&str, &str)] = match notice.kind {
            NoticeKind::FollowupHour => &HOUR_ACTIONS,
            _ if notice.followup_id.is_some() => &ACTIONS,
            _ => &[],
        };
        let with_actions = !actions.is_empty() && server_offers_actions();
        if with_actions {
            for (key, label) in actions {
                n.action(key, label);
            }
        }
        let handle = n.show().map_err(|e| e.to_string())?;
        if with_actions {
            let (notice, actions) = (notice.clone(), self.actions.clone());
            std::thread::spawn(move || {
                handle.wait_for_action(|key| {
                    if let Some(action) = parse_action(key, &notice) {
                        // The runtime is gone only when the app is quitting.
                        let _ = actions.send(action);
                    }
                });
            });
        }
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
