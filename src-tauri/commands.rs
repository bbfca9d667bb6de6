//! The commands the UI may call, one file per area. Each only converts its
//! arguments from IPC and delegates to the core through the [`Store`], which
//! runs it off the UI thread; errors cross as `{kind, message}` ([`ApiError`]).
//!
//! The list of commands is written in four places that must agree: the
//! handler in `lib.rs`, the permissions in `build.rs`, the capability file
//! and the names `ui/src/api.ts` invokes. A test below fails when they drift.
//!
//! [`Store`]: crate::store::Store
//! [`ApiError`]: crate::error::ApiError

pub(crate) mod app;
mod arg;
pub(crate) mod backups;
pub(crate) mod calendar;
pub(crate) mod card_photo;
pub(crate) mod contacts;
pub(crate) mod followups;
pub(crate) mod insights;
pub(crate) mod sync;
pub(crate) mod transfer;
pub(crate) mod undo;

type Reply<T> = Result<T, crate::error::ApiError>;

#[cfg(test)]
mod list_tests;
