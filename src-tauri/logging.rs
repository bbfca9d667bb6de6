//! The window's log. Warnings and errors go to stderr as `touchpoint: …`
//! and, with everything at info level and above, to a daily file in the OS
//! log folder (kept 14 days), so an app started at login has somewhere to
//! say what went wrong; a panic is logged before the process ends.
//! `TOUCHPOINT_LOG=debug` adds the reminder runtime's diagnostics to both.
//!
//! Messages name ids, counts, files and errors, never what the user wrote
//! (notes, hooks, names): a log is sent with a bug report.

use std::fmt;
use std::path::PathBuf;

use tracing::{Event, Level, Subscriber};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{Layer, Registry};

use crate::db_path::APP_IDENTIFIER;

const KEPT_DAYS: usize = 14;

/// Where the log files are: `TOUCHPOINT_LOG_DIR`, else the OS log folder
/// (`~/.local/state/app.touchpoint.desktop/logs` on Linux,
/// `~/Library/Logs/app.touchpoint.desktop` on macOS, the local app-data
/// folder on Windows).
pub(crate) fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TOUCHPOINT_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if cfg!(target_os = "macos") {
        return dirs::home_dir().map(|h| h.join("Library/Logs").join(APP_IDENTIFIER));
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join(APP_IDENTIFIER).join("logs"))
}

fn wants_debug() -> bool {
    std::env::var("TOUCHPOINT_LOG").is_ok_and(|level| level.eq_ignore_ascii_case("debug"))
}

/// `touchpoint: message key=value`, as the app has always written to stderr.
struct Plain;

impl<S, N> FormatEvent<S, N> for Plain
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        write!(writer, "touchpoint: ")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Starts the log into `dir`; the guard flushes the file when dropped, so
/// it lives as long as the app.
pub(crate) fn start(dir: Option<PathBuf>) -> Option<WorkerGuard> {
    let debug = wants_debug();
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .event_format(Plain)
        .with_filter(if debug {
            LevelFilter::DEBUG
        } else {
            LevelFilter::WARN
        });
    let file = dir.and_then(|dir| {
        let appender = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("touchpoint")
            .filename_suffix("log")
            .max_log_files(KEPT_DAYS)
            .build(&dir);
        match appender {
            Ok(appender) => Some(tracing_appender::non_blocking(appender)),
            Err(error) => {
                eprintln!("touchpoint: no log file in {}: {error}", dir.display());
                None
            }
        }
    });
    let (file_layer, guard) = match file {
        Some((writer, guard)) => (
            Some(
                tracing_subscriber::fmt::layer()
                    .with_writer(writer)
                    .with_ansi(false)
                    .with_filter(if debug {
                        LevelFilter::DEBUG
                    } else {
                        LevelFilter::INFO
                    }),
            ),
            Some(guard),
        ),
        None => (None, None),
    };
    let subscriber = Registry::default().with(stderr).with(file_layer);
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        return guard;
    }
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::event!(Level::ERROR, "panic: {info}");
        default_hook(info);
    }));
    guard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_and_panics_reach_the_log_file() {
        let dir = tempfile::tempdir().unwrap();
        let guard = start(Some(dir.path().to_path_buf()));
        tracing::warn!("the daily backup failed: disk full");
        tracing::info!(contacts = 3, "backed up");
        let crashed = std::thread::spawn(|| panic!("a bug in the reminder loop")).join();
        assert!(crashed.is_err());
        drop(guard);
        let logged: String = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        assert!(logged.contains("WARN"), "{logged}");
        assert!(
            logged.contains("the daily backup failed: disk full"),
            "{logged}"
        );
        assert!(logged.contains("backed up contacts=3"), "{logged}");
        assert!(
            logged.contains("panic: ") && logged.contains("a bug in the reminder loop"),
            "{logged}"
        );
    }
}
