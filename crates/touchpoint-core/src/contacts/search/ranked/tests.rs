use crate::contacts::DuplicateCheck;
use crate::contacts::search::tests::search;
use crate::contacts::search::{ContactPage, ContactQuery, ContactSort};
use crate::test_support::{card, memory_db, saved};

#[test]
fn a_broad_search_pages_likeliest_first_then_by_name_like_a_narrow_one() {
    let mut db = memory_db();
    let now = db.now();
    let tx = db.conn.transaction().unwrap();
    // Names out of order, one in three a match for "mar" only in its notes,
    // one in five at a company named Mar…, one in ten no match at all.
    for i in 0..2_000_u32 {
        let name = format!(
            "{} {}",
            ["Zoe", "maria", "Ana", "Marco"][(i % 4) as usize],
            (i * 7919) % 2_000
        );
        let mut c = card(&name, "", "", "");
        c.notes = if i % 3 == 0 { "march meeting" } else { "" }.into();
        c.company = if i % 5 == 1 { "Marlow Freight" } else { "" }.into();
        if i % 10 == 0 {
            c.display_name = format!("Nobody {i}");
            c.notes = String::new();
        }
        let fields = crate::contacts::rules::normalise(
            &c,
            crate::contacts::rules::RuleContext {
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                phone_region: "US",
            },
        )
        .unwrap();
        crate::contacts::insert(&tx, &fields, now).unwrap();
    }
    tx.commit().unwrap();
    let mut expected: Vec<(String, String, i64)> = db
        .conn
        .prepare(
            "SELECT c.display_name, c.company, c.id FROM contacts c
             JOIN contact_search s ON s.rowid = c.id WHERE contact_search MATCH '\"mar\"*'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        expected.len() > ContactPage::COUNT_LIMIT as usize,
        "a broad search"
    );
    let starts = |text: &str| text.split(' ').any(|w| w.to_lowercase().starts_with("mar"));
    expected.sort_by_key(|(name, company, id)| {
        let group = if starts(name) {
            0
        } else if starts(company) {
            1
        } else {
            2
        };
        (group, name.to_lowercase(), *id)
    });
    let groups = |rows: &[(String, String, i64)]| {
        let mut seen: Vec<bool> = rows.iter().map(|(n, _, _)| starts(n)).collect();
        seen.dedup();
        seen
    };
    assert_eq!(groups(&expected), [true, false], "name matches come first");
    for offset in [0_u32, 100, 900, 1_000, 1_350] {
        let page = db
            .list_contacts(&ContactQuery {
                search: "mar".into(),
                offset,
                ..ContactQuery::default()
            })
            .unwrap();
        let got: Vec<(String, String, i64)> = page
            .items
            .iter()
            .map(|c| (c.display_name.clone(), c.company.clone(), c.id))
            .collect();
        let from = (offset as usize).min(expected.len());
        assert_eq!(
            got,
            expected[from..(from + 100).min(expected.len())],
            "offset {offset}"
        );
    }
}

#[test]
fn a_search_puts_name_prefixes_first_then_company_prefixes_then_the_rest() {
    let mut db = memory_db();
    let mut carlos = card("Carlos Mendes", "Rota Transportes", "", "");
    carlos.title = "Fleet Manager".into();
    carlos.notes = "Met at the Marina trade fair".into();
    let ada = card("Ada Byron", "Marlow Shipping", "", "");
    let maria = card("Maria Gonzalez", "Acme", "", "");
    let ana = card("Ana Martins", "", "", "");
    let bo = card("Bo Chen", "", "mark@chen.example", "");
    for c in [carlos, ada, maria, ana, bo] {
        saved(db.add_contact(&c, DuplicateCheck::Warn).unwrap());
    }
    assert_eq!(
        search(&db, "Mar"),
        [
            "Ana Martins",
            "Maria Gonzalez",
            "Ada Byron",
            "Bo Chen",
            "Carlos Mendes"
        ]
    );
    assert_eq!(search(&db, "mar gon"), ["Maria Gonzalez"]);
    let sorted = |sort| {
        db.list_contacts(&ContactQuery {
            search: "mar".into(),
            sort,
            ..ContactQuery::default()
        })
        .unwrap()
    };
    let newest = sorted(ContactSort::Newest);
    assert_eq!(
        newest
            .items
            .iter()
            .map(|c| c.display_name.as_str())
            .collect::<Vec<_>>(),
        [
            "Bo Chen",
            "Ana Martins",
            "Maria Gonzalez",
            "Ada Byron",
            "Carlos Mendes"
        ],
        "an explicit sort other than by name is kept"
    );
    assert_eq!((newest.total, newest.total_exact), (5, true));
}
