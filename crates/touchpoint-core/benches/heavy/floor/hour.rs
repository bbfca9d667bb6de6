//! The follow-up hour's floor: its queue as light rows, and one contact's
//! card, as the window asks for them.

use chrono::Duration;
use chrono_tz::America::New_York;
use rusqlite::params;

use super::{Floor, followup_item, local_midnight};

impl Floor {
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
}
