//! The reminder runtime: a background task that shows reminders as they come due.
//!
//! It never sleeps long: it wakes at the next reminder's instant but at most
//! every 30 s of wall-clock time (a monotonic timer stops while the machine
//! sleeps, so after a suspend the next short tick catches up), and at once
//! when the schedule changes. What is due, and whether it was already shown,
//! is decided by the core from the database, so a restart, a crash or a
//! second instance never shows an occurrence twice.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use tokio::sync::{Notify, mpsc, watch};
use touchpoint_core::Delivery;
use ts_rs::TS;

use super::notifier::{NoticeAction, Notifier};
use crate::store::Store;

/// The longest the runtime sleeps between two looks at the schedule.
pub(crate) const MAX_TICK: Duration = Duration::from_secs(30);

/// Sent to the window when reminders cannot be shown (and when they can again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderStatus {
    /// Why notifications are failing; `None` once they work again.
    pub failing: Option<String>,
}

pub(crate) struct ReminderRuntime {
    stop: watch::Sender<bool>,
    /// The last delivery problem, for a window that opens after it was announced.
    failing: Arc<std::sync::Mutex<Option<String>>>,
}

impl ReminderRuntime {
    /// Starts the loop and the handler of notification actions.
    pub(crate) fn start(app: &AppHandle, store: Store, wake: Arc<Notify>) -> Self {
        let (stop, stopped) = watch::channel(false);
        let (actions_tx, actions_rx) = mpsc::unbounded_channel();
        let notifier = Notifier::new(actions_tx);
        let failing = Arc::new(std::sync::Mutex::new(None));
        tauri::async_runtime::spawn(run(
            app.clone(),
            store.clone(),
            wake.clone(),
            notifier,
            stopped.clone(),
            failing.clone(),
        ));
        tauri::async_runtime::spawn(handle_actions(
            app.clone(),
            store,
            wake,
            actions_rx,
            stopped,
        ));
        Self { stop, failing }
    }

    pub(crate) fn status(&self) -> ReminderStatus {
        ReminderStatus {
            failing: self.failing.lock().map(|f| f.clone()).unwrap_or_default(),
        }
    }

    pub(crate) fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

async fn run(
    app: AppHandle,
    store: Store,
    wake: Arc<Notify>,
    notifier: Notifier,
    mut stopped: watch::Receiver<bool>,
    shared: Arc<std::sync::Mutex<Option<String>>>,
) {
    let clock = store.clock();
    let mut failing: Option<String> = None;
    loop {
        let shown = notifier.clone();
        let result = store
            .run_quietly(move |db| {
                let mut failure = None;
                let mut delivered = 0;
                for reminder in db.due_reminders()? {
                    match db.deliver(&reminder, |notice| shown.show(notice))? {
                        Delivery::Failed(why) => failure = Some(why),
                        Delivery::Delivered => delivered += 1,
                        Delivery::AlreadyDone => {}
                    }
                }
                Ok((failure, delivered, db.next_reminder_at()?, db.due_count()?))
            })
            .await;
        let next = match result {
            Ok((failure, delivered, next, due)) => {
                // TOUCHPOINT_LOG=debug: why a reminder did or did not come.
                tracing::debug!(
                    "reminders checked at {}: {delivered} shown, {due} due, next at {}",
                    clock.now().to_rfc3339(),
                    next.map_or_else(|| "none".to_owned(), |at| at.to_rfc3339())
                );
                super::tray::show_due_count(&app, due);
                if failure != failing {
                    failing = failure;
                    if let Some(why) = &failing {
                        tracing::warn!("reminders cannot be shown: {why}");
                    }
                    if let Ok(mut shared) = shared.lock() {
                        shared.clone_from(&failing);
                    }
                    let _ = app.emit(
                        "reminder-status",
                        ReminderStatus {
                            failing: failing.clone(),
                        },
                    );
                }
                next
            }
            Err(error) => {
                tracing::error!("reminders: {error}");
                None
            }
        };
        let wait = next
            .and_then(|at| (at - clock.now()).to_std().ok())
            .map_or(MAX_TICK, |d| d.min(MAX_TICK));
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = wake.notified() => {}
            _ = stopped.changed() => return,
        }
    }
}

async fn handle_actions(
    app: AppHandle,
    store: Store,
    wake: Arc<Notify>,
    mut actions: mpsc::UnboundedReceiver<NoticeAction>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let action = tokio::select! {
            action = actions.recv() => action,
            _ = stopped.changed() => return,
        };
        match action {
            None => return,
            Some(NoticeAction::Snooze {
                followup_id,
                snooze,
            }) => {
                if let Err(error) = store
                    .run_quietly(move |db| db.snooze(followup_id, snooze))
                    .await
                {
                    tracing::warn!("snooze failed: {error}");
                }
                wake.notify_one();
                let _ = app.emit("schedule-changed", ());
            }
            Some(NoticeAction::OpenContact { contact_id }) => {
                super::tray::show_window(&app);
                let _ = app.emit("open-contact", contact_id);
            }
            Some(NoticeAction::StartFollowupHour) => super::tray::start_followup_hour(&app),
        }
    }
}
