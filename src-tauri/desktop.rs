//! The desktop runtime around the window: the reminder loop and its native
//! notifications, the tray, one running instance per database, start at
//! login, the daily backup, sync with a CardDAV server in the background,
//! opening folders in the OS, the save dialog, and keeping the webview on the
//! app's own pages.
//! Started in `setup`, stopped on exit; what is due is decided by the core,
//! never here.

pub(crate) mod autostart;
pub(crate) mod backups;
pub(crate) mod keyring;
pub(crate) mod navigation;
pub(crate) mod notifier;
pub(crate) mod opener;
pub(crate) mod reminder_runtime;
pub(crate) mod save_dialog;
pub(crate) mod single_instance;
pub(crate) mod sync_loop;
pub(crate) mod tray;
pub(crate) mod window_state;
