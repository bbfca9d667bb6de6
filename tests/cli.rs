//! The command line answers without opening a window, on the same database
//! resolution as the window.

#![allow(
    clippy::unwrap_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use touchpoint_core::{ContactFields, Database, DuplicateCheck, Email, ManualClock};

fn touchpoint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(args)
        .env_remove("TOUCHPOINT_DB")
        .env_remove("DISPLAY")
        .output()
        .expect("the binary runs")
}

fn seed(path: &Path, cards: &[(&str, &str)]) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    ));
    let mut db = Database::open(path, clock).unwrap();
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

    let out = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
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
