//! Sync through a real CardDAV server (Radicale on 127.0.0.1): two
//! databases play two machines on one account.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use touchpoint_core::{
    Contact, ContactFields, CoreError, Database, DuplicateCheck, ManualClock, Phone, SaveOutcome,
};
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};

fn machine(dir: &Path, name: &str) -> Database {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap(),
    ));
    Database::open(&dir.join(format!("{name}.sqlite3")), clock).unwrap()
}

fn sync(db: &mut Database, server: &Radicale) -> touchpoint_core::SyncReport {
    db.sync_contacts(&server.url, USER, PASSWORD).unwrap()
}

fn add(db: &mut Database, name: &str, phone: &str) -> Contact {
    let fields = ContactFields {
        display_name: name.into(),
        company: "Analytical Engines".into(),
        phones: vec![Phone {
            label: "work".into(),
            number: phone.into(),
            e164: None,
        }],
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    *contact
}

fn named(db: &Database, name: &str) -> Option<Contact> {
    db.all_contacts()
        .unwrap()
        .into_iter()
        .find(|c| c.fields.display_name == name)
}

#[test]
fn a_contact_added_on_one_machine_appears_on_the_other_and_edits_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Ada Lovelace", "+44 20 7946 0001");

    let first = sync(&mut a, &server);
    assert_eq!(first.sent, 1);
    assert!(first.address_book.ends_with("/touchpoint/"), "{first:?}");
    let got = sync(&mut b, &server);
    assert_eq!(got.received, 1, "{got:?}");
    let ada = named(&b, "Ada Lovelace").expect("Ada on B");
    assert_eq!(ada.fields.company, "Analytical Engines");
    assert_eq!(ada.fields.phones[0].number, "+44 20 7946 0001");

    let mut fields = ada.fields.clone();
    fields.title = "Head of Analysis".into();
    b.update_contact(ada.id, &fields).unwrap();
    assert_eq!(sync(&mut b, &server).sent, 1);
    let back = sync(&mut a, &server);
    assert_eq!((back.received, back.sent), (1, 0), "{back:?}");
    assert_eq!(
        named(&a, "Ada Lovelace").unwrap().fields.title,
        "Head of Analysis"
    );

    let quiet = sync(&mut a, &server);
    assert_eq!(
        (quiet.received, quiet.sent),
        (0, 0),
        "nothing new: {quiet:?}"
    );
    assert_eq!(a.all_contacts().unwrap().len(), 1, "no duplicate");
}

#[test]
fn edits_on_both_machines_between_syncs_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Grace Hopper", "+1 212 555 0101");
    sync(&mut a, &server);
    sync(&mut b, &server);

    let on_a = named(&a, "Grace Hopper").unwrap();
    let mut fields = on_a.fields.clone();
    fields.title = "CTO".into();
    fields.notes = "Prefers mornings.".into();
    a.update_contact(on_a.id, &fields).unwrap();
    let on_b = named(&b, "Grace Hopper").unwrap();
    let mut fields = on_b.fields.clone();
    fields.title = "CEO".into();
    fields.company = "Navy Labs".into();
    b.update_contact(on_b.id, &fields).unwrap();

    sync(&mut a, &server);
    let merged = sync(&mut b, &server);
    assert_eq!((merged.merged, merged.kept_both), (1, 1), "{merged:?}");
    sync(&mut a, &server);
    let (grace_a, grace_b) = (
        named(&a, "Grace Hopper").unwrap().fields,
        named(&b, "Grace Hopper").unwrap().fields,
    );
    assert_eq!(grace_a, grace_b, "both machines hold the same contact");
    assert_eq!(grace_a.company, "Navy Labs", "B's change");
    assert_eq!(grace_a.title, "CEO", "B's title kept where both changed it");
    assert!(
        grace_a.notes.contains("Prefers mornings."),
        "{}",
        grace_a.notes
    );
    assert!(
        grace_a.notes.contains("From another device, title: CTO"),
        "A's title kept in the notes: {}",
        grace_a.notes
    );
}

#[test]
fn a_deletion_goes_across_and_undo_brings_it_back_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    let hedy = add(&mut a, "Hedy Lamarr", "+1 310 555 0199");
    add(&mut a, "Radia Perlman", "+1 617 555 0142");
    sync(&mut a, &server);
    sync(&mut b, &server);

    a.delete_contacts(&[hedy.id]).unwrap();
    assert_eq!(sync(&mut a, &server).deleted_there, 1);
    assert_eq!(sync(&mut b, &server).deleted_here, 1);
    assert!(named(&b, "Hedy Lamarr").is_none());
    assert!(named(&b, "Radia Perlman").is_some(), "only Hedy");

    a.undo().unwrap();
    assert_eq!(sync(&mut a, &server).sent, 1, "back up as new");
    sync(&mut b, &server);
    let back = named(&b, "Hedy Lamarr").expect("Hedy back on B");
    assert_eq!(back.fields.phones[0].number, "+1 310 555 0199");
}

