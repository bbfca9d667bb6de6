//! The reminder runtime: a background task that shows reminders as they come due.
//!
//! It never sleeps long: it wakes at the next reminder's instant but at most
//! every 30 s of wall-clock time (a monotonic timer stops while the machine
//! sleeps, so after a suspend the next short tick catches up), and at once
//! when the schedule changes. What is due, and whether it was already shown,
//! is decided by the core from the database, so a restart, a crash or a
//! second instance never shows an occurrence twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use tokio::sync::{Notify, mpsc, watch};
use touchpoint_core::{Claim, TakeOver};
use ts_rs::TS;

use super::notifier::{Answer, NoticeAction, Notifier};
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

/// How long a tick waits for the notification server before it goes on
/// (and says the server is not answering); the call itself waits on.
const SHOW_WAIT: Duration = Duration::from_secs(10);

const NOT_ANSWERING: &str = "the notification server is not answering";

/// What became of showing a claimed reminder.
enum Shown {
    Yes,
    Refused(String),
    /// Still waiting for the server; recorded when it answers.
    Waiting,
}

/// Answers the notification server still owes (shown after [`SHOW_WAIT`]).
/// While it owes one, nothing more is claimed: the rest stays due in the
/// database, safe across a crash, until the server answers again.
#[derive(Clone, Default)]
struct Owed {
    count: Arc<AtomicUsize>,
}

impl Owed {
    fn any(&self) -> bool {
        self.count.load(Ordering::SeqCst) > 0
    }
}

/// Shows `claim` on a thread of its own and records the server's answer:
/// within [`SHOW_WAIT`], or later, whenever the server answers (then the
/// loop is woken to go on).
async fn show(
    store: &Store,
    notifier: &Notifier,
    claim: Claim,
    owed: &Owed,
    wake: &Arc<Notify>,
) -> Shown {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let (id, on_thread) = (claim.id, notifier.clone());
    std::thread::spawn(move || {
        let _ = tx.send(on_thread.show(&claim));
    });
    let mut rx = rx;
    match tokio::time::timeout(SHOW_WAIT, &mut rx).await {
        Ok(answer) => match record(store.clone(), id, answer).await {
            Ok(()) => Shown::Yes,
            Err(why) => Shown::Refused(why),
        },
        Err(_) => {
            owed.count.fetch_add(1, Ordering::SeqCst);
            let (store, owed, wake) = (store.clone(), owed.clone(), wake.clone());
            tauri::async_runtime::spawn(async move {
                if record(store, id, rx.await).await.is_ok() {
                    tracing::info!("the notification server answered at last");
                }
                owed.count.fetch_sub(1, Ordering::SeqCst);
                wake.notify_one();
            });
            Shown::Waiting
        }
    }
}

/// Writes down the server's answer for claim `id`: its notification's id,
/// or that it was not shown (owed again).
async fn record(
    store: Store,
    id: i64,
    answer: Result<Result<u32, String>, tokio::sync::oneshot::error::RecvError>,
) -> Result<(), String> {
    let answer = answer.unwrap_or_else(|_| Err("the notification thread stopped".into()));
    let recorded = match &answer {
        Ok(server_id) => {
            let server_id = *server_id;
            store.write_quietly(move |db| db.shown(id, server_id)).await
        }
        Err(_) => store.write_quietly(move |db| db.not_shown(id)).await,
    };
    if let Err(error) = recorded {
        tracing::error!("reminders: {error}");
    }
    answer.map(|_| ())
}

/// At start: what the last run left on screen is shown again in place (so
/// its buttons answer this run), what it was still showing is shown, what
/// was dealt with meanwhile is closed.
async fn take_over(store: &Store, notifier: &Notifier, owed: &Owed, wake: &Arc<Notify>) {
    let left = match store
        .write_quietly(touchpoint_core::Database::take_over)
        .await
    {
        Ok(left) => left,
        Err(error) => {
            tracing::error!("reminders: {error}");
            return;
        }
    };
    for item in left {
        match item {
            TakeOver::Show(claim) => {
                if let Shown::Refused(why) = show(store, notifier, claim, owed, wake).await {
                    tracing::warn!(
                        "a notification of the last run could not be shown again: {why}"
                    );
                }
            }
            TakeOver::Close(server_id) => {
                let closing = tokio::time::timeout(SHOW_WAIT, Notifier::close(server_id)).await;
                if !matches!(closing, Ok(Ok(()))) {
                    tracing::warn!("a notification of the last run could not be closed");
                }
            }
        }
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
    let owed = Owed::default();
    take_over(&store, &notifier, &owed, &wake).await;
    loop {
        // Each claim is its own short transaction; nothing is locked while
        // the server is asked.
        let claims = if owed.any() {
            Vec::new()
        } else {
            store
                .write_quietly(|db| {
                    let mut claims = Vec::new();
                    for reminder in db.due_reminders()? {
                        claims.extend(db.claim(&reminder)?);
                    }
                    Ok(claims)
                })
                .await
                .unwrap_or_else(|error| {
                    tracing::error!("reminders: {error}");
                    Vec::new()
                })
        };
        let mut failure = None;
        let mut delivered = 0;
        for claim in claims {
            if owed.any() {
                // Claimed but not shown: owed again, for when it answers.
                let id = claim.id;
                if let Err(error) = store.write_quietly(move |db| db.not_shown(id)).await {
                    tracing::error!("reminders: {error}");
                }
                continue;
            }
            match show(&store, &notifier, claim, &owed, &wake).await {
                Shown::Yes => delivered += 1,
                Shown::Refused(why) => failure = Some(why),
                Shown::Waiting => {}
            }
        }
        if owed.any() {
            failure = Some(NOT_ANSWERING.to_owned());
        }
        let result = store
            .read(|db| Ok((db.next_reminder_at()?, db.due_count()?)))
            .await;
        let next = match result {
            Ok((next, due)) => {
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
    mut answers: mpsc::UnboundedReceiver<Answer>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let answer = tokio::select! {
            answer = answers.recv() => answer,
            _ = stopped.changed() => return,
        };
        let Some(Answer { claim, action }) = answer else {
            return;
        };
        let snoozed = match action {
            Some(NoticeAction::Snooze {
                followup_id,
                snooze,
            }) => Some(
                store
                    .write_quietly(move |db| db.snooze(followup_id, snooze).map(|_| ()))
                    .await,
            ),
            Some(NoticeAction::SnoozeAll { snooze }) => Some(
                store
                    .write_quietly(move |db| db.snooze_claim(claim, snooze).map(|_| ()))
                    .await,
            ),
            Some(NoticeAction::OpenContact { contact_id }) => {
                super::tray::show_window(&app);
                let _ = app.emit("open-contact", contact_id);
                None
            }
            Some(NoticeAction::OpenToday) => {
                super::tray::show_window(&app);
                let _ = app.emit("show-due", ());
                None
            }
            Some(NoticeAction::StartFollowupHour) => {
                super::tray::start_followup_hour(&app);
                None
            }
            None => None,
        };
        if let Some(result) = snoozed {
            if let Err(error) = result {
                tracing::warn!("snooze failed: {error}");
            }
            wake.notify_one();
            let _ = app.emit("schedule-changed", ());
        }
        // Answered or closed: the notification is off the screen.
        if let Err(error) = store.write_quietly(move |db| db.closed(claim)).await {
            tracing::error!("reminders: {error}");
        }
    }
}
