//! Contacts as sync receives them: their fields stored, nothing planned.
//! A contact's follow-ups are replicated state that travels on its own
//! (the task list); planning them again on each machine that receives the
//! card would give one contact a first touch per machine.

use rusqlite::params;

use super::{ContactFields, insert, write};
use crate::db::Database;
use crate::error::Result;
use crate::followups::{self, Scheduling};

impl Database {
    /// Stores a contact that arrived from the server under its `uid`. Only
    /// when nobody planned it yet (`plan`: the card came from a phone, not
    /// from Touchpoint) is it enrolled, under UIDs made from its own, so
    /// that every machine receiving it plans the same first touch and the
    /// server keeps one of them.
    pub(crate) fn add_synced_contact(
        &mut self,
        fields: &ContactFields,
        uid: &str,
        plan: bool,
    ) -> Result<i64> {
        let fields = self.normalise_fields(fields)?;
        let now = self.now();
        let settings = self.settings()?;
        self.undoable(&format!("Added {}", fields.display_name), |tx| {
            let id = insert(tx, &fields, now)?;
            tx.execute(
                "UPDATE contacts SET uid = ?2 WHERE id = ?1",
                params![id, uid],
            )?;
            if plan {
                followups::enrol_by_stage(
                    tx,
                    id,
                    fields.stage,
                    "new",
                    &mut Scheduling::new(&settings, now),
                )?;
                tx.execute(
                    "UPDATE enrolments SET uid = 'enrolment-' || ?2
                     WHERE contact_id = ?1 AND ended_at IS NULL",
                    params![id, uid],
                )?;
                tx.execute(
                    "UPDATE followups SET uid = 'first-touch-' || ?2
                     WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
                    params![id, uid],
                )?;
            }
            Ok(id)
        })
    }

    /// Replaces a contact's fields with what sync settled on. Its plan is
    /// left alone: a change of stage or zone made on another machine was
    /// planned there, and its follow-ups arrive from the task list.
    pub(crate) fn save_synced_contact(&mut self, id: i64, fields: &ContactFields) -> Result<()> {
        let fields = self.normalise_fields(fields)?;
        let now = self.now();
        self.undoable(&format!("Edited {}", fields.display_name), |tx| {
            write(tx, id, &fields, now)
        })
    }
}
