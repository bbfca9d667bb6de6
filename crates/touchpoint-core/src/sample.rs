//! The sample database: made-up prospects and customers with six weeks of
//! history, to look around in before entering anyone real.
//!
//! It is its own file, never the user's: the history is played through the
//! same rules a user goes through (cards entered, touches logged day by day on
//! what came due), on a clock that runs from six weeks ago to now, so Today,
//! the calendar and Insights show what they would for a real user.

mod people;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::ManualClock;
use crate::contacts::{ContactFields, DuplicateCheck, Email, Phone, SaveOutcome};
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::touch::{CloseReason, Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use people::{HOOKS, PEOPLE, Person};

/// Days of history before now.
const HISTORY_DAYS: i64 = 42;

/// What was written, for the window to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleDatabase {
    pub path: String,
    pub contacts: u32,
    pub touches: u32,
}

/// Writes a fresh sample database at `path` as of `now`, with `like`'s zone,
/// region and working days (so its times read as the user's would).
///
/// An earlier sample at `path` is replaced; any other file there is left
/// untouched and refused.
///
/// # Errors
/// [`CoreError::Invalid`] if `path` holds a database that is not a sample;
/// otherwise only if the file cannot be written.
pub fn write_sample(path: &Path, now: DateTime<Utc>, like: &Settings) -> Result<SampleDatabase> {
    let start = now - Duration::days(HISTORY_DAYS);
    let clock = Arc::new(ManualClock::new(start));
    if path.exists() {
        let existing = Database::open(path, clock.clone())?;
        if !existing.settings()?.sample {
            return Err(CoreError::invalid(
                "path",
                format!(
                    "{} is not a sample database; it was left untouched",
                    path.display()
                ),
            ));
        }
        drop(existing);
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(CoreError::Io {
                        path: path.to_path_buf(),
                        source: e,
                    });
                }
                _ => {}
            }
        }
    }
    let mut db = Database::open(path, clock.clone())?;
    db.update_settings(Settings {
        sample: true,
        set_up: true,
        your_name: "Sam Sample".into(),
        your_phone: "+1 555 0100".into(),
        ..like.clone()
    })?;
    let mut ids = Vec::new();
    let mut touches = 0;
    for day in 0..HISTORY_DAYS {
        let morning = start + Duration::days(day) + Duration::hours(1);
        clock.set(morning);
        for (index, person) in PEOPLE.iter().enumerate() {
            if person.joined == day {
                ids.push((index, add(&mut db, person)?));
            }
        }
        // Evening: every step that came due today is worked through.
        clock.set(morning + Duration::hours(20));
        for item in db.due_followups(db.now(), 500)? {
            let Some(&(index, _)) = ids.iter().find(|(_, id)| *id == item.followup.contact_id)
            else {
                continue;
            };
            // A few left undone in the last days: a real Today has some overdue.
            if day >= HISTORY_DAYS - 3 && index % 4 == 0 {
                continue;
            }
            let done = item.progress.touches;
            db.log_touch(&touch(
                item.followup.contact_id,
                index,
                done,
                item.followup.channel,
            ))?;
            touches += 1;
        }
    }
    // Two callbacks promised in voicemails this morning, due later today.
    clock.set(now - Duration::hours(2));
    for &(index, id) in ids.iter().filter(|(i, _)| [1, 10].contains(i)) {
        let zone = db.contact(id)?.fields.time_zone;
        let zone = if zone.is_empty() {
            db.settings()?.zone()
        } else {
            zone.parse().unwrap_or(chrono_tz::UTC)
        };
        let at = (now + Duration::hours(3 + index as i64 % 3)).with_timezone(&zone);
        db.log_touch(&TouchInput {
            outcome: Outcome::LeftVoicemail,
            promise: Some(at.format("%Y-%m-%d %H:00").to_string()),
            ..touch(id, index, 1, crate::channel::Channel::Call)
        })?;
        touches += 1;
    }
    db.conn.execute("DELETE FROM undo_journal", [])?;
    Ok(SampleDatabase {
        path: path.display().to_string(),
        contacts: u32::try_from(ids.len()).unwrap_or(u32::MAX),
        touches,
    })
}

fn add(db: &mut Database, person: &Person) -> Result<i64> {
    let (given, family) = person.name.split_once(' ').unwrap_or((person.name, ""));
    let domain = person
        .company
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>();
    let fields = ContactFields {
        given_name: given.into(),
        family_name: family.into(),
        display_name: person.name.into(),
        title: person.title.into(),
        company: person.company.into(),
        phones: vec![Phone {
            label: "work".into(),
            number: person.phone.into(),
            e164: None,
        }],
        emails: vec![Email {
            label: "work".into(),
            address: format!("{}@{domain}.example", given.to_ascii_lowercase()),
        }],
        notes: person.notes.into(),
        tags: person.tags.iter().map(|&t| t.to_owned()).collect(),
        stage: person.stage,
        ..ContactFields::default()
    };
    match db.add_contact(&fields, DuplicateCheck::SaveAnyway)? {
        SaveOutcome::Saved { contact } => Ok(contact.id),
        SaveOutcome::PossibleDuplicates { .. } => Err(CoreError::Corrupt(format!(
            "the sample's {} was taken for a duplicate",
            person.name
        ))),
    }
}

/// The touch logged for person `index` after `done` earlier ones: mostly no
/// answer and voicemails, as real follow-up goes, with a few won and lost.
fn touch(contact_id: i64, index: usize, done: u32, channel: crate::channel::Channel) -> TouchInput {
    let turn = index * 7 + done as usize * 3;
    let (outcome, next) = match (index % 10, done) {
        (3, 5..) => (
            Outcome::Won,
            NextStep::Close {
                reason: CloseReason::Won,
            },
        ),
        (6, 1) => (
            Outcome::NoAnswer,
            NextStep::Close {
                reason: CloseReason::Lost,
            },
        ),
        (8, 3..) => (
            Outcome::NotInterested,
            NextStep::Close {
                reason: CloseReason::NotInterested,
            },
        ),
        _ => (
            match turn % 10 {
                0..=3 => Outcome::NoAnswer,
                4..=6 => Outcome::LeftVoicemail,
                7 => Outcome::Replied,
                8 => Outcome::Connected,
                _ => Outcome::MeetingBooked,
            },
            NextStep::Cadence,
        ),
    };
    let hook = HOOKS.get(turn % HOOKS.len()).copied().unwrap_or_default();
    TouchInput {
        contact_id,
        channel,
        direction: Direction::Outbound,
        outcome,
        notes: String::new(),
        hook: hook.to_owned(),
        objections: Vec::new(),
        happened_at: None,
        next,
        promise: None,
    }
}

#[cfg(test)]
mod tests;
