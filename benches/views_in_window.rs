//! How fast the real window feels: the time from a click on a view's button
//! (or a keystroke in the contact search) to the next frame painted with the
//! new content, measured inside the webview, for the release build.
//!
//! `cargo bench --bench views_in_window` (under an X display, e.g.
//! `xvfb-run -a dbus-run-session -- cargo bench --bench views_in_window`);
//! `TOUCHPOINT_BENCH_CONTACTS=100000` for a heavy user's address book
//! (default 220). Prints p50, p95 and the slowest of 15 rounds per view.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark: a failed step stops it, and it prints its figures"
)]

use std::sync::Arc;

use serde_json::{Value, json};
use touchpoint_core::{
    ContactFields, Database, DuplicateCheck, Email, ManualClock, Phone, Settings,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::desktop::EVERY_VIEW;

const ROUNDS: usize = 15;

/// Clicks `arguments[0]`, waits for a new `#arguments[1]` and the frame after
/// it; answers the milliseconds.
const SWITCH: &str = r"
const [nav, marker, done] = arguments;
const old = document.getElementById(marker);
const t0 = performance.now();
const seen = () => { const e = document.getElementById(marker); return e && e !== old; };
const finish = () => requestAnimationFrame(() => done(performance.now() - t0));
const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); finish(); } });
watch.observe(document.body, { childList: true, subtree: true });
document.getElementById(nav).click();
if (seen()) { watch.disconnect(); finish(); }
";

/// Types `arguments[0]` into the contact search, as a keystroke does, and
/// waits for the list to be replaced and painted.
const KEYSTROKE: &str = r"
const [text, done] = arguments;
const search = document.getElementById('contact-search');
const list = document.getElementById('contact-list');
const t0 = performance.now();
const watch = new MutationObserver(() => { watch.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); });
watch.observe(list, { childList: true });
search.value = text;
search.dispatchEvent(new Event('input', { bubbles: true }));
";

fn seed(path: &std::path::Path, count: usize, clock: &TestClock) {
    let mut db = Database::open(path, Arc::new(ManualClock::new(clock.now()))).unwrap();
    db.update_settings(Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        set_up: true,
        ..Settings::default()
    })
    .unwrap();
    const GIVEN: [&str; 12] = [
        "Ada", "Grace", "Alan", "Maria", "James", "Priya", "Tom", "Aiko", "Daniel", "Sophie",
        "Carlos", "Hannah",
    ];
    const FAMILY: [&str; 10] = [
        "Lovelace", "Hopper", "Turing", "Gonzalez", "Okafor", "Raman", "Becker", "Tanaka",
        "Laurent", "Weiss",
    ];
    for i in 0..count {
        let given = GIVEN[i % GIVEN.len()];
        let family = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
        let card = ContactFields {
            display_name: format!("{given} {family} {i}"),
            company: format!("Company {}", i % 500),
            emails: vec![Email {
                label: "work".into(),
                address: format!("{}.{i}@example.com", given.to_lowercase()),
            }],
            phones: vec![Phone {
                label: "work".into(),
                number: format!("+1 212 555 {:04}", i % 10_000),
                e164: None,
            }],
            notes: "Met at the trade show; asked about pricing and the annual plan.".into(),
            ..ContactFields::default()
        };
        db.add_contact(&card, DuplicateCheck::SaveAnyway).unwrap();
    }
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    // Nearest rank: the sample below which a share `per_cent` of them lie.
    let at = |per_cent: usize| ms[(ms.len() - 1) * per_cent / 100];
    println!(
        "{name:<28} p50 {:>6.1} ms   p95 {:>6.1} ms   slowest {:>6.1} ms",
        at(50),
        at(95),
        at(100)
    );
}

#[tokio::main]
async fn main() {
    let count = std::env::var("TOUCHPOINT_BENCH_CONTACTS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(220);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("views.sqlite3");
    // The release build runs on the real clock: seed on it too.
    let clock = TestClock::real();
    let started = std::time::Instant::now();
    seed(&db, count, &clock);
    println!(
        "{count} contacts written in {:.1} s; the release build, in the real window",
        started.elapsed().as_secs_f64()
    );
    let app = App::launch(&db, &clock).await;
    app.element("today-title").await;
    let driver = app.driver();
    for (nav, marker) in EVERY_VIEW {
        let mut ms = Vec::new();
        for _ in 0..ROUNDS {
            // From another view each time, so the view is built anew.
            let (away, away_marker) = if nav == "nav-today" {
                EVERY_VIEW[1]
            } else {
                EVERY_VIEW[0]
            };
            driver
                .execute_async(SWITCH, vec![json!(away), json!(away_marker)])
                .await
                .unwrap();
            let took = driver
                .execute_async(SWITCH, vec![json!(nav), json!(marker)])
                .await
                .unwrap();
            ms.push(took.json().as_f64().unwrap());
        }
        summary(&format!("switch to {}", &nav[4..]), ms);
    }
    driver
        .execute_async(SWITCH, vec![json!("nav-contacts"), json!("contact-list")])
        .await
        .unwrap();
    let mut ms = Vec::new();
    for round in 0..ROUNDS {
        // Every step matches someone, so each one replaces the list's rows.
        let word = if round % 2 == 0 { "grace" } else { "hopper" };
        for end in 1..=word.len() {
            let text = word[..end].to_owned();
            let took = driver
                .execute_async(KEYSTROKE, vec![Value::String(text)])
                .await
                .unwrap();
            ms.push(took.json().as_f64().unwrap());
        }
    }
    summary("search keystroke", ms);
    app.close().await;
}
