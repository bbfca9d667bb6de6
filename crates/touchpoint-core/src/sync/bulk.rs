//! A first upload in one request. Radicale checks every new item's UID
//! against every item already in the collection, reading each one, so item
//! by item a first upload of 10,000 contacts reads about 50 million items
//! and takes hours; it also takes a whole collection in one PUT on the
//! collection's URL, which reads each item once.
//!
//! Only into a collection that lists no item and gives its ETag, with
//! `If-Match` on that ETag: the PUT replaces the collection, and so it can
//! never replace anything another client wrote meanwhile. A server that
//! does not take it (most answer 405 or 409) gets the items one by one as
//! before, and so do the items the server placed where they are not found.
//!
//! The collection is listed after the upload with sync-collection from no
//! token, so its answer also gives the token of the collection as uploaded
//! (a token from before the PUT names a collection that is gone: Radicale
//! refuses it, and the next sync would list the whole collection). The
//! listing carries each item's text: the PUT gave no item its ETag, and
//! another client may have edited one of ours in between. An item whose
//! text says something else than ours is agreed on as ours with no ETag,
//! and the token is not kept, so the next pull fetches it and merges it
//! over ours (the writer's edit is never taken for ours, nor written over).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use url::Url;

use super::cards::uid_path;
use super::collection::{Collection, Kind};
use super::dav::Dav;
use super::discover::join;
use crate::error::Result;

/// Fewer new items than this go one by one: the scan is short.
pub(super) const AT_LEAST: usize = 100;

/// The longest wait for the server to store a whole collection.
const LIMIT: Duration = Duration::from_secs(600);

/// An item to upload: its UID and the text it is written as.
pub(super) struct New {
    pub uid: String,
    pub text: String,
}

/// Where an upload placed the items, and what the collection was then.
pub(super) struct Placed {
    /// Each item's `(href, ETag)`, in the order given; `None` for one not
    /// placed (all of them when the collection was not empty or the server
    /// would not take it). The ETag is `None` for an item changed there
    /// since the upload: the caller agrees on its text as sent with no ETag
    /// and counts it as refused, so that the next round pulls the change.
    pub at: Vec<Option<(String, Option<String>)>>,
    /// The collection's sync token after the upload, when it then held
    /// these items and nothing else: the next sync asks what changed since.
    pub token: Option<String>,
}

/// Uploads `items` into the empty collection at `url` in one request, its
/// name kept as `name`.
pub(super) fn upload(
    dav: &Dav,
    url: &Url,
    kind: Kind,
    name: &str,
    items: &[New],
) -> Result<Placed> {
    upload_refs(dav, url, kind, name, &items.iter().collect::<Vec<_>>())
}

/// The same, for items held elsewhere.
pub(super) fn upload_refs(
    dav: &Dav,
    url: &Url,
    kind: Kind,
    name: &str,
    items: &[&New],
) -> Result<Placed> {
    let none = || Placed {
        at: items.iter().map(|_| None).collect(),
        token: None,
    };
    if items.len() < AT_LEAST {
        return Ok(none());
    }
    let (status, listed) = dav.propfind(url.as_str(), "1", "<d:getetag/>")?;
    let itself = |href: &str| join(url, href).is_ok_and(|u| u.path() == url.path());
    let etag = listed
        .responses
        .iter()
        .find(|r| itself(&r.href))
        .and_then(|r| r.prop("getetag"));
    let (207, Some(etag), true) = (
        status,
        etag,
        listed.responses.iter().all(|r| itself(&r.href)),
    ) else {
        return Ok(none());
    };
    let (content_type, suffix, body) = match kind {
        Kind::AddressBook => (
            "text/vcard; charset=utf-8",
            "vcf",
            items.iter().map(|i| i.text.as_str()).collect::<String>(),
        ),
        Kind::TaskList => ("text/calendar; charset=utf-8", "ics", calendar(name, items)),
    };
    let answer = dav.send_waiting(
        "PUT",
        url.as_str(),
        &[("Content-Type", content_type), ("If-Match", etag)],
        &body,
        LIMIT,
    )?;
    if !(200..300).contains(&answer.status) {
        return Ok(none());
    }
    // An address book's name is not in its cards: set again.
    let named = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propertyupdate xmlns:d=\"DAV:\">\
         <d:set><d:prop><d:displayname>{}</d:displayname></d:prop></d:set></d:propertyupdate>",
        quick_xml::escape::escape(name)
    );
    dav.send(
        "PROPPATCH",
        url.as_str(),
        &[("Content-Type", "application/xml; charset=utf-8")],
        Some(&named),
    )?;
    // Radicale writes a history entry per item (two fsyncs each) on the
    // first sync-collection of a collection: a long wait, which a
    // listing's time limit allows; a later first sync elsewhere is then
    // short.
    let collection = Collection { dav, url, kind };
    let (listed, token) = collection.everything()?;
    let placed: HashMap<&str, (&str, &str, &str)> = listed
        .iter()
        .filter_map(|(href, etag, text)| {
            let file = href.rsplit('/').next()?;
            Some((file, (href.as_str(), etag.as_str(), text.as_str())))
        })
        .collect();
    let at: Vec<Option<(String, Option<String>)>> = items
        .iter()
        .map(|i| {
            // The server names each item by its UID.
            let (href, etag, text) = [
                format!("{}.{suffix}", i.uid),
                format!("{}.{suffix}", uid_path(&i.uid)),
            ]
            .iter()
            .find_map(|file| placed.get(file.as_str()))?;
            let ours = says_the_same(&i.text, text);
            Some(((*href).to_owned(), ours.then(|| (*etag).to_owned())))
        })
        .collect();
    // Anything else there, or changed there, was written by someone else
    // since the PUT: the token would count it as seen, so the next sync
    // lists it all instead.
    let ours: HashSet<&str> = at
        .iter()
        .flatten()
        .filter(|(_, etag)| etag.is_some())
        .map(|(h, _)| h.as_str())
        .collect();
    let only_ours = listed.iter().all(|(h, _, _)| ours.contains(h.as_str()));
    Ok(Placed {
        at,
        token: token.filter(|_| only_ours),
    })
}

/// Whether the server's `text` of an item says what `sent` said: the same
/// lines in each component, however the server ordered and folded them
/// (Radicale writes each item of a collection anew); the calendar's own
/// lines (its PRODID) are the server's.
fn says_the_same(sent: &str, text: &str) -> bool {
    content_lines(sent) == content_lines(text)
}

/// Each unfolded line under its components' names, sorted.
fn content_lines(text: &str) -> Vec<String> {
    let unfolded = text
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "");
    let mut path: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for line in unfolded.lines().filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            path.push(name);
            lines.push(path.join("/"));
        } else if line.starts_with("END:") {
            path.pop();
        } else if path != ["VCALENDAR"] {
            lines.push(format!("{}|{line}", path.join("/")));
        }
    }
    lines.sort_unstable();
    lines
}

/// One VCALENDAR holding every item's components.
fn calendar(name: &str, items: &[&New]) -> String {
    let mut out = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Touchpoint//Follow-ups//EN\r\n\
         X-WR-CALNAME:{}\r\n",
        crate::transfer::ics::escape(name)
    );
    for item in items {
        let text = &item.text;
        // From the item's first component to the end of its calendar.
        let start = text.find("\r\nBEGIN:V").map_or(0, |at| at + 2);
        let end = text.rfind("END:VCALENDAR").unwrap_or(text.len());
        out.push_str(&text[start..end]);
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests;
