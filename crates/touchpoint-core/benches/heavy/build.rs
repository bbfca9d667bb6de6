//! Builds the heavy user's database straight through SQL, in one
//! transaction (about a minute), and keeps it in a file named for its size
//! and the schema version, so later runs start at once.
//!
//! The book: `contacts` contacts with notes, tags, an email and a phone
//! each; ten touches per contact over three years; every contact enrolled
//! and with an open next step (1 % of them overdue, the rest on the working
//! days of the next 40 weeks), open promised callbacks for 0.3 %, and three done
//! follow-ups per ten touches as history.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::America::New_York;
use rusqlite::{Connection, params};
use touchpoint_core::{Database, ManualClock, Settings};

use crate::data::{HOOKS, Rng, person};

const CHANNELS: [&str; 5] = ["call", "email", "linkedin", "sms", "meeting"];
const OUTCOMES: [&str; 6] = [
    "no_answer",
    "connected",
    "left_voicemail",
    "replied",
    "other",
    "meeting_booked",
];

pub fn working(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `day` at a call time between 09:00 and 17:00 in New York.
fn call_time(rng: &mut Rng, day: NaiveDate) -> DateTime<Utc> {
    let minutes = 9 * 60 + rng.below(32) * 15;
    let local = day
        .and_hms_opt(
            u32::try_from(minutes / 60).unwrap(),
            u32::try_from(minutes % 60).unwrap(),
            0,
        )
        .unwrap();
    New_York
        .from_local_datetime(&local)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn settings() -> Settings {
    Settings {
        time_zone: "America/New_York".into(),
        phone_region: "US".into(),
        ..Settings::default()
    }
}

pub fn build(path: &Path, contacts: u64, now: DateTime<Utc>) {
    let partial = path.with_extension("building");
    let _ = std::fs::remove_file(&partial);
    {
        let mut db = Database::open(&partial, Arc::new(ManualClock::new(now))).unwrap();
        db.update_settings(settings()).unwrap();
    }
    let mut conn = Connection::open(&partial).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    fill(&tx, contacts, now);
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    std::fs::rename(&partial, path).unwrap();
}

fn fill(tx: &rusqlite::Transaction<'_>, contacts: u64, now: DateTime<Utc>) {
    let mut rng = Rng::new(0x7041_6368);
    let cadence = |key: &str| -> i64 {
        tx.query_row(
            "SELECT id FROM cadences WHERE seeded_key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (prospect, customer, past, nurture) = (
        cadence("new_prospect"),
        cadence("customer_quarterly"),
        cadence("past_customer"),
        cadence("nurture"),
    );
    // Touches first, in time order, so each contact's last one is known.
    let span = 3 * 365 * 86_400_000_i64;
    let touches = contacts * 10;
    let start = ms(now) - span;
    let plan: Vec<(i64, i64)> = (0..touches)
        .map(|n| {
            let at = start + i64::try_from(n).unwrap() * (span / i64::try_from(touches).unwrap());
            (i64::try_from(rng.below(contacts)).unwrap() + 1, at)
        })
        .collect();
    let mut last = vec![None::<i64>; usize::try_from(contacts).unwrap() + 1];
    for (c, at) in &plan {
        last[usize::try_from(*c).unwrap()] = Some(*at);
    }
    let mut add_contact = tx
        .prepare(
            "INSERT INTO contacts (id, display_name, given_name, family_name, title, company,
                 notes, met_where, stage, name_key, last_touch_at, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
        )
        .unwrap();
    let mut add_email = tx
        .prepare("INSERT INTO contact_emails VALUES (?1, 0, 'work', ?2, lower(?2))")
        .unwrap();
    let mut add_phone = tx
        .prepare("INSERT INTO contact_phones VALUES (?1, 0, 'mobile', ?2, ?3)")
        .unwrap();
    let mut add_tag = tx
        .prepare("INSERT INTO contact_tags VALUES (?1, ?2, ?3)")
        .unwrap();
    let mut add_search = tx
        .prepare(
            "INSERT INTO contact_search (rowid, name, company, title, emails, phones, notes, tags)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .unwrap();
    let mut enrol = tx
        .prepare(
            "INSERT INTO enrolments (id, contact_id, cadence_id, schedule, anchor_on, step, started_at)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .unwrap();
    let mut steps: Vec<i64> = Vec::with_capacity(usize::try_from(contacts).unwrap() + 1);
    steps.push(0);
    for id in 1..=contacts {
        let p = person(&mut rng, id);
        let name = p.display_name();
        let created =
            ms(now) - span - 86_400_000 + i64::try_from(rng.below(30 * 86_400_000)).unwrap();
        let id = i64::try_from(id).unwrap();
        add_contact
            .execute(params![
                id,
                name,
                p.given,
                p.family,
                p.title,
                p.company,
                p.notes,
                p.met_where,
                p.stage,
                format!("{}|{}", name.to_lowercase(), p.company.to_lowercase()),
                last[usize::try_from(id).unwrap()],
                created,
                format!("{:016x}{:016x}", rng.next(), rng.next()),
            ])
            .unwrap();
        add_email.execute(params![id, p.email]).unwrap();
        add_phone
            .execute(params![id, p.phone.0, p.phone.1])
            .unwrap();
        for (i, tag) in p.tags.iter().enumerate() {
            add_tag
                .execute(params![id, i64::try_from(i).unwrap(), tag])
                .unwrap();
        }
        let digits: String = p.phone.1.chars().filter(char::is_ascii_digit).collect();
        add_search
            .execute(params![
                id,
                format!("{name} {} {}", p.given, p.family),
                p.company,
                p.title,
                p.email,
                format!("{} {} {digits} {}", p.phone.0, &digits[1..], &digits[1..]),
                format!("{}\n{}", p.notes, p.met_where),
                p.tags.join(" "),
            ])
            .unwrap();
        let (cadence, kind, step) = match p.stage {
            "prospect" => (prospect, "anchored", rng.below(11) + 1),
            "customer" => (customer, "anchored", rng.below(12) + 1),
            "past_customer" => (past, "rolling", rng.below(30) + 1),
            _ => (nurture, "rolling", rng.below(20) + 1),
        };
        let anchor = DateTime::from_timestamp_millis(created)
            .unwrap()
            .date_naive();
        enrol
            .execute(params![
                id,
                cadence,
                kind,
                anchor.to_string(),
                i64::try_from(step).unwrap(),
                created
            ])
            .unwrap();
        steps.push(i64::try_from(step).unwrap());
    }
    let mut add_touch = tx
        .prepare(
            "INSERT INTO touches (contact_id, happened_at, channel, direction, outcome, notes,
                                  hook, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2)",
        )
        .unwrap();
    for (contact, at) in plan {
        let notes = if rng.chance(50) {
            "Talked about the rollout and the budget."
        } else {
            ""
        };
        let hook = if rng.chance(30) { rng.pick(&HOOKS) } else { "" };
        let direction = if rng.chance(15) {
            "inbound"
        } else {
            "outbound"
        };
        add_touch
            .execute(params![
                contact,
                at,
                rng.pick(&CHANNELS),
                direction,
                rng.pick(&OUTCOMES),
                notes,
                hook
            ])
            .unwrap();
    }
    followups(tx, &mut rng, contacts, &steps, now);
}

fn followups(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut Rng,
    contacts: u64,
    steps: &[i64],
    now: DateTime<Utc>,
) {
    let mut add = tx
        .prepare(
            "INSERT INTO followups (contact_id, enrolment_id, kind, step, due_on, due_at,
                 time_zone, channel, prompt, status, closed_at, created_at, remind_at, delivered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'America/New_York', ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )
        .unwrap();
    let today = now.with_timezone(&New_York).date_naive();
    let ahead: Vec<NaiveDate> = today
        .iter_days()
        .filter(|d| working(*d))
        .take(200)
        .collect();
    let behind: Vec<NaiveDate> = (1..=30)
        .map(|n| today - Duration::days(n))
        .filter(|d| working(*d))
        .collect();
    // Every contact has its next step; the first 1 % of a shuffled order
    // are overdue, the next 0.3 % also owe a promised callback.
    let mut order: Vec<u64> = (1..=contacts).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, usize::try_from(rng.below(i as u64 + 1)).unwrap());
    }
    let (overdue_count, promises) = (
        usize::try_from(contacts / 100).unwrap(),
        usize::try_from(contacts * 3 / 1000).unwrap(),
    );
    let mut overdue = vec![false; order.len() + 1];
    for c in order.iter().take(overdue_count) {
        overdue[usize::try_from(*c).unwrap()] = true;
    }
    for id in 1..=contacts {
        let day = if overdue[usize::try_from(id).unwrap()] {
            rng.pick(&behind)
        } else {
            rng.pick(&ahead)
        };
        let due = call_time(rng, day);
        let custom = rng.chance(10);
        let (kind, step, remind) = if custom {
            ("custom", None, Some(ms(due)))
        } else {
            ("cadence", Some(steps[usize::try_from(id).unwrap()]), None)
        };
        let id = i64::try_from(id).unwrap();
        add.execute(params![
            id,
            id,
            kind,
            step,
            day.to_string(),
            ms(due),
            rng.pick(&CHANNELS),
            "Ask how the rollout went.",
            "open",
            None::<i64>,
            ms(now) - 86_400_000,
            remind,
            None::<i64>
        ])
        .unwrap();
    }
    let promised = order.iter().skip(overdue_count).take(promises);
    for id in promised {
        let id = i64::try_from(*id).unwrap();
        let day = today + Duration::days(i64::try_from(rng.below(15)).unwrap() - 5);
        let due = call_time(rng, day);
        let delivered = (due <= now).then(|| ms(due));
        add.execute(params![
            id,
            None::<i64>,
            "promise",
            None::<i64>,
            day.to_string(),
            ms(due),
            "call",
            "",
            "open",
            None::<i64>,
            ms(due) - 2 * 86_400_000,
            ms(due),
            delivered
        ])
        .unwrap();
    }
    let span = 3 * 365 * 86_400_000_i64;
    for _ in 0..contacts * 3 {
        let id = i64::try_from(rng.below(contacts) + 1).unwrap();
        let due = ms(now) - span + i64::try_from(rng.below(u64::try_from(span).unwrap())).unwrap();
        let day = DateTime::from_timestamp_millis(due).unwrap().date_naive();
        add.execute(params![
            id,
            id,
            "cadence",
            i64::try_from(rng.below(10)).unwrap(),
            day.to_string(),
            due,
            rng.pick(&CHANNELS),
            "",
            "done",
            due + 3_600_000,
            due - 7 * 86_400_000,
            None::<i64>,
            None::<i64>
        ])
        .unwrap();
    }
}
