//! Writing a previewed import in one transaction, at file scale: each new
//! contact is a handful of cached statements (its row with its UID, its
//! emails, phones and tags, its enrolment with the anchor already moved,
//! its first touch), the cadences are read once per stage, the search rows
//! go in together, the duplicate check runs in full only for a record that
//! shares a key with some contact, and the undo journal holds one step per
//! table for each run of added contacts instead of one per row written.
//! A merge writes as saving a contact does, journaled row by row.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::Duration;
use rusqlite::Transaction;

use super::candidates::Candidates;
use super::{DuplicateAction, ImportPreview, ImportResult, ImportRowStatus};
use crate::contacts::duplicates::{self, merge_fields};
use crate::contacts::{self, ContactFields, NewContacts, SearchRow};
use crate::db::{self, Batch, Cached, Database};
use crate::error::{CoreError, Result};
use crate::followups::cadence::ScheduleKind;
use crate::followups::templates::{self, Cadence};
use crate::followups::{self, ContactTiming, Scheduling};
use crate::settings::Settings;
use crate::stage::Stage;

/// Contacts added since the last merge: their rows still to write, their
/// search rows, and the range of ids the journal has not named yet.
struct Added {
    rows: NewContacts,
    enrolments: Batch,
    followups: Batch,
    /// The ids the next contact and the next enrolment get, as SQLite would
    /// choose them (one past the largest); read when a run of rows starts.
    next: Option<(i64, i64)>,
    search: Vec<SearchRow>,
    ids: Option<(i64, i64)>,
    /// The cadence each stage enrols in, read once.
    cadences: HashMap<Stage, Option<(i64, ScheduleKind, Cadence)>>,
}

impl Default for Added {
    fn default() -> Self {
        Self {
            rows: NewContacts::default(),
            enrolments: followups::enrolment_batch(),
            followups: followups::followup_batch(),
            next: None,
            search: Vec::new(),
            ids: None,
            cadences: HashMap::new(),
        }
    }
}

