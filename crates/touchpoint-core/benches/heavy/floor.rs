//! The floor: the least SQL that returns the same rows as each core call,
//! hand-written, on its own connection to the same file with the same
//! pragmas. Rows are read into owned values, as the core must.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::America::New_York;
use rusqlite::{Connection, Row, params};

type Item = (
    i64,
    i64,
    String,
    Option<u32>,
    i64,
    String,
    String,
    String,
    String,
    String,
);

fn followup_item(r: &Row<'_>) -> rusqlite::Result<Item> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

const DUE: &str = "SELECT f.id, f.contact_id, f.kind, f.step, f.due_at, f.time_zone, f.channel,
        f.prompt, c.display_name, c.company,
        (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
        (SELECT hook FROM touches WHERE contact_id = c.id ORDER BY happened_at DESC LIMIT 1),
        (SELECT count(*) FROM touches WHERE contact_id = c.id),
        e.step, e.schedule, k.name
    FROM followups f JOIN contacts c ON c.id = f.contact_id
    LEFT JOIN enrolments e ON e.contact_id = f.contact_id AND e.ended_at IS NULL
    LEFT JOIN cadences k ON k.id = e.cadence_id
    WHERE f.status = 'open' AND f.due_at BETWEEN ?1 AND ?2
    ORDER BY f.due_at LIMIT ?3";

mod hour;
mod search;

pub struct Floor {
    pub conn: Connection,
    pub now: DateTime<Utc>,
}

fn local_midnight(day: NaiveDate) -> i64 {
    New_York
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .timestamp_millis()
}

impl Floor {
    pub fn open(path: &std::path::Path, now: DateTime<Utc>) -> Self {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(crate::PRAGMAS).unwrap();
        conn.set_prepared_statement_cache_capacity(64);
        Self { conn, now }
    }

    /// Open follow-ups due up to `until` with what a row shows: the
    /// contact, the first phone, the last hook, the touch count, the cadence.
    pub fn due(&self, until: DateTime<Utc>, limit: u32) -> usize {
        self.due_between(i64::MIN, until.timestamp_millis(), limit)
    }

    fn due_between(&self, from: i64, until: i64, limit: u32) -> usize {
        let mut stmt = self.conn.prepare_cached(DUE).unwrap();
        let rows = stmt
            .query_map(params![from, until, limit], |r| {
                Ok((
                    followup_item(r)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, u32>(12)?,
                    r.get::<_, Option<u32>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        rows.len()
    }

    pub fn today(&self) -> usize {
        let today = self.now.with_timezone(&New_York).date_naive();
        let end = local_midnight(today + Duration::days(2)) - 1;
        self.due(DateTime::from_timestamp_millis(end).unwrap(), 2000)
    }

    /// The first `per_part` rows of each part of Today, and every part counted.
    pub fn today_page(&self, per_part: u32) -> usize {
        let now = self.now.timestamp_millis();
        let today = self.now.with_timezone(&New_York).date_naive();
        let start = local_midnight(today);
        let end = local_midnight(today + Duration::days(1));
        let end_tomorrow = local_midnight(today + Duration::days(2));
        let _counts: (u32, u32, u32, u32, u32) = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(kind = 'promise' AND due_at <= ?1), 0),
                        coalesce(sum(kind <> 'promise' AND due_at < ?2), 0),
                        coalesce(sum(kind <> 'promise' AND due_at >= ?2 AND due_at <= ?1), 0),
                        coalesce(sum(due_at > ?1 AND due_at < ?3), 0),
                        coalesce(sum(due_at >= ?3), 0)
                 FROM followups WHERE status = 'open' AND due_at < ?4",
            )
            .unwrap()
            .query_row(params![now, start, end, end_tomorrow], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap();
        [
            (i64::MIN, now),
            (i64::MIN, start - 1),
            (start, now),
            (now + 1, end - 1),
            (end, end_tomorrow - 1),
        ]
        .into_iter()
        .map(|(from, until)| self.due_between(from, until, per_part))
        .sum()
    }

    /// A page of the due list and its total.
    pub fn due_page(&self, until: DateTime<Utc>, limit: u32) -> usize {
        let _total: u32 = self
            .conn
            .prepare_cached("SELECT count(*) FROM followups WHERE status = 'open' AND due_at <= ?1")
            .unwrap()
            .query_row([until.timestamp_millis()], |r| r.get(0))
            .unwrap();
        self.due(until, limit)
    }

    /// Per day of `from..to`: the count, the promises and the first `per_day`
    /// items; then the overdue count and lane.
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate, per_day: u32) -> usize {
        let now = self.now.timestamp_millis();
        let mut count = self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(kind = 'promise'), 0) FROM followups
                 WHERE status = 'open' AND due_at >= ?1 AND due_at < ?2",
            )
            .unwrap();
        let mut items = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.contact_id, f.kind, f.step, f.due_at, f.time_zone, f.channel,
                        f.prompt, c.display_name, c.company
                 FROM followups f JOIN contacts c ON c.id = f.contact_id
                 WHERE f.status = 'open' AND f.due_at >= ?1 AND f.due_at < ?2
                 ORDER BY f.due_at, f.id LIMIT ?3",
            )
            .unwrap();
        let mut shown = 0;
        for day in from.iter_days().take_while(|d| *d < to) {
            let (lo, hi) = (
                local_midnight(day).max(now),
                local_midnight(day.succ_opt().unwrap()),
            );
            let (_n, _promises): (u32, u32) = count
                .query_row(params![lo, hi], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            shown += items
                .query_map(params![lo, hi, per_day], followup_item)
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap()
                .len();
        }
        let _overdue: u32 = self
            .conn
            .prepare_cached("SELECT count(*) FROM followups WHERE status = 'open' AND due_at < ?1")
            .unwrap()
            .query_row([now], |r| r.get(0))
            .unwrap();
        let lane = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.contact_id, f.kind, f.step, f.due_at, f.time_zone, f.channel,
                        f.prompt, c.display_name, c.company
                 FROM followups f JOIN contacts c ON c.id = f.contact_id
                 WHERE f.status = 'open' AND f.due_at < ?1 ORDER BY f.due_at LIMIT 50",
            )
            .unwrap()
            .query_map([now], followup_item)
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        shown + lane.len()
    }
}

const SUMMARY: &str = "c.id, c.display_name, c.company, c.title, c.stage, c.last_touch_at,
    (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY position LIMIT 1),
    (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position LIMIT 1),
    (SELECT group_concat(tag, char(31)) FROM contact_tags WHERE contact_id = c.id),
    (SELECT min(due_at) FROM followups WHERE contact_id = c.id AND status = 'open')";

type Summary = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

fn summary(r: &Row<'_>) -> rusqlite::Result<Summary> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

impl Floor {
    /// The whole book's count and its first page of 100 by name.
    pub fn list(&self) -> usize {
        let _total: u32 = self
            .conn
            .prepare_cached("SELECT count(*) FROM contacts")
            .unwrap()
            .query_row([], |r| r.get(0))
            .unwrap();
        self.conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY} FROM contacts c ORDER BY c.display_name COLLATE NOCASE, c.id LIMIT 100"
            ))
            .unwrap()
            .query_map([], summary)
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
            .len()
    }

    /// A call logged with its next step, committed to disk: the touch, the
    /// step it carries out closed, the new step, the contact's last touch.
    pub fn log_touch(&mut self, contact: i64, next: DateTime<Utc>) {
        let now = self.now.timestamp_millis();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        tx.prepare_cached(
            "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome, notes, hook, created_at)
             VALUES (?1, ?2, 'call', 'outbound', 'connected', 'Talked it through.', '', ?2)",
        )
        .unwrap()
        .execute(params![contact, now])
        .unwrap();
        tx.prepare_cached(
            "UPDATE followups SET status = 'done', closed_at = ?2
             WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
        )
        .unwrap()
        .execute(params![contact, now])
        .unwrap();
        tx.prepare_cached(
            "INSERT INTO followups (contact_id, kind, due_on, due_at, time_zone, channel, prompt,
                                    created_at, remind_at)
             VALUES (?1, 'custom', ?2, ?3, 'America/New_York', 'email', '', ?4, ?3)",
        )
        .unwrap()
        .execute(params![
            contact,
            next.with_timezone(&New_York).date_naive().to_string(),
            next.timestamp_millis(),
            now
        ])
        .unwrap();
        tx.prepare_cached("UPDATE contacts SET last_touch_at = ?2 WHERE id = ?1")
            .unwrap()
            .execute(params![contact, now])
            .unwrap();
        tx.commit().unwrap();
    }
}
