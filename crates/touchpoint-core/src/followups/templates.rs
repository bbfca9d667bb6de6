//! Stored cadence templates: the seeded defaults and the user's own,
//! created, edited, copied and retired (never deleted: enrolments and
//! history keep pointing at them).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};
use crate::followups::cadence::CadencePlan;
use crate::time::instant;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cadence {
    pub id: i64,
    pub name: String,
    pub plan: CadencePlan,
    /// Which built-in default this is, if any.
    pub seeded_key: Option<String>,
    pub retired_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CadenceInput {
    pub name: String,
    pub plan: CadencePlan,
}

fn plan_json(plan: &CadencePlan) -> Result<String> {
    serde_json::to_string(plan)
        .map_err(|e| CoreError::Corrupt(format!("cannot encode a cadence: {e}")))
}

fn validate(input: &CadenceInput) -> Result<()> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(CoreError::invalid(
            "name",
            "A cadence needs a name of at most 100 characters",
        ));
    }
    match &input.plan {
        CadencePlan::Steps { steps } => {
            if steps.is_empty() || steps.len() > 50 {
                return Err(CoreError::invalid(
                    "steps",
                    "A cadence has between 1 and 50 steps",
                ));
            }
            for (i, pair) in steps.windows(2).enumerate() {
                if pair[1].day <= pair[0].day {
                    return Err(CoreError::invalid(
                        &format!("steps[{}]", i + 1),
                        format!(
                            "Step {} must come after step {} (day {} or later)",
                            i + 2,
                            i + 1,
                            pair[0].day + 1
                        ),
                    ));
                }
            }
            if let Some((i, _)) = steps
                .iter()
                .enumerate()
                .find(|(_, s)| s.day > 3650 || s.prompt.chars().count() > 500)
            {
                return Err(CoreError::invalid(
                    &format!("steps[{i}]"),
                    "A step is at most 3650 days out, with a prompt of at most 500 characters",
                ));
            }
        }
        CadencePlan::Repeat { every, prompts, .. } => {
            if !(1..=365).contains(every) {
                return Err(CoreError::invalid(
                    "every",
                    "Repeat every 1 to 365 days, weeks or months",
                ));
            }
            if prompts.len() > 50 || prompts.iter().any(|p| p.chars().count() > 500) {
                return Err(CoreError::invalid(
                    "prompts",
                    "At most 50 prompts of 500 characters",
                ));
            }
        }
    }
    Ok(())
}

fn row_to_cadence(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Cadence, String)> {
    Ok((
        Cadence {
            id: r.get(0)?,
            name: r.get(1)?,
            plan: CadencePlan::Steps { steps: Vec::new() },
            seeded_key: r.get(3)?,
            retired_at: r.get::<_, Option<i64>>(4)?.map(instant).transpose()?,
        },
        r.get(2)?,
    ))
}

fn decode((mut cadence, plan): (Cadence, String)) -> Result<Cadence> {
    cadence.plan = serde_json::from_str(&plan)
        .map_err(|e| CoreError::Corrupt(format!("cadence {} cannot be read: {e}", cadence.id)))?;
    Ok(cadence)
}

pub(crate) fn load(conn: &Connection, id: i64) -> Result<Cadence> {
    conn.row(
        "SELECT id, name, plan, seeded_key, retired_at FROM cadences WHERE id = ?1",
        [id],
        row_to_cadence,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "cadence",
        id,
    })
    .and_then(decode)
}

pub(crate) fn seeded_id(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .row(
            "SELECT id FROM cadences WHERE seeded_key = ?1 AND retired_at IS NULL",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

impl Database {
    /// Every template, active ones first.
    ///
    /// # Errors
    /// Only if SQLite fails or a stored plan is unreadable.
    pub fn cadences(&self) -> Result<Vec<Cadence>> {
        self.conn
            .prepare_cached(
                "SELECT id, name, plan, seeded_key, retired_at FROM cadences
                 ORDER BY retired_at IS NOT NULL, id",
            )?
            .query_map([], row_to_cadence)?
            .map(|r| decode(r?))
            .collect()
    }

    /// # Errors
    /// [`CoreError::Invalid`] for a bad template.
    pub fn create_cadence(&mut self, input: &CadenceInput) -> Result<Cadence> {
        validate(input)?;
        let now = self.now().timestamp_millis();
        let id = self.undoable(
            &format!("Created the cadence {}", input.name.trim()),
            |tx| {
                tx.run(
                "INSERT INTO cadences (name, plan, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![input.name.trim(), plan_json(&input.plan)?, now],
            )?;
                Ok(tx.last_insert_rowid())
            },
        )?;
        load(&self.conn, id)
    }

    /// Changes a template; contacts already enrolled follow the new plan from their next step.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] or [`CoreError::Invalid`].
    pub fn update_cadence(&mut self, id: i64, input: &CadenceInput) -> Result<Cadence> {
        let before = load(&self.conn, id)?;
        validate(input)?;
        self.undoable(&format!("Edited the cadence {}", before.name), |tx| {
            tx.run(
                "UPDATE cadences SET name = ?2, plan = ?3, updated_at = ?4 WHERE id = ?1",
                params![
                    id,
                    input.name.trim(),
                    plan_json(&input.plan)?,
                    self.now().timestamp_millis()
                ],
            )?;
            Ok(())
        })?;
        load(&self.conn, id)
    }

    /// # Errors
    /// [`CoreError::NotFound`] for an unknown template.
    pub fn copy_cadence(&mut self, id: i64) -> Result<Cadence> {
        let original = load(&self.conn, id)?;
        let name: String = format!("{} (copy)", original.name)
            .chars()
            .take(100)
            .collect();
        self.create_cadence(&CadenceInput {
            name,
            plan: original.plan,
        })
    }

    /// Retires a template: no new enrolments; current ones carry on.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown template.
    pub fn retire_cadence(&mut self, id: i64) -> Result<Cadence> {
        let before = load(&self.conn, id)?;
        self.undoable(&format!("Retired the cadence {}", before.name), |tx| {
            tx.run(
                "UPDATE cadences SET retired_at = coalesce(retired_at, ?2) WHERE id = ?1",
                params![id, self.now().timestamp_millis()],
            )?;
            Ok(())
        })?;
        load(&self.conn, id)
    }
}
