use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::channel::Channel;
use crate::clock::{Clock, ManualClock};
use crate::contacts::ContactFields;
use crate::contacts::DuplicateCheck;
use crate::followups::touch::{Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::{Delivery, deliver, saved};

fn open(path: &std::path::Path, clock: &Arc<ManualClock>, zone: &str) -> Database {
    let mut db = Database::open(path, clock.clone() as Arc<dyn Clock>).unwrap();
    // These tests are about when reminders come, not about surviving a power
    // cut: without a sync to disk per commit (thousands in the property
    // test) their time is their own work, not the disk's.
    db.conn.pragma_update(None, "synchronous", "OFF").unwrap();
    db.update_settings(Settings {
        time_zone: zone.into(),
        ..Settings::default()
    })
    .unwrap();
    db
}

fn contact(db: &mut Database, name: &str) -> i64 {
    let fields = ContactFields {
        display_name: name.into(),
        stage: Stage::Prospect,
        phones: vec![crate::Phone {
            label: "work".into(),
            number: "+1 415 555 0100".into(),
            e164: None,
        }],
        ..ContactFields::default()
    };
    saved(db.add_contact(&fields, DuplicateCheck::SaveAnyway).unwrap()).id
}

fn voicemail(contact_id: i64, promise: &str) -> TouchInput {
    TouchInput {
        contact_id,
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: String::new(),
        hook: "The renewal quote they asked for".into(),
        objections: vec![],
        happened_at: None,
        next: NextStep::Cadence,
        promise: Some(promise.into()),
    }
}

/// Delivers everything due now, recording what was shown.
fn tick(db: &mut Database, shown: &mut Vec<Notice>) {
    for r in db.due_reminders().unwrap() {
        let delivered = deliver(db, &r, |n| {
            shown.push(n.clone());
            Ok(())
        });
        assert!(matches!(
            delivered,
            Delivery::Delivered | Delivery::AlreadyDone
        ));
    }
}

fn ny_clock() -> Arc<ManualClock> {
    // Monday 2026-11-23 10:00 in New York.
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap(),
    ))
}

#[test]
fn a_promised_callback_is_shown_once_at_its_time_with_the_hook_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace Hopper");
    db.log_touch(&voicemail(id, "2026-11-24 10:00")).unwrap();
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    assert!(shown.is_empty(), "never early");

    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 14, 59, 59).unwrap());
    tick(&mut db, &mut shown);
    assert!(shown.is_empty(), "not one second early");

    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap());
    tick(&mut db, &mut shown);
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "exactly once");
    assert_eq!(shown[0].title, "Call back Grace Hopper — promised");
    assert_eq!(
        shown[0].body,
        "The renewal quote they asked for\n+1 415 555 0100"
    );
    assert_eq!(shown[0].kind, NoticeKind::Promise);

    let reopened = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    assert!(
        reopened.due_reminders().unwrap().is_empty(),
        "a restart does not show it again"
    );
}

#[test]
fn a_failed_notification_is_not_marked_and_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace");
    db.log_touch(&voicemail(id, "2026-11-23 11:00")).unwrap();
    clock.advance(Duration::hours(2));
    let due = db.due_reminders().unwrap();
    let first = deliver(&mut db, &due[0], |_| Err("no notification server".into()));
    assert_eq!(first, Delivery::Failed("no notification server".into()));
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "shown on the next try");
}

#[test]
fn more_than_three_due_at_start_are_grouped_into_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    for name in ["Ada", "Grace", "Katherine", "Hedy", "Radia"] {
        let id = contact(&mut db, name);
        db.log_touch(&voicemail(id, "2026-11-23 12:00")).unwrap();
    }
    clock.advance(Duration::hours(30)); // the machine slept
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    let summaries: Vec<_> = shown
        .iter()
        .filter(|n| n.kind == NoticeKind::PromiseSummary)
        .collect();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].title, "5 new reminders — 5 promised callbacks");
    assert_eq!(summaries[0].body, "Ada, Grace, Katherine, Hedy, Radia");
    tick(&mut db, &mut shown);
    assert_eq!(
        shown
            .iter()
            .filter(|n| n.kind != NoticeKind::Digest)
            .count(),
        1,
        "nothing twice"
    );
}

