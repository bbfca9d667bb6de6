//! The rules a contact must satisfy before it is stored, and the
//! normalisation applied on the way in (trimming, E.164 phones, derived
//! display name, de-duplicated tags).
//!
//! Errors name the field in the UI's terms (`emails[1]`, `bestTimes[0]`) and
//! come in form order, so the user is sent to the first problem.

use chrono::{Datelike, NaiveDate};

use crate::contacts::phone;
use crate::contacts::{ContactFields, Email, Phone, PostalAddress};
use crate::error::{CoreError, Result};
use crate::time::{TimeWindow, parse_hhmm};
pub(crate) use links::refused_scheme;
use links::{profiles, url};

mod links;

const SHORT: usize = 200;
const LABEL: usize = 40;
const EMAIL: usize = 254;
const PHONE: usize = 60;
const URL: usize = 2048;
const NOTES: usize = 20_000;
const MAX_ITEMS: usize = 20;
const MAX_TAGS: usize = 50;
const TAG: usize = 50;

/// What validation needs to know about the world.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleContext<'a> {
    pub today: NaiveDate,
    pub phone_region: &'a str,
}

pub(crate) fn normalise(fields: &ContactFields, ctx: RuleContext<'_>) -> Result<ContactFields> {
    let given_name = line("givenName", "First name", &fields.given_name, SHORT)?;
    let family_name = line("familyName", "Last name", &fields.family_name, SHORT)?;
    let mut display_name = line("displayName", "Name", &fields.display_name, SHORT)?;
    if display_name.is_empty() {
        display_name = [given_name.as_str(), family_name.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
    }
    if display_name.is_empty() {
        return Err(CoreError::invalid("displayName", "Name is required"));
    }
    let title = line("title", "Title", &fields.title, SHORT)?;
    let company = line("company", "Company", &fields.company, SHORT)?;
    let phones = phones(&fields.phones, ctx.phone_region)?;
    let emails = emails(&fields.emails)?;
    let website = url("website", "Website", &fields.website)?;
    let address = address(&fields.address)?;
    let profiles = profiles(&fields.profiles)?;
    let met_where = line("metWhere", "Where you met", &fields.met_where, SHORT)?;
    if fields.met_on.is_some_and(|d| d > ctx.today) {
        return Err(CoreError::invalid(
            "metOn",
            "The day you met cannot be in the future",
        ));
    }
    let notes = text("notes", "Notes", &fields.notes, NOTES)?;
    let tags = tags(&fields.tags)?;
    if let Some(days) = fields.preferred_every_days
        && !(1..=3650).contains(&days)
    {
        return Err(CoreError::invalid(
            "preferredEveryDays",
            "The frequency the customer asked for must be between 1 and 3650 days",
        ));
    }
    let mut preferred_channels = fields.preferred_channels.clone();
    dedup_keep_order(&mut preferred_channels, |c| *c);
    let best_times = best_times(&fields.best_times)?;
    let time_zone = time_zone(&fields.time_zone)?;
    let birthday = birthday(&fields.birthday, ctx.today)?;
    Ok(ContactFields {
        given_name,
        family_name,
        display_name,
        title,
        company,
        phones,
        emails,
        website,
        address,
        profiles,
        met_where,
        met_on: fields.met_on,
        notes,
        tags,
        stage: fields.stage,
        referred_by: fields.referred_by,
        preferred_channels,
        preferred_every_days: fields.preferred_every_days,
        best_times,
        time_zone,
        birthday,
    })
}

fn too_long(field: &str, label: &str, length: usize, max: usize) -> CoreError {
    CoreError::invalid(
        field,
        format!("{label} is too long: {length} characters, at most {max}"),
    )
}

/// Multi-line text, trimmed; control characters other than line breaks and tabs refused.
fn text(field: &str, label: &str, raw: &str, max: usize) -> Result<String> {
    // Count before trimming so a huge paste is refused without copying it.
    let length = raw.chars().count();
    if length > max * 4 || raw.trim().chars().count() > max {
        return Err(too_long(field, label, length, max));
    }
    if raw
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(CoreError::invalid(
            field,
            format!("{label} contains a control character"),
        ));
    }
    Ok(raw.trim().replace("\r\n", "\n"))
}

/// One line of text.
fn line(field: &str, label: &str, raw: &str, max: usize) -> Result<String> {
    let value = text(field, label, raw, max)?;
    if value.contains(['\n', '\r', '\t']) {
        return Err(CoreError::invalid(
            field,
            format!("{label} must be a single line"),
        ));
    }
    Ok(value)
}

fn too_many(field: &str, what: &str, max: usize) -> CoreError {
    CoreError::invalid(field, format!("At most {max} {what}"))
}

