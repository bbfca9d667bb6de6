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
use crate::contacts::{self, ContactFields, SearchRow};
use crate::db::{self, Database};
use crate::error::Result;
use crate::followups::cadence::ScheduleKind;
use crate::followups::templates::{self, Cadence};
use crate::followups::{self, ContactTiming, Scheduling};
use crate::settings::Settings;
use crate::stage::Stage;

/// Contacts added since the last merge: their search rows still to write
/// and the range of ids the journal has not named yet.
#[derive(Default)]
struct Added {
    search: Vec<SearchRow>,
    ids: Option<(i64, i64)>,
    /// The cadence each stage enrols in, read once.
    cadences: HashMap<Stage, Option<(i64, ScheduleKind, Cadence)>>,
}

impl Added {
    fn add(
        &mut self,
        tx: &Transaction<'_>,
        fields: &ContactFields,
        ctx: &mut Scheduling<'_>,
    ) -> Result<()> {
        let id = contacts::insert_unindexed(tx, fields, ctx.now)?;
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
        self.enrol(tx, id, fields, ctx)
    }

    /// What `followups::enrol_by_stage` does for a contact with no
    /// enrolment and no follow-up yet: enrols it in its stage's cadence with
    /// its first touch planned, reading nothing back.
    fn enrol(
        &mut self,
        tx: &Transaction<'_>,
        id: i64,
        fields: &ContactFields,
        ctx: &mut Scheduling<'_>,
    ) -> Result<()> {
        let stage = fields.stage;
        if let Entry::Vacant(slot) = self.cadences.entry(stage) {
            slot.insert(stage_cadence(tx, stage)?);
        }
        let Some(Some((cadence_id, kind, cadence))) = self.cadences.get(&stage) else {
            return Ok(());
        };
        let timing = timing_of_new(fields, ctx.settings);
        let anchor = timing.today(ctx.now);
        let plan = followups::plan_step(tx, &timing, (cadence, *kind, anchor), 0, None, ctx)?;
        let moved = plan
            .as_ref()
            .and_then(|p| p.anchor_moves_days)
            .map_or(anchor, |days| anchor + Duration::days(days));
        let enrolment = followups::insert_enrolment(tx, id, (*cadence_id, *kind), moved, ctx.now)?;
        if let Some(plan) = plan {
            plan.insert(tx, id, enrolment, timing.zone, ctx.now)?;
        }
        Ok(())
    }

    /// Writes the search rows and journals the contacts added so far.
    fn settle(&mut self, tx: &Transaction<'_>) -> Result<()> {
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