#[test]
fn a_summary_counts_its_promised_callbacks_in_words_that_agree() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let ada = contact(&mut db, "Ada");
    db.log_touch(&voicemail(ada, "2026-11-23 12:00")).unwrap();
    for name in ["Grace", "Katherine", "Hedy"] {
        let id = contact(&mut db, name);
        let mut call = voicemail(id, "");
        call.promise = None;
        call.outcome = Outcome::Connected;
        call.next = NextStep::At {
            when: "2026-11-23 12:30".into(),
            channel: Channel::Email,
            prompt: "Send the quote".into(),
        };
        db.log_touch(&call).unwrap();
    }
    clock.advance(Duration::hours(3));
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    let summary = shown
        .iter()
        .find(|n| n.kind == NoticeKind::PromiseSummary)
        .unwrap();
    assert_eq!(summary.title, "4 new reminders — 1 promised callback");
}

#[test]
fn a_summary_counts_the_reminders_it_brings_not_everything_still_due() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let ada = contact(&mut db, "Ada");
    db.log_touch(&voicemail(ada, "2026-11-23 12:00")).unwrap();
    clock.advance(Duration::hours(3));
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    for name in ["Grace", "Katherine", "Hedy", "Radia"] {
        let id = contact(&mut db, name);
        db.log_touch(&voicemail(id, "2026-11-23 13:30")).unwrap();
    }
    // 13:40: before Ada's reminder comes again, an hour after it was shown.
    clock.advance(Duration::minutes(40));
    tick(&mut db, &mut shown);
    let summary = shown
        .iter()
        .find(|n| n.kind == NoticeKind::PromiseSummary)
        .unwrap();
    // Today lists Ada's unmade promise too: the summary says its four are new
    // rather than claiming they are all that is due.
    assert_eq!(db.today().unwrap().promised.len(), 5);
    assert_eq!(summary.title, "4 new reminders — 4 promised callbacks");
}

#[test]
fn snoozing_makes_a_new_occurrence_later() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace");
    db.log_touch(&voicemail(id, "2026-11-23 11:00")).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap());
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    let followup = shown[0].followup_id.unwrap();
    db.snooze(followup, Snooze::Minutes15).unwrap();
    clock.advance(Duration::minutes(14));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "not before the snooze ends");
    clock.advance(Duration::minutes(1));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 2, "shown again after 15 minutes");

    let f = db.snooze(followup, Snooze::TomorrowMorning).unwrap();
    let _ = f;
    let at: i64 = db
        .conn
        .query_row(
            "SELECT remind_at FROM followups WHERE id = ?1",
            [followup],
            |r| r.get(0),
        )
        .unwrap();
    let local = instant(at)
        .unwrap()
        .with_timezone(&chrono_tz::America::New_York);
    assert_eq!(
        local.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-24 07:30"
    );
}

/// A promise of Grace's for 11:00 New York time, shown at 11:00.
fn promise_shown(db: &mut Database, clock: &ManualClock, shown: &mut Vec<Notice>) -> i64 {
    let id = contact(db, "Grace Hopper");
    db.log_touch(&voicemail(id, "2026-11-23 11:00")).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap());
    tick(db, shown);
    assert_eq!(shown.len(), 1);
    shown[0].followup_id.unwrap()
}

#[test]
fn a_promise_not_kept_is_shown_once_more_an_hour_after_its_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let mut shown = Vec::new();
    let followup = promise_shown(&mut db, &clock, &mut shown);
    assert_eq!(
        db.next_reminder_at().unwrap(),
        Some(Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap()),
        "the runtime wakes for it"
    );
    clock.advance(Duration::minutes(59));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "not before the hour is up");

    clock.advance(Duration::minutes(1));
    tick(&mut db, &mut shown);
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 2, "once more, once");
    assert_eq!(
        shown[1].title,
        "Not called back yet: Grace Hopper — you promised 11:00 their time"
    );
    assert_eq!(
        shown[1].kind,
        NoticeKind::Promise,
        "it stays with its buttons"
    );
    assert_eq!(shown[1].followup_id, Some(followup));

    clock.advance(Duration::hours(5));
    let mut reopened = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    tick(&mut reopened, &mut shown);
    assert_eq!(shown.len(), 2, "never a third time, across a restart");
}

