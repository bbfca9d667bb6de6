//! Contacts: add, correct, find, merge, delete, and read a pasted card.

use tauri::State;
use touchpoint_core::{
    CardParse, Contact, ContactFields, ContactPage, ContactQuery, DuplicateCheck, SaveOutcome,
};

use super::Reply;
use super::arg::Arg;
use crate::error::ApiError;
use crate::store::Store;

#[tauri::command]
pub(crate) async fn add_contact(
    store: State<'_, Store>,
    fields: Arg<ContactFields>,
    check: Arg<DuplicateCheck>,
) -> Reply<SaveOutcome> {
    let fields = fields.0;
    let check = check.0;
    store.write(move |db| db.add_contact(&fields, check)).await
}

#[tauri::command]
pub(crate) async fn update_contact(
    store: State<'_, Store>,
    id: Arg<i64>,
    fields: Arg<ContactFields>,
) -> Reply<Contact> {
    let id = id.0;
    let fields = fields.0;
    store.write(move |db| db.update_contact(id, &fields)).await
}

/// Deletes the contacts, their touches and follow-ups; undoable.
#[tauri::command]
pub(crate) async fn delete_contacts(store: State<'_, Store>, ids: Arg<Vec<i64>>) -> Reply<u32> {
    let ids = ids.0;
    store.write(move |db| db.delete_contacts(&ids)).await
}

#[tauri::command]
pub(crate) async fn get_contact(store: State<'_, Store>, id: Arg<i64>) -> Reply<Contact> {
    let id = id.0;
    store.read(move |db| db.contact(id)).await
}

#[tauri::command]
pub(crate) async fn list_contacts(
    store: State<'_, Store>,
    query: Arg<ContactQuery>,
) -> Reply<ContactPage> {
    let query = query.0;
    store.read(move |db| db.list_contacts(&query)).await
}

#[tauri::command]
pub(crate) async fn contact_tags(store: State<'_, Store>) -> Reply<Vec<String>> {
    store.read(touchpoint_core::Database::contact_tags).await
}

#[tauri::command]
pub(crate) async fn merge_into(
    store: State<'_, Store>,
    target: Arg<i64>,
    fields: Arg<ContactFields>,
) -> Reply<Contact> {
    let target = target.0;
    let fields = fields.0;
    store.write(move |db| db.merge_into(target, &fields)).await
}

/// Pasted text above this size is not a card.
const MAX_PASTE_BYTES: usize = 256 * 1024;

#[tauri::command]
pub(crate) async fn parse_card_text(text: Arg<String>) -> Reply<CardParse> {
    let text = text.0;
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
