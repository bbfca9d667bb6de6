use rusqlite::params;
use url::Url;

use super::{CollectionChoice, Found, Stored, SyncCollection, Target, Which, offer, slug};
use crate::error::CoreError;
use crate::test_support::{card, memory_db};

const HOME: &str = "https://dav.example.com/alice/";

fn found(names: &[(&str, &str)]) -> Found {
    Found {
        home: Some(Url::parse(HOME).unwrap()),
        listed: names
            .iter()
            .map(|(name, segment)| SyncCollection {
                name: (*name).to_owned(),
                url: format!("{HOME}{segment}/"),
                without_journals: false,
            })
            .collect(),
    }
}

fn nothing_stored() -> Stored {
    Stored {
        book: None,
        list: None,
        trusted: None,
        synced: false,
    }
}

#[test]
fn a_new_collection_gets_a_plain_address_not_one_the_server_holds() {
    assert_eq!(slug("Touchpoint follow-ups", &[]), "touchpoint-follow-ups");
    assert_eq!(slug("  Work / Sales 2027 ", &[]), "work-sales-2027");
    assert_eq!(slug("!!!", &[]), "touchpoint", "a name with no letters");
    let taken = vec!["work".to_owned(), "work-2".to_owned()];
    assert_eq!(slug("Work", &taken), "work-3");
}

#[test]
fn only_a_collection_the_server_lists_can_be_chosen() {
    let lists = found(&[("Work", "work"), ("Home", "home")]);
    let chosen = lists
        .pick(
            Which::TaskList,
            &CollectionChoice::Existing {
                url: format!("{HOME}work"),
            },
        )
        .unwrap();
    assert!(
        matches!(&chosen, Target::Existing(url) if url.as_str() == "https://dav.example.com/alice/work/"),
        "the listed URL, whatever the trailing slash"
    );
    let elsewhere = lists.pick(
        Which::TaskList,
        &CollectionChoice::Existing {
            url: "https://evil.example.com/alice/work/".into(),
        },
    );
    assert!(
        matches!(&elsewhere, Err(CoreError::Invalid { field, .. }) if field == "calendar"),
        "{:?}",
        elsewhere.err()
    );
    let unnamed = lists.pick(
        Which::AddressBook,
        &CollectionChoice::New { name: "  ".into() },
    );
    assert!(
        matches!(&unnamed, Err(CoreError::Invalid { field, .. }) if field == "addressBook"),
        "{:?}",
        unnamed.err()
    );
    let new = lists
        .pick(
            Which::TaskList,
            &CollectionChoice::New {
                name: " Work ".into(),
            },
        )
        .unwrap();
    assert!(
        matches!(&new, Target::New { slug, name } if slug == "work-2" && name == "Work"),
        "a new one beside the old, under its own address"
    );
    let no_calendars = Found {
        home: None,
        listed: Vec::new(),
    };
    assert!(matches!(
        no_calendars.pick(
            Which::TaskList,
            &CollectionChoice::New {
                name: "Work".into()
            }
        ),
        Err(CoreError::Invalid { .. })
    ));
}

#[test]
fn the_choice_made_is_offered_first_else_touchpoints_own() {
    let books = found(&[("Contacts", "contacts"), ("Touchpoint", "touchpoint")]);
    let lists = found(&[("Work", "work")]);
    let offered = offer(books, lists, &nothing_stored());
    assert_eq!(
        offered.address_book.as_deref(),
        Some("https://dav.example.com/alice/touchpoint/")
    );
    assert_eq!(
        offered.calendar, None,
        "none named for Touchpoint: one is made"
    );

    let stored = Stored {
        book: Some(format!("{HOME}contacts/")),
        list: Some(format!("{HOME}work/")),
        trusted: None,
        synced: true,
    };
    let offered = offer(
        found(&[("Contacts", "contacts"), ("Touchpoint", "touchpoint")]),
        found(&[("Work", "work")]),
        &stored,
    );
    assert_eq!(
        offered.address_book.as_deref(),
        Some("https://dav.example.com/alice/contacts/")
    );
    assert_eq!(
        offered.calendar.as_deref(),
        Some("https://dav.example.com/alice/work/")
    );
    assert!(offered.synced);
}

#[test]
fn another_address_book_forgets_what_was_agreed_with_the_old_and_nothing_else() {
    let mut db = memory_db();
    db.add_contact(
        &card("Ada Lovelace", "Engines", "ada@example.com", ""),
        crate::DuplicateCheck::SaveAnyway,
    )
    .unwrap();
    let old = Url::parse(&format!("{HOME}touchpoint/")).unwrap();
    let list = Url::parse(&format!("{HOME}touchpoint-followups/")).unwrap();
    let account = db.sync_account(HOME, "alice").unwrap().id;
    assert!(db.remember(account, Which::AddressBook, &old).unwrap());
    assert!(db.remember(account, Which::TaskList, &list).unwrap());
    db.conn
        .execute(
            "UPDATE sync_accounts SET sync_token = 'book-token', calendar_token = 'list-token' WHERE id = ?1",
            [account],
        )
        .unwrap();
    for (table, uid) in [
        ("sync_cards", "c1"),
        ("sync_todos", "t1"),
        ("sync_journals", "j1"),
    ] {
        db.conn
            .execute(
                &format!("INSERT INTO {table} (account_id, uid, href, etag, agreed) VALUES (?1, ?2, 'h', 'e', 'x')"),
                params![account, uid],
            )
            .unwrap();
    }
    let count = |db: &crate::db::Database, table: &str| -> i64 {
        db.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };

    assert!(
        !db.remember(account, Which::AddressBook, &old).unwrap(),
        "the same one again changes nothing"
    );
    assert_eq!(count(&db, "sync_cards"), 1);

    let new = Url::parse(&format!("{HOME}contacts/")).unwrap();
    assert!(db.remember(account, Which::AddressBook, &new).unwrap());
    assert_eq!(
        count(&db, "sync_cards"),
        0,
        "every card goes up to the new one"
    );
    let (book, token, list_token): (String, Option<String>, Option<String>) = db
        .conn
        .query_row(
            "SELECT address_book, sync_token, calendar_token FROM sync_accounts WHERE id = ?1",
            [account],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(book, new.as_str());
    assert_eq!(token, None, "the new one is listed whole");
    assert_eq!(
        list_token.as_deref(),
        Some("list-token"),
        "the calendar is left as it was"
    );
    assert_eq!(
        (count(&db, "sync_todos"), count(&db, "sync_journals")),
        (1, 1)
    );
    assert_eq!(count(&db, "contacts"), 1, "the contacts stay");

    let work = Url::parse(&format!("{HOME}work/")).unwrap();
    assert!(db.remember(account, Which::TaskList, &work).unwrap());
    assert_eq!(
        (count(&db, "sync_todos"), count(&db, "sync_journals")),
        (0, 0)
    );
}
