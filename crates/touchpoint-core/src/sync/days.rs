//! The notices shown once a day (the morning digest, the follow-up hour's
//! start) synced between machines, so one does not show again what another
//! showed that day. They belong to no follow-up, so each local day gets a
//! journal entry of its own in the task list, `UID:touchpoint-day-DATE`,
//! with the instant each was shown (`X-TOUCHPOINT-DIGEST-SHOWN`,
//! `X-TOUCHPOINT-HOUR-SHOWN`). A journal entry, not a task: a phone lists
//! no extra task for it.
//!
//! Marks only add up (a union): a machine takes those it lacks and sends
//! the day when it has one the server lacks, `If-Match` on the ETag it last
//! saw, so two machines never undo each other's marks; a 412 is merged at
//! the next round. Only recent days are sent: a mark matters on its day.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use url::Url;

use super::dav::Dav;
use super::discover::join;
use super::ical::{component_lines, utc};
use crate::error::{CoreError, Result};
use crate::transfer::ics::stamp;

const UID_PREFIX: &str = "touchpoint-day-";

/// Each day notice: its table and its property.
const KINDS: [(&str, &str); 2] = [
    ("digests", "X-TOUCHPOINT-DIGEST-SHOWN"),
    ("followup_hour_notices", "X-TOUCHPOINT-HOUR-SHOWN"),
];

/// How far back days are sent.
const RECENT: Duration = Duration::days(2);

/// When each notice of `KINDS` was shown that day, if it was.
pub(super) type Marks = [Option<DateTime<Utc>>; 2];

pub(super) fn is_day(text: &str) -> bool {
    text.contains(&format!("UID:{UID_PREFIX}"))
}

pub(super) fn write(day: NaiveDate, marks: &Marks) -> String {
    let shown: String = KINDS
        .iter()
        .zip(marks)
        .filter_map(|((_, name), at)| Some(format!("{name}:{}\r\n", stamp((*at)?))))
        .collect();
    let latest = marks
        .iter()
        .flatten()
        .max()
        .map_or_else(String::new, |t| stamp(*t));
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Touchpoint//Touchpoint//EN\r\n\
         BEGIN:VJOURNAL\r\nUID:{UID_PREFIX}{day}\r\nDTSTAMP:{latest}\r\n\
         DTSTART;VALUE=DATE:{}\r\nSUMMARY:Touchpoint: the day's notices shown\r\n\
         {shown}END:VJOURNAL\r\nEND:VCALENDAR\r\n",
        day.format("%Y%m%d")
    )
}

/// The day and its marks; `None` for what Touchpoint cannot read as one.
pub(super) fn read(text: &str) -> Option<(NaiveDate, Marks)> {
    let lines = component_lines(text, "VJOURNAL").ok()?;
    let uid = lines.iter().find(|l| l.name == "UID")?.value.trim();
    let day = NaiveDate::parse_from_str(uid.strip_prefix(UID_PREFIX)?, "%Y-%m-%d").ok()?;
    let mark = |name: &str| utc(&lines.iter().find(|l| l.name == name)?.value);
    Some((day, [mark(KINDS[0].1), mark(KINDS[1].1)]))
}

/// `ours` with what `theirs` adds: a mark either side has.
fn union(ours: &Marks, theirs: &Marks) -> Marks {
    [ours[0].or(theirs[0]), ours[1].or(theirs[1])]
}

fn local(conn: &Connection, day: NaiveDate) -> Result<Marks> {
    let mut marks = [None, None];
    for (slot, (table, _)) in marks.iter_mut().zip(KINDS) {
        let at: Option<i64> = conn
            .query_row(
                &format!("SELECT delivered_at FROM {table} WHERE day = ?1"),
                [day.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        *slot = at.and_then(DateTime::from_timestamp_millis);
    }
    Ok(marks)
}

fn agreed(
    conn: &Connection,
    account: i64,
    day: NaiveDate,
) -> Result<Option<(String, Option<String>, Marks)>> {
    let row: Option<(String, Option<String>, String)> = conn
        .query_row(
            "SELECT href, etag, agreed FROM sync_day_marks WHERE account_id = ?1 AND day = ?2",
            params![account, day.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(href, etag, text)| {
        let marks = read(&text).map_or([None, None], |(_, m)| m);
        (href, etag, marks)
    }))
}

fn agree(
    conn: &Connection,
    account: i64,
    day: NaiveDate,
    href: &str,
    etag: Option<&str>,
    text: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_day_marks (account_id, day, href, etag, agreed) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id, day) DO UPDATE
         SET href = excluded.href, etag = excluded.etag, agreed = excluded.agreed",
        params![account, day.to_string(), href, etag, text],
    )?;
    Ok(())
}

/// One day's journal entry from the server: the marks this machine lacks
/// are taken (the notice is then not shown here that day). Returns false
/// for an entry Touchpoint cannot read, left as it is.
pub(super) fn take(
    conn: &mut Connection,
    account: i64,
    href: &str,
    etag: &str,
    text: &str,
) -> Result<bool> {
    let Some((day, theirs)) = read(text) else {
        return Ok(false);
    };
    let tx = conn.transaction()?;
    for ((table, _), at) in KINDS.iter().zip(theirs) {
        if let Some(at) = at {
            tx.execute(
                &format!("INSERT OR IGNORE INTO {table} (day, delivered_at) VALUES (?1, ?2)"),
                params![day.to_string(), at.timestamp_millis()],
            )?;
        }
    }
    agree(&tx, account, day, href, Some(etag), text)?;
    tx.commit()?;
    Ok(true)
}

/// The recent days with a mark here: each shown notice, not one claimed
/// and still waiting for the notification server (it may not be shown).
fn recent_days(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<NaiveDate>> {
    let since = (now - RECENT).timestamp_millis();
    let mut days = Vec::new();
    for (table, _) in KINDS {
        let found: Vec<String> = conn
            .prepare(&format!(
                "SELECT day FROM {table} WHERE delivered_at >= ?1 AND delivered_at NOT IN
                 (SELECT claimed_at FROM notices_sent WHERE server_id IS NULL)"
            ))?
            .query_map([since], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        days.extend(found.iter().filter_map(|d| d.parse::<NaiveDate>().ok()));
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// Sends the recent days whose marks here the server lacks; returns how
/// many writes were refused because the day changed there (412), to be
/// merged at the next round. A task list that takes no journal entries
/// keeps them here.
pub(super) fn push(
    conn: &Connection,
    dav: &Dav,
    list: &Url,
    account: i64,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut refused = 0;
    for day in recent_days(conn, now)? {
        let ours = local(conn, day)?;
        let (href, etag, theirs) = match agreed(conn, account, day)? {
            Some(found) => found,
            None => (format!("{UID_PREFIX}{day}.ics"), None, [None, None]),
        };
        let merged = union(&ours, &theirs);
        if merged == theirs {
            continue;
        }
        let text = write(day, &merged);
        let url = join(list, &href)?;
        let answer = dav.put_if(
            url.as_str(),
            "text/calendar; charset=utf-8",
            etag.as_deref(),
            &text,
        )?;
        match answer.status {
            200..=299 => agree(
                conn,
                account,
                day,
                url.path(),
                answer.etag.as_deref(),
                &text,
            )?,
            412 => refused += 1,
            403 | 415 => return Ok(refused),
            status => {
                return Err(CoreError::Server(format!(
                    "{url} refused the day's notices shown ({status})"
                )));
            }
        }
    }
    Ok(refused)
}

#[cfg(test)]
mod tests;
