//! Every refusal crosses the IPC boundary as `{kind, message}`, also for
//! arguments of the wrong type or missing (a bug in the UI, or a script):
//! called through the real window's IPC.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;

/// Each call, and what comes back: `{ok}` or `{rejected}`.
const CALL_ALL: &str = r"
const [calls, done] = arguments;
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const out = [];
  for (const [command, args] of calls) {
    try {
      out.push({ command, ok: await invoke(command, args) });
    } catch (rejected) {
      out.push({ command, rejected });
    }
  }
  done(out);
})();
";

#[tokio::test(flavor = "multi_thread")]
async fn arguments_of_the_wrong_type_are_refused_as_kind_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ipc.sqlite3");
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let app = App::launch(&db, &clock).await;
    let calls = serde_json::json!([
        ["get_contact", { "id": "seven" }],
        ["get_contact", {}],
        ["delete_contacts", { "ids": [1, "two"] }],
        ["list_contacts", { "query": { "untouchedDays": -3 } }],
        ["add_contact", { "fields": 42, "check": "warn" }],
        ["add_contact", { "fields": {}, "check": "sometimes" }],
        ["log_touch", { "input": null }],
        ["calendar", { "from": "yesterday", "to": "2026-12-01", "perDay": 3 }],
        ["snooze", { "followupId": 1, "snooze": "forever" }],
        ["due_followups", { "days": -1 }],
        ["restore_backup", { "name": 5 }],
        ["update_settings", { "settings": "dark mode" }],
        ["export_contacts", { "format": "pdf" }],
    ]);
    let answers = app
        .driver()
        .execute_async(CALL_ALL, vec![calls])
        .await
        .unwrap()
        .json()
        .clone();
    let answers = answers.as_array().expect("one answer per call");
    assert_eq!(answers.len(), 13);
    for answer in answers {
        let rejected = answer
            .get("rejected")
            .unwrap_or_else(|| panic!("refused, not answered: {answer}"));
        assert_eq!(rejected["kind"], "invalid", "{answer}");
        let message = rejected["message"].as_str().expect("a message");
        assert!(!message.is_empty(), "{answer}");
    }
    // The command and the argument are named, for whoever reads the log.
    assert!(
        answers[0]["rejected"]["message"]
            .as_str()
            .unwrap()
            .contains("get_contact: the argument id is not valid"),
        "{}",
        answers[0]
    );
    app.close().await;
}
