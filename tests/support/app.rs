//! Drives the real Touchpoint window: tauri-driver starts the app binary that
//! cargo built for this test run and WebKitWebDriver talks to its webview.
//! Needs an X display (the test script runs everything under `xvfb-run`).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::clock::TestClock;
use crate::ports::free_port;

/// The app binary cargo built for this test run: it sits beside the `deps`
/// folder that holds the test binary (`target/<profile>/touchpoint`).
pub(crate) fn app_binary() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary's path");
    let profile_dir = test_binary
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in target/<profile>/deps");
    let app = profile_dir.join(format!("touchpoint{}", std::env::consts::EXE_SUFFIX));
    assert!(
        app.exists(),
        "{} was not built: run the end-to-end tests with `cargo test -p touchpoint`",
        app.display()
    );
    app
}

pub struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
}

fn wait_for_port(port: u16, within: Duration) {
    let deadline = Instant::now() + within;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on port {port} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl App {
    /// Starts the app on the given database file and the test's clock, and
    /// waits for its window.
    pub async fn launch(db: &Path, clock: &TestClock) -> App {
        Self::launch_with_env(db, clock, &[]).await
    }

    /// As [`App::launch`], with environment variables for the app (tauri-driver
    /// and WebKitWebDriver pass their environment on to it).
    pub async fn launch_with_env(db: &Path, clock: &TestClock, env: &[(&str, &str)]) -> App {
        // Under libfaketime WebKit's web process now and then never paints
        // the first page (seen about once in a few hundred launches): a
        // window that has not shown its header within 20 s is closed and
        // started once more, saying so; a second failure fails the test.
        let mut first = Self::start(db, clock, env).await;
        if first.appeared(Duration::from_secs(20)).await {
            return first;
        }
        eprintln!("the window never showed its first page: closing it and launching once more");
        if let Some(driver) = first.driver.take() {
            // A stalled window may not end its session cleanly; the driver is
            // stopped below either way.
            let _ = driver.quit().await;
        }
        drop(first);
        let again = Self::start(db, clock, env).await;
        again.element("nav-contacts").await;
        again
    }

    /// Whether the window's header appeared within `within`.
    async fn appeared(&self, within: Duration) -> bool {
        self.driver()
            .query(By::Id("nav-contacts"))
            .wait(within, Duration::from_millis(100))
            .first()
            .await
            .is_ok()
    }

    async fn start(db: &Path, clock: &TestClock, env: &[(&str, &str)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need an X display: run them through scripts/test.sh (xvfb-run)"
        );
        let (clock_var, clock_shift) = clock.env();
        let port = free_port();
        let native_port = free_port();
        let tauri_driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(env.iter().copied())
            .env(clock_var, clock_shift)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("tauri-driver must be installed (scripts/setup.sh installs it)");
        wait_for_port(port, Duration::from_secs(20));

        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").expect("capability");
        caps.set(
            "tauri:options",
            serde_json::json!({
                "application": app_binary(),
                "args": ["--db", db.to_str().expect("utf-8 temp path")],
            }),
        )
        .expect("capability");
        // tauri-driver answers on its port before WebKitWebDriver listens on
        // the native one; on a loaded machine the first request can fail.
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let driver = loop {
            match WebDriver::new(url.as_str(), caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("retrying the WebDriver session: {e}");
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session with the Touchpoint window: {e}"),
            }
        };
        App {
            driver: Some(driver),
            tauri_driver,
        }
    }

    pub fn driver(&self) -> &WebDriver {
        self.driver
            .as_ref()
            .expect("the session is open until close()")
    }

    /// Waits for an element by id (the UI renders after the page loads).
    pub async fn element(&self, id: &str) -> WebElement {
        self.driver()
            .query(By::Id(id))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await
            .unwrap_or_else(|e| panic!("element #{id} never appeared: {e}"))
    }

    /// Polls until `check` holds for the element's text, or fails saying what was seen.
    pub async fn wait_for_text(
        &self,
        id: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.text_of(&self.element(id).await).await;
            if check(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "#{id} never showed {what}; it shows {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The element's text as the page renders it (`innerText`). WebKitWebDriver's
    /// own text leaves out text that ends in "…" (overflow: hidden), so a
    /// long name cut for the eye would read as missing.
    pub async fn text_of(&self, element: &WebElement) -> String {
        self.driver()
            .execute(
                "return arguments[0].innerText",
                vec![element.to_json().expect("an element's reference")],
            )
            .await
            .ok()
            .and_then(|r| r.json().as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// For the docs and for looking at a screen: with
    /// `TOUCHPOINT_SCREENSHOT=dir/name.png` set, keeps a picture of the X
    /// screen as `dir/name<suffix>.png` (run with `GTK_THEME=Adwaita:dark`
    /// for the dark one). A picture, not evidence: nothing is asserted.
    pub fn screenshot_if_asked(&self, suffix: &str) {
        let Ok(path) = std::env::var("TOUCHPOINT_SCREENSHOT") else {
            return;
        };
        let path = path.replace(".png", &format!("{suffix}.png"));
        // The X screen lags the page by a frame or more; a picture only.
        std::thread::sleep(Duration::from_millis(700));
        let taken = Command::new("import")
            .args(["-window", "root", &path])
            .status()
            .expect("ImageMagick's import (scripts/setup.sh installs it)");
        assert!(taken.success(), "import could not take {path}");
    }

    /// Closes the window and stops the driver.
    pub async fn close(mut self) {
        if let Some(driver) = self.driver.take() {
            driver
                .quit()
                .await
                .expect("the session ends and the app exits");
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver and the
        // app; a killed driver leaves them running and holding the test's pipes.
        let _ = Command::new("kill")
            .args(["-TERM", &self.tauri_driver.id().to_string()])
            .status();
        let _ = self.tauri_driver.wait();
    }
}
