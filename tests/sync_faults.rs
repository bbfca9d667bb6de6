//! Sync cut off at random moments, 100 times: machine A syncs with a real
//! Radicale through a small proxy that drops every connection after a
//! random number of bytes (mid-request, mid-answer, between requests),
//! while machine B changes things directly. After each cut, A's file is
//! whole, and once the server is reachable again both machines hold
//! exactly the contacts made and kept on either, none lost, none twice,
//! the same touches, and each contact one open next step due at the same
//! time on both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, ManualClock, NextStep, Outcome,
    SaveOutcome, TouchInput,
};
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::id_of;

const TRIALS: u64 = 100;

/// Forwards to `target` until `budget` bytes (both ways, all connections)
/// have gone through, then cuts every connection it carries.
struct CuttingProxy {
    url: String,
    budget: Arc<AtomicI64>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, budget: &AtomicI64) {
    let mut buf = [0_u8; 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let left = budget.fetch_sub(i64::try_from(n).unwrap(), Ordering::SeqCst);
        let passed = usize::try_from(left.clamp(0, i64::try_from(n).unwrap())).unwrap();
        if to.write_all(&buf[..passed]).is_err() || passed < n {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

impl CuttingProxy {
    fn start(target: String) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let budget = Arc::new(AtomicI64::new(i64::MAX));
        let shared = budget.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(&target) else {
                    continue;
                };
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let (up, down) = (shared.clone(), shared.clone());
                std::thread::spawn(move || pipe(client, server, &up));
                std::thread::spawn(move || pipe(s2, c2, &down));
            }
        });
        CuttingProxy { url, budget }
    }

    fn cut_after(&self, bytes: i64) {
        self.budget.store(bytes, Ordering::SeqCst);
    }

    fn heal(&self) {
        self.budget.store(i64::MAX, Ordering::SeqCst);
    }
}

/// A small deterministic generator: a failing trial can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn machine(dir: &Path, name: &str) -> Database {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
    ));
    Database::open(&dir.join(format!("{name}.sqlite3")), clock).unwrap()
}

fn add(db: &mut Database, name: &str) {
    let fields = ContactFields {
        display_name: name.into(),
        notes: "made".into(),
        ..ContactFields::default()
    };
    let saved = db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap();
    assert!(matches!(saved, SaveOutcome::Saved { .. }));
}

/// Each contact's notes by name; a name twice fails the test.
fn contents(db: &Database) -> BTreeMap<String, String> {
    let mut seen = BTreeMap::new();
    for c in db.all_contacts().unwrap() {
        let name = c.fields.display_name.clone();
        assert!(
            seen.insert(name.clone(), c.fields.notes).is_none(),
            "{name} is there twice"
        );
    }
    seen
}

/// What a contact's schedule and timeline say on one machine.
type Schedule = (DateTime<Utc>, Vec<DateTime<Utc>>, Vec<String>);

/// Each contact's next step (there is exactly one), promises and touches,
/// by name.
fn schedules(db: &Database) -> BTreeMap<String, Schedule> {
    db.all_contacts()
        .unwrap()
        .into_iter()
        .map(|c| {
            let plan = db.contact_plan(c.id).unwrap();
            let name = c.fields.display_name;
            let next = plan
                .next
                .unwrap_or_else(|| panic!("{name} has no open next step"));
            let mut touches: Vec<String> = plan.touches.into_iter().map(|t| t.notes).collect();
            touches.sort();
            let promises = plan.promises.iter().map(|p| p.due_at).collect();
            (name, (next.due_at, promises, touches))
        })
        .collect()
}

fn log_call(db: &mut Database, name: &str, notes: &str) {
    let input = TouchInput {
        contact_id: id_of(db, name),
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::Connected,
        notes: notes.into(),
        hook: String::new(),
        objections: Vec::new(),
        happened_at: None,
        next: NextStep::Cadence,
        promise: None,
    };
    db.log_touch(&input).unwrap();
}

