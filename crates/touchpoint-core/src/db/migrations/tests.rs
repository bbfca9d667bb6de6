use super::*;

fn table_names(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_migration_applies_in_order_on_an_empty_database() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn).unwrap();
    assert_eq!(
        stored_version(&conn).unwrap(),
        SCHEMA_VERSION,
        "user_version counts the migrations applied"
    );
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "the migrated schema is consistent");
}

/// Every schema object's SQL, the version, the owner's id and the seeded
/// rows: what makes two databases the same before any user data.
fn fingerprint(conn: &Connection) -> Vec<String> {
    let mut out: Vec<String> = conn
        .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for pragma in ["user_version", "application_id"] {
        let value: i64 = conn.pragma_query_value(None, pragma, |r| r.get(0)).unwrap();
        out.push(format!("{pragma} = {value}"));
    }
    let cadences: Vec<String> = conn
        .prepare("SELECT quote(name) || ' ' || quote(plan) || ' ' || created_at FROM cadences ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!cadences.is_empty(), "the stock cadences are seeded");
    out.extend(cadences);
    out
}

#[test]
fn a_private_database_copied_from_the_template_is_the_migrated_one() {
    let mut migrated = Connection::open_in_memory().unwrap();
    migrate(&mut migrated).unwrap();
    for _ in 0..2 {
        // The second copy comes from the template, which a change to the
        // first copy must not have reached.
        let mut copied = Connection::open_in_memory().unwrap();
        migrate_private(&mut copied).unwrap();
        assert_eq!(fingerprint(&copied), fingerprint(&migrated));
        copied.execute("DELETE FROM cadences", []).unwrap();
    }
}

#[test]
fn migrating_twice_changes_nothing() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn).unwrap();
    let before = table_names(&conn);
    migrate(&mut conn).unwrap();
    assert_eq!(table_names(&conn), before, "no table added or dropped");
    assert_eq!(stored_version(&conn).unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_failing_migration_leaves_no_trace() {
    let mut conn = Connection::open_in_memory().unwrap();
    let broken = [
        Migration {
            sql: "CREATE TABLE first (x INTEGER);",
            backfill: None,
        },
        Migration {
            sql: "CREATE TABLE half (x INTEGER); INSERT INTO missing VALUES (1);",
            backfill: None,
        },
    ];
    assert!(apply(&mut conn, &broken).is_err(), "the broken step fails");
    assert_eq!(
        stored_version(&conn).unwrap(),
        1,
        "the version stops at the last good migration"
    );
    assert_eq!(
        table_names(&conn),
        vec!["first".to_owned()],
        "the half-applied table was rolled back"
    );
}

fn plan(conn: &Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.join("; ")
}

#[test]
fn open_follow_ups_are_read_by_due_time_kind_and_contact_from_indexes() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn).unwrap();
    let promises = plan(
        &conn,
        "SELECT id FROM followups WHERE status = 'open' AND kind = 'promise'
         AND due_at BETWEEN 1 AND 2 ORDER BY due_at LIMIT 5",
    );
    assert!(
        promises.contains("INDEX followups_open_promises"),
        "promised callbacks in due order: {promises}"
    );
    let per_day = plan(
        &conn,
        "SELECT count(*), sum(kind = 'promise') FROM followups
         WHERE status = 'open' AND due_at >= 1 AND due_at < 2",
    );
    assert!(
        per_day.contains("USING COVERING INDEX followups_open_by_due"),
        "a day's counts from the index alone: {per_day}"
    );
    let per_contact = plan(
        &conn,
        "SELECT min(due_at) FROM followups WHERE contact_id = 7 AND status = 'open'",
    );
    assert!(
        per_contact.contains("COVERING INDEX followups_open_by_contact"),
        "a contact's next due from the index alone: {per_contact}"
    );
}

