//! The window and two command lines writing to one file at the same moment:
//! every write waits its turn (write transactions take the write lock when
//! they begin, and the busy timeout covers the wait), none is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use touchpoint_core::{ContactFields, Database, DuplicateCheck, SaveOutcome};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

const WRITES: usize = 200;

fn count(db: &Path, table: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let n: i64 = conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap();
    usize::try_from(n).unwrap()
}

/// Adds `WRITES` contacts one after another through the window's own API,
/// as clicks would; returns the errors.
const ADD_FROM_THE_WINDOW: &str = r"
const [writes, done] = arguments;
const invoke = window.__TAURI_INTERNALS__.invoke;
const errors = [];
(async () => {
  for (let i = 0; i < writes; i++) {
    try {
      await invoke('add_contact', { fields: { displayName: `Window ${i}` }, check: 'save_anyway' });
    } catch (e) {
      errors.push(JSON.stringify(e));
    }
  }
  done(errors);
})();
";

#[tokio::test(flavor = "multi_thread")]
async fn the_window_and_the_command_line_each_write_200_times_at_once_and_none_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let peter = {
        let mut db = Database::open(&db, Arc::new(clock)).unwrap();
        let fields = ContactFields {
            display_name: "Peter Gibbons".into(),
            ..ContactFields::default()
        };
        let Ok(SaveOutcome::Saved { contact }) = db.add_contact(&fields, DuplicateCheck::Warn)
        else {
            panic!("Peter is saved");
        };
        contact.id.to_string()
    };
    let app = App::launch(&db, &clock).await;
    let touches_before = count(&db, "touches");

    // Two command lines at once, half the writes each.
    let clis: Vec<_> = (0..2)
        .map(|_| {
            let (db, peter) = (db.clone(), peter.clone());
            let (var, shift) = clock.env();
            std::thread::spawn(move || {
                let mut errors = Vec::new();
                for _ in 0..WRITES / 2 {
                    let out = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
                        .args(["log", &peter, "--channel", "call", "--outcome", "no-answer"])
                        .args(["--db", db.to_str().unwrap()])
                        .env_remove("DISPLAY")
                        .env(var, &shift)
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                errors
            })
        })
        .collect();
    app.driver()
        .set_script_timeout(std::time::Duration::from_secs(300))
        .await
        .unwrap();
    let window_errors = app
        .driver()
        .execute_async(ADD_FROM_THE_WINDOW, vec![serde_json::json!(WRITES)])
        .await
        .unwrap();
    let window_errors: Vec<String> = window_errors.convert().unwrap();
    let cli_errors: Vec<String> = clis.into_iter().flat_map(|c| c.join().unwrap()).collect();

    assert_eq!(window_errors, Vec::<String>::new(), "refused in the window");
    assert_eq!(
        cli_errors,
        Vec::<String>::new(),
        "refused on the command line"
    );
    assert_eq!(count(&db, "contacts"), WRITES + 1, "every contact stored");
    assert_eq!(
        count(&db, "touches") - touches_before,
        WRITES,
        "every touch stored"
    );
    app.close().await;
}
