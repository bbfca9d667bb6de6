//! Touchpoint's domain core.
//!
//! Everything that decides what the user sees or is reminded of lives here,
//! free of any UI or Tauri dependency, so it can be tested with `cargo test`
//! alone. Time always comes from an injected [`Clock`]: the core never reads
//! the system clock (enforced by the workspace's `clippy.toml`).
//!
//! The modules are private; this file is the public API, each name once.
//! They form layers, each using only those below it (`tests/layout.rs` at
//! the workspace root fails on a circle), bottom first:
//! `clock`, `error`, `time` (local times and DST); `db` (open, pragmas,
//! migrations, stored enums); `channel`, `stage`, `settings`; `followups`
//! (cadences, due times, the touch log, promises); `contacts` (the record,
//! rules, search, duplicates; adding one enrols it); `views` (what each
//! screen reads); `reminders` (delivery, snooze) and `transfer` (files in
//! and out); `insights` (the user's own figures, read from every table);
//! `sample` (a made-up database to look around in, written through the rules).

mod channel;
mod clock;
mod contacts;
mod db;
mod error;
mod followups;
mod insights;
mod reminders;
mod sample;
mod settings;
mod stage;
mod sync;
#[cfg(test)]
mod test_support;
mod time;
mod transfer;
mod undo;
mod views;

pub use channel::Channel;
pub use clock::{Clock, ManualClock};
pub use contacts::{
    Attention, Contact, ContactFields, ContactPage, ContactQuery, ContactSort, ContactSummary,
    DuplicateCheck, DuplicateMatch, DuplicateReason, Email, Phone, PostalAddress, Profile,
    ProfileKind, SaveOutcome, merge_fields,
};
pub use db::{
    APPLICATION_ID, BackupFile, BackupFolder, BackupKind, Database, SCHEMA_VERSION, backup_file,
    check_backup, check_export_target, export_everything,
};
pub use error::{CoreError, ForeignFile, Result, UntrustedCertificate};
pub use followups::best_time::{AnswerCount, AnswerRates, CallBand, LearnedFrom, LearnedTime};
pub use followups::cadence::{CadencePlan, CadenceStep, RepeatUnit, ScheduleKind};
pub use followups::correct::TouchEdit;
pub use followups::plan::{ContactPlan, DueItem, DuePage, Suggestion, UpcomingStep};
pub use followups::templates::{Cadence, CadenceInput};
pub use followups::touch::{
    CloseReason, Direction, FollowUp, FollowUpKind, LogResult, NextStep, Objection, ObjectionKind,
    Outcome, Progress, Touch, TouchInput,
};
pub use insights::{
    BenchmarkLine, BucketCount, ChannelFigures, Channels, Conversion, Dormant, InsightFigure,
    Insights, InsightsPeriod, Persistence, PromiseCounts, PromiseOutcome, PromiseWeek, Promises,
    ReferralMonth, Referrals, Referrer, TouchBucket,
};
pub use reminders::{
    Claim, DayNotice, Notice, NoticeKind, PromiseStats, Reminder, Snooze, TakeOver,
};
pub use sample::{SampleDatabase, write_sample};
pub use settings::Settings;
pub use stage::Stage;
pub use sync::{
    CollectionChoice, FollowUpSync, SyncAccount, SyncCollection, SyncCollections, SyncReport,
    TouchSync,
};
pub use time::{Day, TimeWindow};
pub use transfer::{
    CardParse, CsvColumn, CsvField, CsvInspection, CsvLayout, DuplicateAction, ImportFormat,
    ImportPreview, ImportResult, ImportRow, ImportRowStatus, ParsedRecord, RecordPosition,
    inspect_csv, parse_card_text, parse_vcards, read_csv,
};
pub use undo::RecentAction;
pub use views::{
    CalendarDay, CalendarItem, CalendarRange, HourBlock, HourSummary, NextStepSet, QueueEntry,
    QueueItem, QueueReason, REENGAGE_WEEKLY_BATCH, ReengageItem, ReengageList, Reschedule,
    SkippedContact, Today, TodayCounts, TodayPage, TodayPart, VoicemailLeft,
};
