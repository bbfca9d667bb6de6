//! Contacts: add, correct, find, merge, delete, and read a pasted card.

use tauri::State;
use touchpoint_core::{
    CardParse, Contact, ContactFields, ContactPage, ContactQuery, DuplicateCheck, SaveOutcome,
};

use super::Reply;
use crate::error::ApiError;
use crate::store::Store;

#[tauri::command]
pub(crate) async fn add_contact(
    store: State<'_, Store>,
    fields: ContactFields,
    check: DuplicateCheck,
) -> Reply<SaveOutcome> {
    store.write(move |db| db.add_contact(&fields, check)).await
}

#[tauri::command]
pub(crate) async fn update_contact(
    store: State<'_, Store>,
    id: i64,
    fields: ContactFields,
) -> Reply<Contact> {
    store.write(move |db| db.update_contact(id, &fields)).await
}

/// Deletes the contacts, their touches and follow-ups; undoable.
#[tauri::command]
pub(crate) async fn delete_contacts(store: State<'_, Store>, ids: Vec<i64>) -> Reply<u32> {
    store.write(move |db| db.delete_contacts(&ids)).await
}

#[tauri::command]
pub(crate) async fn get_contact(store: State<'_, Store>, id: i64) -> Reply<Contact> {
    store.read(move |db| db.contact(id)).await
}

#[tauri::command]
pub(crate) async fn list_contacts(
    store: State<'_, Store>,
    query: ContactQuery,
) -> Reply<ContactPage> {
    store.read(move |db| db.list_contacts(&query)).await
}

#[tauri::command]
pub(crate) async fn contact_tags(store: State<'_, Store>) -> Reply<Vec<String>> {
    store.read(touchpoint_core::Database::contact_tags).await
}

#[tauri::command]
pub(crate) async fn merge_into(
    store: State<'_, Store>,
    target: i64,
    fields: ContactFields,
) -> Reply<Contact> {
    store.write(move |db| db.merge_into(target, &fields)).await
}

/// Pasted text above this size is not a card.
const MAX_PASTE_BYTES: usize = 256 * 1024;

#[tauri::command]
pub(crate) async fn parse_card_text(text: String) -> Reply<CardParse> {
    if text.len() > MAX_PASTE_BYTES {
        return Err(ApiError::invalid(
            "pasteText",
            format!(
                "That is {} KB of text; paste one card, signature or profile at a time (at most {} KB)",
                text.len() / 1024,
                MAX_PASTE_BYTES / 1024
            ),
        ));
    }
    tauri::async_runtime::spawn_blocking(move || touchpoint_core::parse_card_text(&text))
        .await
        .map_err(|e| ApiError::internal(format!("reading the card failed: {e}")))
}
