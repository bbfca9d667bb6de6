//! By channel: where the user reaches out, where people answer, where
//! deals are won.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;
use crate::error::Result;
use crate::followups::touch::{Direction, Outcome};
use crate::insights::conversion::Win;

pub(crate) const ABOUT: &str = "Per channel, in the period: your outbound touches; of those, \
the ones where the person answered (connected, replied, meeting booked, not interested, \
won); the touches where they reached you (inbound); and the contacts won, on the channel \
of the touch that won them.";

/// The outcomes of an outbound touch that mean the person answered: a
/// "no" is an answer too. A voicemail, no answer, lost (which the user can
/// decide alone) and other are not.
pub(crate) const ANSWERED: [Outcome; 5] = [
    Outcome::Connected,
    Outcome::Replied,
    Outcome::MeetingBooked,
    Outcome::NotInterested,
    Outcome::Won,
];

/// One channel's touches in the period.
///
/// `touches` counts outbound touches that happened in the period;
/// `answered` those of them whose outcome is connected, replied, meeting
/// booked, not interested or won; `inbound` the touches the contact
/// started; `wins` the contacts won in the period (see `Conversion`)
/// whose winning touch was on this channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChannelFigures {
    pub channel: Channel,
    pub touches: u32,
    pub answered: u32,
    pub inbound: u32,
    pub wins: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Channels {
    pub about: String,
    /// The channels with anything to count, in the app's channel order.
    pub rows: Vec<ChannelFigures>,
}

/// Which touches on a channel a figure (and the contacts behind it) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Touches,
    Answered,
    Inbound,
}

fn answered_list() -> String {
    ANSWERED
        .iter()
        .map(|o| format!("'{}'", o.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn predicate(kind: Kind) -> String {
    match kind {
        Kind::Touches => "direction = 'outbound'".to_owned(),
        Kind::Answered => format!(
            "direction = 'outbound' AND outcome IN ({})",
            answered_list()
        ),
        Kind::Inbound => "direction = 'inbound'".to_owned(),
    }
}

const DAY_MS: i64 = 86_400_000;

type Count = (Channel, Direction, Outcome, u32);

/// Touches at or after `since` by channel, direction and outcome: the whole
/// days from the per-day counts (migration 12), the part of a day before
/// them (the period starts at the user's midnight, not UTC's) counted from
/// the touches themselves.
fn counts(conn: &Connection, since: i64) -> Result<Vec<Count>> {
    // All time: every day, no part of one.
    let partial = since > i64::MIN && since.rem_euclid(DAY_MS) != 0;
    let first_day = if since == i64::MIN {
        i64::MIN
    } else {
        since.div_euclid(DAY_MS) + i64::from(partial)
    };
    let mut out: Vec<Count> = conn
        .prepare_cached(
            "SELECT channel, direction, outcome, sum(n) FROM touch_counts
             WHERE day >= ?1 GROUP BY channel, direction, outcome",
        )?
        .query_map([first_day], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if partial {
        let mut part = conn.prepare_cached(
            "SELECT count(*) FROM touches
             WHERE channel = ?1 AND direction = ?2 AND outcome = ?3
               AND happened_at >= ?4 AND happened_at < ?5",
        )?;
        for channel in Channel::ALL {
            for direction in [Direction::Outbound, Direction::Inbound] {
                for outcome in Outcome::ALL {
                    let n: u32 = part.query_row(
                        params![channel, direction, outcome, since, first_day * DAY_MS],
                        |r| r.get(0),
                    )?;
                    if n > 0 {
                        out.push((channel, direction, outcome, n));
                    }
                }
            }
        }
    }
    Ok(out)
}

pub(crate) fn figures(conn: &Connection, since: i64, wins: &[&Win]) -> Result<Channels> {
    let mut rows: Vec<ChannelFigures> = Channel::ALL
        .into_iter()
        .map(|channel| ChannelFigures {
            channel,
            touches: 0,
            answered: 0,
            inbound: 0,
            wins: 0,
        })
        .collect();
    for (channel, direction, outcome, n) in counts(conn, since)? {
        let Some(row) = rows.iter_mut().find(|r| r.channel == channel) else {
            continue;
        };
        match direction {
            Direction::Outbound => {
                row.touches += n;
                if ANSWERED.contains(&outcome) {
                    row.answered += n;
                }
            }
            Direction::Inbound => row.inbound += n,
        }
    }
    for win in wins {
        if let Some(row) = rows.iter_mut().find(|r| r.channel == win.channel) {
            row.wins += 1;
        }
    }
    rows.retain(|r| r.touches + r.inbound + r.wins > 0);
    Ok(Channels {
        about: ABOUT.to_owned(),
        rows,
    })
}

/// The contacts with at least one touch of `kind` on `channel` in the period.
pub(crate) fn contacts(
    conn: &Connection,
    since: i64,
    channel: Channel,
    kind: Kind,
) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT DISTINCT contact_id FROM touches
             WHERE happened_at >= ?1 AND channel = ?2 AND {}",
            predicate(kind)
        ))?
        .query_map(params![since, channel], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
