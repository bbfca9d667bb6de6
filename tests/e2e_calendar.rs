//! The calendar through the real window: a follow-up dragged to another day,
//! and one moved with the keyboard, are stored at their new instants and are
//! on their new days after a restart.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use thirtyfour::prelude::*;
use touchpoint_core::{
    Channel, ContactFields, Database, Direction, DuplicateCheck, NextStep, Outcome, SaveOutcome,
    Settings, TouchInput,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

fn db(path: &Path, clock: &TestClock) -> Database {
    Database::open(path, Arc::new(*clock)).unwrap()
}

/// A contact whose next step is a call at `when` (UTC, the user's zone here).
fn contact_due(db: &mut Database, name: &str, when: &str) -> (i64, i64) {
    let fields = ContactFields {
        display_name: name.into(),
        ..ContactFields::default()
    };
    let SaveOutcome::Saved { contact } = db.add_contact(&fields, DuplicateCheck::Warn).unwrap()
    else {
        panic!("saved");
    };
    let logged = db
        .log_touch(&TouchInput {
            contact_id: contact.id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::Connected,
            notes: String::new(),
            hook: String::new(),
            objections: vec![],
            happened_at: None,
            next: NextStep::At {
                when: when.into(),
                channel: Channel::Call,
                prompt: String::new(),
            },
            promise: None,
        })
        .unwrap();
    (contact.id, logged.next.unwrap().id)
}

fn next_due(path: &Path, clock: &TestClock, contact: i64) -> String {
    db(path, clock)
        .contact_plan(contact)
        .unwrap()
        .next
        .unwrap()
        .local_due
}

async fn item(app: &App, followup: i64) -> WebElement {
    app.driver()
        .query(By::Css(format!(
            ".cal-item[data-followup-id=\"{followup}\"]"
        )))
        .wait(
            std::time::Duration::from_secs(10),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await
        .unwrap_or_else(|e| panic!("follow-up {followup} is not in the calendar: {e}"))
}

/// Opens the calendar on the week of `day` (this week or a later one).
async fn open_week_of(app: &App, clock: &TestClock, day: NaiveDate) {
    app.element("nav-calendar").await.click().await.unwrap();
    app.element("calendar-week")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let weeks = (monday(day) - monday(clock.today())).num_days() / 7;
    for _ in 0..weeks {
        app.element("calendar-next")
            .await
            .send_keys(Key::Enter)
            .await
            .unwrap();
    }
    app.driver()
        .query(By::Css(format!(".cal-slot[data-wall=\"{day} 09:00\"]")))
        .wait(
            std::time::Duration::from_secs(10),
            std::time::Duration::from_millis(100),
        )
        .first()
        .await
        .unwrap_or_else(|e| panic!("the week of {day} never showed: {e}"));
}

async fn slot_of(item: &WebElement) -> String {
    let slot = item
        .query(By::XPath("./ancestor::*[contains(@class, 'cal-slot')]"))
        .first()
        .await
        .unwrap();
    slot.attr("data-wall").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dragged_and_a_keyboard_moved_follow_up_keep_their_new_days() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calendar.sqlite3");
    // A Tuesday to come and the Wednesday after it: working days, one week view.
    let clock = TestClock::at(2026, 11, 26, 16, 0);
    let today = clock.today();
    let tuesday = (1..=7)
        .map(|n| today + Duration::days(n))
        .find(|d| d.weekday() == Weekday::Tue)
        .unwrap();
    let wednesday = tuesday + Duration::days(1);
    let (ada, ada_step, grace, grace_step) = {
        let mut db = db(&path, &clock);
        db.update_settings(Settings {
            time_zone: "UTC".into(),
            ..Settings::default()
        })
        .unwrap();
        let (ada, ada_step) = contact_due(&mut db, "Ada Lovelace", &format!("{tuesday} 10:00"));
        let (grace, grace_step) = contact_due(&mut db, "Grace Hopper", &format!("{tuesday} 11:00"));
        (ada, ada_step, grace, grace_step)
    };

    let app = App::launch(&path, &clock).await;
    open_week_of(&app, &clock, tuesday).await;
    let from = item(&app, ada_step).await;
    assert_eq!(slot_of(&from).await, format!("{tuesday} 10:00"));
    let to = app
        .driver()
        .query(By::Css(format!(
            ".cal-slot[data-wall=\"{wednesday} 10:00\"]"
        )))
        .first()
        .await
        .unwrap();
    app.driver()
        .action_chain()
        .drag_and_drop_element(&from, &to)
        .perform()
        .await
        .unwrap();
    app.wait_for_text("calendar-status", "the move", |t| t.contains("Moved to"))
        .await;
    assert_eq!(next_due(&path, &clock, ada), format!("{wednesday} 10:00"));
    assert_eq!(
        slot_of(&item(&app, ada_step).await).await,
        format!("{wednesday} 10:00")
    );

    // The same with the keyboard: pick up, a day right, an hour down, drop.
    let grace_item = item(&app, grace_step).await;
    app.driver()
        .execute("arguments[0].focus();", vec![grace_item.to_json().unwrap()])
        .await
        .unwrap();
    let focused = app.driver().active_element().await.unwrap();
    for key in [Key::Space, Key::Right, Key::Down] {
        focused.send_keys(key).await.unwrap();
    }
    app.wait_for_text("calendar-status", "the preview", |t| t.contains("12:00"))
        .await;
    focused.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("calendar-status", "the keyboard move", |t| {
        t.contains("Moved to")
    })
    .await;
    assert_eq!(next_due(&path, &clock, grace), format!("{wednesday} 12:00"));
    app.close().await;

    let app = App::launch(&path, &clock).await;
    open_week_of(&app, &clock, wednesday).await;
    assert_eq!(
        slot_of(&item(&app, ada_step).await).await,
        format!("{wednesday} 10:00"),
        "the dragged follow-up is on its new day after a restart"
    );
    assert_eq!(
        slot_of(&item(&app, grace_step).await).await,
        format!("{wednesday} 12:00")
    );
    app.close().await;
}
