//! The Today screen and the calendar file: what is due, in the user's day.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::Result;
use crate::followups::plan::DueItem;
use crate::followups::touch::FollowUpKind;
use crate::time::local_instant;

/// Follow-ups by when they are due, promised callbacks first in each part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Today {
    /// Promised callbacks whose time has come, whatever the day: on top
    /// until they are made, oldest first.
    pub promised: Vec<DueItem>,
    /// Due before today.
    pub overdue: Vec<DueItem>,
    /// Due today, at or before now.
    pub due_now: Vec<DueItem>,
    pub later_today: Vec<DueItem>,
    pub tomorrow: Vec<DueItem>,
    /// The user's time zone the parts are cut in.
    pub time_zone: String,
}

fn promises_first(items: &mut [DueItem]) {
    items.sort_by_key(|i| (i.followup.kind != FollowUpKind::Promise, i.followup.due_at));
}

impl Database {
    /// # Errors
    /// Only if SQLite fails.
    pub fn today(&self) -> Result<Today> {
        let settings = self.settings()?;
        let zone = settings.zone();
        let now = self.now();
        let today = now.with_timezone(&zone).date_naive();
        let midnight = |days: i64| -> DateTime<Utc> {
            local_instant(
                zone,
                (today + Duration::days(days))
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default(),
            )
        };
        let (start_today, end_today, end_tomorrow) = (midnight(0), midnight(1), midnight(2));
        let mut out = Today {
            promised: Vec::new(),
            overdue: Vec::new(),
            due_now: Vec::new(),
            later_today: Vec::new(),
            tomorrow: Vec::new(),
            time_zone: zone.name().to_owned(),
        };
        for item in self.due_followups(end_tomorrow - Duration::milliseconds(1), 2000)? {
            let due = item.followup.due_at;
            let part = if item.followup.kind == FollowUpKind::Promise && due <= now {
                &mut out.promised
            } else if due < start_today {
                &mut out.overdue
            } else if due <= now {
                &mut out.due_now
            } else if due < end_today {
                &mut out.later_today
            } else {
                &mut out.tomorrow
            };
            part.push(item);
        }
        for part in [
            &mut out.promised,
            &mut out.overdue,
            &mut out.due_now,
            &mut out.later_today,
            &mut out.tomorrow,
        ] {
            promises_first(part);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::TimeZone;

    use super::*;
    use crate::Channel;
    use crate::clock::{Clock, ManualClock};
    use crate::contacts::ContactFields;
    use crate::contacts::DuplicateCheck;
    use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
    use crate::settings::Settings;
    use crate::stage::Stage;
    use crate::test_support::saved;

    #[test]
    fn follow_ups_fall_into_overdue_now_later_and_tomorrow_with_promises_first() {
        // Monday 2026-11-23 08:00 New York.
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap(),
        ));
        let mut db = Database::open_in_memory(clock.clone() as Arc<dyn Clock>).unwrap();
        db.update_settings(Settings {
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        let add = |db: &mut Database, name: &str| {
            let fields = ContactFields {
                display_name: name.into(),
                stage: Stage::Prospect,
                ..ContactFields::default()
            };
            saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
        };
        let ada = add(&mut db, "Ada");
        let grace = add(&mut db, "Grace");
        let log = |db: &mut Database, id: i64, next: NextStep, promise: Option<&str>| {
            db.log_touch(&TouchInput {
                contact_id: id,
                channel: Channel::Call,
                direction: Direction::Outbound,
                outcome: Outcome::LeftVoicemail,
                notes: String::new(),
                hook: String::new(),
                objections: vec![],
                happened_at: None,
                next,
                promise: promise.map(str::to_owned),
            })
            .unwrap();
        };
        log(
            &mut db,
            ada,
            NextStep::At {
                when: "2026-11-23 17:00".into(),
                channel: Channel::Email,
                prompt: String::new(),
            },
            Some("2026-11-23 16:00"),
        );
        log(
            &mut db,
            grace,
            NextStep::At {
                when: "2026-11-24 10:00".into(),
                channel: Channel::Call,
                prompt: String::new(),
            },
            None,
        );
        clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 21, 30, 0).unwrap()); // 16:30 New York
        let today = db.today().unwrap();
        let names = |part: &[DueItem]| {
            part.iter()
                .map(|i| (i.contact_name.clone(), i.followup.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&today.promised),
            [("Ada".to_owned(), FollowUpKind::Promise)],
            "the 16:00 promise, on top"
        );
        assert!(today.due_now.is_empty());
        assert_eq!(
            names(&today.later_today),
            [("Ada".to_owned(), FollowUpKind::Custom)]
        );
        assert_eq!(
            names(&today.tomorrow),
            [("Grace".to_owned(), FollowUpKind::Custom)]
        );
        assert!(today.overdue.is_empty());
        clock.advance(Duration::days(2));
        let later = db.today().unwrap();
        assert_eq!(later.overdue.len(), 2, "the steps left are now overdue");
        assert_eq!(
            names(&later.promised),
            [("Ada".to_owned(), FollowUpKind::Promise)],
            "a promise not made stays on top, days later"
        );
        assert_eq!(
            db.due_count().unwrap() as usize,
            later.promised.len() + later.overdue.len() + later.due_now.len(),
            "the tray's count"
        );
    }
}
