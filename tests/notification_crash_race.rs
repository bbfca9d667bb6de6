//! The app killed (SIGKILL) in the moment between the notification server
//! receiving a promise and the app recording the server's id, 20 times. The
//! protocol (see `reminders/delivery.rs`) shows such a promise again at the
//! next start, never not at all; tagged with its claim, so a server that
//! stacks by tag (dunst does) keeps one on screen. Counted here: how often it
//! was shown again, and how many duplicates stayed visible.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::time::Duration;

use touchpoint_test_support::app_process::{
    RunningApp, recorded_on_screen, seed_promise_due, wait_until,
};
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::notification_server::NotificationBus;

const TRIALS: usize = 20;

#[tokio::test(flavor = "multi_thread")]
async fn killed_between_the_servers_receipt_and_the_record_the_promise_is_never_lost_nor_doubled() {
    let clock = TestClock::at(2026, 11, 25, 11, 0);
    let (mut shown_again, mut visible_duplicates) = (0, 0);
    for trial in 0..TRIALS {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("race.sqlite3");
        seed_promise_due(&db, &clock);
        let bus = NotificationBus::start(dir.path()).await;
        bus.stop_answering();
        let app = RunningApp::start(&db, &bus.address, &clock);
        wait_until("the server's receipt", Duration::from_secs(30), || {
            bus.shown().len() == 1
        })
        .await;
        app.kill_9();
        bus.answer_again();
        assert_eq!(recorded_on_screen(&db), [None], "trial {trial}: in flight");

        let again = RunningApp::start(&db, &bus.address, &clock);
        wait_until("the promise recorded", Duration::from_secs(30), || {
            matches!(recorded_on_screen(&db).as_slice(), [Some(_)])
        })
        .await;
        let shown = bus.shown();
        assert!(
            shown.iter().all(|n| n.summary == shown[0].summary),
            "trial {trial}: only the promise: {shown:?}"
        );
        shown_again += shown.len() - 1;
        visible_duplicates += bus.visible().len() - 1;
        drop(again);
    }
    eprintln!(
        "kill -9 between receipt and record, {TRIALS} trials: shown again {shown_again} times, \
         {visible_duplicates} duplicates left on screen"
    );
    assert_eq!(shown_again, TRIALS, "a promise in flight is never lost");
    assert_eq!(
        visible_duplicates, 0,
        "the second showing replaced the first"
    );
}
