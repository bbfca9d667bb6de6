//! A touch from the server written here, in one transaction with the
//! agreement it settles, without scheduling anything: inserted as it is,
//! or the local row changed to match; a touch deleted there deleted here.
//! The contact's last touch follows the touches it has.

use rusqlite::{Connection, params};

use super::journal::{Journal, read_journal};
use super::{Pass, local};
use crate::error::{CoreError, Result};
use crate::sync::todos::Agreements;

/// The links a touch carries, made here for the follow-ups that are here.
fn link(conn: &Connection, touch_id: i64, j: &Journal) -> Result<()> {
    conn.execute(
        "UPDATE touches SET followup_id = (SELECT id FROM followups WHERE uid = ?2)
         WHERE id = ?1 AND followup_id IS NOT (SELECT id FROM followups WHERE uid = ?2)",
        params![touch_id, j.carried_out],
    )?;
    conn.execute(
        "UPDATE followups SET made_by_touch = NULL
         WHERE made_by_touch = ?1 AND uid IS NOT ?2",
        params![touch_id, j.promised],
    )?;
    conn.execute(
        "UPDATE followups SET made_by_touch = ?1 WHERE uid = ?2 AND made_by_touch IS NOT ?1",
        params![touch_id, j.promised],
    )?;
    let ended = serde_json::to_string(&j.ended).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "UPDATE followups SET closed_by_touch = NULL
         WHERE closed_by_touch = ?1 AND uid NOT IN (SELECT value FROM json_each(?2))",
        params![touch_id, ended],
    )?;
    conn.execute(
        "UPDATE followups SET closed_by_touch = ?1
         WHERE uid IN (SELECT value FROM json_each(?2)) AND closed_by_touch IS NOT ?1",
        params![touch_id, ended],
    )?;
    Ok(())
}

/// The contact's last touch, from the touches it has.
fn set_last_touch(conn: &Connection, contact_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE contacts SET last_touch_at = (SELECT max(happened_at) FROM touches WHERE contact_id = ?1)
         WHERE id = ?1
           AND last_touch_at IS NOT (SELECT max(happened_at) FROM touches WHERE contact_id = ?1)",
        [contact_id],
    )?;
    Ok(())
}

fn write(conn: &Connection, id: Option<i64>, contact_id: i64, j: &Journal) -> Result<i64> {
    let objections = serde_json::to_string(&j.objections).unwrap_or_else(|_| "[]".into());
    let (happened_at, created_at) = (
        j.happened_at.timestamp_millis(),
        j.created_at.timestamp_millis(),
    );
    let id = match id {
        Some(id) => {
            conn.execute(
                "UPDATE touches SET happened_at = ?2, channel = ?3, direction = ?4, outcome = ?5,
                        notes = ?6, hook = ?7, objections = ?8
                 WHERE id = ?1",
                params![
                    id,
                    happened_at,
                    j.channel,
                    j.direction,
                    j.outcome,
                    j.notes,
                    j.hook,
                    objections
                ],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome,
                                      notes, hook, objections, created_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    contact_id,
                    happened_at,
                    j.channel,
                    j.direction,
                    j.outcome,
                    j.notes,
                    j.hook,
                    objections,
                    created_at,
                    j.uid,
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    link(conn, id, j)?;
    set_last_touch(conn, contact_id)?;
    Ok(id)
}

/// What the touch should become: the server's version, unless this machine
/// changed it since both agreed (`base`); then each field this machine
/// changed keeps its change and the others take the server's.
fn settle(base: Option<&Journal>, ours: &Journal, theirs: &Journal) -> Journal {
    let Some(base) = base.filter(|b| *b != ours) else {
        return theirs.clone();
    };
    macro_rules! pick {
        ($($field:ident),*) => {
            Journal {
                $($field: if ours.$field == base.$field {
                    theirs.$field.clone()
                } else {
                    ours.$field.clone()
                },)*
                uid: ours.uid.clone(),
                contact_uid: ours.contact_uid.clone(),
                created_at: ours.created_at,
            }
        };
    }
    pick!(
        happened_at,
        channel,
        direction,
        outcome,
        notes,
        hook,
        objections,
        carried_out,
        promised,
        ended
    )
}

impl Pass<'_> {
    /// One VJOURNAL from the server, whose contact is here as `contact_id`.
    pub(in crate::sync) fn take(
        &mut self,
        contact_id: i64,
        href: &str,
        etag: &str,
        theirs: &Journal,
        text: &str,
    ) -> Result<()> {
        let account = self.account;
        let base = self
            .agreed(&theirs.uid)?
            .and_then(|a| read_journal(&a.text).ok());
        let tx = self.db.conn.transaction()?;
        tx.execute(
            "DELETE FROM sync_todos_waiting WHERE account_id = ?1 AND href = ?2",
            params![account, href],
        )?;
        let ours = local::by_uid(&tx, &theirs.uid)?;
        match &ours {
            None => {
                write(&tx, None, contact_id, theirs)?;
            }
            Some(ours) => {
                if ours.journal.contact_uid != theirs.contact_uid {
                    return Err(CoreError::Server(format!(
                        "the journal entry at {href} names another contact than the touch {} here",
                        theirs.uid
                    )));
                }
                let settled = settle(base.as_ref(), &ours.journal, theirs);
                if settled != ours.journal {
                    write(&tx, Some(ours.id), contact_id, &settled)?;
                    self.report.touches.changed += 1;
                }
            }
        }
        Agreements::Journals.agree(&tx, account, &theirs.uid, href, Some(etag), text)?;
        tx.commit()?;
        self.report.touches.received += 1;
        Ok(())
    }

    /// A VJOURNAL deleted on the server: the touch is deleted here too
    /// (nothing else: what its deletion did to the schedule comes as the
    /// follow-ups), unless it was changed here since; then it goes back up
    /// as new.
    pub(in crate::sync) fn removed_there(&mut self, uid: &str) -> Result<()> {
        let base = self.agreed(uid)?.and_then(|a| read_journal(&a.text).ok());
        if let Some(ours) = local::by_uid(&self.db.conn, uid)?
            && base.as_ref() == Some(&ours.journal)
        {
            let tx = self.db.conn.transaction()?;
            tx.execute("DELETE FROM touches WHERE id = ?1", [ours.id])?;
            set_last_touch(&tx, ours.contact_id)?;
            tx.commit()?;
            self.report.touches.deleted_here += 1;
        }
        self.forget(uid)
    }
}
