//! The UI's TypeScript types are generated from the Rust types that cross IPC.
//!
//! `ui/src/bindings.ts` is checked in; this test fails when it is out of date.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p touchpoint bindings`.

use std::path::Path;

use touchpoint_core::{
    CardParse, Channel, Contact, ContactFields, ContactPage, ContactQuery, ContactSort,
    ContactSummary, Day, DuplicateCheck, DuplicateMatch, DuplicateReason, Email, Phone,
    PostalAddress, Profile, ProfileKind, SampleDatabase, SaveOutcome, Settings, Stage, TimeWindow,
};
use ts_rs::{Config, TS};

use touchpoint_core::{
    CalendarDay, CalendarItem, CalendarRange, HourBlock, HourSummary, NextStepSet, QueueEntry,
    QueueItem, QueueReason, RecentAction, ReengageItem, ReengageList, Reschedule, SkippedContact,
    VoicemailLeft,
};

use touchpoint_core::{AnswerCount, AnswerRates, CallBand, LearnedFrom, LearnedTime};
use touchpoint_core::{
    Attention, Cadence, CadenceInput, CadencePlan, CadenceStep, CloseReason, ContactPlan,
    Direction, DueItem, DuePage, DuplicateAction, FollowUp, FollowUpKind, ImportFormat,
    ImportResult, ImportRow, ImportRowStatus, LogResult, NextStep, Objection, ObjectionKind,
    Outcome, Progress, PromiseStats, RecordPosition, RepeatUnit, ScheduleKind, Snooze, Suggestion,
    Today, TodayCounts, TodayPage, TodayPart, Touch, TouchEdit, TouchInput, UpcomingStep,
};
use touchpoint_core::{BackupFile, BackupKind, CsvColumn, CsvField, CsvInspection, CsvLayout};
use touchpoint_core::{
    BenchmarkLine, BucketCount, ChannelFigures, Channels, Conversion, Dormant, InsightFigure,
    Insights, InsightsPeriod, Persistence, PromiseCounts, PromiseOutcome, PromiseWeek, Promises,
    ReferralMonth, Referrals, Referrer, TouchBucket,
};
use touchpoint_core::{
    CollectionChoice, FollowUpSync, SyncAccount, SyncCollection, SyncCollections, SyncReport,
    TouchSync, UntrustedCertificate,
};

use crate::commands::backups::BackupList;
use crate::commands::card_photo::CardPhoto;
use crate::commands::contacts::LinkKind;

use crate::commands::transfer::session::{
    ImportProgress, ImportRowView, ImportSummary, UploadInfo,
};
use crate::commands::transfer::{ExportFormat, ExportResult};
use crate::desktop::reminder_runtime::ReminderStatus;
use crate::desktop::sync_loop::{RefusedCertificate, SyncState};
use crate::error::{ApiError, ErrorKind};
use crate::store::AppInfo;

const TARGET: &str = "ui/src/bindings.ts";

