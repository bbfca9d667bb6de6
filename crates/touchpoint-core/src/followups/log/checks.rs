//! What a logged touch must pass before anything is written: text within
//! its limits, a time not in the future, a next step and a promised
//! callback that parse and lie ahead, nothing scheduled for a contact who
//! asked not to be contacted.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::error::{CoreError, Result};
use crate::followups::ContactTiming;
use crate::followups::touch::{CloseReason, NextStep, Objection, TouchInput};
use crate::stage::Stage;
use crate::time::{local_instant, parse_local, skipped_time};

pub(crate) const MAX_NOTES: usize = 20_000;
pub(crate) const MAX_HOOK: usize = 500;

/// A touch's input, checked and trimmed.
pub(super) struct Checked {
    pub notes: String,
    pub hook: String,
    pub objections: Vec<Objection>,
    pub happened_at: DateTime<Utc>,
    /// A next step at a time the user chose: its local day and instant.
    pub custom_due: Option<(NaiveDate, DateTime<Utc>)>,
    /// A callback promised in a voicemail: its local day and instant.
    pub promise: Option<(NaiveDate, DateTime<Utc>)>,
    /// Times typed inside a DST jump, said as where they were set.
    pub moved: Vec<String>,
}

/// # Errors
/// [`CoreError::Invalid`] naming the first field that fails.
pub(super) fn check(
    input: &TouchInput,
    timing: &ContactTiming,
    now: DateTime<Utc>,
) -> Result<Checked> {
    let notes = check_text("notes", "Notes", &input.notes, MAX_NOTES)?;
    let hook = check_text("hook", "The hook", &input.hook, MAX_HOOK)?;
    if input.objections.len() > 10 {
        return Err(CoreError::invalid(
            "objections",
            "At most 10 objections per touch",
        ));
    }
    let objections: Vec<Objection> = input
        .objections
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Ok(Objection {
                kind: o.kind,
                note: check_text(
                    &format!("objections[{i}]"),
                    "How it was handled",
                    &o.note,
                    MAX_HOOK,
                )?,
            })
        })
        .collect::<Result<_>>()?;
    let happened_at = input.happened_at.unwrap_or(now);
    if happened_at > now + Duration::minutes(5) {
        return Err(CoreError::invalid(
            "happenedAt",
            "A touch cannot be in the future",
        ));
    }
    let mut moved = Vec::new();
    let custom_due = match &input.next {
        NextStep::At { when, prompt, .. } => {
            check_text("next", "The next step's note", prompt, MAX_HOOK)?;
            Some(future_local(
                "next",
                "The next step",
                when,
                timing,
                now,
                &mut moved,
            )?)
        }
        _ => None,
    };
    let promise = match input
        .promise
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(when) => {
            let due = future_local(
                "promise",
                "The promised callback",
                when,
                timing,
                now,
                &mut moved,
            )?;
            if matches!(
                input.next,
                NextStep::Close {
                    reason: CloseReason::DoNotContact
                }
            ) {
                return Err(CoreError::invalid(
                    "promise",
                    "A do-not-contact contact gets no callback",
                ));
            }
            Some(due)
        }
    };
    if timing.stage == Stage::DoNotContact && !matches!(input.next, NextStep::Close { .. }) {
        return Err(CoreError::invalid(
            "next",
            "This contact asked not to be contacted: no next step can be scheduled (change the stage first)",
        ));
    }
    Ok(Checked {
        notes,
        hook,
        objections,
        happened_at,
        custom_due,
        promise,
        moved,
    })
}

/// A local "YYYY-MM-DD HH:MM" in the contact's zone that lies ahead: its
/// day and instant.
/// A time typed inside a DST jump (which does not exist there) is set at
/// the jump's end, and `moved` says so.
fn future_local(
    field: &str,
    what: &str,
    when: &str,
    timing: &ContactTiming,
    now: DateTime<Utc>,
    moved: &mut Vec<String>,
) -> Result<(NaiveDate, DateTime<Utc>)> {
    let local = parse_local(when).ok_or_else(|| {
        CoreError::invalid(
            field,
            format!("\"{when}\" is not a date and time such as 2026-12-01 07:30"),
        )
    })?;
    let due = local_instant(timing.zone, local);
    if let Some(skipped) = skipped_time(timing.zone, local, due) {
        moved.push(format!(
            "{skipped}: {} is set for {}.",
            what.to_lowercase(),
            due.with_timezone(&timing.zone).format("%H:%M"),
        ));
    }
    if due <= now {
        return Err(CoreError::invalid(
            field,
            format!("{what} must be in the future"),
        ));
    }
    Ok((local.date(), due))
}

pub(in crate::followups) fn check_text(
    field: &str,
    label: &str,
    text: &str,
    max: usize,
) -> Result<String> {
    if text.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("{label} is too long: at most {max} characters"),
        ));
    }
    Ok(text.trim().to_owned())
}
