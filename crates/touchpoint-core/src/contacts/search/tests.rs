use super::*;
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::test_support::{card, memory_db, saved};

fn names(page: &ContactPage) -> Vec<&str> {
    page.items.iter().map(|c| c.display_name.as_str()).collect()
}

pub(super) fn search(db: &Database, text: &str) -> Vec<String> {
    db.list_contacts(&ContactQuery {
        search: text.into(),
        ..ContactQuery::default()
    })
    .unwrap()
    .items
    .into_iter()
    .map(|c| c.display_name)
    .collect()
}

fn seeded() -> Database {
    let mut db = memory_db();
    let mut ada = card(
        "Ada Lovelace",
        "Analytical Engines",
        "ada@engines.example",
        "+1 415 555 0100",
    );
    ada.tags = vec!["math".into(), "vip".into()];
    ada.notes = "Wants the quarterly report".into();
    let mut grace = card(
        "Grace Hopper",
        "US Navy",
        "grace@navy.example",
        "+1 202 555 0143",
    );
    grace.stage = Stage::Customer;
    grace.tags = vec!["vip".into()];
    let renee = card("Renée Müller", "Café Zürich", "renee@cafe.example", "");
    for c in [ada, grace, renee] {
        saved(db.add_contact(&c, DuplicateCheck::Warn).unwrap());
    }
    db
}

#[test]
fn search_matches_word_prefixes_in_any_field() {
    let db = seeded();
    assert_eq!(search(&db, "ada lov"), ["Ada Lovelace"]);
    assert_eq!(search(&db, "navy"), ["Grace Hopper"]);
    assert_eq!(search(&db, "engines.exa"), ["Ada Lovelace"], "email parts");
    assert_eq!(search(&db, "quarter"), ["Ada Lovelace"], "notes");
    assert_eq!(search(&db, "vip"), ["Ada Lovelace", "Grace Hopper"], "tags");
}

#[test]
fn search_ignores_accents_and_case() {
    let db = seeded();
    assert_eq!(search(&db, "RENEE muller"), ["Renée Müller"]);
    assert_eq!(search(&db, "zurich"), ["Renée Müller"]);
}

#[test]
fn phone_numbers_are_found_however_they_are_typed() {
    let db = seeded();
    assert_eq!(search(&db, "4155550100"), ["Ada Lovelace"]);
    assert_eq!(search(&db, "415 555"), ["Ada Lovelace"]);
    assert_eq!(search(&db, "+1 202"), ["Grace Hopper"]);
}

#[test]
fn search_syntax_typed_by_the_user_is_just_text() {
    let db = seeded();
    for odd in [
        "\"",
        "ada\" OR \"",
        "NOT",
        "a*b",
        "(",
        "NEAR(ada grace)",
        "-",
        "^",
    ] {
        assert!(
            db.list_contacts(&ContactQuery {
                search: odd.into(),
                ..ContactQuery::default()
            })
            .is_ok(),
            "{odd:?} must not break the query"
        );
    }
    assert_eq!(
        search(&db, "   "),
        ["Ada Lovelace", "Grace Hopper", "Renée Müller"]
    );
}

