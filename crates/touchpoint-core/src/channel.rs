//! How a touch reaches a contact, and how a contact prefers to be reached.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Call,
    Voicemail,
    Email,
    Sms,
    Linkedin,
    Meeting,
    HandwrittenCard,
    BirthdayCard,
    Newsletter,
    EventInvitation,
    Gift,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 12] = [
        Channel::Call,
        Channel::Voicemail,
        Channel::Email,
        Channel::Sms,
        Channel::Linkedin,
        Channel::Meeting,
        Channel::HandwrittenCard,
        Channel::BirthdayCard,
        Channel::Newsletter,
        Channel::EventInvitation,
        Channel::Gift,
        Channel::Other,
    ];

    /// The stable name used in the database, JSON and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Voicemail => "voicemail",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Linkedin => "linkedin",
            Channel::Meeting => "meeting",
            Channel::HandwrittenCard => "handwritten_card",
            Channel::BirthdayCard => "birthday_card",
            Channel::Newsletter => "newsletter",
            Channel::EventInvitation => "event_invitation",
            Channel::Gift => "gift",
            Channel::Other => "other",
        }
    }

    /// Accepts the stable name, with `-` or `_` and in any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<Channel> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Channel::ALL.into_iter().find(|c| c.as_str() == wanted)
    }
}

crate::db::stored_by_name!(Channel, "channel");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_round_trips_through_its_name() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(
            Channel::parse("Handwritten-Card"),
            Some(Channel::HandwrittenCard)
        );
        assert_eq!(Channel::parse("fax"), None);
    }
}
