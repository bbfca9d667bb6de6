use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::channel::Channel;
use crate::clock::{Clock, ManualClock};
use crate::contacts::{ContactFields, DuplicateCheck};
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::saved;

struct Setup {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    clock: Arc<ManualClock>,
    db: Database,
}

/// Voicemails to `names`, each promising a callback at 11:00 on Monday
/// 2026-11-23 (UTC); the clock is then at 11:05.
fn promised(names: &[&str]) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite3");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
    ));
    let mut db = Database::open(&path, clock.clone() as Arc<dyn Clock>).unwrap();
    db.update_settings(Settings {
        time_zone: "UTC".into(),
        ..Settings::default()
    })
    .unwrap();
    for name in names {
        let fields = ContactFields {
            display_name: (*name).into(),
            stage: Stage::Prospect,
            ..ContactFields::default()
        };
        let id = saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id;
        db.log_touch(&TouchInput {
            contact_id: id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::LeftVoicemail,
            notes: String::new(),
            hook: "the quote".into(),
            objections: vec![],
            happened_at: None,
            next: NextStep::Cadence,
            promise: Some("2026-11-23 11:00".into()),
        })
        .unwrap();
    }
    clock.advance(Duration::minutes(65));
    Setup {
        _dir: dir,
        path,
        clock,
        db,
    }
}

fn claim_the_one(db: &mut Database) -> Claim {
    let due = db.due_reminders().unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    db.claim(&due[0]).unwrap().unwrap()
}

#[test]
fn while_a_claimed_notice_is_being_shown_no_lock_is_held() {
    let mut s = promised(&["Ada"]);
    let due = s.db.due_reminders().unwrap();
    let claim = s.db.claim(&due[0]).unwrap().unwrap();
    assert_eq!(claim.notice.kind, NoticeKind::Promise);
    // Another process writes at once, without waiting for any lock.
    let other = rusqlite::Connection::open(&s.path).unwrap();
    other.busy_timeout(std::time::Duration::ZERO).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET key = key; COMMIT;")
        .unwrap();
    assert!(
        s.db.due_reminders().unwrap().is_empty(),
        "claimed: not shown by another tick meanwhile"
    );
    assert_eq!(s.db.claim(&due[0]).unwrap(), None, "claimed once");
}

#[test]
fn a_notice_the_server_refused_is_owed_again() {
    let mut s = promised(&["Ada"]);
    let claim = claim_the_one(&mut s.db);
    s.db.not_shown(claim.id).unwrap();
    let again = claim_the_one(&mut s.db);
    assert_eq!(again.notice, claim.notice);
    assert_eq!(
        s.db.take_over().unwrap(),
        [TakeOver::Show(again)],
        "only the second attempt is written down"
    );
}

#[test]
fn a_restart_shows_again_what_was_in_flight_and_takes_over_what_is_on_screen() {
    let mut s = promised(&["Ada"]);
    let in_flight = claim_the_one(&mut s.db);
    assert_eq!(
        s.db.take_over().unwrap(),
        [TakeOver::Show(in_flight.clone())],
        "the server may never have got it: shown again"
    );
    s.db.shown(in_flight.id, 41).unwrap();
    let taken = s.db.take_over().unwrap();
    assert_eq!(
        taken,
        [TakeOver::Show(Claim {
            replaces: Some(41),
            ..in_flight
        })],
        "a promise on screen is shown again in its place"
    );
}

#[test]
fn a_promise_kept_while_the_app_was_closed_is_closed_at_the_restart() {
    let mut s = promised(&["Ada"]);
    let claim = claim_the_one(&mut s.db);
    s.db.shown(claim.id, 7).unwrap();
    let contact = claim.notice.contact_id.unwrap();
    s.db.log_touch(&TouchInput {
        contact_id: contact,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::Connected,
        notes: String::new(),
        hook: String::new(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: None,
    })
    .unwrap();
    assert_eq!(s.db.take_over().unwrap(), [TakeOver::Close(7)]);
    assert_eq!(s.db.take_over().unwrap(), [], "once");
}

#[test]
fn a_notice_that_closes_by_itself_is_not_taken_over() {
    let mut s = promised(&[]);
    // The morning digest, with one step due today.
    let fields = ContactFields {
        display_name: "Grace".into(),
        stage: Stage::Prospect,
        ..ContactFields::default()
    };
    s.db.add_contact(&fields, DuplicateCheck::SaveAnyway)
        .unwrap();
    s.clock.advance(Duration::days(1));
    let due = s.db.due_reminders().unwrap();
    let digest = due
        .iter()
        .find(|r| r.notice.kind == NoticeKind::Digest)
        .unwrap();
    let claim = s.db.claim(digest).unwrap().unwrap();
    s.db.shown(claim.id, 3).unwrap();
    assert_eq!(s.db.take_over().unwrap(), []);
}

#[test]
fn a_summary_of_promises_lasts_and_snoozes_all_at_once() {
    let mut s = promised(&["Ada", "Grace", "Hedy", "Radia"]);
    let claim = claim_the_one(&mut s.db);
    assert_eq!(claim.notice.kind, NoticeKind::PromiseSummary);
    assert!(claim.notice.kind.lasting());
    assert_eq!(s.db.snooze_claim(claim.id, Snooze::Hour).unwrap(), 4);
    s.clock.advance(Duration::minutes(59));
    assert!(s.db.due_reminders().unwrap().is_empty(), "all moved");
    s.clock.advance(Duration::minutes(2));
    assert_eq!(
        claim_the_one(&mut s.db).notice.kind,
        NoticeKind::PromiseSummary
    );
}
