//! The system's save dialog, answered as a user would with the keyboard:
//! xdotool (installed by scripts/setup.sh) finds the dialog's window on the
//! test's X display by its title, focuses it and types. WebDriver cannot
//! reach it: it is GTK's own window, not part of the page.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What the user does in the dialog.
pub enum Answer<'a> {
    /// Enter: save under the name and folder the dialog offers.
    Accept,
    /// Types this path (a folder and a name) over the offered name, then Enter.
    SaveAs(&'a Path),
    /// Escape: close the dialog without saving.
    Cancel,
}

fn xdotool(args: &[&str]) -> (bool, String) {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool must be installed (scripts/setup.sh installs it)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
    )
}

/// Waits up to 20 s for the dialog titled `title` to be shown, then answers it.
pub async fn answer(title: &str, answer: Answer<'_>) {
    let pattern = format!("^{}$", regex_escape(title));
    let deadline = Instant::now() + Duration::from_secs(20);
    let window = loop {
        let (_, found) = xdotool(&["search", "--onlyvisible", "--name", &pattern]);
        if let Some(id) = found.lines().next() {
            break id.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "no save dialog titled {title:?} was shown"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // No window manager under Xvfb: the dialog has the keyboard only once
    // it is given it, and typing before then would go to the main window.
    loop {
        xdotool(&["windowfocus", &window]);
        if xdotool(&["getwindowfocus"]).1 == window {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the save dialog {title:?} never took the keyboard"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    match answer {
        Answer::Accept => xdotool(&["key", "Return"]),
        Answer::Cancel => xdotool(&["key", "Escape"]),
        Answer::SaveAs(path) => {
            let typed = path.to_str().expect("a UTF-8 path");
            xdotool(&["key", "ctrl+a"]);
            xdotool(&["type", "--delay", "20", typed]);
            xdotool(&["key", "Return"])
        }
    };
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}
