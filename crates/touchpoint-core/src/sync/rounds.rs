//! One sync's rounds: the cards pulled and pushed, then the follow-ups
//! and touches, again while a write was refused because the item changed
//! on the server meanwhile.

use super::{Account, SyncReport, cards, dav, days, todos, touches};
use crate::db::Database;
use crate::error::Result;

/// Rounds of pull and push at most: a write refused because the card
/// changed meanwhile is pulled, merged and pushed in the next round.
const ROUNDS: usize = 3;

impl Database {
    pub(super) fn sync_rounds(
        &mut self,
        dav: &dav::Dav,
        account: &mut Account,
        book: &url::Url,
        list: Option<&url::Url>,
        mut report: SyncReport,
    ) -> Result<SyncReport> {
        for _ in 0..ROUNDS {
            let mut cards = cards::Pass {
                db: self,
                dav,
                account: account.id,
                book: book.clone(),
                report: &mut report,
            };
            if let Some(next) = cards.pull(account.token.as_deref())? {
                account.token = Some(next);
            }
            // Cards first, both ways: a follow-up names its contact by UID.
            let (mut refused, uploaded) = cards.push()?;
            if let Some(next) = uploaded {
                account.token = Some(next);
            }
            if let Some(list) = list {
                let mut todos = todos::Pass {
                    db: self,
                    dav,
                    account: account.id,
                    list,
                    report: &mut report,
                };
                if let Some(next) = todos.pull(account.list_token.as_deref())? {
                    account.list_token = Some(next);
                }
                let mut new = Vec::new();
                refused += todos.push(&mut new)?;
                refused += touches::Pass {
                    db: self,
                    dav,
                    account: account.id,
                    list,
                    report: &mut report,
                }
                .push(&mut new)?;
                let (sent_refused, uploaded) =
                    todos::send::send_new(&self.conn, dav, list, account.id, &new, &mut report)?;
                refused += sent_refused;
                if let Some(next) = uploaded {
                    account.list_token = Some(next);
                }
                refused += days::push(&self.conn, dav, list, account.id, self.now())?;
            }
            if refused == 0 {
                break;
            }
        }
        Ok(report)
    }
}
