//! Finding contacts that are probably the same person, and merging them.
//!
//! Three rules, each backed by an index: the same email (case-insensitive),
//! the same phone number (E.164), or the same name and company (folded:
//! case, accents and punctuation ignored). A merge never loses a value: lists
//! are united, and where both sides hold a different single value the other
//! one is written into the notes.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::contacts;
use crate::contacts::phone;
use crate::contacts::search;
use crate::contacts::text_key;
use crate::contacts::{Contact, ContactFields, ContactSummary, PostalAddress};
use crate::db::Cached;
use crate::db::Database;
use crate::error::{CoreError, Result};

/// Why a stored contact looks like the one being saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum DuplicateReason {
    SameEmail(String),
    SamePhone(String),
    SameNameAndCompany,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateMatch {
    pub contact: ContactSummary,
    pub reasons: Vec<DuplicateReason>,
}

const MAX_MATCHES: usize = 5;

/// Stored contacts that look like `fields` (already normalised), excluding `exclude`.
pub(crate) fn find(
    conn: &Connection,
    fields: &ContactFields,
    exclude: Option<i64>,
) -> Result<Vec<DuplicateMatch>> {
    let mut reasons: BTreeMap<i64, Vec<DuplicateReason>> = BTreeMap::new();
    let exclude = exclude.unwrap_or(-1);
    let mut by_email = conn.prepare_cached(
        "SELECT DISTINCT contact_id FROM contact_emails WHERE address_key = ?1 AND contact_id <> ?2",
    )?;
    for e in &fields.emails {
        for id in by_email.query_map(params![e.address.to_lowercase(), exclude], |r| r.get(0))? {
            reasons
                .entry(id?)
                .or_default()
                .push(DuplicateReason::SameEmail(e.address.clone()));
        }
    }
    let mut by_phone = conn.prepare_cached(
        "SELECT DISTINCT contact_id FROM contact_phones WHERE e164 = ?1 AND contact_id <> ?2",
    )?;
    for p in &fields.phones {
        let Some(e164) = &p.e164 else { continue };
        for id in by_phone.query_map(params![e164, exclude], |r| r.get(0))? {
            reasons
                .entry(id?)
                .or_default()
                .push(DuplicateReason::SamePhone(p.number.clone()));
        }
    }
    let key = text_key::name_company_key(&fields.display_name, &fields.company);
    if !key.is_empty() {
        let mut by_name = conn.prepare_cached(
            "SELECT id FROM contacts WHERE name_key = ?1 AND name_key <> '' AND id <> ?2 LIMIT 20",
        )?;
        for id in by_name.query_map(params![key, exclude], |r| r.get(0))? {
            reasons
                .entry(id?)
                .or_default()
                .push(DuplicateReason::SameNameAndCompany);
        }
    }
    let mut found: Vec<(i64, Vec<DuplicateReason>)> = reasons.into_iter().collect();
    // Most reasons first, then the oldest contact (usually the one to keep).
    found.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    found.truncate(MAX_MATCHES);
    found
        .into_iter()
        .map(|(id, reasons)| {
            Ok(DuplicateMatch {
                contact: search::summary(conn, id)?,
                reasons,
            })
        })
        .collect()
}

impl Database {
    /// Stored contacts that look like `fields`.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] when `fields` would not pass validation.
    pub fn find_duplicates(&self, fields: &ContactFields) -> Result<Vec<DuplicateMatch>> {
        let fields = self.normalise_fields(fields)?;
        find(&self.conn, &fields, None)
    }

    /// Merges new, unsaved fields into stored contact `target`.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown target, [`CoreError::Invalid`] for bad input.
    pub fn merge_into(&mut self, target: i64, fields: &ContactFields) -> Result<Contact> {
        let base = self.contact(target)?;
        let incoming = self.normalise_fields(fields)?;
        let merged = merge_fields(&base.fields, &incoming);
        self.save_contact(target, &merged, |name| format!("Merged a card into {name}"))
    }