#[test]
fn filters_combine_with_search() {
    let db = seeded();
    let vip_customers = db
        .list_contacts(&ContactQuery {
            stage: Some(Stage::Customer),
            tag: Some("VIP".into()),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(names(&vip_customers), ["Grace Hopper"]);
    let vip_ada = db
        .list_contacts(&ContactQuery {
            search: "ada".into(),
            tag: Some("vip".into()),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(names(&vip_ada), ["Ada Lovelace"]);
}

#[test]
fn untouched_filter_includes_never_touched_and_old_touches() {
    let db = seeded();
    let ada_id = db.list_contacts(&ContactQuery::default()).unwrap().items[0].id;
    let grace_id = db.list_contacts(&ContactQuery::default()).unwrap().items[1].id;
    let recent = (db.now() - Duration::days(3)).timestamp_millis();
    let old = (db.now() - Duration::days(45)).timestamp_millis();
    db.conn
        .execute(
            "UPDATE contacts SET last_touch_at = ?1 WHERE id = ?2",
            (recent, ada_id),
        )
        .unwrap();
    db.conn
        .execute(
            "UPDATE contacts SET last_touch_at = ?1 WHERE id = ?2",
            (old, grace_id),
        )
        .unwrap();
    let stale = db
        .list_contacts(&ContactQuery {
            untouched_days: Some(30),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(names(&stale), ["Grace Hopper", "Renée Müller"]);
}

#[test]
fn an_untouched_filter_longer_than_any_calendar_lists_the_never_touched() {
    let db = seeded();
    let ada_id = db.list_contacts(&ContactQuery::default()).unwrap().items[0].id;
    let long_ago = (db.now() - Duration::days(365 * 200)).timestamp_millis();
    db.conn
        .execute(
            "UPDATE contacts SET last_touch_at = ?1 WHERE id = ?2",
            (long_ago, ada_id),
        )
        .unwrap();
    let page = db
        .list_contacts(&ContactQuery {
            untouched_days: Some(u32::MAX),
            ..ContactQuery::default()
        })
        .expect("a huge number of days is a filter, not a crash");
    assert_eq!(
        names(&page),
        ["Grace Hopper", "Renée Müller"],
        "no touch can be that old: only the never touched are listed"
    );
}

#[test]
fn sorting_and_paging() {
    let db = seeded();
    let by_company = db
        .list_contacts(&ContactQuery {
            sort: ContactSort::Company,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(
        names(&by_company),
        ["Ada Lovelace", "Renée Müller", "Grace Hopper"]
    );
    let second = db
        .list_contacts(&ContactQuery {
            offset: 1,
            limit: 1,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(names(&second), ["Grace Hopper"]);
    assert_eq!(
        second.total, 3,
        "the total counts every match, not the page"
    );
}

#[test]
fn the_summary_shows_the_first_email_phone_and_the_tags_in_order() {
    let db = seeded();
    let ada = &db.list_contacts(&ContactQuery::default()).unwrap().items[0];
    assert_eq!(ada.email.as_deref(), Some("ada@engines.example"));
    assert_eq!(ada.phone.as_deref(), Some("+1 415 555 0100"));
    assert_eq!(ada.tags, ["math", "vip"]);
}

#[test]
fn an_oversized_page_is_refused() {
    let db = memory_db();
    let err = db
        .list_contacts(&ContactQuery {
            limit: ContactQuery::MAX_LIMIT + 1,
            ..ContactQuery::default()
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::Invalid { ref field, .. } if field == "limit"));
}

#[test]
fn tags_in_use_are_listed_most_used_first() {
    let db = seeded();
    assert_eq!(db.contact_tags().unwrap(), ["vip", "math"]);
    let _ = ContactFields::default();
}

#[test]
fn a_broad_search_stops_counting_at_the_limit_but_an_unfiltered_list_counts_all() {
    let mut db = memory_db();
    let now = db.now();
    let tx = db.conn.transaction().unwrap();
    for i in 0..=ContactPage::COUNT_LIMIT {
        let fields = crate::contacts::rules::normalise(
            &card(&format!("Maria {i}"), "", "", ""),
            crate::contacts::rules::RuleContext {
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                phone_region: "US",
            },
        )
        .unwrap();
        crate::contacts::insert(&tx, &fields, now).unwrap();
    }
    tx.commit().unwrap();
    let broad = db
        .list_contacts(&ContactQuery {
            search: "maria".into(),
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(
        (broad.total, broad.total_exact),
        (ContactPage::COUNT_LIMIT, false)
    );
    assert_eq!(broad.items.len(), 100, "the page itself is complete");
    let all = db.list_contacts(&ContactQuery::default()).unwrap();
    assert_eq!(
        (all.total, all.total_exact),
        (ContactPage::COUNT_LIMIT + 1, true)
    );
}

fn refused(db: &Database, reference: &str) -> String {
    match db.find_contact(reference) {
        Err(CoreError::Invalid { field, message }) => {
            assert_eq!(field, "contact", "{reference:?}");
            message
        }
        other => panic!("{reference:?} must be refused, got {other:?}"),
    }
}

/// `touchpoint log "*"` logged a touch against the only contact: a reference
/// with no word in it named everyone, like the list's empty search box.
#[test]
fn a_contact_reference_without_a_word_names_nobody() {
    let mut db = memory_db();
    saved(
        db.add_contact(&card("Ada Lovelace", "", "", ""), DuplicateCheck::Warn)
            .unwrap(),
    );
    for nothing in ["", "   ", "*", "'", "%", "\"", "_", "\"*%_'", " * \t"] {
        assert_eq!(
            refused(&db, nothing),
            "Say which contact: a name, email, phone or id",
            "{nothing:?}"
        );
    }
    assert_eq!(
        search(&db, ""),
        ["Ada Lovelace"],
        "the list's empty search box still lists everyone"
    );
}

#[test]
fn a_contact_reference_is_an_id_or_words_that_find_exactly_one() {
    let db = seeded();
    let ada = db.find_contact("ada lov").unwrap();
    assert_eq!(ada.display_name, "Ada Lovelace");
    assert_eq!(db.find_contact(&ada.id.to_string()).unwrap(), ada);
    assert_eq!(
        db.find_contact("4155550100").unwrap().id,
        ada.id,
        "a number that is no id is searched for"
    );
    assert_eq!(refused(&db, "nobody"), "No contact matches \"nobody\"");
    let several = refused(&db, "vip");
    assert!(
        several.starts_with("\"vip\" matches several contacts; use the id: Ada Lovelace (")
            && several.contains("Grace Hopper ("),
        "{several}"
    );
}
