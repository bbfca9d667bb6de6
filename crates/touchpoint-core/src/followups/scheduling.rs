//! The state one scheduling pass carries: settings, the time, and the
//! first touches already booked per day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

use super::ContactTiming;
use super::cadence::{self, ScheduleKind};
use super::schedule::DuePolicy;
use super::templates::Cadence;
use crate::db::{Batch, Cached};
use crate::error::Result;
use crate::settings::Settings;

/// What scheduling needs within one transaction: the user's settings, the
/// time, and the days already holding first touches (for staggering), filled
/// lazily so an import of thousands of cards asks SQLite once per day.
pub(crate) struct Scheduling<'a> {
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
    per_day: HashMap<NaiveDate, u32>,
    /// For a search from a day (under a cap, with or without weekends, for
    /// a contact with no best times): the first day not yet known to be
    /// full or not allowed. Days only fill up during a pass, so the next
    /// contact of an import starts there instead of walking every full day
    /// again (100,000 cards at 10 a day: 27 years of days, per card).
    searched_to: HashMap<(NaiveDate, bool, u32), NaiveDate>,
    /// Only an imported pile is spread under the daily cap: a card typed in
    /// by hand is a fresh lead and never queues behind it.
    spreads_first_touches: bool,
}

impl<'a> Scheduling<'a> {
    pub(crate) fn new(settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self {
            settings,
            now,
            per_day: HashMap::new(),
            searched_to: HashMap::new(),
            spreads_first_touches: false,
        }
    }

    pub(crate) fn for_import(settings: &'a Settings, now: DateTime<Utc>) -> Self {
        Self {
            spreads_first_touches: true,
            ..Self::new(settings, now)
        }
    }

    fn count(&mut self, tx: &Transaction<'_>, day: NaiveDate) -> Result<u32> {
        if let Some(n) = self.per_day.get(&day) {
            return Ok(*n);
        }
        let n: u32 = tx.row(
            "SELECT count(*) FROM followups WHERE step = 0 AND status = 'open' AND due_on = ?1",
            [day.format("%Y-%m-%d").to_string()],
            |r| r.get(0),
        )?;
        self.per_day.insert(day, n);
        Ok(n)
    }

    /// The day of a first touch planned for `earliest`: for an import, the
    /// first allowed day from there under the daily cap (booked).
    pub(super) fn first_touch_day(
        &mut self,
        tx: &Transaction<'_>,
        earliest: NaiveDate,
        policy: &DuePolicy<'_>,
    ) -> Result<NaiveDate> {
        if !self.spreads_first_touches {
            return Ok(earliest);
        }
        self.book(tx, earliest, self.settings.first_touches_per_day, policy)
    }

    /// The first day from `from` that the policy allows and that is under the cap; books it.
    fn book(
        &mut self,
        tx: &Transaction<'_>,
        from: NaiveDate,
        cap: u32,
        policy: &DuePolicy<'_>,
    ) -> Result<NaiveDate> {
        let start = policy.first_allowed_on_or_after(from);
        let key = policy
            .best_times
            .is_empty()
            .then_some((start, policy.weekends, cap));
        let skipped = key
            .and_then(|k| self.searched_to.get(&k))
            .map_or(0, |to| (*to - start).num_days().clamp(0, 3660));
        let mut day = start + chrono::Duration::days(skipped);
        for _ in skipped..3660 {
            if policy.allows(day) && self.count(tx, day)? < cap.max(1) {
                *self.per_day.entry(day).or_default() += 1;
                if let Some(k) = key {
                    self.searched_to.insert(k, day);
                }
                return Ok(day);
            }
            day = day.succ_opt().unwrap_or(day);
        }
        Ok(day)
    }
}

/// Step `step` of `enrolment` planned for a contact with `timing`: its day
/// and instant, and by how many days the enrolment's anchor moves with it.
pub(crate) struct StepPlan {
    pub step: cadence::PlannedStep,
    pub due_on: NaiveDate,
    pub due_at: DateTime<Utc>,
    /// A first touch moved by the daily cap or a day off moves the anchor.
    pub anchor_moves_days: Option<i64>,
}

/// Plans step `step` of `enrolment` without writing it (`None` when the
/// cadence has no such step); the first step is booked under the daily cap.
pub(crate) fn plan_step(
    tx: &Transaction<'_>,
    timing: &ContactTiming,
    enrolment: (&Cadence, ScheduleKind, NaiveDate),
    step: u32,
    last_touch: Option<NaiveDate>,
    ctx: &mut Scheduling<'_>,
) -> Result<Option<StepPlan>> {
    let (settings, now) = (ctx.settings, ctx.now);
    let (cadence, kind, anchor) = enrolment;
    let Some(planned) = cadence
        .plan
        .step_due(step, kind, anchor, last_touch, timing.wish())
    else {
        return Ok(None);
    };
    let policy = timing.policy(settings);
    // An anchored step whose day passed while the contact was behind is due
    // at the next time still ahead, as the log form's suggestion said, not
    // weeks in the past.
    let (earliest, _) = policy.next_due(planned.date.max(timing.today(now)), now);
    let due_on = if step == 0 {
        ctx.first_touch_day(tx, earliest, &policy)?
    } else {
        earliest
    };
    // The cadence counts from the day of its first touch: moved by the
    // daily cap or a day off, the steps after it move with it, so none is
    // planned before the first.
    let anchor_moves_days =
        (step == 0 && due_on > planned.date).then(|| (due_on - planned.date).num_days());
    Ok(Some(StepPlan {
        due_at: policy.due_instant(due_on),
        due_on,
        anchor_moves_days,
        step: planned,
    }))
}

impl StepPlan {
    /// The planned step as the contact's next step, for enrolment
    /// `enrolment` (its anchor already moved).
    fn followup(
        &self,
        contact_id: i64,
        enrolment: i64,
        zone: chrono_tz::Tz,
    ) -> super::NewFollowUp<'_> {
        super::NewFollowUp {
            contact_id,
            enrolment_id: Some(enrolment),
            kind: super::touch::FollowUpKind::Cadence,
            step: Some(self.step.step),
            due_on: self.due_on,
            due_at: self.due_at,
            zone,
            channel: self.step.channel,
            prompt: &self.step.prompt,
        }
    }

    /// Stores the planned step as the contact's next step, for enrolment
    /// `enrolment` (its anchor already moved); returns the follow-up's id.
    pub(crate) fn insert(
        &self,
        tx: &Transaction<'_>,
        contact_id: i64,
        enrolment: i64,
        zone: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        super::insert_followup(tx, &self.followup(contact_id, enrolment, zone), now)
    }

    /// [`StepPlan::insert`], added to `batch` to be written with others.
    pub(crate) fn push(
        &self,
        batch: &mut Batch,
        contact_id: i64,
        enrolment: i64,
        zone: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Result<()> {
        super::push_followup(batch, &self.followup(contact_id, enrolment, zone), now)
    }
}
