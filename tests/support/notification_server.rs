//! A private D-Bus session with an `org.freedesktop.Notifications` server
//! the test controls: it records every notification, keeps track of what is
//! on screen, can press its actions, and can stop answering (as a hung
//! server does) while still receiving.
//!
//! What is on screen follows the specification and dunst: a `replaces_id` of
//! a notification still on screen replaces it in place (same id); a
//! notification with the same `x-dunst-stack-tag` as one on screen replaces
//! that one; pressing an action or closing takes it off the screen.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use zbus::OwnedVariant;
use zbus::object_server::SignalEmitter;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    /// The id the client asked to replace (0: none).
    pub replaces_id: u32,
    /// The `x-dunst-stack-tag` hint, if any.
    pub stack_tag: Option<String>,
    /// The `urgency` hint (0 low, 1 normal, 2 critical), if any.
    pub urgency: Option<u8>,
    /// Milliseconds; -1 is the server's default, 0 never.
    pub expire_timeout: i32,
}

#[derive(Default)]
struct Screen {
    /// Every Notify call, in order.
    shown: Vec<Shown>,
    /// What is on screen now: (id, stack tag).
    visible: Vec<(u32, Option<String>)>,
    next_id: u32,
}

#[derive(Clone)]
struct Recorder {
    screen: Arc<Mutex<Screen>>,
    /// While `true`, Notify calls are received (and shown) but not answered.
    held: watch::Receiver<bool>,
}

impl Screen {
    fn take_off(&mut self, id: u32) -> bool {
        let before = self.visible.len();
        self.visible.retain(|(v, _)| *v != id);
        self.visible.len() != before
    }
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments, reason = "the D-Bus method's signature")]
    async fn notify(
        &self,
        app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedVariant>,
        expire_timeout: i32,
    ) -> u32 {
        let stack_tag = hints
            .get("x-dunst-stack-tag")
            .and_then(|v| String::try_from(v.try_clone().ok()?).ok())
            .filter(|t| !t.is_empty());
        let urgency = hints
            .get("urgency")
            .and_then(|v| u8::try_from(v.try_clone().ok()?).ok());
        let id = {
            let mut screen = self.screen.lock().expect("screen lock");
            let id = if replaces_id != 0 && screen.take_off(replaces_id) {
                replaces_id
            } else {
                if let Some(tag) = &stack_tag {
                    screen.visible.retain(|(_, t)| t.as_ref() != Some(tag));
                }
                screen.next_id += 1;
                screen.next_id
            };
            screen.visible.push((id, stack_tag.clone()));
            screen.shown.push(Shown {
                id,
                app_name,
                summary,
                body,
                actions,
                replaces_id,
                stack_tag,
                urgency,
                expire_timeout,
            });
            id
        };
        let mut held = self.held.clone();
        // A closed sender (the test is over) answers at once.
        let _ = held.wait_for(|h| !h).await;
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into(), "persistence".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "touchpoint-test".into(),
            "touchpoint".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    async fn close_notification(
        &self,
        id: u32,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let closed = self.screen.lock().expect("screen lock").take_off(id);
        if closed {
            // 3: closed by a call to CloseNotification.
            let _ = Self::notification_closed(&emitter, id, 3).await;
        }
    }

    #[zbus(signal)]
    async fn notification_closed(
        emitter: &SignalEmitter<'_>,
        id: u32,
        reason: u32,
    ) -> zbus::Result<()>;
}

pub struct NotificationBus {
    pub address: String,
    daemon: Child,
    connection: zbus::Connection,
    screen: Arc<Mutex<Screen>>,
    hold: watch::Sender<bool>,
}

impl NotificationBus {
    pub async fn start(dir: &Path) -> NotificationBus {
        let socket = dir.join("bus");
        let mut daemon = Command::new("dbus-daemon")
            .args([
                "--session",
                "--nofork",
                "--print-address=1",
                &format!("--address=unix:path={}", socket.display()),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon must be installed (scripts/setup.sh installs it)");
        let mut line = String::new();
        BufReader::new(daemon.stdout.take().expect("daemon stdout"))
            .read_line(&mut line)
            .expect("the daemon prints its address");
        let address = line.trim().to_owned();
        let (hold, held) = watch::channel(false);
        let recorder = Recorder {
            screen: Arc::default(),
            held,
        };
        let screen = recorder.screen.clone();
        let connection = zbus::connection::Builder::address(address.as_str())
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", recorder)
            .build()
            .await
            .expect("a connection to the private bus");
        NotificationBus {
            address,
            daemon,
            connection,
            screen,
            hold,
        }
    }

    /// Every notification the server received, in order.
    pub fn shown(&self) -> Vec<Shown> {
        self.screen.lock().expect("screen lock").shown.clone()
    }

    /// The ids of the notifications on screen now.
    pub fn visible(&self) -> Vec<u32> {
        let screen = self.screen.lock().expect("screen lock");
        screen.visible.iter().map(|(id, _)| *id).collect()
    }

    /// From now on, Notify calls are received but not answered, as with a
    /// server that hangs (or is stopped with SIGSTOP) after reading them.
    pub fn stop_answering(&self) {
        self.hold.send_replace(true);
    }

    /// Answers the held calls and every later one.
    pub fn answer_again(&self) {
        self.hold.send_replace(false);
    }

    /// Waits until some client other than this server listens for the
    /// notifications' signals (an action pressed before that is lost, as
    /// it would be on a real desktop). The bus daemon's match rules are the
    /// evidence: a client listens once its rule is registered.
    pub async fn wait_for_a_listener(&self) {
        let me = self.connection.unique_name().map(ToString::to_string);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let rules: HashMap<String, Vec<String>> = self
                .connection
                .call_method(
                    Some("org.freedesktop.DBus"),
                    "/org/freedesktop/DBus",
                    Some("org.freedesktop.DBus.Debug.Stats"),
                    "GetAllMatchRules",
                    &(),
                )
                .await
                .expect("the bus daemon lists its match rules")
                .body()
                .deserialize()
                .expect("a map of connections to rules");
            let listening = rules.iter().any(|(who, rules)| {
                Some(who) != me.as_ref() && rules.iter().any(|r| r.contains(INTERFACE))
            });
            if listening {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no client listened for the notifications' actions within 30 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Presses an action button on a notification, as the user would: the
    /// server says which, then takes the notification off the screen.
    pub async fn invoke_action(&self, id: u32, key: &str) {
        self.connection
            .emit_signal(None::<&str>, PATH, INTERFACE, "ActionInvoked", &(id, key))
            .await
            .expect("the signal is sent");
        let on_screen = self.screen.lock().expect("screen lock").take_off(id);
        if on_screen {
            // 2: dismissed by the user.
            self.connection
                .emit_signal(
                    None::<&str>,
                    PATH,
                    INTERFACE,
                    "NotificationClosed",
                    &(id, 2u32),
                )
                .await
                .expect("the signal is sent");
        }
    }
}

const PATH: &str = "/org/freedesktop/Notifications";
const INTERFACE: &str = "org.freedesktop.Notifications";

impl Drop for NotificationBus {
    fn drop(&mut self) {
        self.hold.send_replace(false);
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
