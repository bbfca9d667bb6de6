//! What Touchpoint's integration and end-to-end tests share: the app window
//! driven through WebDriver (`app`), the app binary alone with a promised
//! callback due (`app_process`), one clock for a test and the binary it
//! runs (`clock`), a private notification daemon on D-Bus
//! (`notification_server`), the follow-up hour the hour tests use
//! (`followup_hour`), free ports for the servers a test starts (`ports`), a
//! CardDAV server (`radicale`) and certificates for it over TLS
//! (`certificates`), a system keyring
//! (`keyring`), two machines and a phone on one sync account
//! (`sync_machines`), the accessibility checker in the window (`axe`), the
//! desktop around it (`desktop`: default programs, the main views), the
//! system's save dialog answered from the keyboard (`save_dialog`) and
//! photos of business cards rendered from known text (`card_photos`).
//!
//! A crate of its own, so each test file uses it like any library and it is
//! compiled once, not once per test binary.

#![allow(
    clippy::expect_used,
    reason = "test support: a step that cannot be done fails the test, saying which"
)]

pub mod app;
pub mod app_process;
pub mod axe;
pub mod card_photos;
pub mod certificates;
pub mod clock;
pub mod desktop;
pub mod followup_hour;
pub mod keyring;
pub mod notification_server;
pub mod ports;
pub mod radicale;
pub mod save_dialog;
pub mod sync_machines;
