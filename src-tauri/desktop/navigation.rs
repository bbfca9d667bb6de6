//! The webview stays on the app's own pages. A page that tries to go
//! elsewhere (a script setting `location`, a link in pasted or imported text)
//! is stopped, and the window is told so it can say what it did not open:
//! the app's IPC is reachable from whatever page the webview shows.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Emitter, Runtime, Url};

/// Whether `url` is one of the app's own pages: the bundled UI
/// (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on
/// Windows), or the dev server while developing with `tauri dev`.
pub(crate) fn is_own_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (tauri::is_dev() && url.host_str() == Some("localhost"))
        }
        _ => false,
    }
}

pub(crate) fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let own = is_own_page(url);
            if !own {
                tracing::warn!("refused to leave the app for a {} page", url.scheme());
                let _ = webview.emit("navigation-refused", url.as_str());
            }
            own
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(url: &str) -> bool {
        is_own_page(&Url::parse(url).expect("a URL"))
    }

    #[test]
    fn only_the_apps_own_pages_are_opened_in_the_window() {
        assert!(own("tauri://localhost/"));
        assert!(own("tauri://localhost/index.html#contacts"));
        assert!(own("https://tauri.localhost/"));
        for outside in [
            "https://example.com/",
            "http://tauri.localhost.example.com/",
            "tauri://example.com/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>1</script>",
            "mailto:ada@example.com",
        ] {
            assert!(!own(outside), "{outside} must be refused");
        }
    }
}
