//! Follow-ups: cadence plans (`cadence`) and the templates built from them
//! (`templates`), the due-time policy (`schedule`), the touch log and its
//! types (`log`, `touch`), the promise rules (`promise`), what the contact
//! page shows (`plan`), the stored follow-up rows (`scheduled`); this file
//! keeps enrolments and plans steps: every open contact has a next step.
//!
//! Invariants, kept in the same transaction as each change: a contact has
//! at most one active enrolment and at most one open next step (promised
//! callbacks come on top); an enrolment's `step` is the index of the next
//! step to do; a follow-up stores the local date it is due on and the zone,
//! and its instant is derived from them by [`crate::followups::schedule`].

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::channel::Channel;
use crate::db::{Batch, Cached};
use crate::error::{CoreError, Result};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::time::TimeWindow;
use crate::time::instant;
use cadence::{CustomerWish, ScheduleKind};
use schedule::DuePolicy;
use templates::Cadence;
use touch::Progress;

pub(crate) mod best_time;
pub(crate) mod cadence;
pub(crate) mod correct;
pub(crate) mod due;
pub(crate) mod log;
pub(crate) mod plan;
pub(crate) mod promise;
pub(crate) mod schedule;
mod scheduled;
mod scheduling;
pub(crate) mod templates;
pub(crate) mod touch;

pub(crate) use scheduled::{
    NewFollowUp, close_next_step, followup, followup_batch, followup_row, insert_followup, is_open,
    move_followup, open_next_step, push_followup,
};
pub(crate) use scheduling::{Scheduling, plan_step};

/// How the contact wants to be reached, as far as scheduling is concerned.
pub(crate) struct ContactTiming {
    /// As the user sees it, for naming what was done ("Logged a touch with …").
    pub name: String,
    pub zone: Tz,
    pub best_times: Vec<TimeWindow>,
    pub every_days: Option<u32>,
    pub channels: Vec<Channel>,
    pub stage: Stage,
    /// When the contact's own calls say they answer best, if they say enough.
    pub learned: Option<best_time::LearnedTime>,
}

impl ContactTiming {
    pub(crate) fn load(conn: &Connection, contact_id: i64, settings: &Settings) -> Result<Self> {
        let (name, zone, best_times, every_days, channels, stage): (
            String,
            String,
            String,
            Option<u32>,
            String,
            Stage,
        ) = conn
            .row(
                "SELECT display_name, time_zone, best_times, preferred_every_days,
                        preferred_channels, stage
                 FROM contacts WHERE id = ?1",
                [contact_id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "contact",
                id: contact_id,
            })?;
        let corrupt =
            |what: &str| CoreError::Corrupt(format!("contact {contact_id} has unreadable {what}"));
        let zone = zone.parse().unwrap_or_else(|_| settings.zone());
        Ok(Self {
            name,
            zone,
            best_times: serde_json::from_str(&best_times).map_err(|_| corrupt("best times"))?,
            every_days,
            channels: serde_json::from_str(&channels).map_err(|_| corrupt("preferred channels"))?,
            stage,
            learned: best_time::for_contact(conn, contact_id, zone)?,
        })
    }

    /// Their stated best times first; else the time their calls were
    /// answered at; else the user's default call time.
    pub(crate) fn policy<'a>(&'a self, settings: &Settings) -> DuePolicy<'a> {
        DuePolicy {
            zone: self.zone,
            best_times: &self.best_times,
            default_time: self
                .learned
                .as_ref()
                .and_then(best_time::time_of)
                .unwrap_or_else(|| settings.call_time()),
            weekends: settings.weekends,
        }
    }

    pub(crate) fn wish(&self) -> CustomerWish<'_> {
        CustomerWish {
            every_days: self.every_days,
            channels: &self.channels,
        }
    }

    pub(crate) fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }
}

pub(crate) struct Enrolment {
    pub id: i64,
    pub cadence: Cadence,
    pub kind: ScheduleKind,
    pub anchor: NaiveDate,
    pub step: u32,
}