#[test]
fn a_promise_kept_or_moved_is_not_shown_again_and_a_moved_one_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let mut shown = Vec::new();
    let followup = promise_shown(&mut db, &clock, &mut shown);
    // Moved to 14:00: shown at 14:00 as a promise, again at 15:00.
    let to = Utc.with_ymd_and_hms(2026, 11, 23, 19, 0, 0).unwrap();
    db.reschedule(followup, to, true).unwrap();
    clock.advance(Duration::hours(2));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "the old time's second showing is gone");
    clock.set(to);
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 2);
    clock.advance(Duration::hours(1));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 3, "the new time has its own");

    let other = contact(&mut db, "Ada Lovelace");
    db.log_touch(&voicemail(other, "2026-11-23 16:00")).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0).unwrap());
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 4);
    db.log_touch(&TouchInput {
        outcome: Outcome::Connected,
        promise: None,
        ..voicemail(other, "")
    })
    .unwrap();
    clock.advance(Duration::hours(2));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 4, "kept: nothing more");
}

#[test]
fn the_second_showing_can_be_turned_off_and_replaces_the_first_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let mut shown = Vec::new();
    promise_shown(&mut db, &clock, &mut shown);
    let mut settings = db.settings().unwrap();
    settings.renotify_promises_after_minutes = 0;
    db.update_settings(settings.clone()).unwrap();
    clock.advance(Duration::hours(3));
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1, "off: never again");

    settings.renotify_promises_after_minutes = 90;
    db.update_settings(settings).unwrap();
    let due = db.due_reminders().unwrap();
    let claim = db.claim(&due[0]).unwrap().unwrap();
    // The first notice is still on screen as server id = its claim id.
    assert!(claim.replaces.is_some(), "in place of the first notice");
    db.shown(claim.id, 77).unwrap();
    let kept: i64 = db
        .conn
        .query_row("SELECT count(*) FROM notices_sent", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "one notice on screen for one promise");

    let mut s = db.settings().unwrap();
    s.renotify_promises_after_minutes = 1441;
    let refused = db.update_settings(s).unwrap_err();
    assert!(refused.to_string().contains("1440"), "{refused}");
}

#[test]
fn an_inbound_touch_keeps_the_promise_and_nothing_fires() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace");
    db.log_touch(&voicemail(id, "2026-11-24 10:00")).unwrap();
    let mut inbound = voicemail(id, "");
    inbound.direction = Direction::Inbound;
    inbound.outcome = Outcome::Connected;
    inbound.promise = None;
    db.log_touch(&inbound).unwrap();
    clock.advance(Duration::days(2));
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    assert!(
        shown.iter().all(|n| n.kind != NoticeKind::Promise),
        "a kept promise does not fire"
    );
    let stats = db.promise_stats().unwrap();
    assert_eq!(
        (stats.kept_on_time, stats.not_kept, stats.percent_kept),
        (1, 0, Some(100))
    );
}

#[test]
fn a_late_callback_counts_against_promises_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace");
    db.log_touch(&voicemail(id, "2026-11-24 10:00")).unwrap();
    clock.set(Utc.with_ymd_and_hms(2026, 11, 25, 15, 0, 0).unwrap());
    let mut call = voicemail(id, "");
    call.outcome = Outcome::Connected;
    call.promise = None;
    db.log_touch(&call).unwrap();
    let stats = db.promise_stats().unwrap();
    assert_eq!(
        (stats.kept_on_time, stats.not_kept, stats.percent_kept),
        (0, 1, Some(0))
    );
}

#[test]
fn a_promise_in_the_past_or_malformed_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    let id = contact(&mut db, "Grace");
    for bad in ["2026-11-20 09:00", "tomorrow"] {
        let err = db.log_touch(&voicemail(id, bad)).unwrap_err();
        assert!(
            matches!(err, CoreError::Invalid { field: ref f, .. } if f == "promise"),
            "{bad}: {err:?}"
        );
    }
    assert!(
        db.contact_plan(id).unwrap().touches.is_empty(),
        "nothing written"
    );
}

#[test]
fn the_morning_digest_counts_the_days_steps_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ny_clock();
    let mut db = open(&dir.path().join("r.sqlite3"), &clock, "America/New_York");
    contact(&mut db, "Ada");
    contact(&mut db, "Grace");
    // Tuesday 08:00 New York: both first touches are due today.
    clock.set(Utc.with_ymd_and_hms(2026, 11, 24, 13, 0, 0).unwrap());
    let mut shown = Vec::new();
    tick(&mut db, &mut shown);
    tick(&mut db, &mut shown);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].title, "2 follow-ups due today");
    assert_eq!(shown[0].body, "Ada, Grace");
}

