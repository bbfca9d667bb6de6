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

    /// The follow-up hour's queue: today's and overdue follow-ups (promises
    /// first) with their contacts' names, then the ten longest-silent
    /// customers.
    pub fn hour_queue(&self, silent_days: i64, week_end: i64) -> usize {
        let today = self.now.with_timezone(&New_York).date_naive();
        let end = local_midnight(today + Duration::days(1)) - 1;
        // Promises first, then the others: each a walk of the due index.
        let mut due = 0;
        for kind in ["f.kind = 'promise'", "f.kind <> 'promise'"] {
            due += self
                .conn
                .prepare_cached(&format!(
                    "SELECT f.id, f.contact_id, f.kind, f.due_at, c.display_name, c.company,
                            c.last_touch_at
                     FROM followups f JOIN contacts c ON c.id = f.contact_id
                     WHERE f.status = 'open' AND {kind} AND f.due_at <= ?1
                     ORDER BY f.due_at LIMIT ?2"
                ))
                .unwrap()
                .query_map(params![end, 500 - i64::try_from(due).unwrap()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                    ))
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap()
                .len();
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.display_name, c.company, c.last_touch_at
                 FROM contacts c
                 WHERE c.stage IN ('customer', 'past_customer') AND coalesce(c.last_touch_at, 0) <= ?1
                   AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.contact_id = c.id
                                   AND f.status = 'open' AND f.due_at < ?2)
                 ORDER BY coalesce(c.last_touch_at, 0), c.display_name COLLATE NOCASE LIMIT 10",
            )
            .unwrap();
        let cutoff = (self.now - Duration::days(silent_days)).timestamp_millis();
        let rows = stmt
            .query_map(params![cutoff, week_end], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        due + rows.len()
    }

    /// What a call needs, for one contact of the hour: the contact, its
    /// first phone, the last hook and notes said, its own calls (for when
    /// they answer), the touch count and cadence, and the follow-up.
    pub fn hour_card(&self, contact: i64, followup: Option<i64>) -> usize {
        let row = self
            .conn
            .prepare_cached(
                "SELECT c.display_name, c.company, c.birthday, c.last_touch_at, c.time_zone,
                        c.best_times, c.preferred_channels,
                        (SELECT number FROM contact_phones WHERE contact_id = c.id
                         ORDER BY position LIMIT 1),
                        (SELECT hook FROM touches WHERE contact_id = c.id AND hook <> ''
                         ORDER BY happened_at DESC LIMIT 1),
                        (SELECT notes FROM touches WHERE contact_id = c.id AND notes <> ''
                         ORDER BY happened_at DESC LIMIT 1),
                        (SELECT group_concat(happened_at || outcome) FROM touches t
                         WHERE t.contact_id = c.id AND t.direction = 'outbound'
                           AND t.channel IN ('call', 'voicemail')),
                        (SELECT count(*) FROM touches WHERE contact_id = c.id),
                        e.step, e.schedule, k.name
                 FROM contacts c
                 LEFT JOIN enrolments e ON e.contact_id = c.id AND e.ended_at IS NULL
                 LEFT JOIN cadences k ON k.id = e.cadence_id
                 WHERE c.id = ?1",
            )
            .unwrap()
            .query_row([contact], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, u32>(11)?,
                    r.get::<_, Option<String>>(14)?,
                ))
            })
            .unwrap();
        let step = followup.map(|id| {
            self.conn
                .prepare_cached(
                    "SELECT id, contact_id, kind, step, due_at, time_zone, channel, prompt, '', ''
                     FROM followups WHERE id = ?1",
                )
                .unwrap()
                .query_row([id], followup_item)
                .unwrap()
        });
        usize::from(!row.0.is_empty()) + usize::from(step.is_some())
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

    /// The matches counted up to 1,001 and the first 100 in the index's
    /// own order: what a page of search results cannot do with less.
    pub fn search(&self, expression: &str) -> usize {
        let _count: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM contact_search WHERE contact_search MATCH ?1 LIMIT 1001)",
            )
            .unwrap()
            .query_row([expression], |r| r.get(0))
            .unwrap();
        self.conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY} FROM (SELECT rowid AS id FROM contact_search
                     WHERE contact_search MATCH ?1 LIMIT 100) m
                 JOIN contacts c ON c.id = m.id"
            ))
            .unwrap()
            .query_map([expression], summary)
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
