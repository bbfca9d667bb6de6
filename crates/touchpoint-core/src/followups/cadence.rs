//! Cadence templates: what "following up" means for a kind of contact, and
//! the pure rules for when the next step is due.
//!
//! A plan is either a list of steps with day offsets from the enrolment
//! anchor (a new prospect's 12 touches), or a recurrence ("every 3 months").
//! Two schedule kinds read the same plan differently:
//! - *anchored*: step k is due at anchor + offset(k), whatever else happens
//!   (a customer calling in does not restart the clock);
//! - *rolling*: the next step is due at the last touch + the interval the
//!   plan has between this step and the previous one.
//!
//! The customer's own frequency, when they gave one, replaces the plan's
//! spacing; their preferred channels replace a step's channel they did not ask for.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::channel::Channel;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CadenceStep {
    /// Days after the enrolment anchor.
    pub day: u32,
    pub channel: Channel,
    /// What to open the conversation with: a new angle each time.
    pub prompt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RepeatUnit {
    Days,
    Weeks,
    Months,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CadencePlan {
    Steps {
        steps: Vec<CadenceStep>,
    },
    Repeat {
        every: u32,
        unit: RepeatUnit,
        channel: Channel,
        /// Used in turn, one per occurrence.
        prompts: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKind {
    Anchored,
    Rolling,
}

impl ScheduleKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ScheduleKind::Anchored => "anchored",
            ScheduleKind::Rolling => "rolling",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<ScheduleKind> {
        [ScheduleKind::Anchored, ScheduleKind::Rolling]
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }
}

crate::db::stored_by_name!(ScheduleKind, "schedule");

/// What the customer asked for, which wins over the template.
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomerWish<'a> {
    pub every_days: Option<u32>,
    pub channels: &'a [Channel],
}

/// One planned step: when (as a local date), how, and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    pub step: u32,
    pub date: NaiveDate,
    pub channel: Channel,
    pub prompt: String,
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl CadencePlan {
    /// How many steps the plan has; `None` for a recurrence.
    #[must_use]
    pub fn total(&self) -> Option<u32> {
        match self {
            CadencePlan::Steps { steps } => Some(u32::try_from(steps.len()).unwrap_or(u32::MAX)),
            CadencePlan::Repeat { .. } => None,
        }
    }

    fn offset_date(
        &self,
        anchor: NaiveDate,
        step: u32,
        wish: CustomerWish<'_>,
    ) -> Option<NaiveDate> {
        if let Some(every) = wish.every_days {
            if self.total().is_some_and(|t| step >= t) {
                return None;
            }
            let first = match self {
                CadencePlan::Steps { steps } => steps.first().map_or(0, |s| u64::from(s.day)),
                CadencePlan::Repeat { .. } => u64::from(every),
            };
            return Some(add_days(anchor, first + u64::from(every) * u64::from(step)));
        }
        match self {
            CadencePlan::Steps { steps } => steps
                .get(usize::try_from(step).ok()?)
                .map(|s| add_days(anchor, u64::from(s.day))),
            // The first occurrence comes one interval after enrolment.
            CadencePlan::Repeat { every, unit, .. } => {
                let n = every.saturating_mul(step.saturating_add(1));
                match unit {
                    RepeatUnit::Days => Some(add_days(anchor, u64::from(n))),
                    RepeatUnit::Weeks => Some(add_days(anchor, u64::from(n) * 7)),
                    RepeatUnit::Months => anchor.checked_add_months(Months::new(n)),
                }
            }
        }
    }

    /// Days between step `step - 1` and `step` (for rolling schedules).
    fn gap_before(&self, step: u32, wish: CustomerWish<'_>) -> Option<u64> {
        if self.total().is_some_and(|t| step >= t) {
            return None;
        }
        if let Some(every) = wish.every_days {
            return Some(u64::from(every));
        }
        match self {
            CadencePlan::Steps { steps } => {
                let at = |i: u32| {
                    steps
                        .get(usize::try_from(i).ok()?)
                        .map(|s| u64::from(s.day))
                };
                let this = at(step)?;
                let before = if step == 0 { 0 } else { at(step - 1)? };
                Some(this.saturating_sub(before).max(1))
            }
            CadencePlan::Repeat { every, unit, .. } => Some(match unit {
                RepeatUnit::Days => u64::from(*every),
                RepeatUnit::Weeks => u64::from(*every) * 7,
                // A rolling month is the calendar month after the last touch.
                RepeatUnit::Months => 0,
            }),
        }
    }

    fn channel_and_prompt(&self, step: u32, wish: CustomerWish<'_>) -> (Channel, String) {
        let (planned, prompt) = match self {
            CadencePlan::Steps { steps } => usize::try_from(step)
                .ok()
                .and_then(|i| steps.get(i))
                .map_or((Channel::Call, String::new()), |s| {
                    (s.channel, s.prompt.clone())
                }),
            CadencePlan::Repeat {
                channel, prompts, ..
            } => {
                let prompt = if prompts.is_empty() {
                    String::new()
                } else {
                    let i = usize::try_from(step).unwrap_or(0) % prompts.len();
                    prompts[i].clone()
                };
                (*channel, prompt)
            }
        };
        let channel = match wish.channels.first() {
            Some(first) if !wish.channels.contains(&planned) => *first,
            _ => planned,
        };
        (channel, prompt)
    }

    /// Step `step` of an enrolment: anchored to `anchor`, or rolling from the
    /// local date of the last touch (`None` before the first one: the anchor).
    #[must_use]
    pub fn step_due(
        &self,
        step: u32,
        kind: ScheduleKind,
        anchor: NaiveDate,
        last_touch: Option<NaiveDate>,
        wish: CustomerWish<'_>,
    ) -> Option<PlannedStep> {
        let date = match (kind, last_touch) {
            (ScheduleKind::Anchored, _) | (ScheduleKind::Rolling, None) => {
                self.offset_date(anchor, step, wish)?
            }
            (ScheduleKind::Rolling, Some(last)) => match (self, self.gap_before(step, wish)?) {
                (
                    CadencePlan::Repeat {
                        every,
                        unit: RepeatUnit::Months,
                        ..
                    },
                    _,
                ) if wish.every_days.is_none() => last.checked_add_months(Months::new(*every))?,
                (_, gap) => add_days(last, gap),
            },
        };
        let (channel, prompt) = self.channel_and_prompt(step, wish);
        Some(PlannedStep {
            step,
            date,
            channel,
            prompt,
        })
    }

    /// The next `count` steps from `step` on, as they stand now.
    #[must_use]
    pub fn upcoming(
        &self,
        step: u32,
        kind: ScheduleKind,
        anchor: NaiveDate,
        last_touch: Option<NaiveDate>,
        wish: CustomerWish<'_>,
        count: u32,
    ) -> Vec<PlannedStep> {
        let mut out: Vec<PlannedStep> = Vec::new();
        for s in step..step.saturating_add(count) {
            // Later rolling steps follow the one before them as if it were done on its day.
            let previous = out.last().map(|p| p.date).or(last_touch);
            let Some(planned) = self.step_due(s, kind, anchor, previous, wish) else {
                break;
            };
            out.push(planned);
        }
        out
    }
}

#[cfg(test)]
mod tests;