fn edit(db: &mut Database, name: &str, note: &str) {
    let c = db
        .all_contacts()
        .unwrap()
        .into_iter()
        .find(|c| c.fields.display_name == name)
        .unwrap();
    let mut fields = c.fields;
    fields.notes = note.into();
    db.update_contact(c.id, &fields).unwrap();
}

fn delete(db: &mut Database, name: &str) {
    db.delete_contacts(&[id_of(db, name)]).unwrap();
}

#[test]
fn a_sync_cut_at_random_moments_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let proxy = CuttingProxy::start(
        server
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned(),
    );
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    let mut random = Random(0x5EED_CAFE);
    let (mut cut, mut completed, mut touches) = (0, 0, 0);

    for trial in 0..TRIALS {
        // Each side changes only what it made, so the outcome is known.
        let ours = format!("A{trial}");
        add(&mut a, &ours);
        expected.insert(ours, "made".into());
        let theirs = format!("B{trial}");
        add(&mut b, &theirs);
        expected.insert(theirs, "made".into());
        if trial >= 3 {
            let older = format!("A{}", random.below(trial));
            if expected.contains_key(&older) {
                let note = format!("edited in trial {trial}");
                edit(&mut a, &older, &note);
                expected.insert(older, note);
            }
        }
        if trial % 7 == 6 {
            let gone = format!("B{}", random.below(trial));
            if expected.remove(&gone).is_some() {
                delete(&mut b, &gone);
            }
        }
        // Touches that move the schedule, on each side's own contacts.
        if trial % 3 == 1 {
            let called = format!("A{}", random.below(trial));
            if expected.contains_key(&called) {
                log_call(&mut a, &called, &format!("A called in trial {trial}"));
            }
            let called = format!("B{}", random.below(trial));
            if expected.contains_key(&called) {
                log_call(&mut b, &called, &format!("B called in trial {trial}"));
            }
        }
        b.sync_contacts(&server.url, USER, PASSWORD).unwrap();

        let before = contents(&a);
        proxy.cut_after(i64::try_from(random.below(5_000)).unwrap());
        match a.sync_contacts(&proxy.url, USER, PASSWORD) {
            Ok(_) => completed += 1,
            Err(e) => {
                cut += 1;
                assert!(
                    matches!(e, touchpoint_core::CoreError::Server(_)),
                    "trial {trial}: a cut is a server error, not {e:?}"
                );
            }
        }
        // A's file is whole and kept everything it had that B did not delete.
        let check: String = rusqlite::Connection::open(dir.path().join("a.sqlite3"))
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "trial {trial}");
        let after = contents(&a);
        for name in before.keys() {
            assert!(
                after.contains_key(name) || !expected.contains_key(name),
                "trial {trial}: {name} vanished from A"
            );
        }

        proxy.heal();
        a.sync_contacts(&proxy.url, USER, PASSWORD)
            .unwrap_or_else(|e| panic!("trial {trial}: the sync after the cut failed: {e}"));
        b.sync_contacts(&server.url, USER, PASSWORD).unwrap();
        assert_eq!(contents(&a), expected, "trial {trial}: A");
        assert_eq!(contents(&b), expected, "trial {trial}: B");
        if trial % 10 == 9 || trial + 1 == TRIALS {
            // B's last changes reach A, then both hold the same plan.
            a.sync_contacts(&proxy.url, USER, PASSWORD).unwrap();
            assert_eq!(schedules(&a), schedules(&b), "trial {trial}: the plans");
            touches = schedules(&a).values().map(|s| s.2.len()).sum();
        }
    }
    println!(
        "{TRIALS} trials: {cut} syncs cut, {completed} finished before the cut; {} contacts and {touches} touches on both machines",
        expected.len()
    );
    assert!(touches > 20, "touches were synced: {touches}");
    assert!(cut >= TRIALS / 2, "most syncs were cut: {cut}");
}
