//! The delivered marks a VTODO carries, so a reminder shown on one machine
//! is not shown again on another for the same occurrence.
//!
//! An occurrence is a reminder time: `X-TOUCHPOINT-DELIVERED` says when the
//! reminder due at its `X-TOUCHPOINT-FOR` instant was shown;
//! `X-TOUCHPOINT-RENOTIFIED` when a promise due at its `X-TOUCHPOINT-FOR`
//! was shown the second time. A machine takes a mark only for the same
//! occurrence and only when it has none of its own (so a move or a snooze
//! made here, a new occurrence, is never silenced by an old mark), and
//! sends its marks only when the server has none for that occurrence: two
//! machines that both showed a reminder never send their times back and
//! forth.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::error::Result;
use crate::sync::ical::{component_lines, utc};
use crate::transfer::ics::stamp;

const X_DELIVERED: &str = "X-TOUCHPOINT-DELIVERED";
const X_RENOTIFIED: &str = "X-TOUCHPOINT-RENOTIFIED";
const X_FOR: &str = "X-TOUCHPOINT-FOR";

/// A mark: the occurrence it is for, and when it was shown.
pub(crate) type Mark = (DateTime<Utc>, DateTime<Utc>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    /// For the reminder time, shown at.
    pub delivered: Option<Mark>,
    /// For the promise's due time, shown again at.
    pub renotified: Option<Mark>,
}

impl Marks {
    /// The mark lines of the VTODO.
    pub fn lines(&self) -> Vec<String> {
        [
            (X_DELIVERED, self.delivered),
            (X_RENOTIFIED, self.renotified),
        ]
        .into_iter()
        .filter_map(|(name, mark)| {
            let (occurrence, at) = mark?;
            Some(format!(
                "{name};{X_FOR}={}:{}",
                stamp(occurrence),
                stamp(at)
            ))
        })
        .collect()
    }

    /// The marks in a VTODO's `text`; one that cannot be read is no mark.
    pub fn read(text: &str) -> Marks {
        let Ok(lines) = component_lines(text, "VTODO") else {
            return Marks::default();
        };
        let mark = |name: &str| {
            let line = lines.iter().find(|l| l.name == name)?;
            Some((utc(line.param(X_FOR)?)?, utc(&line.value)?))
        };
        Marks {
            delivered: mark(X_DELIVERED),
            renotified: mark(X_RENOTIFIED),
        }
    }

    /// Whether `self` (the server's) already has a mark for every
    /// occurrence `ours` has one for: a promise shown again there covers
    /// the showings before it.
    pub fn covers(&self, ours: &Marks) -> bool {
        let same = |theirs: Option<Mark>, ours: Option<Mark>| match (theirs, ours) {
            (_, None) => true,
            (Some(t), Some(o)) => t.0 == o.0,
            (None, Some(_)) => false,
        };
        let shown_again_there_after = |ours: Option<Mark>| matches!((self.renotified, ours), (Some((_, again)), Some((occurrence, _))) if occurrence <= again);
        same(self.renotified, ours.renotified)
            && (self.renotified.is_some() && ours.renotified.is_some()
                || shown_again_there_after(ours.delivered)
                || same(self.delivered, ours.delivered))
    }
}

/// Takes the server's marks for follow-up `uid` where this machine has
/// none for the same occurrence.
pub(super) fn take(conn: &Connection, uid: &str, theirs: &Marks) -> Result<()> {
    if let Some((due, at)) = theirs.renotified {
        let at = at.timestamp_millis();
        conn.execute(
            "UPDATE followups SET remind_at = ?3, delivered_at = ?3, renotified_at = ?3
             WHERE uid = ?1 AND due_at = ?2 AND status = 'open' AND kind = 'promise'
               AND renotified_at IS NULL",
            params![uid, due.timestamp_millis(), at],
        )?;
    }
    if let Some((remind, at)) = theirs.delivered {
        conn.execute(
            "UPDATE followups SET delivered_at = ?3
             WHERE uid = ?1 AND remind_at = ?2 AND status = 'open' AND delivered_at IS NULL",
            params![uid, remind.timestamp_millis(), at.timestamp_millis()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 16, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn todo_with(lines: &[String]) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:p1\r\n{}END:VTODO\r\nEND:VCALENDAR\r\n",
            lines.iter().map(|l| format!("{l}\r\n")).collect::<String>()
        )
    }

    #[test]
    fn marks_read_back_and_an_unreadable_one_is_no_mark() {
        let marks = Marks {
            delivered: Some((at(0), at(1))),
            renotified: Some((at(0), at(61))),
        };
        let text = todo_with(&marks.lines());
        assert!(
            text.contains(
                "X-TOUCHPOINT-DELIVERED;X-TOUCHPOINT-FOR=20261125T160000Z:20261125T160100Z\r\n"
            ),
            "{text}"
        );
        assert_eq!(Marks::read(&text), marks);
        let broken = text.replace("FOR=20261125T160000Z:20261125T160100Z", "FOR=soon:later");
        assert_eq!(
            Marks::read(&broken),
            Marks {
                delivered: None,
                ..marks
            }
        );
        assert_eq!(Marks::read("not a task"), Marks::default());
    }

    #[test]
    fn the_server_covers_an_occurrence_it_has_any_mark_for() {
        let none = Marks::default();
        let shown_here = Marks {
            delivered: Some((at(0), at(1))),
            renotified: None,
        };
        let shown_there_later = Marks {
            delivered: Some((at(0), at(2))),
            renotified: None,
        };
        let other_occurrence = Marks {
            delivered: Some((at(30), at(31))),
            renotified: None,
        };
        let again_here = Marks {
            delivered: Some((at(61), at(61))),
            renotified: Some((at(0), at(61))),
        };
        let again_there = Marks {
            delivered: Some((at(62), at(62))),
            renotified: Some((at(0), at(62))),
        };
        assert!(none.covers(&none));
        assert!(shown_here.covers(&none), "no mark here: nothing to send");
        assert!(!none.covers(&shown_here), "shown here only: sent");
        assert!(
            shown_there_later.covers(&shown_here),
            "both showed it: neither time is sent back"
        );
        assert!(
            !other_occurrence.covers(&shown_here),
            "a mark for another time"
        );
        assert!(!shown_here.covers(&again_here), "shown again here: sent");
        assert!(
            again_there.covers(&again_here),
            "both showed it again: neither is sent back"
        );
        assert!(
            again_there.covers(&shown_here),
            "shown again there covers the first showing"
        );
        assert!(
            !again_there.covers(&Marks {
                delivered: Some((at(90), at(90))),
                renotified: None,
            }),
            "but not a showing after it"
        );
    }
}