fn phones(raw: &[Phone], region: &str) -> Result<Vec<Phone>> {
    if raw.len() > MAX_ITEMS {
        return Err(too_many("phones", "phone numbers", MAX_ITEMS));
    }
    let mut out: Vec<Phone> = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let field = format!("phones[{i}]");
        let number = line(&field, "Phone", &p.number, PHONE)?;
        if number.is_empty() {
            continue;
        }
        let label = line(&field, "Phone label", &p.label, LABEL)?.to_lowercase();
        let e164 = phone::normalise(&number, region).map_err(|why| {
            CoreError::invalid(
                &field,
                format!("Phone \"{number}\" is not a phone number: {why}"),
            )
        })?;
        out.push(Phone {
            label,
            number,
            e164,
        });
    }
    dedup_keep_order(&mut out, |p| {
        p.e164.clone().unwrap_or_else(|| phone::digits(&p.number))
    });
    Ok(out)
}

fn emails(raw: &[Email]) -> Result<Vec<Email>> {
    if raw.len() > MAX_ITEMS {
        return Err(too_many("emails", "email addresses", MAX_ITEMS));
    }
    let mut out: Vec<Email> = Vec::with_capacity(raw.len());
    for (i, e) in raw.iter().enumerate() {
        let field = format!("emails[{i}]");
        let address = line(&field, "Email", &e.address, EMAIL)?;
        if address.is_empty() {
            continue;
        }
        let address = address
            .strip_prefix("mailto:")
            .unwrap_or(&address)
            .to_owned();
        if !is_email(&address) {
            return Err(CoreError::invalid(
                &field,
                format!("\"{address}\" is not an email address (expected name@example.com)"),
            ));
        }
        let label = line(&field, "Email label", &e.label, LABEL)?.to_lowercase();
        out.push(Email { label, address });
    }
    dedup_keep_order(&mut out, |e| e.address.to_lowercase());
    Ok(out)
}

/// A pragmatic address check: what people type by mistake is caught, while
/// every address a mail server would accept in practice passes.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains(['@', ' ', ',', ';', '<', '>', '(', ')', '[', ']', '"', '\\'])
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

fn address(raw: &PostalAddress) -> Result<PostalAddress> {
    Ok(PostalAddress {
        street: text("address.street", "Street", &raw.street, 500)?,
        locality: line("address.locality", "City", &raw.locality, SHORT)?,
        region: line("address.region", "Region", &raw.region, SHORT)?,
        postal_code: line("address.postalCode", "Postal code", &raw.postal_code, 40)?,
        country: line("address.country", "Country", &raw.country, SHORT)?,
    })
}

fn tags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for (i, t) in raw.iter().enumerate() {
        let tag = line(&format!("tags[{i}]"), "Tag", t, TAG)?;
        if !tag.is_empty() {
            out.push(tag);
        }
    }
    dedup_keep_order(&mut out, |t| t.to_lowercase());
    if out.len() > MAX_TAGS {
        return Err(too_many("tags", "tags", MAX_TAGS));
    }
    Ok(out)
}

fn best_times(raw: &[TimeWindow]) -> Result<Vec<TimeWindow>> {
    if raw.len() > 7 {
        return Err(too_many("bestTimes", "best-time windows", 7));
    }
    let mut out = Vec::with_capacity(raw.len());
    for (i, w) in raw.iter().enumerate() {
        let field = format!("bestTimes[{i}]");
        let (Some(start), Some(end)) = (parse_hhmm(&w.start), parse_hhmm(&w.end)) else {
            return Err(CoreError::invalid(
                &field,
                "Best time to call needs a start and an end such as 09:00 and 11:30",
            ));
        };
        if start >= end {
            return Err(CoreError::invalid(
                &field,
                "Best time to call must end after it starts",
            ));
        }
        let mut days = w.days.clone();
        days.sort();
        days.dedup();
        out.push(TimeWindow {
            days,
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
        });
    }
    Ok(out)
}

fn time_zone(raw: &str) -> Result<String> {
    let zone = raw.trim();
    if zone.is_empty() {
        return Ok(String::new());
    }
    zone.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| {
            CoreError::invalid(
                "timeZone",
                format!("\"{zone}\" is not a known time zone (use a name such as Europe/Berlin)"),
            )
        })
}

/// "YYYY-MM-DD" or "--MM-DD"; February 29th is a valid year-less birthday.
fn birthday(raw: &str, today: NaiveDate) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let invalid = || {
        CoreError::invalid(
            "birthday",
            "Birthday must be a date such as 1985-04-12, or --04-12 without the year",
        )
    };
    if let Some(month_day) = value.strip_prefix("--") {
        let (m, d) = month_day.split_once('-').ok_or_else(invalid)?;
        let (m, d): (u32, u32) = (
            m.parse().map_err(|_| invalid())?,
            d.parse().map_err(|_| invalid())?,
        );
        NaiveDate::from_ymd_opt(2000, m, d).ok_or_else(invalid)?;
        return Ok(format!("--{m:02}-{d:02}"));
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| invalid())?;
    if date > today {
        return Err(CoreError::invalid(
            "birthday",
            "Birthday cannot be in the future",
        ));
    }
    if date.year() < 1900 {
        return Err(CoreError::invalid(
            "birthday",
            "Birthday must be after 1900",
        ));
    }
    Ok(date.format("%Y-%m-%d").to_string())
}

fn dedup_keep_order<T, K: Eq + std::hash::Hash>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(key(item)));
}

#[cfg(test)]
mod tests;
