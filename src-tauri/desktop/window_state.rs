//! The window opens where and as large as the user left it: its size,
//! position and whether it was maximised, kept in a small file beside the
//! database (`touchpoint.window.json` beside `touchpoint.sqlite3`), so each
//! database file has its own and nothing about the screen goes into the
//! data. A position no longer on any screen (a monitor unplugged) is not
//! restored; the size is.
//!
//! Moves and resizes come many a second while dragging: the file is
//! written once they have stopped for half a second, on a blocking thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{LogicalSize, PhysicalPosition, WebviewWindow, WindowEvent};

/// How long moves and resizes must stop before the state is written.
const SETTLE: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WindowState {
    /// Logical pixels, so the size holds across scale factors.
    pub width: f64,
    pub height: f64,
    /// Physical pixels of the outer frame, as the platform places windows.
    pub x: i32,
    pub y: i32,
    pub maximized: bool,
}

/// The file beside `db` that keeps its window's state.
pub(crate) fn state_file(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "touchpoint".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}.window.json"))
}

/// The state kept in `file`, if it can be read and makes sense.
pub(crate) fn read(file: &Path) -> Option<WindowState> {
    let state: WindowState = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    (state.width.is_finite()
        && state.height.is_finite()
        && state.width >= 1.0
        && state.height >= 1.0)
        .then_some(state)
}

fn current(window: &WebviewWindow) -> Option<WindowState> {
    let scale = window.scale_factor().ok()?;
    let size = window.inner_size().ok()?.to_logical::<f64>(scale);
    let position = window.outer_position().ok()?;
    Some(WindowState {
        width: size.width,
        height: size.height,
        x: position.x,
        y: position.y,
        maximized: window.is_maximized().ok()?,
    })
}

/// Whether a window at `x`,`y` would show on one of the screens.
fn on_a_screen(window: &WebviewWindow, x: i32, y: i32) -> bool {
    window.available_monitors().is_ok_and(|monitors| {
        monitors.iter().any(|m| {
            let (p, s) = (m.position(), m.size());
            let (w, h) = (
                i32::try_from(s.width).unwrap_or(i32::MAX),
                i32::try_from(s.height).unwrap_or(i32::MAX),
            );
            // The title bar's corner must be reachable to move the window back.
            x + 40 >= p.x && x < p.x + w - 40 && y >= p.y && y < p.y + h - 40
        })
    })
}

/// Puts `window` back as it was left, then keeps `file` up to date.
pub(crate) fn follow(window: &WebviewWindow, file: PathBuf) {
    let kept = read(&file);
    if let Some(state) = kept {
        let _ = window.set_size(LogicalSize::new(state.width, state.height));
        if on_a_screen(window, state.x, state.y) {
            let _ = window.set_position(PhysicalPosition::new(state.x, state.y));
        }
        if state.maximized {
            let _ = window.maximize();
        }
    }
    // The latest state to write, and the last one not maximised: a
    // maximised window comes back to that size when restored.
    let latest: Arc<Mutex<Option<WindowState>>> = Arc::default();
    let normal = Mutex::new(kept.filter(|k| !k.maximized));
    let settled = Arc::new(tokio::sync::Notify::new());
    {
        let (latest, settled) = (latest.clone(), settled.clone());
        tauri::async_runtime::spawn(async move {
            loop {
                settled.notified().await;
                // More moves within the pause start it again.
                while tokio::time::timeout(SETTLE, settled.notified())
                    .await
                    .is_ok()
                {}
                let state = latest.lock().unwrap_or_else(PoisonError::into_inner).take();
                if let Some(state) = state {
                    let file = file.clone();
                    let written = tauri::async_runtime::spawn_blocking(move || {
                        std::fs::write(&file, serde_json::to_vec(&state).unwrap_or_default())
                    })
                    .await;
                    if let Ok(Err(error)) = written {
                        tracing::warn!("the window's size could not be kept: {error}");
                    }
                }
            }
        });
    }
    let watched = window.clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            return;
        }
        let Some(now) = current(&watched) else {
            return;
        };
        let state = {
            let mut normal = normal.lock().unwrap_or_else(PoisonError::into_inner);
            if now.maximized {
                normal.map_or(now, |n| WindowState {
                    maximized: true,
                    ..n
                })
            } else {
                *normal = Some(now);
                now
            }
        };
        *latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(state);
        settled.notify_one();
    });
}

#[cfg(test)]
mod tests;
