//! The contact record: everything a business card and a follow-up need.
//!
//! [`ContactFields`] is both what the form, the card parser and the importers
//! produce and what is stored; [`Contact`] adds the identity and timestamps.
//! Text fields use `""` for "not given"; validation trims and normalises them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::stage::Stage;
use crate::time::TimeWindow;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Phone {
    /// "work", "mobile", "home", "fax", ... as the source said it; may be empty.
    pub label: String,
    /// As typed or imported, kept verbatim (after trimming).
    pub number: String,
    /// Filled by the core on save; ignored on input.
    pub e164: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Email {
    pub label: String,
    pub address: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    Linkedin,
    X,
    #[default]
    Other,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Profile {
    pub kind: ProfileKind,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PostalAddress {
    /// Street lines, newline-separated.
    pub street: String,
    pub locality: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

/// Every editable field of a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactFields {
    pub given_name: String,
    pub family_name: String,
    /// Shown everywhere; built from the given and family names when empty.
    pub display_name: String,
    pub title: String,
    pub company: String,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub website: String,
    pub address: PostalAddress,
    pub profiles: Vec<Profile>,
    pub met_where: String,
    pub met_on: Option<NaiveDate>,
    pub notes: String,
    pub tags: Vec<String>,
    pub stage: Stage,
    /// Id of the contact who referred this one.
    pub referred_by: Option<i64>,
    /// The channels the customer asked to be reached on, most preferred first.
    pub preferred_channels: Vec<Channel>,
    /// How often the customer asked to hear from us, in days.
    pub preferred_every_days: Option<u32>,
    pub best_times: Vec<TimeWindow>,
    /// IANA zone name such as "Europe/Berlin"; empty means the user's own zone.
    pub time_zone: String,
    /// "YYYY-MM-DD", or "--MM-DD" when the year is unknown; empty when not given.
    pub birthday: String,
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: i64,
    #[serde(flatten)]
    pub fields: ContactFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One row of the contact list: enough to recognise and reach the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactSummary {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub stage: Stage,
    pub tags: Vec<String>,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// The soonest open follow-up (next step or promised callback).
    pub next_due_at: Option<DateTime<Utc>>,
}
