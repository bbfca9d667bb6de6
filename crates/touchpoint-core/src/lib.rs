//! Touchpoint's domain core.
//!
//! Everything that decides what the user sees or is reminded of lives here,
//! free of any UI or Tauri dependency, so it can be tested with `cargo test`
//! alone. Time always comes from an injected [`Clock`]: the core never reads
//! the system clock (enforced by this crate's `clippy.toml`).

pub mod cadence;
pub mod cadences;
pub mod calendar;
pub mod card_text;
pub mod channel;
pub mod clock;
pub mod contact;
mod contact_rules;
pub mod contact_search;
pub(crate) mod contacts;
pub mod csv_io;
pub mod db;
pub mod duplicates;
pub mod error;
mod export;
pub mod followup_hour;
mod followups;
pub mod ics;
mod ics_zone;
pub mod import;
pub mod import_record;
mod migrations;
mod phone;
pub mod reengage;
pub mod reminders;
pub mod schedule;
pub mod settings;
mod text_key;
pub mod today;
pub mod touch;
pub mod touches;
pub mod vcard;

pub use cadence::{CadencePlan, CadenceStep, RepeatUnit, ScheduleKind};
pub use cadences::{Cadence, CadenceInput};
pub use calendar::{CalendarDay, CalendarItem, CalendarRange, HourBlock, Reschedule};
pub use card_text::{CardParse, parse_card_text};
pub use channel::Channel;
pub use clock::{Clock, ManualClock};
pub use contact::{
    Contact, ContactFields, ContactSummary, Day, Email, Phone, PostalAddress, Profile, ProfileKind,
    Stage, TimeWindow,
};
pub use contact_search::{Attention, ContactPage, ContactQuery, ContactSort};
pub use contacts::{DuplicateCheck, SaveOutcome};
pub use db::Database;
pub use duplicates::{DuplicateMatch, DuplicateReason, merge_fields};
pub use error::{CoreError, Result};
pub use followup_hour::{
    HourSummary, NextStepSet, QueueEntry, QueueReason, SkippedContact, VoicemailLeft,
};
pub use followups::UpcomingStep;
pub use import::{
    DuplicateAction, ImportFormat, ImportPreview, ImportResult, ImportRow, ImportRowStatus,
};
pub use import_record::{ParsedRecord, RecordPosition};
pub use migrations::SCHEMA_VERSION;
pub use reengage::{ReengageItem, ReengageList};
pub use reminders::{DayNotice, Delivery, Notice, NoticeKind, PromiseStats, Reminder, Snooze};
pub use settings::Settings;
pub use today::Today;
pub use touch::{
    CloseReason, Direction, FollowUp, FollowUpKind, LogResult, NextStep, Objection, ObjectionKind,
    Outcome, Progress, Touch, TouchInput,
};
pub use touches::{ContactPlan, DueItem, Suggestion};
