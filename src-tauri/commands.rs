//! The commands the UI may call (listed again in `build.rs` for permissions).
//! Each only takes its arguments from IPC and delegates to the [`Store`].

use tauri::State;
use touchpoint_core::{Contact, ContactInput, ContactListQuery, ContactPage};

use crate::error::ApiError;
use crate::store::{AppInfo, Store};

#[tauri::command]
#[expect(
    clippy::needless_pass_by_value,
    reason = "Tauri hands State over by value"
)]
pub(crate) fn app_info(store: State<'_, Store>) -> AppInfo {
    store.info()
}

#[tauri::command]
pub(crate) async fn add_contact(
    store: State<'_, Store>,
    input: ContactInput,
) -> Result<Contact, ApiError> {
    store.add_contact(input).await
}

#[tauri::command]
pub(crate) async fn list_contacts(
    store: State<'_, Store>,
    query: ContactListQuery,
) -> Result<ContactPage, ApiError> {
    store.list_contacts(query).await
}
