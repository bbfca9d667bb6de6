//! What the user looks at: read models assembled from the store for one
//! screen each — Today, the calendar (day, week, month, the follow-up hour
//! block), the weekly follow-up hour's queue and summary, and the
//! re-engagement list. They read; the only writes here are the user's own
//! moves from these screens (a rescheduled follow-up, "add 10 to this week"),
//! each in one transaction through the same rules as the touch log.

pub(crate) mod calendar;
pub(crate) mod followup_hour;
pub(crate) mod reengage;
mod today;

pub use calendar::{CalendarDay, CalendarItem, CalendarRange, HourBlock, Reschedule};
pub use followup_hour::{
    HourSummary, NextStepSet, QueueEntry, QueueItem, QueueReason, SkippedContact, VoicemailLeft,
};
pub use reengage::{ReengageItem, ReengageList, WEEKLY_BATCH as REENGAGE_WEEKLY_BATCH};
pub use today::{Today, TodayCounts, TodayPage, TodayPart};
