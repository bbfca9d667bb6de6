//! Touchpoint's domain core.
//!
//! Everything that decides what the user sees or is reminded of lives here,
//! free of any UI or Tauri dependency, so it can be tested with `cargo test`
//! alone. Time always comes from an injected [`Clock`]: the core never reads
//! the system clock (enforced by this crate's `clippy.toml`).

pub mod channel;
pub mod clock;
pub mod contact;
mod contacts;
pub mod db;
pub mod error;
pub mod import_record;
mod migrations;
pub mod record;

pub use channel::Channel;
pub use clock::{Clock, ManualClock};
pub use contact::{Contact, ContactInput, ContactListQuery, ContactPage};
pub use db::Database;
pub use error::{CoreError, Result};
pub use import_record::{ParsedRecord, RecordPosition};
pub use migrations::SCHEMA_VERSION;
pub use record::{
    ContactFields, Day, Email, Phone, PostalAddress, Profile, ProfileKind, Stage, TimeWindow,
};