#[derive(Debug, Clone)]
enum Step {
    /// Log a voicemail with a promise this many minutes ahead.
    Promise(usize, i64),
    /// Move the clock forward (a suspend when large).
    Advance(i64),
    Tick,
    Restart,
    /// Snooze the n-th contact's open promise.
    Snooze(usize, u8),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..4, 1i64..(72 * 60)).prop_map(|(c, m)| Step::Promise(c, m)),
        (0i64..(72 * 60)).prop_map(Step::Advance),
        Just(Step::Tick),
        Just(Step::Tick),
        Just(Step::Restart),
        (0usize..4, 0u8..3).prop_map(|(c, s)| Step::Snooze(c, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn reminders_are_never_early_never_twice_and_never_missed(
        zone in prop_oneof![Just("America/New_York"), Just("Europe/Berlin")],
        start in 0i64..400,
        steps in prop::collection::vec(any_step(), 1..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite3");
        // Starts anywhere in 2026-2027, across both DST changes.
        let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap() + Duration::days(start)));
        let mut db = open(&path, &clock, zone);
        let ids: Vec<i64> = ["A", "B", "C", "D"].iter().map(|n| contact(&mut db, n)).collect();
        let mut seen: HashSet<(i64, i64)> = HashSet::new();
        let mut renotified: HashSet<i64> = HashSet::new();
        let mut shown_at: HashMap<i64, i64> = HashMap::new();
        let hour = Duration::minutes(60).num_milliseconds();
        for step in steps {
            match step {
                Step::Promise(c, minutes) => {
                    let tz: chrono_tz::Tz = zone.parse().unwrap();
                    let when = (clock.now() + Duration::minutes(minutes)).with_timezone(&tz);
                    // Only future local times that exist are valid promises.
                    let text = when.format("%Y-%m-%d %H:%M").to_string();
                    let _ = db.log_touch(&voicemail(ids[c], &text));
                }
                Step::Advance(m) => clock.advance(Duration::minutes(m)),
                Step::Restart => db = open(&path, &clock, zone),
                Step::Snooze(c, s) => {
                    let open_promise: Option<i64> = db.conn.query_row(
                        "SELECT id FROM followups WHERE contact_id = ?1 AND kind = 'promise' AND status = 'open'",
                        [ids[c]], |r| r.get(0)).optional().unwrap();
                    if let Some(id) = open_promise {
                        let how = [Snooze::Minutes15, Snooze::Hour, Snooze::TomorrowMorning][usize::from(s)];
                        db.snooze(id, how).unwrap();
                    }
                }
                Step::Tick => {
                    let now = clock.now().timestamp_millis();
                    for r in db.due_reminders().unwrap() {
                        let occurrences = r.occurrences.clone();
                        deliver(&mut db, &r, |_| Ok(()));
                        for (id, at) in occurrences {
                            if r.renotify.contains(&id) {
                                // The default: an hour after the reminder was shown.
                                let first = shown_at.get(&id).copied();
                                prop_assert!(first.is_some_and(|t| t + hour <= now), "again early: {first:?} at {now}");
                                prop_assert!(seen.contains(&(id, at)), "again before the first: {id}");
                                prop_assert!(renotified.insert(id), "shown again twice: {id}");
                                continue;
                            }
                            prop_assert!(at <= now, "never early: {at} shown at {now}");
                            prop_assert!(seen.insert((id, at)), "never twice: {id} at {at}");
                            shown_at.insert(id, now);
                        }
                    }
                }
            }
        }
        // Whatever is still open and due must come out on the next tick: none missed.
        clock.advance(Duration::days(4));
        let now = clock.now().timestamp_millis();
        let pending: HashMap<i64, i64> = db.conn
            .prepare("SELECT id, remind_at FROM followups WHERE status = 'open' AND delivered_at IS NULL AND remind_at IS NOT NULL")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut delivered: HashSet<(i64, i64)> = HashSet::new();
        for r in db.due_reminders().unwrap() {
            let occurrences = r.occurrences.clone();
            deliver(&mut db, &r, |_| Ok(()));
            delivered.extend(occurrences.into_iter().filter(|(id, _)| !r.renotify.contains(id)));
        }
        for (id, at) in pending {
            prop_assert!(at <= now);
            prop_assert!(delivered.contains(&(id, at)), "missed {id} at {at}");
            prop_assert!(!seen.contains(&(id, at)), "pending yet seen before");
        }
    }
}
