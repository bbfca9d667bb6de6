//! Push: every contact whose card differs from the one both sides agreed
//! on, and the deletions made here.

use super::{Pass, card_of, uid_path};
use crate::error::{CoreError, Result};
use crate::sync::discover::join;

impl Pass<'_> {
    /// Pushes every local change; returns how many writes the server
    /// refused because the card had changed there (412).
    pub fn push(&mut self) -> Result<u32> {
        let mut refused = 0;
        let ids: Vec<i64> = self
            .db
            .conn
            .prepare("SELECT id FROM contacts ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let uid = self.uid_of_contact(id)?;
            let card = card_of(&uid, &self.db.contact(id)?.fields);
            let agreed = self.agreed(&uid)?;
            if agreed.as_ref().is_some_and(|a| a.card == card) {
                continue;
            }
            let href = match &agreed {
                Some(a) => a.href.clone(),
                None => join(&self.book, &format!("{}.vcf", uid_path(&uid)))?
                    .path()
                    .to_owned(),
            };
            let url = join(&self.book, &href)?;
            let condition = match agreed.as_ref().and_then(|a| a.etag.clone()) {
                Some(etag) => ("If-Match", etag),
                None => ("If-None-Match", "*".to_owned()),
            };
            let answer = self.dav.send(
                "PUT",
                url.as_str(),
                &[
                    ("Content-Type", "text/vcard; charset=utf-8"),
                    (condition.0, &condition.1),
                ],
                Some(&card),
            )?;
            match answer.status {
                200..=299 => {
                    self.agree(&uid, &href, answer.etag.as_deref(), &card)?;
                    self.report.sent += 1;
                }
                412 => refused += 1,
                status => {
                    return Err(CoreError::Server(format!(
                        "{url} refused a card ({status}): {}",
                        answer.body.trim().chars().take(200).collect::<String>()
                    )));
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
            let mut headers = Vec::new();
            if let Some(etag) = &etag {
                headers.push(("If-Match", etag.as_str()));
            }
            let answer = self.dav.send("DELETE", url.as_str(), &headers, None)?;
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
        Ok(refused)
    }
}