#[test]
fn a_newer_database_is_refused() {
    let conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = refuse_newer(&conn).unwrap_err();
    assert!(
        matches!(err, CoreError::DatabaseTooNew { found, supported }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "got {err:?}"
    );
}
#[test]
fn follow_ups_and_enrolments_get_uids_and_only_open_follow_ups_start_marked() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..14]).unwrap();
    conn.execute_batch(
        "INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (1, 'Ada', 0, 0);
         INSERT INTO enrolments (id, contact_id, cadence_id, schedule, anchor_on, started_at)
             VALUES (1, 1, 1, 'anchored', '2026-11-24', 0);
         INSERT INTO followups (id, contact_id, enrolment_id, kind, step, due_on, due_at,
                                time_zone, channel, status, created_at)
             VALUES (1, 1, 1, 'cadence', 0, '2026-11-24', 0, 'UTC', 'call', 'done', 0),
                    (2, 1, 1, 'cadence', 1, '2026-11-30', 1, 'UTC', 'call', 'open', 0);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let uids: Vec<Option<String>> = conn
        .prepare("SELECT uid FROM followups UNION ALL SELECT uid FROM enrolments")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(uids.len(), 3);
    assert!(
        uids.iter()
            .all(|u| u.as_ref().is_some_and(|u| u.len() == 32)),
        "{uids:?}"
    );
    assert_ne!(uids[0], uids[1], "each follow-up its own");
    let marked = |conn: &Connection| -> Vec<i64> {
        conn.prepare("SELECT followup_id FROM sync_dirty_followups ORDER BY 1")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(marked(&conn), vec![2], "the open one only");

    conn.execute_batch(
        "INSERT INTO followups (id, contact_id, kind, due_on, due_at, time_zone, channel,
                                created_at)
             VALUES (3, 1, 'promise', '2026-11-25', 2, 'UTC', 'call', 0);
         DELETE FROM followups WHERE id = 2;",
    )
    .unwrap();
    let new_uid: Option<String> = conn
        .query_row("SELECT uid FROM followups WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    assert!(
        new_uid.is_some(),
        "a new follow-up gets a UID as it is inserted"
    );
    assert_eq!(
        marked(&conn),
        vec![3],
        "new: marked; deleted: its mark gone"
    );
}

#[test]
fn touches_get_uids_and_their_changes_are_marked() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..16]).unwrap();
    conn.execute_batch(
        "INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (1, 'Ada', 0, 0);
         INSERT INTO touches (id, contact_id, happened_at, channel, direction, outcome,
                              created_at)
             VALUES (1, 1, 0, 'call', 'outbound', 'connected', 0),
                    (2, 1, 1, 'email', 'inbound', 'replied', 1);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let uids: Vec<Option<String>> = conn
        .prepare("SELECT uid FROM touches ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        uids.iter()
            .all(|u| u.as_ref().is_some_and(|u| u.len() == 32)),
        "{uids:?}"
    );
    assert_ne!(uids[0], uids[1], "each touch its own");
    let marked = |conn: &Connection| -> Vec<i64> {
        conn.prepare("SELECT touch_id FROM sync_dirty_touches ORDER BY 1")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(marked(&conn), Vec::<i64>::new(), "none start marked");
    conn.execute_batch(
        "INSERT INTO touches (id, contact_id, happened_at, channel, direction, outcome,
                              created_at)
             VALUES (3, 1, 2, 'call', 'outbound', 'no_answer', 2);
         UPDATE touches SET notes = 'pricing' WHERE id = 1;
         DELETE FROM touches WHERE id = 2;",
    )
    .unwrap();
    let new_uid: Option<String> = conn
        .query_row("SELECT uid FROM touches WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    assert!(
        new_uid.is_some(),
        "a new touch gets a UID as it is inserted"
    );
    assert_eq!(marked(&conn), vec![1, 3], "new and edited: marked");
    conn.execute("DELETE FROM touches WHERE id = 3", [])
        .unwrap();
    assert_eq!(marked(&conn), vec![1], "deleted: its mark gone");
}

#[test]
fn the_search_index_is_rebuilt_with_one_letter_prefixes_keeping_its_rows() {
    let mut conn = Connection::open_in_memory().unwrap();
    apply(&mut conn, &MIGRATIONS[..17]).unwrap();
    conn.execute_batch(
        "INSERT INTO contacts (id, display_name, created_at, updated_at)
             VALUES (1, 'Maria Gonzalez', 0, 0), (2, 'Ada Byron', 0, 0);
         INSERT INTO contact_search (rowid, name, company, title, emails, phones, notes, tags)
             VALUES (1, 'Maria Gonzalez', 'Rota', '', '', '', '', ''),
                    (2, 'Ada Byron', 'Marlow', '', '', '', 'met at the fair', 'vip');",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'contact_search'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("prefix = '1 2 3'"), "{sql}");
    let found = |expr: &str| -> Vec<i64> {
        conn.prepare(
            "SELECT rowid FROM contact_search WHERE contact_search MATCH ?1 ORDER BY rowid",
        )
        .unwrap()
        .query_map([expr], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    assert_eq!(found("\"m\"*"), vec![1, 2], "name and company");
    assert_eq!(found("{name} : (\"m\"*)"), vec![1], "the name column kept");
    assert_eq!(found("\"fai\"* \"v\"*"), vec![2], "notes and tags kept");
}
