//! Two machines and a phone on one sync account, for the sync tests: a
//! database on a chosen clock per machine, what a test does on it, and
//! curl playing a phone that reads and writes the server's items.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a step that cannot be done fails the test, saying which"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use touchpoint_core::{
    Channel, Contact, ContactFields, Database, Direction, DuplicateCheck, FollowUp, ManualClock,
    NextStep, Outcome, SaveOutcome, SyncReport, TouchInput,
};

use crate::radicale::{PASSWORD, Radicale, USER};

/// A machine's database in `dir`, on a clock of its own at Tuesday 24
/// November 2026, 10:00 UTC.
pub fn machine(dir: &Path, name: &str) -> Database {
    machine_with_clock(dir, name).0
}

/// The same, with its clock to move.
pub fn machine_with_clock(dir: &Path, name: &str) -> (Database, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
    ));
    let db = Database::open(&dir.join(format!("{name}.sqlite3")), clock.clone()).unwrap();
    (db, clock)
}

pub fn sync(db: &mut Database, server: &Radicale) -> SyncReport {
    let report = db.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
    report
}

pub fn add(db: &mut Database, name: &str) -> Contact {
    let fields = ContactFields {
        display_name: name.into(),
        company: "Analytical Engines".into(),
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    *contact
}

pub fn id_of(db: &Database, name: &str) -> i64 {
    db.all_contacts()
        .unwrap()
        .into_iter()
        .find(|c| c.fields.display_name == name)
        .unwrap_or_else(|| panic!("{name} is here"))
        .id
}

/// The contact's open next step and promised callbacks.
pub fn plan(db: &Database, name: &str) -> (Option<FollowUp>, Vec<FollowUp>) {
    let plan = db.contact_plan(id_of(db, name)).unwrap();
    (plan.next, plan.promises)
}

/// What matters of follow-ups across machines (row ids differ).
pub fn when(f: &FollowUp) -> (DateTime<Utc>, Option<u32>, String) {
    (f.due_at, f.step, f.prompt.clone())
}

pub fn curl(args: &[&str]) -> String {
    let out = std::process::Command::new("curl")
        .args(["-s", "-u", &format!("{USER}:{PASSWORD}")])
        .args(args)
        .output()
        .expect("curl (scripts/setup.sh installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The phone writes `body` at `url`; returns the HTTP status.
pub fn phone_put(url: &str, content_type: &str, body: &str) -> String {
    curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-X",
        "PUT",
        "-H",
        &format!("Content-Type: {content_type}"),
        "--data-binary",
        body,
        url,
    ])
}

/// Another client (a phone's calendar app) makes a calendar `name` at
/// `slug` taking `components`; returns its URL.
pub fn other_client_makes_calendar(
    server: &Radicale,
    slug: &str,
    name: &str,
    components: &[&str],
) -> String {
    // Radicale makes the user's home on their first request.
    curl(&["-X", "PROPFIND", "-H", "Depth: 0", &server.url]);
    let url = format!("{}{USER}/{slug}/", server.url);
    let comps: String = components
        .iter()
        .map(|c| format!("<C:comp name=\"{c}\"/>"))
        .collect();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop>\
         <D:displayname>{name}</D:displayname>\
         <C:supported-calendar-component-set>{comps}</C:supported-calendar-component-set>\
         </D:prop></D:set></C:mkcalendar>"
    );
    let status = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-X",
        "MKCALENDAR",
        "-H",
        "Content-Type: application/xml; charset=utf-8",
        "--data-binary",
        &body,
        &url,
    ]);
    assert_eq!(status, "201", "the other client made its calendar");
    url
}

pub fn origin(list: &str) -> String {
    list.split('/').take(3).collect::<Vec<_>>().join("/")
}

/// Every task on the server as (href, text): what any client would see.
pub fn server_tasks(list: &str) -> Vec<(String, String)> {
    let listing = curl(&["-X", "PROPFIND", "-H", "Depth: 1", list]);
    let origin = origin(list);
    listing
        .split("<href>")
        .skip(1)
        .filter_map(|s| s.split("</href>").next())
        .filter(|h| h.ends_with(".ics"))
        .map(|h| (h.to_owned(), curl(&[&format!("{origin}{h}")])))
        .collect()
}

/// Logs a voicemail left for `name` promising a callback at `promise`
/// ("YYYY-MM-DD HH:MM" their time); returns the promise.
pub fn voicemail_with_promise(db: &mut Database, name: &str, promise: &str) -> FollowUp {
    let input = TouchInput {
        contact_id: id_of(db, name),
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "the pilot budget".into(),
        objections: Vec::new(),
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(promise.into()),
    };
    db.log_touch(&input).unwrap();
    plan(db, name).1.pop().expect("the promise")
}
