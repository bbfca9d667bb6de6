//! Touches ↔ the task list, both ways, as replicated state: every touch a
//! VJOURNAL (`journal`) under the touch's own UID, beside the follow-ups'
//! VTODOs, so a touch logged on the laptop is in the desktop's timeline.
//!
//! A touch taken from the server is written as it is, without scheduling
//! anything: what it did to the schedule (a step done, the next planned,
//! a promise made or kept) arrives as the follow-ups' VTODOs, from the
//! machine that logged it. Likewise an edit or a deletion made there is
//! applied here to the touch alone. A touch changed on both sides keeps
//! each side's own change, field by field; a touch deleted there that was
//! changed here goes back up as new.

mod apply;
pub(super) mod journal;
mod local;
mod push;

use url::Url;

use super::SyncReport;
use super::dav::Dav;
use super::todos::{Agreed, Agreements};
use crate::db::Database;
use crate::error::Result;

pub(super) use journal::is_journal;

pub(super) struct Pass<'a> {
    pub db: &'a mut Database,
    pub dav: &'a Dav,
    pub account: i64,
    pub list: &'a Url,
    pub report: &'a mut SyncReport,
}

impl Pass<'_> {
    fn agreed(&self, uid: &str) -> Result<Option<Agreed>> {
        Agreements::Journals.get(&self.db.conn, self.account, uid)
    }

    fn forget(&self, uid: &str) -> Result<()> {
        Agreements::Journals.forget(&self.db.conn, self.account, uid)
    }
}
