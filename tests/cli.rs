//! The command line answers without opening a window, on the same database
//! resolution as the window.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, LazyLock};

use touchpoint_core::{ContactFields, Database, DuplicateCheck, Email};
use touchpoint_test_support::clock::TestClock;

/// The clock every test here seeds on and runs the binary on: a Monday morning.
static CLOCK: LazyLock<TestClock> = LazyLock::new(|| TestClock::at(2026, 11, 23, 9, 0));

/// The binary, on the tests' clock.
fn touchpoint_cmd() -> Command {
    let (var, shift) = CLOCK.env();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_touchpoint"));
    cmd.env_remove("TOUCHPOINT_DB")
        .env_remove("DISPLAY")
        .env(var, shift);
    cmd
}

fn touchpoint(args: &[&str]) -> Output {
    touchpoint_cmd()
        .args(args)
        .output()
        .expect("the binary runs")
}

fn open(path: &Path) -> Database {
    Database::open(path, Arc::new(*CLOCK)).unwrap()
}

fn seed(path: &Path, cards: &[(&str, &str)]) {
    let mut db = open(path);
    for (name, email) in cards {
        let fields = ContactFields {
            display_name: (*name).into(),
            company: "Initech".into(),
            emails: vec![Email {
                label: "work".into(),
                address: (*email).into(),
            }],
            ..ContactFields::default()
        };
        db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap();
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn help_and_version_answer_without_a_window() {
    let help = touchpoint(&["--help"]);
    assert!(help.status.success());
    assert!(
        stdout(&help).contains("contacts"),
        "help lists the subcommands"
    );
    assert!(
        stdout(&help).contains("--db <PATH>"),
        "help shows the database flag"
    );

    let version = touchpoint(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version).trim(),
        format!("touchpoint {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn contacts_list_prints_json_of_every_contact_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    seed(
        &db,
        &[
            ("Peter Gibbons", "peter@initech.com"),
            ("Bill Lumbergh", ""),
        ],
    );

    let out = touchpoint(&["contacts", "list", "--json", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bill Lumbergh", "Peter Gibbons"]);
    assert_eq!(listed[1]["email"], "peter@initech.com");
}

#[test]
fn contacts_list_reads_the_database_named_by_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    seed(&db, &[("Milton Waddams", "")]);

    let out = touchpoint_cmd()
        .args(["contacts", "list"])
        .env("TOUCHPOINT_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("Milton Waddams\tInitech"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_empty_database_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite3");
    let out = touchpoint(&["contacts", "list", "--db", db.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("No contacts yet"), "{}", stdout(&out));
}

#[test]
fn a_database_from_a_newer_version_fails_clearly_and_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = touchpoint(&["contacts", "list", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success(), "a newer database is an error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("newer version of Touchpoint"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");
}

#[test]
fn an_unknown_subcommand_fails_with_usage() {
    let out = touchpoint(&["contacts", "frobnicate"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_previews_then_writes_new_cards_and_skips_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.sqlite3");
    seed(&db, &[("Peter Gibbons", "peter@initech.example")]);
    let db_arg = db.to_str().unwrap();

    let dry = touchpoint(&[
        "import",
        &fixture("four-cards.vcf"),
        "--dry-run",
        "--db",
        db_arg,
    ]);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let report = stdout(&dry);
    assert!(
        report.contains("four-cards.vcf: 4 records — 2 new, 1 possible duplicate, 1 rejected"),
        "{report}"
    );
    assert!(
        report.contains(
            "rejected card 4: card 4 has no name, company, email or phone number to name it by"
        ),
        "{report}"
    );
    assert!(
        report.contains("kept, card 1: Phone \"ask at the front desk\" is not a phone number"),
        "Ada is kept, her unreadable phone set aside: {report}"
    );
    assert!(
        report.contains("kept, card 2: had no name: named after its phone number +1 415 555 0100"),
        "a card with only a phone is kept, named after it: {report}"
    );
    assert!(
        report.contains("duplicate card 3 (Peter Gibbons): looks like Peter Gibbons"),
        "{report}"
    );
    assert!(report.contains("Dry run: nothing was written."), "{report}");
    let listed = stdout(&touchpoint(&["contacts", "list", "--db", db_arg]));
    assert_eq!(
        listed.lines().count(),
        1,
        "the dry run wrote nothing: {listed}"
    );

    let real = touchpoint(&["import", &fixture("four-cards.vcf"), "--db", db_arg]);
    assert!(stdout(&real).contains("Imported: 2 added, 0 merged, 1 skipped, 1 rejected."));
    let listed = stdout(&touchpoint(&["contacts", "list", "--db", db_arg]));
    assert!(
        listed.contains("Ada Lovelace\tAnalytical Engines\tada@engines.example\t+44 20 7946 0958"),
        "{listed}"
    );
    assert!(listed.contains("+1 415 555 0100\t"), "{listed}");
    assert_eq!(listed.lines().count(), 3);
}

#[test]
fn import_of_a_missing_file_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    let out = touchpoint(&[
        "import",
        "/nonexistent/cards.vcf",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read /nonexistent/cards.vcf"),
        "{stderr}"
    );
}

#[test]
fn import_of_a_file_with_no_contacts_fails_saying_what_it_is_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite3");
    seed(&db, &[("Peter Gibbons", "peter@initech.example")]);
    let png = [
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H',
    ];
    let cases: [(&str, &[u8], &str); 3] = [
        ("photo.vcf", &png, "PNG image"),
        ("empty.csv", b"", "empty.csv is empty"),
        (
            "notes.vcf",
            b"call Peter about the quote\n",
            "no vCard in it",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = touchpoint(&[
            "import",
            file.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "{name} must fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let out = touchpoint(&["contacts", "list", "--json", "--db", db.to_str().unwrap()]);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "nothing added");
}

#[test]
fn log_refuses_a_contact_named_by_no_word_even_with_one_contact_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wild.sqlite3");
    seed(&db, &[("Peter Gibbons", "peter@initech.example")]);
    for reference in ["", "  ", "*", "%", "'", "\"\""] {
        let out = touchpoint(&[
            "log",
            reference,
            "--channel",
            "call",
            "--outcome",
            "no-answer",
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "{reference:?} must fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("Say which contact"),
            "{reference:?}: {stderr}"
        );
    }
    assert_eq!(touches_in(&db), 0, "nothing was logged");
}

#[test]
fn an_export_onto_the_open_database_is_refused_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    seed(&db, &[("Peter Gibbons", "peter@initech.example")]);
    let before = std::fs::read(&db).unwrap();
    for format in ["csv", "vcf", "ics"] {
        let out = touchpoint(&[
            "export",
            "--format",
            format,
            "-o",
            db.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(
            !out.status.success(),
            "{format} onto the database must fail"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("left untouched"), "{format}: {stderr}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "not one byte changed");
}

#[test]
fn another_programs_database_is_refused_and_not_one_byte_changes() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("photos.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE contacts (who TEXT);
             INSERT INTO contacts VALUES ('not ours');",
        )
        .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let out = touchpoint(&["contacts", "list", "--db", other.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another program, not Touchpoint's; it was left untouched"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn export_then_import_gives_back_the_same_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.sqlite3");
    seed(
        &source,
        &[("Peter Gibbons", "peter@initech.example"), ("Samir N.", "")],
    );
    for format in ["vcf", "csv"] {
        let file = dir.path().join(format!("all.{format}"));
        let out = touchpoint(&[
            "export",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
            "--db",
            source.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("Exported 2 contacts"));

        let copy = dir.path().join(format!("copy-{format}.sqlite3"));
        let imported = touchpoint(&[
            "import",
            file.to_str().unwrap(),
            "--db",
            copy.to_str().unwrap(),
        ]);
        assert!(
            stdout(&imported).contains("Imported: 2 added"),
            "{}",
            stdout(&imported)
        );
        let a = stdout(&touchpoint(&[
            "contacts",
            "list",
            "--json",
            "--db",
            source.to_str().unwrap(),
        ]));
        let b = stdout(&touchpoint(&[
            "contacts",
            "list",
            "--json",
            "--db",
            copy.to_str().unwrap(),
        ]));
        let strip = |s: &str| {
            let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
            for c in v.as_array_mut().unwrap() {
                // New ids, and a first touch planned from the day of import.
                let c = c.as_object_mut().unwrap();
                c.remove("id");
                c.remove("nextDueAt");
            }
            v
        };
        assert_eq!(strip(&a), strip(&b), "{format} round trip");
    }
}

#[test]
fn csv_export_neutralises_cells_a_spreadsheet_would_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("csv.sqlite3");
    seed(&db, &[("=HYPERLINK(\"http://evil.example\")", "")]);
    let out = touchpoint(&["export", "--format", "csv", "--db", db.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{text}"
    );
}

fn touches_in(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM touches", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn log_records_a_touch_and_shows_the_next_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite3");
    seed(
        &db,
        &[("Peter Gibbons", "peter@initech.example"), ("Samir N.", "")],
    );
    let db_arg = db.to_str().unwrap();
    let when = (CLOCK.now() + chrono::Duration::days(7))
        .format("%Y-%m-%d 07:30")
        .to_string();
    let out = touchpoint(&[
        "log",
        "peter",
        "--channel",
        "call",
        "--outcome",
        "no-answer",
        "--hook",
        "Call Thursday",
        "--next",
        &when,
        "--db",
        db_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains("Logged call with Peter Gibbons (no-answer)."),
        "{text}"
    );
    assert!(text.contains(&format!("Next: call on {when}")), "{text}");
    assert_eq!(touches_in(&db), 1);

    let due = touchpoint(&["due", "--days", "40000", "--db", db_arg]);
    let agenda = stdout(&due);
    assert!(
        agenda.contains(&format!(
            "Peter Gibbons\tcall\tnext step\ttheir time {when}"
        )),
        "{agenda}"
    );
    assert!(
        agenda.contains("Call Thursday"),
        "the hook is shown: {agenda}"
    );
}

#[test]
fn log_refuses_bad_input_clearly_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.sqlite3");
    seed(&db, &[("Peter Gibbons", ""), ("Peter Pan", "")]);
    let db_arg = db.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "log",
                "Milton",
                "--channel",
                "call",
                "--outcome",
                "no-answer",
            ],
            "No contact matches \"Milton\"",
        ),
        (
            &[
                "log",
                "peter",
                "--channel",
                "call",
                "--outcome",
                "no-answer",
            ],
            "matches several contacts",
        ),
        (
            &[
                "log",
                "gibbons",
                "--channel",
                "fax",
                "--outcome",
                "no-answer",
            ],
            "unknown channel \"fax\"",
        ),
        (
            &["log", "gibbons", "--channel", "call", "--outcome", "maybe"],
            "unknown outcome \"maybe\"",
        ),
        (
            &[
                "log",
                "gibbons",
                "--channel",
                "call",
                "--outcome",
                "no-answer",
                "--next",
                "2001-01-01 09:00",
            ],
            "must be in the future",
        ),
        (
            &[
                "log",
                "gibbons",
                "--channel",
                "call",
                "--outcome",
                "no-answer",
                "--next",
                "thursday",
            ],
            "is not a date and time",
        ),
    ];
    for (args, expected) in cases {
        let mut all = args.to_vec();
        all.extend(["--db", db_arg]);
        let out = touchpoint(&all);
        assert!(!out.status.success(), "{args:?} must fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(touches_in(&db), 0, "nothing was written");
}

#[test]
fn export_ics_writes_the_upcoming_follow_ups_as_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ics.sqlite3");
    seed(&db, &[("Peter Gibbons", "peter@initech.example")]);
    let out = touchpoint(&["export", "--format", "ics", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ics = stdout(&out);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let created = open(&db)
        .due_followups(CLOCK.now() + chrono::Duration::days(400), 10)
        .unwrap();
    assert_eq!(created.len(), 1, "the new card's first touch is scheduled");
    let first = &created[0].followup;
    let event = ics
        .split("BEGIN:VEVENT\r\n")
        .nth(1)
        .unwrap_or_else(|| panic!("an event for the first touch: {ics}"));
    assert!(
        event.contains(&format!(
            "UID:touchpoint-followup-{}@touchpoint.local\r\n",
            first.id
        )),
        "the event is that follow-up: {event}"
    );
    assert!(
        event.contains(&format!(
            "DTSTART:{}\r\n",
            first.due_at.format("%Y%m%dT%H%M%SZ")
        )),
        "at its due instant (UTC contact): {event}"
    );
    assert!(event.contains("SUMMARY:Call Peter Gibbons\r\n"), "{event}");
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
}

#[test]
fn a_deleted_contact_comes_back_with_undo_and_then_there_is_nothing_left_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undo.sqlite3");
    seed(&db, &[("Ada Lovelace", "ada@engines.example")]);
    let id = open(&db)
        .list_contacts(&touchpoint_core::ContactQuery::default())
        .unwrap()
        .items[0]
        .id;
    let db_arg = db.to_str().unwrap();

    let out = touchpoint(&["contacts", "delete", &id.to_string(), "--db", db_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).starts_with("Deleted 1 contact."),
        "{}",
        stdout(&out)
    );
    assert!(open(&db).contact(id).is_err(), "gone from the file");

    let out = touchpoint(&["undo", "--dry-run", "--db", db_arg]);
    assert!(
        stdout(&out).starts_with("Would undo: Deleted Ada Lovelace ("),
        "{}",
        stdout(&out)
    );
    assert!(open(&db).contact(id).is_err(), "a dry run changes nothing");

    let out = touchpoint(&["undo", "--db", db_arg]);
    assert_eq!(stdout(&out), "Undone: Deleted Ada Lovelace\n");
    assert_eq!(
        open(&db).contact(id).unwrap().fields.display_name,
        "Ada Lovelace"
    );

    // Seeding journaled the add; after taking it back too, nothing is left.
    assert_eq!(
        stdout(&touchpoint(&["undo", "--db", db_arg])),
        "Undone: Added Ada Lovelace\n"
    );
    let out = touchpoint(&["undo", "--db", db_arg]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "touchpoint: There is nothing to undo\n"
    );
}

#[test]
fn deleting_an_unknown_contact_says_so_and_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("undo.sqlite3");
    seed(&db, &[("Ada Lovelace", "ada@engines.example")]);
    let out = touchpoint(&[
        "contacts",
        "delete",
        "1",
        "999",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "touchpoint: contact 999 does not exist\n"
    );
    assert_eq!(
        open(&db).contact(1).unwrap().fields.display_name,
        "Ada Lovelace"
    );
}

#[test]
fn a_backup_restores_what_was_there_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let copy = dir.path().join("copy.sqlite3");
    seed(&db, &[("Ada Lovelace", "ada@engines.example")]);
    let db_arg = db.to_str().unwrap();
    let out = touchpoint(&["backup", "-o", copy.to_str().unwrap(), "--db", db_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).starts_with(&format!("Backed up to {}", copy.display())));

    seed(&db, &[("Grace Hopper", "grace@navy.example")]);
    let out = touchpoint(&["restore", copy.to_str().unwrap(), "--db", db_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = open(&db)
        .list_contacts(&touchpoint_core::ContactQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect();
    assert_eq!(names, ["Ada Lovelace"], "as at backup time");
    let kept = touchpoint_core::BackupFolder::beside(&db).list().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, touchpoint_core::BackupKind::BeforeRestore);
    assert!(stdout(&out).contains(&kept[0].name), "{}", stdout(&out));
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_the_data_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes\n").unwrap();
    seed(&db, &[("Ada Lovelace", "ada@engines.example")]);
    let out = touchpoint(&[
        "restore",
        notes.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "touchpoint: {} cannot be restored: it is not an SQLite database\n",
            notes.display()
        )
    );
    assert_eq!(
        open(&db).contact(1).unwrap().fields.display_name,
        "Ada Lovelace"
    );
    assert!(
        touchpoint_core::BackupFolder::beside(&db)
            .list()
            .unwrap()
            .is_empty(),
        "no copy made for nothing"
    );
}

#[test]
fn everything_exported_reads_back_into_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let everything = dir.path().join("everything.sqlite3");
    let fresh = dir.path().join("fresh.sqlite3");
    seed(
        &db,
        &[
            ("Ada Lovelace", "ada@engines.example"),
            ("Grace Hopper", "grace@navy.example"),
        ],
    );

    let out = touchpoint(&["export", "--format", "all", "--db", db.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "a database file is not written to a terminal"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("give it a name with -o FILE"));

    let out = touchpoint(&[
        "export",
        "--format",
        "all",
        "-o",
        everything.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = touchpoint(&[
        "restore",
        everything.to_str().unwrap(),
        "--db",
        fresh.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let list = |path: &Path| {
        open(path)
            .list_contacts(&touchpoint_core::ContactQuery::default())
            .unwrap()
            .items
            .into_iter()
            .map(|c| (c.display_name, c.email, c.next_due_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&fresh), list(&db), "the same contacts and schedule");
}

#[test]
fn insights_prints_the_figures_of_a_seeded_history_as_text_and_json() {
    use touchpoint_core::{CloseReason, Direction, NextStep, Outcome, Settings, Stage, TouchInput};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("insights.sqlite3");
    {
        let mut book = open(&db);
        book.update_settings(Settings {
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        fn add(book: &mut Database, name: &str) -> i64 {
            let fields = ContactFields {
                display_name: name.into(),
                stage: Stage::Prospect,
                ..ContactFields::default()
            };
            match book
                .add_contact(&fields, DuplicateCheck::SaveAnyway)
                .unwrap()
            {
                touchpoint_core::SaveOutcome::Saved { contact } => contact.id,
                other => panic!("{other:?}"),
            }
        }
        let (first, fifth) = (add(&mut book, "Won First"), add(&mut book, "Won Fifth"));
        let days_ago = |d: i64| Some(CLOCK.now() - chrono::Duration::days(d));
        let touch = |contact_id, outcome, at, next| TouchInput {
            contact_id,
            channel: touchpoint_core::Channel::Call,
            direction: Direction::Outbound,
            outcome,
            notes: String::new(),
            hook: String::new(),
            objections: Vec::new(),
            happened_at: at,
            next,
            promise: None,
        };
        let won = NextStep::Close {
            reason: CloseReason::Won,
        };
        book.log_touch(&touch(first, Outcome::Won, days_ago(3), won.clone()))
            .unwrap();
        for d in [20, 16, 12, 8] {
            book.log_touch(&touch(
                fifth,
                Outcome::NoAnswer,
                days_ago(d),
                NextStep::Cadence,
            ))
            .unwrap();
        }
        book.log_touch(&touch(fifth, Outcome::Won, days_ago(2), won))
            .unwrap();
        // Won more than 30 days ago: in "all", not in "30d".
        let early = add(&mut book, "Won Early");
        book.log_touch(&touch(
            early,
            Outcome::Won,
            days_ago(45),
            NextStep::Close {
                reason: CloseReason::Won,
            },
        ))
        .unwrap();
    }
    let db_arg = db.to_str().unwrap();

    let out = touchpoint(&["insights", "--period", "30d", "--json", "--db", db_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let figures: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(figures["period"], "30d");
    assert_eq!(figures["conversion"]["won"], 2);
    let won_on: Vec<(String, u64)> = figures["conversion"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["bucket"].as_str().unwrap().to_owned(),
                b["contacts"].as_u64().unwrap(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(won_on, [("1".to_owned(), 1), ("5-12".to_owned(), 1)]);
    assert_eq!(figures["referrals"]["customers"], 3);
    assert_eq!(
        figures["answerRates"]["total"],
        serde_json::json!({ "calls": 7, "answered": 3 }),
        "every call, whatever the period"
    );

    let all = touchpoint(&["insights", "--period", "all", "--db", db_arg]);
    let text = stdout(&all);
    assert!(
        all.status.success(),
        "{}",
        String::from_utf8_lossy(&all.stderr)
    );
    assert!(text.contains("Insights, all time"), "{text}");
    assert!(text.contains("Conversion by touch number: 3 won"), "{text}");
    assert!(
        text.contains("won on touch      0: 0  1: 2  2: 0  3: 0  4: 0  5-12: 1  12+: 0"),
        "{text}"
    );
    assert!(text.contains("made on the 5th to 12th contact"), "{text}");
    assert!(
        text.contains("Calls answered (all time, in each contact's zone): 3 of 7 calls"),
        "{text}"
    );
    assert!(text.contains("no hours stand out yet"), "{text}");

    let bad = touchpoint(&["insights", "--period", "7d", "--db", db_arg]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("use 30d, 90d, 365d or all"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn parse_card_prints_the_fields_with_e164_forms_under_the_region_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    {
        let mut db = open(&db);
        let mut settings = db.settings().unwrap();
        settings.phone_region = "GB".into();
        db.update_settings(settings).unwrap();
    }
    let card = dir.path().join("card.txt");
    std::fs::write(
        &card,
        "Oliver Bennett\nSenior Buyer\nNorthwind Traders Ltd\nTel：020 7946 0321\n\
         Call/Text +1 415 555 0100\noliver@northwind.co.uk\nBooth 42 at the fair\n",
    )
    .unwrap();

    let out = touchpoint(&[
        "parse-card",
        card.to_str().unwrap(),
        "--json",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["givenName"], "Oliver");
    assert_eq!(found["familyName"], "Bennett");
    assert_eq!(found["title"], "Senior Buyer");
    assert_eq!(found["company"], "Northwind Traders Ltd");
    assert_eq!(found["emails"][0]["address"], "oliver@northwind.co.uk");
    assert_eq!(found["phoneRegion"], "GB");
    assert_eq!(found["phones"][0]["number"], "020 7946 0321");
    assert_eq!(found["phones"][0]["e164"], "+442079460321");
    assert_eq!(found["phones"][1]["number"], "+1 415 555 0100");
    assert_eq!(found["phones"][1]["e164"], "+14155550100");
    assert_eq!(
        found["unplaced"],
        serde_json::json!(["Booth 42 at the fair"])
    );

    // The same card on standard input, as text.
    let mut child = touchpoint_cmd()
        .args(["parse-card", "-", "--db", db.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(&card).unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let printed = stdout(&out);
    assert!(printed.contains("Given name   Oliver\n"), "{printed}");
    assert!(printed.contains("Family name  Bennett\n"), "{printed}");
    assert!(
        printed.contains("Phone        020 7946 0321 (work), E.164 +442079460321\n"),
        "{printed}"
    );
    assert!(
        printed.contains("Not placed (add them by hand if they matter):\n  Booth 42 at the fair\n"),
        "{printed}"
    );
}

#[test]
fn parse_card_of_a_missing_or_binary_file_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    let out = touchpoint(&[
        "parse-card",
        "/nonexistent/card.txt",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read /nonexistent/card.txt"),
        "{stderr}"
    );

    let binary = dir.path().join("card.txt");
    std::fs::write(&binary, [b'A', 0xC3, 0x28, 0xFE]).unwrap();
    let out = touchpoint(&[
        "parse-card",
        binary.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not UTF-8 text"), "{stderr}");

    // A JPEG's first bytes make it a photo: read by OCR, refused as damaged.
    let photo = dir.path().join("card.jpg");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    let out = touchpoint(&[
        "parse-card",
        photo.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("card.jpg is not a photo Touchpoint can read"),
        "{stderr}"
    );
}