#[test]
fn a_server_that_goes_away_changes_nothing_and_the_next_sync_completes() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Radicale::start(&dir.path().join("server"));
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    for (name, phone) in [
        ("Ada Lovelace", "+44 20 7946 0001"),
        ("Grace Hopper", "+1 212 555 0101"),
    ] {
        add(&mut a, name, phone);
    }
    sync(&mut a, &server);
    let before = a.all_contacts().unwrap();

    server.stop();
    add(&mut a, "Katherine Johnson", "+1 757 555 0123");
    let failed = a.sync_contacts(&server.url, USER, PASSWORD).unwrap_err();
    assert!(matches!(failed, CoreError::Server(_)), "{failed}");
    assert_eq!(
        a.all_contacts().unwrap().len(),
        before.len() + 1,
        "nothing local changed"
    );
    let status = a.sync_account_status().unwrap().unwrap();
    assert!(
        status
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("127.0.0.1")),
        "the window can say why: {status:?}"
    );
    assert_eq!(status.cards, 2, "what was agreed before stays agreed");

    server.resume();
    assert_eq!(
        sync(&mut a, &server).sent,
        1,
        "the one made while it was away"
    );
    let status = a.sync_account_status().unwrap().unwrap();
    assert_eq!((status.last_error, status.cards), (None, 3));
    sync(&mut b, &server);
    let names = |db: &Database| {
        let mut names: Vec<String> = db
            .all_contacts()
            .unwrap()
            .into_iter()
            .map(|c| c.fields.display_name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&b), names(&a), "the same contacts, none twice");
    assert_eq!(names(&b).len(), 3);
}

#[test]
fn a_wrong_password_is_refused_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let mut a = machine(dir.path(), "a");
    add(&mut a, "Ada Lovelace", "+44 20 7946 0001");
    let refused = a.sync_contacts(&server.url, USER, "wrong").unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("refused the user name or password"),
        "{refused}"
    );
    assert!(
        matches!(&refused, CoreError::Invalid { field, .. } if field == "password"),
        "the password is what to change: {refused:?}"
    );
    assert_eq!(a.all_contacts().unwrap().len(), 1);
    let bad = a
        .sync_contacts("ftp://example.invalid/", USER, PASSWORD)
        .unwrap_err();
    assert!(matches!(bad, CoreError::Invalid { .. }), "{bad}");
}

#[test]
fn the_command_line_syncs_and_says_what_went_each_way() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let path = dir.path().join("cli.sqlite3");
    add(
        &mut machine(dir.path(), "cli"),
        "Ada Lovelace",
        "+44 20 7946 0001",
    );
    let run = |stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args(["sync", "--url", &server.url, "--user", USER, "--db"])
            .arg(&path)
            .env_remove("TOUCHPOINT_SYNC_PASSWORD")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&format!("{PASSWORD}\n"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("/touchpoint/"), "{text}");
    assert!(text.contains("sent 1, received 0"), "{text}");
    assert!(
        text.contains("Follow-ups with ")
            && text.contains("/touchpoint-followups/\n  sent 1, received 0 (0 moved"),
        "her first touch went up: {text}"
    );
    assert!(
        text.contains("Touches with ")
            && text.contains("/touchpoint-followups/\n  sent 0, received 0 (0 corrected here)"),
        "no touch yet: {text}"
    );
    let refused = run("wrong\n");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("refused the user name or password"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[test]
fn a_card_a_phone_wrote_arrives_and_a_later_phone_edit_follows() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let mut a = machine(dir.path(), "a");
    let first = sync(&mut a, &server);
    // The phone: a vCard 3.0 card, put with curl as any other client would.
    let phone_put = |card: &str| {
        let status = std::process::Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"])
            .args(["-u", &format!("{USER}:{PASSWORD}")])
            .args(["-H", "Content-Type: text/vcard"])
            .args(["--data-binary", card])
            .arg(format!("{}phone-katherine.vcf", first.address_book))
            .output()
            .expect("curl (scripts/setup.sh installs it)");
        String::from_utf8_lossy(&status.stdout).into_owned()
    };
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-katherine\r\nFN:Katherine Johnson\r\n\
                N:Johnson;Katherine;;;\r\nORG:NASA Langley\r\nTEL;TYPE=CELL:+1 757 555 0123\r\n\
                EMAIL;TYPE=WORK:katherine@nasa.example\r\nEND:VCARD\r\n";
    assert_eq!(phone_put(card), "201");
    let got = sync(&mut a, &server);
    assert_eq!(got.received, 1, "{got:?}");
    let k = named(&a, "Katherine Johnson").expect("from the phone");
    assert_eq!(k.fields.company, "NASA Langley");
    assert_eq!(k.fields.emails[0].address, "katherine@nasa.example");
    assert_eq!(
        sync(&mut a, &server).sent,
        0,
        "taken as it is: nothing to send back"
    );

    let edited = card.replace("NASA Langley", "NASA");
    assert!(
        phone_put(&edited).starts_with('2'),
        "the phone's edit is stored"
    );
    sync(&mut a, &server);
    assert_eq!(
        named(&a, "Katherine Johnson").unwrap().fields.company,
        "NASA"
    );
    assert_eq!(
        a.all_contacts().unwrap().len(),
        1,
        "the same contact, by its UID"
    );
}