/// The id SQLite would give the next row of `table`.
fn next_id(tx: &Transaction<'_>, table: &str) -> Result<i64> {
    let max: i64 = tx.row(
        &format!("SELECT coalesce(max(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    max.checked_add(1)
        .ok_or_else(|| CoreError::Corrupt(format!("{table} has no id left")))
}

impl Added {
    fn add(
        &mut self,
        tx: &Transaction<'_>,
        fields: &ContactFields,
        ctx: &mut Scheduling<'_>,
    ) -> Result<()> {
        let (id, enrolment) = match self.next {
            Some(next) => next,
            None => (next_id(tx, "contacts")?, next_id(tx, "enrolments")?),
        };
        self.rows.add(id, fields, ctx.now)?;
        self.search.push(contacts::search_row(id, fields));
        self.ids = match self.ids {
            None => Some((id, id)),
            Some((first, last)) if id == last + 1 => Some((first, id)),
            // Ids are handed out in order; should one not be, the run so far
            // is journaled on its own.
            Some((first, last)) => {
                db::journal_added_contacts(tx, first, last)?;
                Some((id, id))
            }
        };
        let enrolled = self.enrol(tx, id, enrolment, fields, ctx)?;
        self.next = Some((id + 1, enrolment + i64::from(enrolled)));
        Ok(())
    }

    /// What `followups::enrol_by_stage` does for a contact with no
    /// enrolment and no follow-up yet: enrols it in its stage's cadence (as
    /// enrolment `enrolment`) with its first touch planned, reading nothing
    /// back. Whether it was enrolled.
    fn enrol(
        &mut self,
        tx: &Transaction<'_>,
        id: i64,
        enrolment: i64,
        fields: &ContactFields,
        ctx: &mut Scheduling<'_>,
    ) -> Result<bool> {
        let stage = fields.stage;
        if let Entry::Vacant(slot) = self.cadences.entry(stage) {
            slot.insert(stage_cadence(tx, stage)?);
        }
        let Some(Some((cadence_id, kind, cadence))) = self.cadences.get(&stage) else {
            return Ok(false);
        };
        let timing = timing_of_new(fields, ctx.settings);
        let anchor = timing.today(ctx.now);
        let plan = followups::plan_step(tx, &timing, (cadence, *kind, anchor), 0, None, ctx)?;
        let moved = plan
            .as_ref()
            .and_then(|p| p.anchor_moves_days)
            .map_or(anchor, |days| anchor + Duration::days(days));
        let cadence = (*cadence_id, *kind);
        followups::push_enrolment(&mut self.enrolments, enrolment, id, cadence, moved, ctx.now)?;
        if let Some(plan) = plan {
            plan.push(&mut self.followups, id, enrolment, timing.zone, ctx.now)?;
        }
        Ok(true)
    }

    /// Writes the rows of the contacts added so far, for what reads them.
    fn write_rows(&mut self, tx: &Transaction<'_>) -> Result<()> {
        self.rows.write(tx)?;
        self.enrolments.write(tx)?;
        self.followups.write(tx)?;
        self.next = None;
        Ok(())
    }

    /// Writes the rows and search rows and journals the contacts added so far.
    fn settle(&mut self, tx: &Transaction<'_>) -> Result<()> {
        self.write_rows(tx)?;
        contacts::add_search_rows(tx, &self.search)?;
        self.search.clear();
        if let Some((first, last)) = self.ids.take() {
            db::journal_added_contacts(tx, first, last)?;
        }
        Ok(())
    }
}

/// The cadence a contact of `stage` is enrolled in, with its id and schedule.
fn stage_cadence(
    tx: &Transaction<'_>,
    stage: Stage,
) -> Result<Option<(i64, ScheduleKind, Cadence)>> {
    let Some((key, kind)) = followups::default_cadence(stage) else {
        return Ok(None);
    };
    match templates::seeded_id(tx, key)? {
        Some(id) => Ok(Some((id, kind, templates::load(tx, id)?))),
        None => Ok(None),
    }
}

/// What `ContactTiming::load` reads once the contact is stored, taken from
/// the fields being stored. A new contact has no calls to learn a time from.
fn timing_of_new(fields: &ContactFields, settings: &Settings) -> ContactTiming {
    ContactTiming {
        name: fields.display_name.clone(),
        zone: fields.time_zone.parse().unwrap_or_else(|_| settings.zone()),
        best_times: fields.best_times.clone(),
        every_days: fields.preferred_every_days,
        channels: fields.preferred_channels.clone(),
        stage: fields.stage,
        learned: None,
    }
}

fn fields_of(status: &ImportRowStatus) -> Option<&ContactFields> {
    match status {
        ImportRowStatus::Rejected { .. } => None,
        ImportRowStatus::New { fields } | ImportRowStatus::Duplicate { fields, .. } => Some(fields),
    }
}

impl Database {
    pub(super) fn write_import(
        &self,
        preview: &ImportPreview,
        action: DuplicateAction,
        overrides: &HashMap<usize, DuplicateAction>,
        ctx: &mut Scheduling<'_>,
    ) -> Result<ImportResult> {
        let now = ctx.now;
        self.undoable(&format!("Imported {} cards", preview.rows.len()), |tx| {
            // Added contacts are journaled by `Added`, merges by the triggers.
            db::record(tx, false)?;
            // A record the preview found new shares no key with an earlier
            // record of the file, so not with a contact this import adds:
            // it can only match a contact stored now (the file may have
            // changed since the preview) or one this import merged into.
            let new_ones = preview.rows.iter().filter_map(|r| match &r.status {
                ImportRowStatus::New { fields } => Some(&**fields),
                _ => None,
            });
            let mut held = Candidates::stored(tx, new_ones)?;
            let mut added = Added::default();
            let mut result = ImportResult::default();
            for (index, row) in preview.rows.iter().enumerate() {
                let Some(fields) = fields_of(&row.status) else {
                    result.rejected += 1;
                    continue;
                };
                // Matches are looked up again inside the transaction: an earlier
                // record of this file may have been added or merged meanwhile.
                let new = matches!(row.status, ImportRowStatus::New { .. });
                let matches = if !new || held.may_match(fields) {
                    added.write_rows(tx)?;
                    duplicates::find(tx, fields, None)?
                } else {
                    Vec::new()
                };
                let chosen = overrides.get(&index).copied().unwrap_or(action);
                match (matches.first(), chosen) {
                    (None, _) | (Some(_), DuplicateAction::AddAnyway) => {
                        added.add(tx, fields, ctx)?;
                        result.added += 1;
                    }
                    (Some(_), DuplicateAction::Skip) => result.skipped += 1,
                    (Some(target), DuplicateAction::Merge) => {
                        let id = target.contact.id;
                        // The merge may be into a contact this file added:
                        // its rows are complete and journaled first.
                        added.settle(tx)?;
                        let Some(stored) = contacts::read(tx, id)? else {
                            continue;
                        };
                        let merged = merge_fields(&stored.fields, fields);
                        db::record(tx, true)?;
                        contacts::write(tx, id, &merged, now)?;
                        db::record(tx, false)?;
                        held.hold(&merged);
                        result.merged += 1;
                    }
                }
            }
            added.settle(tx)?;
            Ok(result)
        })
    }
}