pub(crate) fn active_enrolment(conn: &Connection, contact_id: i64) -> Result<Option<Enrolment>> {
    let row: Option<(i64, i64, ScheduleKind, String, u32)> = conn
        .row(
            "SELECT id, cadence_id, schedule, anchor_on, step FROM enrolments
             WHERE contact_id = ?1 AND ended_at IS NULL",
            [contact_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((id, cadence_id, kind, anchor, step)) = row else {
        return Ok(None);
    };
    Ok(Some(Enrolment {
        id,
        cadence: templates::load(conn, cadence_id)?,
        kind,
        anchor: NaiveDate::parse_from_str(&anchor, "%Y-%m-%d")
            .map_err(|_| CoreError::Corrupt(format!("enrolment {id} has an unreadable anchor")))?,
        step,
    }))
}

/// The cadence a contact in `stage` follows unless the user picks another.
pub(crate) fn default_cadence(stage: Stage) -> Option<(&'static str, ScheduleKind)> {
    match stage {
        Stage::Prospect => Some(("new_prospect", ScheduleKind::Anchored)),
        Stage::Customer => Some(("customer_quarterly", ScheduleKind::Anchored)),
        Stage::PastCustomer => Some(("past_customer", ScheduleKind::Rolling)),
        Stage::Lost => Some(("nurture", ScheduleKind::Rolling)),
        Stage::DoNotContact => None,
    }
}

/// Plans and stores step `step` of `enrolment` as the contact's next step.
/// Returns `None` when the cadence has no such step (it is finished).
pub(crate) fn schedule_step(
    tx: &Transaction<'_>,
    contact_id: i64,
    enrolment: &Enrolment,
    step: u32,
    last_touch: Option<NaiveDate>,
    ctx: &mut Scheduling<'_>,
) -> Result<Option<i64>> {
    let timing = ContactTiming::load(tx, contact_id, ctx.settings)?;
    let Some(plan) = plan_step(
        tx,
        &timing,
        (&enrolment.cadence, enrolment.kind, enrolment.anchor),
        step,
        last_touch,
        ctx,
    )?
    else {
        return Ok(None);
    };
    if let Some(days) = plan.anchor_moves_days {
        tx.run(
            "UPDATE enrolments SET anchor_on = date(anchor_on, ?2) WHERE id = ?1",
            params![enrolment.id, format!("+{days} days")],
        )?;
    }
    let id = plan.insert(tx, contact_id, enrolment.id, timing.zone, ctx.now)?;
    tx.run(
        "UPDATE enrolments SET step = ?2 WHERE id = ?1",
        params![enrolment.id, step],
    )?;
    Ok(Some(id))
}

/// Ends any active enrolment (cancelling its next step) and, when `cadence`
/// is given, enrols the contact anew from `anchor` with the first step planned.
pub(crate) fn enrol(
    tx: &Transaction<'_>,
    contact_id: i64,
    cadence: Option<(i64, ScheduleKind)>,
    anchor: Option<NaiveDate>,
    reason: &str,
    ctx: &mut Scheduling<'_>,
) -> Result<Option<i64>> {
    let (settings, now) = (ctx.settings, ctx.now);
    tx.run(
        "UPDATE enrolments SET ended_at = ?2, end_reason = ?3 WHERE contact_id = ?1 AND ended_at IS NULL",
        params![contact_id, now.timestamp_millis(), reason],
    )?;
    close_next_step(tx, contact_id, "cancelled", now)?;
    let Some((cadence_id, kind)) = cadence else {
        return Ok(None);
    };
    let timing = ContactTiming::load(tx, contact_id, settings)?;
    let anchor = anchor.unwrap_or_else(|| timing.today(now));
    let enrolment = Enrolment {
        id: insert_enrolment(tx, contact_id, (cadence_id, kind), anchor, now)?,
        cadence: templates::load(tx, cadence_id)?,
        kind,
        anchor,
        step: 0,
    };
    schedule_step(tx, contact_id, &enrolment, 0, None, ctx)
}

/// The values of a new enrolment's row, `?1` to `?4` of [`insert_enrolment`].
fn with_enrolment<T>(
    contact_id: i64,
    (cadence_id, kind): (i64, ScheduleKind),
    anchor: NaiveDate,
    now: DateTime<Utc>,
    run: impl FnOnce(&[&dyn rusqlite::ToSql]) -> Result<T>,
) -> Result<T> {
    run(params![
        contact_id,
        cadence_id,
        kind,
        anchor.format("%Y-%m-%d").to_string(),
        now.timestamp_millis(),
    ])
}

/// A new active enrolment at step 0, its UID included.
pub(crate) fn insert_enrolment(
    tx: &Transaction<'_>,
    contact_id: i64,
    cadence: (i64, ScheduleKind),
    anchor: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    with_enrolment(contact_id, cadence, anchor, now, |p| {
        tx.run(
            "INSERT INTO enrolments (contact_id, cadence_id, schedule, anchor_on, step, started_at, uid)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, lower(hex(randomblob(16))))",
            p,
        )?;
        Ok(())
    })?;
    Ok(tx.last_insert_rowid())
}

/// New enrolments written many per statement, their ids chosen by the
/// caller: what [`insert_enrolment`] writes.
pub(crate) fn enrolment_batch() -> Batch {
    Batch::new(
        "INSERT INTO enrolments (id, contact_id, cadence_id, schedule, anchor_on, step,
                                 started_at, uid) VALUES",
        7,
        ", lower(hex(randomblob(16)))",
    )
}

/// Adds to `batch` enrolment `id`, as [`insert_enrolment`] would write it.
pub(crate) fn push_enrolment(
    batch: &mut Batch,
    id: i64,
    contact_id: i64,
    cadence: (i64, ScheduleKind),
    anchor: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    with_enrolment(contact_id, cadence, anchor, now, |p| {
        // `step` is 0, as in the single insert.
        let (step, mut row) = (0_i64, vec![&id as &dyn rusqlite::ToSql]);
        row.extend_from_slice(&p[..4]);
        row.push(&step);
        row.push(p[4]);
        batch.push(&row)
    })
}

/// Enrols a contact in the default cadence of its stage (none for do-not-contact).
pub(crate) fn enrol_by_stage(
    tx: &Transaction<'_>,
    contact_id: i64,
    stage: Stage,
    reason: &str,
    ctx: &mut Scheduling<'_>,
) -> Result<Option<i64>> {
    let now = ctx.now;
    let cadence = match default_cadence(stage) {
        Some((key, kind)) => templates::seeded_id(tx, key)?.map(|id| (id, kind)),
        None => None,
    };
    if stage == Stage::DoNotContact {
        // Do not contact ends every reminder, promised callbacks included.
        tx.run(
            "UPDATE followups SET status = 'cancelled', closed_at = ?2 WHERE contact_id = ?1 AND status = 'open'",
            params![contact_id, now.timestamp_millis()],
        )?;
    }
    enrol(tx, contact_id, cadence, None, reason, ctx)
}

pub(crate) fn touch_count(conn: &Connection, contact_id: i64) -> Result<u32> {
    Ok(conn.row(
        "SELECT count(*) FROM touches WHERE contact_id = ?1",
        [contact_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn progress(conn: &Connection, contact_id: i64) -> Result<Progress> {
    let touches = touch_count(conn, contact_id)?;
    let enrolment = active_enrolment(conn, contact_id)?;
    Ok(progress_of(
        touches,
        enrolment.as_ref().map(|e| (&e.cadence, e.step, e.kind)),
    ))
}

/// "Touch N of M" from the touch count and the active enrolment's cadence,
/// step and schedule.
pub(crate) fn progress_of(
    touches: u32,
    enrolment: Option<(&Cadence, u32, ScheduleKind)>,
) -> Progress {
    match enrolment {
        Some((cadence, step, kind)) => Progress {
            touches,
            next_touch: match cadence.plan.total() {
                Some(total) => (step + 1).min(total),
                None => touches + 1,
            },
            total: cadence.plan.total(),
            cadence: Some(cadence.name.clone()),
            schedule: Some(kind),
        },
        None => Progress {
            touches,
            next_touch: touches + 1,
            total: None,
            cadence: None,
            schedule: None,
        },
    }
}

/// Plans the open cadence step again after the contact's zone, best times or
/// wishes changed; a date the user chose by hand keeps its instant.
pub(crate) fn replan_next_step(
    tx: &Transaction<'_>,
    contact_id: i64,
    ctx: &mut Scheduling<'_>,
) -> Result<()> {
    let (settings, now) = (ctx.settings, ctx.now);
    let Some(next) = open_next_step(tx, contact_id)? else {
        return Ok(());
    };
    let (Some(step), Some(enrolment)) = (next.step, active_enrolment(tx, contact_id)?) else {
        return Ok(());
    };
    let last_touch: Option<i64> = tx.row(
        "SELECT max(happened_at) FROM touches WHERE contact_id = ?1",
        [contact_id],
        |r| r.get(0),
    )?;
    let timing = ContactTiming::load(tx, contact_id, settings)?;
    let last_day = last_touch
        .map(instant)
        .transpose()?
        .map(|t| t.with_timezone(&timing.zone).date_naive());
    close_next_step(tx, contact_id, "cancelled", now)?;
    schedule_step(tx, contact_id, &enrolment, step, last_day, ctx)?;
    Ok(())
}
