//! Where a contact is in the relationship: a field of the contact, and what
//! decides which cadence follows them up (so it sits below both).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a contact is in the relationship.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Prospect,
    Customer,
    PastCustomer,
    Lost,
    DoNotContact,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Prospect,
        Stage::Customer,
        Stage::PastCustomer,
        Stage::Lost,
        Stage::DoNotContact,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Prospect => "prospect",
            Stage::Customer => "customer",
            Stage::PastCustomer => "past_customer",
            Stage::Lost => "lost",
            Stage::DoNotContact => "do_not_contact",
        }
    }

    /// Accepts the stable name, with `-`, `_` or spaces and in any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<Stage> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Stage::ALL.into_iter().find(|st| st.as_str() == wanted)
    }
}

crate::db::stored_by_name!(Stage, "stage");
