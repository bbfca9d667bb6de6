//! One running Touchpoint per database: a second launch on the same file
//! hands over to the first and exits; another file opens its own window.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

fn start(db: &Path) -> Running {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "this test opens windows: run it through scripts/test.sh (xvfb-run)"
    );
    Running(
        Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args(["--db", db.to_str().unwrap()])
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run_to_end(db: &Path, within: Duration) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["--db", db.to_str().unwrap()])
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_second_launch_on_the_same_database_hands_over_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("one.sqlite3");
    let _first = start(&db);
    wait_for(&dir.path().join("one.sqlite3.instance"));

    let second =
        run_to_end(&db, Duration::from_secs(15)).expect("the second launch exits by itself");
    assert!(second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("already running"), "{said}");

    let other = dir.path().join("other.sqlite3");
    let mut second_window = start(&other);
    wait_for(&dir.path().join("other.sqlite3.instance"));
    assert!(
        second_window.0.try_wait().unwrap().is_none(),
        "another database opens its own window and keeps running"
    );
}