fn render() -> String {
    // Database ids stay far below 2^53, so a JS number holds them exactly.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        AppInfo::decl(&cfg),
        ApiError::decl(&cfg),
        ErrorKind::decl(&cfg),
        Settings::decl(&cfg),
        SampleDatabase::decl(&cfg),
        Channel::decl(&cfg),
        Stage::decl(&cfg),
        Day::decl(&cfg),
        Phone::decl(&cfg),
        Email::decl(&cfg),
        ProfileKind::decl(&cfg),
        Profile::decl(&cfg),
        PostalAddress::decl(&cfg),
        TimeWindow::decl(&cfg),
        ContactFields::decl(&cfg),
        Contact::decl(&cfg),
        ContactSummary::decl(&cfg),
        ContactSort::decl(&cfg),
        Attention::decl(&cfg),
        ContactQuery::decl(&cfg),
        ContactPage::decl(&cfg),
        DuplicateCheck::decl(&cfg),
        DuplicateReason::decl(&cfg),
        DuplicateMatch::decl(&cfg),
        SaveOutcome::decl(&cfg),
        CardParse::decl(&cfg),
        CardPhoto::decl(&cfg),
        LinkKind::decl(&cfg),
        ScheduleKind::decl(&cfg),
        RepeatUnit::decl(&cfg),
        CadenceStep::decl(&cfg),
        CadencePlan::decl(&cfg),
        Cadence::decl(&cfg),
        CadenceInput::decl(&cfg),
        Direction::decl(&cfg),
        Outcome::decl(&cfg),
        ObjectionKind::decl(&cfg),
        Objection::decl(&cfg),
        CloseReason::decl(&cfg),
        NextStep::decl(&cfg),
        TouchInput::decl(&cfg),
        Touch::decl(&cfg),
        FollowUpKind::decl(&cfg),
        FollowUp::decl(&cfg),
        Progress::decl(&cfg),
        LogResult::decl(&cfg),
        UpcomingStep::decl(&cfg),
        Suggestion::decl(&cfg),
        ContactPlan::decl(&cfg),
        DueItem::decl(&cfg),
        DuePage::decl(&cfg),
        Today::decl(&cfg),
        TodayCounts::decl(&cfg),
        TodayPage::decl(&cfg),
        TodayPart::decl(&cfg),
        Snooze::decl(&cfg),
        PromiseStats::decl(&cfg),
        ReminderStatus::decl(&cfg),
        CalendarItem::decl(&cfg),
        CalendarDay::decl(&cfg),
        HourBlock::decl(&cfg),
        CalendarRange::decl(&cfg),
        Reschedule::decl(&cfg),
        QueueReason::decl(&cfg),
        QueueEntry::decl(&cfg),
        QueueItem::decl(&cfg),
        VoicemailLeft::decl(&cfg),
        NextStepSet::decl(&cfg),
        SkippedContact::decl(&cfg),
        HourSummary::decl(&cfg),
        ReengageItem::decl(&cfg),
        ReengageList::decl(&cfg),
        ImportFormat::decl(&cfg),
        CsvLayout::decl(&cfg),
        CsvField::decl(&cfg),
        CsvColumn::decl(&cfg),
        CsvInspection::decl(&cfg),
        UploadInfo::decl(&cfg),
        RecordPosition::decl(&cfg),
        ImportRowStatus::decl(&cfg),
        ImportRow::decl(&cfg),
        ImportRowView::decl(&cfg),
        ImportSummary::decl(&cfg),
        ImportProgress::decl(&cfg),
        DuplicateAction::decl(&cfg),
        ImportResult::decl(&cfg),
        ExportFormat::decl(&cfg),
        ExportResult::decl(&cfg),
        RecentAction::decl(&cfg),
        TouchEdit::decl(&cfg),
        BackupKind::decl(&cfg),
        BackupFile::decl(&cfg),
        BackupList::decl(&cfg),
        InsightsPeriod::decl(&cfg),
        TouchBucket::decl(&cfg),
        BucketCount::decl(&cfg),
        BenchmarkLine::decl(&cfg),
        Persistence::decl(&cfg),
        Conversion::decl(&cfg),
        ChannelFigures::decl(&cfg),
        Channels::decl(&cfg),
        PromiseOutcome::decl(&cfg),
        PromiseCounts::decl(&cfg),
        PromiseWeek::decl(&cfg),
        Promises::decl(&cfg),
        Referrer::decl(&cfg),
        ReferralMonth::decl(&cfg),
        Referrals::decl(&cfg),
        Dormant::decl(&cfg),
        CallBand::decl(&cfg),
        AnswerCount::decl(&cfg),
        LearnedFrom::decl(&cfg),
        LearnedTime::decl(&cfg),
        AnswerRates::decl(&cfg),
        Insights::decl(&cfg),
        InsightFigure::decl(&cfg),
        SyncAccount::decl(&cfg),
        SyncReport::decl(&cfg),
        FollowUpSync::decl(&cfg),
        TouchSync::decl(&cfg),
        SyncState::decl(&cfg),
        SyncCollection::decl(&cfg),
        SyncCollections::decl(&cfg),
        CollectionChoice::decl(&cfg),
        RefusedCertificate::decl(&cfg),
        UntrustedCertificate::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/bindings.rs. Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p touchpoint bindings` instead.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[test]
fn bindings_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TARGET);
    let expected = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{TARGET} is out of date with the Rust types: run `UPDATE_BINDINGS=1 cargo test -p touchpoint bindings`"
    );
}
