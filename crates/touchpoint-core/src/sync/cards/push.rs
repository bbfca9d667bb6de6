//! Push: every contact whose card differs from the one both sides agreed
//! on, and the deletions made here.

use super::{Agreed, Pass, card_of, uid_path};
use crate::error::{CoreError, Result};
use crate::sync::bulk;
use crate::sync::collection::Kind;
use crate::sync::discover::{NAME, join};

/// Clears contact `id`'s change mark, unless it changed again since
/// `generation` was read (then the next sync looks at it again).
pub(super) fn clear_mark(
    conn: &rusqlite::Connection,
    id: i64,
    generation: Option<i64>,
) -> Result<()> {
    if let Some(generation) = generation {
        conn.execute(
            "DELETE FROM sync_dirty WHERE contact_id = ?1 AND generation = ?2",
            rusqlite::params![id, generation],
        )?;
    }
    Ok(())
}

impl Pass<'_> {
    /// Writes contact `id`'s `card` over `agreed` (new when it has no
    /// ETag); returns 1 when the server refused because the card changed
    /// there (412).
    fn put(
        &mut self,
        id: i64,
        generation: Option<i64>,
        uid: &str,
        agreed: &Agreed,
        card: &str,
    ) -> Result<u32> {
        let url = join(&self.book, &agreed.href)?;
        let answer = self.dav.put_if(
            url.as_str(),
            "text/vcard; charset=utf-8",
            agreed.etag.as_deref(),
            card,
        )?;
        match answer.status {
            200..=299 => {
                self.agree(uid, &agreed.href, answer.etag.as_deref(), card)?;
                self.looked_at(id, generation)?;
                self.report.sent += 1;
                Ok(0)
            }
            // Changed there meanwhile: left marked for the next round.
            412 => Ok(1),
            status => Err(CoreError::Server(format!(
                "{url} refused a card ({status}): {}",
                answer.body.trim().chars().take(200).collect::<String>()
            ))),
        }
    }

    fn looked_at(&self, id: i64, generation: Option<i64>) -> Result<()> {
        clear_mark(&self.db.conn, id, generation)
    }

    /// Pushes every local change; returns how many writes the server
    /// refused because the card had changed there (412), and the address
    /// book's sync token after a first upload at once (`bulk`).
    pub fn push(&mut self) -> Result<(u32, Option<String>)> {
        let mut refused = 0;
        // Only contacts changed since they were last looked at, and those
        // this account has no card of yet (all of them, the first time).
        let candidates: Vec<(i64, Option<i64>)> = self
            .db
            .conn
            .prepare(
                "SELECT contact_id, generation FROM sync_dirty
                 UNION ALL
                 SELECT c.id, NULL FROM contacts c
                 WHERE NOT EXISTS (SELECT 1 FROM sync_cards s
                                   WHERE s.account_id = ?1 AND s.uid = c.uid)
                   AND NOT EXISTS (SELECT 1 FROM sync_dirty d WHERE d.contact_id = c.id)
                 ORDER BY 1",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // New cards wait, to go up in one request into an empty book.
        let mut new = Vec::new();
        for (id, generation) in candidates {
            let Some(uid) = self.uid_of_contact(id)? else {
                self.looked_at(id, generation)?;
                continue;
            };
            let card = card_of(&uid, &self.db.contact(id)?.fields);
            let agreed = self.agreed(&uid)?;
            if agreed.as_ref().is_some_and(|a| a.card == card) {
                self.looked_at(id, generation)?;
                continue;
            }
            match &agreed {
                Some(a) => refused += self.put(id, generation, &uid, a, &card)?,
                None => new.push(((id, generation), bulk::New { uid, text: card })),
            }
        }
        let (marks, new): (Vec<_>, Vec<_>) = new.into_iter().unzip();
        let placed = bulk::upload(self.dav, &self.book, Kind::AddressBook, NAME, &new)?;
        for (((id, generation), item), place) in marks.into_iter().zip(new).zip(placed.at) {
            match place {
                Some((href, etag)) => {
                    self.agree(&item.uid, &href, etag.as_deref(), &item.text)?;
                    self.looked_at(id, generation)?;
                    self.report.sent += 1;
                    // Changed there since the upload: pulled next round.
                    refused += u32::from(etag.is_none());
                }
                None => {
                    let href = join(&self.book, &format!("{}.vcf", uid_path(&item.uid)))?
                        .path()
                        .to_owned();
                    let agreed = Agreed {
                        href,
                        etag: None,
                        card: String::new(),
                    };
                    refused += self.put(id, generation, &item.uid, &agreed, &item.text)?;
                }
            }
        }
        let gone: Vec<(String, String, Option<String>)> = self
            .db
            .conn
            .prepare(
                "SELECT s.uid, s.href, s.etag FROM sync_cards s
                 WHERE s.account_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uid = s.uid)",
            )?
            .query_map([self.account], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uid, href, etag) in gone {
            let url = join(&self.book, &href)?;
            let answer = self.dav.delete_if(url.as_str(), etag.as_deref())?;
            match answer.status {
                200..=299 | 404 => {
                    self.forget(&uid)?;
                    self.report.deleted_there += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a deletion ({status})"
                    )));
                }
            }
        }
        Ok((refused, placed.token))
    }
}