    /// Merges stored contact `other` into `keep` and deletes `other`;
    /// contacts that `other` referred now point at `keep`.
    ///
    /// # Errors
    /// [`CoreError::NotFound`] for an unknown id, [`CoreError::Invalid`] when both are the same.
    pub fn merge_contacts(&mut self, keep: i64, other: i64) -> Result<Contact> {
        if keep == other {
            return Err(CoreError::invalid(
                "merge",
                "A contact cannot be merged with itself",
            ));
        }
        let base = self.contact(keep)?;
        let absorbed = self.contact(other)?;
        let mut merged = merge_fields(&base.fields, &absorbed.fields);
        if merged.referred_by == Some(other) {
            merged.referred_by = None;
        }
        let merged = self.normalise_fields(&merged)?;
        let now = self.now();
        self.undoable(
            &format!(
                "Merged {} into {}",
                absorbed.fields.display_name, base.fields.display_name
            ),
            |tx| {
                tx.run(
                    "UPDATE contacts SET referred_by = ?1 WHERE referred_by = ?2 AND id <> ?1",
                    params![keep, other],
                )?;
                tx.run(
                    "UPDATE contacts SET last_touch_at = max(coalesce(last_touch_at, 0),
                    (SELECT coalesce(last_touch_at, 0) FROM contacts WHERE id = ?2))
                 WHERE id = ?1 AND (SELECT last_touch_at FROM contacts WHERE id = ?2) IS NOT NULL",
                    params![keep, other],
                )?;
                // The absorbed contact's history and promises follow it; its own
                // next step and cadence end with it (the kept contact has its own).
                tx.run(
                    "UPDATE touches SET contact_id = ?1 WHERE contact_id = ?2",
                    params![keep, other],
                )?;
                tx.run(
                    "UPDATE followups SET status = 'cancelled', closed_at = ?2
                 WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
                    params![other, now.timestamp_millis()],
                )?;
                tx.run(
                    "UPDATE followups SET contact_id = ?1 WHERE contact_id = ?2",
                    params![keep, other],
                )?;
                tx.run("DELETE FROM enrolments WHERE contact_id = ?1", [other])?;
                tx.run("DELETE FROM contact_search WHERE rowid = ?1", [other])?;
                tx.run("DELETE FROM contacts WHERE id = ?1", [other])?;
                contacts::write(tx, keep, &merged, now)?;
                Ok(())
            },
        )?;
        self.contact(keep)
    }
}

/// `base` with everything from `other` added. Where both hold a different
/// single value, `base` wins and `other`'s value is noted, so nothing is lost.
#[must_use]
pub fn merge_fields(base: &ContactFields, other: &ContactFields) -> ContactFields {
    let mut conflicts: Vec<String> = Vec::new();
    let mut pick = |label: &str, a: &str, b: &str| -> String {
        if a.trim().is_empty() {
            b.to_owned()
        } else {
            if !b.trim().is_empty() && text_key::fold(a) != text_key::fold(b) {
                conflicts.push(format!("{label}: {b}"));
            }
            a.to_owned()
        }
    };
    let given_name = pick("First name", &base.given_name, &other.given_name);
    let family_name = pick("Last name", &base.family_name, &other.family_name);
    let display_name = pick("Name", &base.display_name, &other.display_name);
    let title = pick("Title", &base.title, &other.title);
    let company = pick("Company", &base.company, &other.company);
    let website = pick("Website", &base.website, &other.website);
    let met_where = pick("Met at", &base.met_where, &other.met_where);
    let time_zone = pick("Time zone", &base.time_zone, &other.time_zone);
    let birthday = pick("Birthday", &base.birthday, &other.birthday);
    let address = if is_empty_address(&base.address) {
        other.address.clone()
    } else {
        if !is_empty_address(&other.address) && base.address != other.address {
            conflicts.push(format!("Address: {}", one_line(&other.address)));
        }
        base.address.clone()
    };
    let mut notes = base.notes.clone();
    for extra in std::iter::once(other.notes.trim())
        .filter(|n| !n.is_empty() && !base.notes.contains(n))
        .map(str::to_owned)
        .chain(conflicts.iter().map(|c| format!("Also known: {c}")))
    {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(&extra);
    }
    ContactFields {
        given_name,
        family_name,
        display_name,
        title,
        company,
        phones: union(&base.phones, &other.phones, |p| {
            p.e164.clone().unwrap_or_else(|| phone::digits(&p.number))
        }),
        emails: union(&base.emails, &other.emails, |e| e.address.to_lowercase()),
        website,
        address,
        profiles: union(&base.profiles, &other.profiles, |p| p.url.to_lowercase()),
        met_where,
        met_on: match (base.met_on, other.met_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        notes,
        tags: union(&base.tags, &other.tags, |t| t.to_lowercase()),
        stage: base.stage,
        referred_by: base.referred_by.or(other.referred_by),
        preferred_channels: union(&base.preferred_channels, &other.preferred_channels, |c| *c),
        preferred_every_days: base.preferred_every_days.or(other.preferred_every_days),
        best_times: union(&base.best_times, &other.best_times, |w| {
            (w.days.clone(), w.start.clone(), w.end.clone())
        }),
        time_zone,
        birthday,
    }
}

fn union<T: Clone, K: PartialEq>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out: Vec<T> = a.to_vec();
    for item in b {
        if !out.iter().any(|x| key(x) == key(item)) {
            out.push(item.clone());
        }
    }
    out
}

fn is_empty_address(a: &PostalAddress) -> bool {
    [
        &a.street,
        &a.locality,
        &a.region,
        &a.postal_code,
        &a.country,
    ]
    .iter()
    .all(|s| s.trim().is_empty())
}

fn one_line(a: &PostalAddress) -> String {
    [
        &a.street,
        &a.postal_code,
        &a.locality,
        &a.region,
        &a.country,
    ]
    .iter()
    .map(|s| s.trim().replace('\n', ", "))
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

#[cfg(test)]
mod tests;
