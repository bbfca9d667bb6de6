use std::sync::Arc;

use crate::clock::ManualClock;
use crate::contacts::DuplicateCheck;
use crate::contacts::search::tests::search;
use crate::db::NameOrder;
use crate::db::{BackupFolder, BackupKind, Database};
use crate::test_support::{at, call, card, memory_db, saved};
use crate::{NextStep, Outcome};

fn add(db: &mut Database, name: &str) -> i64 {
    saved(
        db.add_contact(&card(name, "", "", ""), DuplicateCheck::SaveAnyway)
            .unwrap(),
    )
    .id
}

/// How often this connection has read the places by name.
fn reads(db: &Database) -> u64 {
    db.name_order.lock().unwrap().reads()
}

fn two_connections(path: &std::path::Path) -> (Database, Database) {
    let open = || Database::open(path, Arc::new(ManualClock::new(at(9, 0)))).unwrap();
    (open(), open())
}

fn rename(db: &mut Database, id: i64, name: &str) {
    let mut fields = db.contact(id).unwrap().fields;
    fields.display_name = name.into();
    db.update_contact(id, &fields).unwrap();
}

#[test]
fn a_page_is_the_slice_of_the_matches_sorted_by_place() {
    let mut db = memory_db();
    // Ids 1..=30 whose names run backwards: place = 30 - id.
    for i in 0..30 {
        add(&mut db, &format!("Mara {:02}", 30 - i));
    }
    let mut order = NameOrder::default();
    let order = order.refresh(&db.conn).unwrap();
    let matches: Vec<i64> = (1..=30).filter(|id| id % 3 != 0).collect();
    let mut by_place = matches.clone();
    by_place.reverse();
    for (skip, take) in [(0, 5), (3, 4), (18, 10), (20, 5), (0, 100)] {
        let end = (skip + take).min(by_place.len());
        assert_eq!(
            order.page(&matches, skip, take),
            by_place[skip.min(end)..end],
            "skip {skip}, take {take}"
        );
    }
    assert_eq!(
        order.page(&[99, 30], 0, 2),
        [30, 99],
        "an unknown id goes last"
    );
}

#[test]
fn a_renamed_added_or_deleted_contact_takes_its_new_place_at_the_next_search() {
    let mut db = memory_db();
    let zed = add(&mut db, "Mara Zed");
    let abel = add(&mut db, "Mara Abel");
    assert_eq!(search(&db, "mara"), ["Mara Abel", "Mara Zed"]);
    rename(&mut db, abel, "Mara Zzz");
    assert_eq!(search(&db, "mara"), ["Mara Zed", "Mara Zzz"], "renamed");
    add(&mut db, "Mara Bell");
    assert_eq!(
        search(&db, "mara"),
        ["Mara Bell", "Mara Zed", "Mara Zzz"],
        "added"
    );
    db.delete_contacts(&[zed]).unwrap();
    add(&mut db, "Mara Cole");
    assert_eq!(
        search(&db, "mara"),
        ["Mara Bell", "Mara Cole", "Mara Zzz"],
        "deleted, then added"
    );
    db.undo().unwrap();
    db.undo().unwrap();
    assert_eq!(
        search(&db, "mara"),
        ["Mara Bell", "Mara Zed", "Mara Zzz"],
        "taken back"
    );
}

#[test]
fn a_name_changed_by_another_connection_or_a_restore_takes_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    let open = || Database::open(&path, Arc::new(ManualClock::new(at(9, 0)))).unwrap();
    let (mut window, mut command_line) = (open(), open());
    add(&mut window, "Mara Zed");
    let abel = add(&mut window, "Mara Abel");
    let folder = BackupFolder::beside(&path);
    let taken = folder.take(&path, BackupKind::Manual, at(9, 0)).unwrap();
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    rename(&mut command_line, abel, "Mara Zzz");
    assert_eq!(search(&window, "mara"), ["Mara Zed", "Mara Zzz"]);
    window
        .restore_from(&folder.path_of(&taken.name).unwrap())
        .unwrap();
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
}

#[test]
fn a_commit_elsewhere_that_moves_no_name_reads_no_places() {
    let dir = tempfile::tempdir().unwrap();
    let (window, mut other) = two_connections(&dir.path().join("touchpoint.sqlite3"));
    let zed = add(&mut other, "Mara Zed");
    add(&mut other, "Mara Abel");
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    let read = reads(&window);
    other
        .log_touch(&call(zed, Outcome::Connected, NextStep::Cadence))
        .unwrap();
    let mut fields = other.contact(zed).unwrap().fields;
    fields.company = "Northwind".into();
    other.update_contact(zed, &fields).unwrap();
    let mut settings = other.settings().unwrap();
    settings.phone_region = "GB".into();
    other.update_settings(settings).unwrap();
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    assert_eq!(
        reads(&window),
        read,
        "a touch, an edit that kept the name and a setting read no places"
    );
}

#[test]
fn a_contact_added_renamed_or_deleted_elsewhere_is_read_again_once() {
    let dir = tempfile::tempdir().unwrap();
    let (window, mut other) = two_connections(&dir.path().join("touchpoint.sqlite3"));
    let zed = add(&mut other, "Mara Zed");
    let abel = add(&mut other, "Mara Abel");
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    let read = reads(&window);
    rename(&mut other, abel, "Mara Zzz");
    assert_eq!(search(&window, "mara"), ["Mara Zed", "Mara Zzz"], "renamed");
    assert_eq!(search(&window, "mara"), ["Mara Zed", "Mara Zzz"]);
    assert_eq!(reads(&window), read + 1, "read once for the rename");
    add(&mut other, "Mara Bell");
    assert_eq!(
        search(&window, "mara"),
        ["Mara Bell", "Mara Zed", "Mara Zzz"],
        "added"
    );
    other.delete_contacts(&[zed]).unwrap();
    assert_eq!(
        search(&window, "mara"),
        ["Mara Bell", "Mara Zzz"],
        "deleted"
    );
    other.undo().unwrap();
    assert_eq!(
        search(&window, "mara"),
        ["Mara Bell", "Mara Zed", "Mara Zzz"],
        "taken back"
    );
    assert_eq!(reads(&window), read + 4, "read once for each change");
}

#[test]
fn a_restore_elsewhere_of_a_file_with_the_same_count_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("touchpoint.sqlite3");
    let (window, mut other) = two_connections(&path);
    add(&mut other, "Mara Zed");
    add(&mut other, "Mara Abel");
    // Another book with as many changes, the same ids the other way round.
    let elsewhere = dir.path().join("elsewhere/touchpoint.sqlite3");
    let (mut second, _) = two_connections(&elsewhere);
    add(&mut second, "Mara Abel");
    add(&mut second, "Mara Zed");
    drop(second);
    let folder = BackupFolder::beside(&elsewhere);
    let taken = folder
        .take(&elsewhere, BackupKind::Manual, at(9, 0))
        .unwrap();
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    other
        .restore_from(&folder.path_of(&taken.name).unwrap())
        .unwrap();
    assert_eq!(search(&window, "mara"), ["Mara Abel", "Mara Zed"]);
    assert_eq!(
        window.contact(1).unwrap().fields.display_name,
        "Mara Abel",
        "the restored book is the other one"
    );
}
