//! The desktop runtime around the window: the reminder loop and its native
//! notifications, the tray, one running instance per database, and start at
//! login. Started in `setup`, stopped on exit; what is due is decided by the
//! core, never here.

pub(crate) mod autostart;
pub(crate) mod notifier;
pub(crate) mod reminder_runtime;
pub(crate) mod single_instance;
pub(crate) mod tray;
