//! The address book and the calendar chosen for Touchpoint (Settings'
//! picker), against a real server (Radicale on 127.0.0.1): a calendar
//! another client made is offered, chosen, and holds the follow-ups; a
//! choice changed after a sync uploads everything to the new collection
//! at the next sync and deletes nothing on the old one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use touchpoint_core::{CollectionChoice, CoreError, Database, SyncCollections};
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{
    add, curl, machine, other_client_makes_calendar, plan, server_tasks, sync, when,
};

fn offered(db: &Database, server: &Radicale) -> SyncCollections {
    db.sync_collections(&server.url, USER, PASSWORD).unwrap()
}

fn choose(
    db: &mut Database,
    server: &Radicale,
    book: &CollectionChoice,
    calendar: &CollectionChoice,
) -> SyncCollections {
    db.choose_sync_collections(&server.url, USER, PASSWORD, book, calendar)
        .unwrap()
}

fn existing(url: &str) -> CollectionChoice {
    CollectionChoice::Existing {
        url: url.to_owned(),
    }
}

/// The cards in an address book, as any client lists them.
fn server_cards(book: &str) -> usize {
    curl(&["-X", "PROPFIND", "-H", "Depth: 1", book])
        .matches(".vcf</href>")
        .count()
}

#[test]
fn a_calendar_another_client_made_is_offered_chosen_and_holds_the_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let work = other_client_makes_calendar(&server, "work", "Work", &["VEVENT", "VTODO"]);
    other_client_makes_calendar(&server, "holidays", "Holidays", &["VEVENT"]);
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Ada Lovelace");

    let found = offered(&a, &server);
    assert_eq!(
        found
            .calendars
            .iter()
            .map(|c| (c.name.as_str(), c.url.as_str()))
            .collect::<Vec<_>>(),
        vec![("Work", work.as_str())],
        "the calendars that take tasks, not the one of events only"
    );
    assert!(
        found.calendars[0].without_journals,
        "Work takes no journal entries: the touches would not go there"
    );
    assert_eq!(
        (found.address_book, found.calendar, found.synced),
        (None, None, false)
    );

    let chosen = choose(
        &mut a,
        &server,
        &CollectionChoice::New {
            name: "Touchpoint".into(),
        },
        &existing(&work),
    );
    let book = chosen.address_book.clone().expect("the address book made");
    assert!(book.ends_with(&format!("/{USER}/touchpoint/")), "{book}");
    assert_eq!(chosen.calendar.as_deref(), Some(work.as_str()));
    assert_eq!(
        a.sync_account_status()
            .unwrap()
            .unwrap()
            .calendar
            .as_deref(),
        Some(work.as_str())
    );

    let report = sync(&mut a, &server);
    assert_eq!(
        report.followups.task_list.as_deref(),
        Some(work.as_str()),
        "{report:?}"
    );
    assert_eq!((report.sent, report.followups.sent), (1, 1), "{report:?}");
    let tasks = server_tasks(&work);
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert!(
        tasks[0].1.contains("X-TOUCHPOINT-STEP:0\r\n"),
        "Ada's first touch: {}",
        tasks[0].1
    );
    assert_eq!(
        offered(&a, &server).calendars.len(),
        1,
        "no task list of Touchpoint's own was made beside the one chosen"
    );

    // The other machine is offered the address book named Touchpoint, and
    // picks the Work calendar too.
    let found = offered(&b, &server);
    assert_eq!(found.address_book.as_deref(), Some(book.as_str()));
    assert_eq!(found.calendar, None, "Work is not named for Touchpoint");
    choose(&mut b, &server, &existing(&book), &existing(&work));
    let got = sync(&mut b, &server);
    assert_eq!(
        (got.received, got.followups.received, got.followups.sent),
        (1, 1, 0),
        "{got:?}"
    );
    assert_eq!(
        plan(&b, "Ada Lovelace").0.as_ref().map(when),
        plan(&a, "Ada Lovelace").0.as_ref().map(when),
        "B holds A's plan, from the Work calendar"
    );
}

#[test]
fn another_collection_after_a_sync_gets_everything_and_the_old_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let mut a = machine(dir.path(), "a");
    add(&mut a, "Ada Lovelace");
    add(&mut a, "Grace Hopper");
    let first = sync(&mut a, &server);
    let (old_book, old_list) = (
        first.address_book.clone(),
        first.followups.task_list.clone().unwrap(),
    );
    assert_eq!(
        (server_cards(&old_book), server_tasks(&old_list).len()),
        (2, 2)
    );

    let work = other_client_makes_calendar(&server, "work", "Work", &["VTODO"]);
    let found = offered(&a, &server);
    assert!(found.synced);
    assert_eq!(
        (found.address_book.as_deref(), found.calendar.as_deref()),
        (Some(old_book.as_str()), Some(old_list.as_str())),
        "the ones in use are offered first"
    );
    let refused = a.choose_sync_collections(
        &server.url,
        USER,
        PASSWORD,
        &existing(&old_book),
        &existing(&format!("{}{USER}/nowhere/", server.url)),
    );
    assert!(
        matches!(&refused, Err(CoreError::Invalid { field, .. }) if field == "calendar"),
        "{refused:?}"
    );
    assert_eq!(
        a.sync_account_status()
            .unwrap()
            .unwrap()
            .calendar
            .as_deref(),
        Some(old_list.as_str()),
        "a refused choice changes nothing"
    );

    choose(&mut a, &server, &existing(&old_book), &existing(&work));
    let moved = sync(&mut a, &server);
    assert_eq!(moved.followups.task_list.as_deref(), Some(work.as_str()));
    assert_eq!(
        (
            moved.sent,
            moved.followups.sent,
            moved.followups.deleted_there
        ),
        (0, 2, 0),
        "every open follow-up uploaded to the new calendar, the cards left alone: {moved:?}"
    );
    assert_eq!(server_tasks(&work).len(), 2);
    assert_eq!(
        server_tasks(&old_list).len(),
        2,
        "nothing deleted on the old calendar"
    );
    let again = sync(&mut a, &server);
    assert_eq!((again.sent, again.followups.sent), (0, 0), "{again:?}");

    let chosen = choose(
        &mut a,
        &server,
        &CollectionChoice::New {
            name: "Work contacts".into(),
        },
        &existing(&work),
    );
    let new_book = chosen.address_book.unwrap();
    assert!(new_book.ends_with("/work-contacts/"), "{new_book}");
    let moved = sync(&mut a, &server);
    assert_eq!(
        (moved.address_book.as_str(), moved.sent, moved.deleted_there),
        (new_book.as_str(), 2, 0)
    );
    assert_eq!(
        moved.followups.sent, 0,
        "the calendar did not change: {moved:?}"
    );
    assert_eq!((server_cards(&new_book), server_cards(&old_book)), (2, 2));
    assert_eq!(a.sync_account_status().unwrap().unwrap().cards, 2);
}
