//! Contacts: add, correct, find, merge, delete, read a pasted card, and
//! call or write to one through the OS.

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

/// Which of a contact's numbers or addresses to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LinkKind {
    Phone,
    Email,
}

/// The `tel:` or `mailto:` link for a contact's `index`-th phone or email:
/// built from what is stored, so the window can open nothing else.
pub(crate) fn contact_link(
    contact: &Contact,
    kind: LinkKind,
    index: usize,
) -> Result<String, ApiError> {
    let missing = || {
        ApiError::invalid(
            "link",
            format!(
                "{} has no such {}",
                contact.fields.display_name,
                match kind {
                    LinkKind::Phone => "phone number",
                    LinkKind::Email => "email address",
                }
            ),
        )
    };
    match kind {
        LinkKind::Phone => {
            let phone = contact.fields.phones.get(index).ok_or_else(missing)?;
            let dialled: String = match &phone.e164 {
                Some(e164) => e164.clone(),
                None => phone
                    .number
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect(),
            };
            if dialled.trim_start_matches('+').is_empty() {
                return Err(missing());
            }
            Ok(format!("tel:{dialled}"))
        }
        LinkKind::Email => {
            let email = contact.fields.emails.get(index).ok_or_else(missing)?;
            Ok(format!("mailto:{}", email.address))
        }
    }
}

/// Opens a contact's phone number in the OS's phone app (a softphone, a
/// paired phone) or an email address in the mail app.
#[tauri::command]
pub(crate) async fn open_contact_link(
    store: State<'_, Store>,
    id: Arg<i64>,
    kind: Arg<LinkKind>,
    index: Arg<usize>,
) -> Reply<String> {
    let (id, kind, index) = (id.0, kind.0, index.0);
    let contact = store.read(move |db| db.contact(id)).await?;
    let link = contact_link(&contact, kind, index)?;
    let opened = link.clone();
    tauri::async_runtime::spawn_blocking(move || crate::desktop::opener::open_link(&opened))
        .await
        .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))??;
    Ok(link)
}

#[cfg(test)]
mod tests;
