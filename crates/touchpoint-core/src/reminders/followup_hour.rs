//! The weekly follow-up hour's announcement: when it is due, and what it
//! says (how many promises, overdue and due today wait in the queue).

use chrono::{DateTime, Duration, Utc};

use crate::db::Database;
use crate::error::Result;
use crate::reminders::{DayNotice, Notice, NoticeKind, Reminder};
use crate::views::calendar::hour_blocks;
use crate::views::followup_hour::QueueReason;

impl Database {
    /// The week's follow-up hour when `now` is in it and it was not announced yet.
    pub(super) fn followup_hour_notice(&self, now: DateTime<Utc>) -> Result<Option<Reminder>> {
        let settings = self.settings()?;
        let today = now.with_timezone(&settings.zone()).date_naive();
        let Some(block) = hour_blocks(&settings, today, today + Duration::days(1)).pop() else {
            return Ok(None);
        };
        if now < block.start
            || now >= block.end
            || self.delivered(DayNotice::FollowupHour, today)?
        {
            return Ok(None);
        }
        let queue = self.followup_hour_list()?;
        let count = |reason: QueueReason| queue.iter().filter(|e| e.reason == reason).count();
        let mut parts = Vec::new();
        for (reason, one, many) in [
            (
                QueueReason::Promise,
                "promised callback",
                "promised callbacks",
            ),
            (QueueReason::Overdue, "overdue", "overdue"),
            (QueueReason::DueToday, "due today", "due today"),
            (
                QueueReason::Reengage,
                "customer to re-engage",
                "customers to re-engage",
            ),
        ] {
            let n = count(reason);
            if n > 0 {
                parts.push(super::wording::count(n, one, many));
            }
        }
        let body = if parts.is_empty() {
            "Nothing is due: a good hour for the people you have not called in a while.".to_owned()
        } else {
            format!(
                "{}. Open Touchpoint and start the follow-up hour.",
                parts.join(", ")
            )
        };
        Ok(Some(Reminder {
            notice: Notice {
                kind: NoticeKind::FollowupHour,
                title: format!(
                    "Your follow-up hour starts now ({}–{})",
                    block.local_start, block.local_end
                ),
                body,
                followup_id: None,
                contact_id: None,
            },
            occurrences: Vec::new(),
            renotify: Vec::new(),
            day_notice: Some((DayNotice::FollowupHour, today)),
        }))
    }

    /// When the follow-up hour next needs announcing.
    pub(super) fn next_followup_hour_at(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let settings = self.settings()?;
        let today = now.with_timezone(&settings.zone()).date_naive();
        for block in hour_blocks(&settings, today, today + Duration::days(8)) {
            if block.start > now {
                return Ok(Some(block.start));
            }
            if now < block.end && !self.delivered(DayNotice::FollowupHour, block.day)? {
                return Ok(Some(now));
            }
        }
        Ok(None)
    }
}
