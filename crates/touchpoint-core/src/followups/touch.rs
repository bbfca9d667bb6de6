//! The touch log's vocabulary: what happened when the user reached out (or
//! the contact did), and what the next step is.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::followups::cadence::ScheduleKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outbound,
    /// The contact reached the user: it carries out no planned step.
    Inbound,
}

impl Direction {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Outbound => "outbound",
            Direction::Inbound => "inbound",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Direction> {
        [Direction::Outbound, Direction::Inbound]
            .into_iter()
            .find(|d| d.as_str() == s.trim().to_ascii_lowercase())
    }
}

crate::db::stored_by_name!(Direction, "direction");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Connected,
    LeftVoicemail,
    NoAnswer,
    Replied,
    MeetingBooked,
    NotInterested,
    Won,
    Lost,
    Other,
}

impl Outcome {
    pub const ALL: [Outcome; 9] = [
        Outcome::Connected,
        Outcome::LeftVoicemail,
        Outcome::NoAnswer,
        Outcome::Replied,
        Outcome::MeetingBooked,
        Outcome::NotInterested,
        Outcome::Won,
        Outcome::Lost,
        Outcome::Other,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Connected => "connected",
            Outcome::LeftVoicemail => "left_voicemail",
            Outcome::NoAnswer => "no_answer",
            Outcome::Replied => "replied",
            Outcome::MeetingBooked => "meeting_booked",
            Outcome::NotInterested => "not_interested",
            Outcome::Won => "won",
            Outcome::Lost => "lost",
            Outcome::Other => "other",
        }
    }

    /// Accepts the stable name with `-`, `_` or spaces, in any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<Outcome> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Outcome::ALL.into_iter().find(|o| o.as_str() == wanted)
    }
}

crate::db::stored_by_name!(Outcome, "outcome");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionKind {
    Price,
    Timing,
    Competitor,
    SendInfo,
    NoNeed,
    NotDecisionMaker,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Objection {
    pub kind: ObjectionKind,
    /// How it was handled.
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    Won,
    Lost,
    NotInterested,
    DoNotContact,
}

/// How a logged touch leads to the next one. There is no "nothing".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NextStep {
    /// The cadence's next step (for an inbound touch on an anchored
    /// schedule: the step already planned, unmoved).
    Cadence,
    /// A date and time the user chose, e.g. from the hook ("call Thursday after 4").
    At {
        /// "YYYY-MM-DD HH:MM" in the contact's time zone.
        when: String,
        channel: Channel,
        prompt: String,
    },
    /// Ends the follow-up: won, lost, not interested or do not contact.
    Close { reason: CloseReason },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TouchInput {
    pub contact_id: i64,
    pub channel: Channel,
    pub direction: Direction,
    pub outcome: Outcome,
    /// What you spoke about.
    pub notes: String,
    /// What was agreed for next time.
    pub hook: String,
    pub objections: Vec<Objection>,
    /// When it happened; now when not given.
    pub happened_at: Option<DateTime<Utc>>,
    pub next: NextStep,
    /// A callback promised in a voicemail: "YYYY-MM-DD HH:MM" in the contact's zone.
    #[serde(default)]
    pub promise: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Touch {
    pub id: i64,
    pub contact_id: i64,
    pub happened_at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub outcome: Outcome,
    pub notes: String,
    pub hook: String,
    pub objections: Vec<Objection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    Cadence,
    Custom,
    /// A callback promised in a voicemail.
    Promise,
}

impl FollowUpKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpKind::Cadence => "cadence",
            FollowUpKind::Custom => "custom",
            FollowUpKind::Promise => "promise",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<FollowUpKind> {
        [
            FollowUpKind::Cadence,
            FollowUpKind::Custom,
            FollowUpKind::Promise,
        ]
        .into_iter()
        .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }
}

crate::db::stored_by_name!(FollowUpKind, "follow-up kind");

/// A scheduled follow-up: the next step, or a promised callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: i64,
    pub contact_id: i64,
    pub kind: FollowUpKind,
    /// 0-based cadence step, for cadence follow-ups.
    pub step: Option<u32>,
    pub due_at: DateTime<Utc>,
    /// The zone the due time was chosen in (the contact's, else the user's).
    pub time_zone: String,
    /// The due time as the contact sees it: "2026-12-01 07:30".
    pub local_due: String,
    pub channel: Channel,
    pub prompt: String,
}

/// "Touch N of M": how far a contact is along their cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Touches logged so far.
    pub touches: u32,
    /// The number of the next touch (1-based).
    pub next_touch: u32,
    /// Steps in the cadence; `None` for a recurring one.
    pub total: Option<u32>,
    pub cadence: Option<String>,
    pub schedule: Option<ScheduleKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogResult {
    pub touch: Touch,
    /// The next step now scheduled; `None` only when the contact was closed.
    pub next: Option<FollowUp>,
    pub progress: Progress,
    /// A time typed inside a DST jump, said as where it was set ("There is
    /// no 02:30 on Sun 14 Mar 2027 in America/New_York …").
    pub moved: Vec<String>,
}
