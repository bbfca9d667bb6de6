use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::*;
use crate::contacts::ContactQuery;

fn like() -> Settings {
    Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        ..Settings::default()
    }
}

fn open(path: &Path, now: DateTime<Utc>) -> Database {
    Database::open(path, Arc::new(ManualClock::new(now))).unwrap()
}

#[test]
fn the_sample_has_history_work_due_and_promises_as_of_now() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.sqlite3");
    // A Wednesday mid-morning in New York.
    let now = Utc.with_ymd_and_hms(2027, 3, 10, 15, 0, 0).unwrap();
    let written = write_sample(&path, now, &like()).unwrap();
    assert_eq!(written.contacts as usize, PEOPLE.len());
    let db = open(&path, now);
    let settings = db.settings().unwrap();
    assert!(settings.sample && settings.set_up);
    assert_eq!(settings.time_zone, "America/New_York", "the user's zone");
    let page = db
        .list_contacts(&ContactQuery {
            limit: 100,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(page.total as usize, PEOPLE.len());
    let today = db.today().unwrap();
    assert_eq!(
        today.promised.len()
            + today
                .later_today
                .iter()
                .filter(|i| i.followup.kind == crate::followups::touch::FollowUpKind::Promise)
                .count(),
        2,
        "two callbacks promised this morning"
    );
    let work =
        today.overdue.len() + today.due_now.len() + today.later_today.len() + today.tomorrow.len();
    assert!(work >= 3, "something to do today or tomorrow: {work}");
    assert!(
        !today.overdue.is_empty(),
        "and some left from the last days"
    );
    assert!(
        written.touches >= 60,
        "weeks of history: {} touches",
        written.touches
    );
    assert!(
        db.last_action().unwrap().is_none(),
        "nothing for Undo to take back"
    );
}

#[test]
fn the_sample_replaces_an_earlier_sample_but_never_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2027, 3, 10, 15, 0, 0).unwrap();
    let path = dir.path().join("sample.sqlite3");
    write_sample(&path, now, &like()).unwrap();
    let later = now + Duration::days(30);
    let again = write_sample(&path, later, &like()).unwrap();
    assert_eq!(
        again.contacts as usize,
        PEOPLE.len(),
        "made anew, not added to"
    );

    let real = dir.path().join("mine.sqlite3");
    {
        let mut db = open(&real, now);
        db.add_contact(
            &ContactFields {
                display_name: "Ada Lovelace".into(),
                ..ContactFields::default()
            },
            DuplicateCheck::Warn,
        )
        .unwrap();
    }
    let refused = write_sample(&real, now, &like()).unwrap_err();
    assert!(
        refused.to_string().contains("is not a sample database"),
        "{refused}"
    );
    let db = open(&real, now);
    let page = db
        .list_contacts(&ContactQuery {
            limit: 10,
            ..ContactQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 1, "the real file is untouched");
}
