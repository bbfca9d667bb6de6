//! The desktop around the window, made for a test: the program `xdg-open`
//! picks for some MIME types (a test handler that writes down what it was
//! given), and the main views with what shows once each has loaded.

use std::path::Path;
use std::time::{Duration, Instant};

/// Each main view's navigation button and an element that shows once the
/// view has loaded, in the order the header shows them.
pub const EVERY_VIEW: [(&str, &str); 9] = [
    ("nav-today", "today-title"),
    ("nav-calendar", "calendar-body"),
    ("nav-hour", "reengage-title"),
    ("nav-contacts", "contact-list"),
    ("nav-add", "save-contact"),
    ("nav-import", "export-where"),
    ("nav-cadences", "cadence-list"),
    ("nav-insights", "insight-channels"),
    ("nav-settings", "log-title"),
];

/// Makes a program the default for `mime_types` under `data` (the app's
/// `XDG_DATA_HOME`): it appends each argument it is given, one per line, to
/// `opened`.
pub fn default_handler(data: &Path, opened: &Path, mime_types: &[&str]) {
    let applications = data.join("applications");
    std::fs::create_dir_all(&applications).expect("the applications folder");
    let program = data.join("handler");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            opened.display()
        ),
    )
    .expect("the handler written");
    std::fs::set_permissions(
        &program,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("the handler made runnable");
    std::fs::write(
        applications.join("test-handler.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Test handler\nExec={} %u\nMimeType={};\n",
            program.display(),
            mime_types.join(";")
        ),
    )
    .expect("the desktop entry written");
    let defaults: String = mime_types
        .iter()
        .map(|m| format!("{m}=test-handler.desktop\n"))
        .collect();
    std::fs::write(
        applications.join("mimeapps.list"),
        format!("[Default Applications]\n{defaults}"),
    )
    .expect("the defaults written");
}

/// Waits until the handler was given `arg`.
pub async fn handed(opened: &Path, arg: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(opened).unwrap_or_default();
        if text.lines().any(|l| l == arg) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{arg} was never opened: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
