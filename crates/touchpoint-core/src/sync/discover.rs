//! Finding the address book and the task list Touchpoint syncs with, from
//! the URL the user gave: the server's own (or its `/.well-known/carddav`
//! or `/.well-known/caldav`, RFC 6764), the user's principal
//! (`current-user-principal`), their address-book home set (RFC 6352) or
//! calendar home set (RFC 4791), and in it the address book named
//! "Touchpoint" (made by extended MKCOL, RFC 5689, when there is none) or
//! the task list named "Touchpoint follow-ups" (made by MKCALENDAR).

use url::Url;

use super::dav::{Dav, Response};
use crate::error::{CoreError, Result};

pub(super) const NAME: &str = "Touchpoint";
pub(super) const CALENDAR_NAME: &str = "Touchpoint follow-ups";

fn refuse(what: String) -> CoreError {
    CoreError::Server(what)
}

pub(super) fn join(base: &Url, href: &str) -> Result<Url> {
    base.join(href).map_err(|e| {
        refuse(format!(
            "{base} answered an unusable address {href:?} ({e})"
        ))
    })
}

/// The principal of the user, asked of `url`, then of its well-known URL
/// (`service`: "carddav" or "caldav").
fn principal(dav: &Dav, url: &Url, service: &str) -> Result<Url> {
    let ask = |at: &Url| -> Result<Option<Url>> {
        let (status, found) = dav.propfind(at.as_str(), "0", "<d:current-user-principal/>")?;
        if status != 207 {
            return Ok(None);
        }
        match found
            .responses
            .iter()
            .find_map(|r| r.prop("current-user-principal").filter(|h| !h.is_empty()))
        {
            Some(href) => Ok(Some(join(at, href)?)),
            None => Ok(None),
        }
    };
    if let Some(found) = ask(url)? {
        return Ok(found);
    }
    let well_known = join(url, &format!("/.well-known/{service}"))?;
    let answer = dav.send("PROPFIND", well_known.as_str(), &[("Depth", "0")], None)?;
    let next = match (answer.status, answer.location) {
        (301..=308, Some(location)) => join(&well_known, &location)?,
        _ => well_known,
    };
    ask(&next)?.ok_or_else(|| {
        refuse(format!(
            "{url} is not a {} server Touchpoint can use (no current-user-principal there \
             or at /.well-known/{service})",
            if service == "caldav" {
                "CalDAV"
            } else {
                "CardDAV"
            }
        ))
    })
}

/// The home set `set` ("addressbook-home-set", "calendar-home-set") of
/// the principal; the principal itself when the server names none.
fn home(dav: &Dav, principal: &Url, prefix: &str, set: &str) -> Result<Url> {
    let (_, found) = dav.propfind(principal.as_str(), "0", &format!("<{prefix}:{set}/>"))?;
    match found
        .responses
        .iter()
        .find_map(|r| r.prop(set).filter(|h| !h.is_empty()))
    {
        Some(href) => join(principal, href),
        None => Ok(principal.clone()),
    }
}

pub(super) fn is_ours(r: &Response) -> bool {
    r.prop("displayname") == Some(NAME) || r.href.trim_end_matches('/').ends_with("/touchpoint")
}

fn server_url(url: &str) -> Result<Url> {
    let url = Url::parse(url)
        .map_err(|e| CoreError::invalid("url", format!("{url:?} is not a server address ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(CoreError::invalid(
            "url",
            "A sync server's address starts with https:// (or http:// on your own network)",
        ));
    }
    Ok(url)
}

/// The user's address-book home set, found from the URL they gave.
pub(super) fn address_book_home(dav: &Dav, url: &str) -> Result<Url> {
    let url = server_url(url)?;
    home(
        dav,
        &principal(dav, &url, "carddav")?,
        "c",
        "addressbook-home-set",
    )
}

/// The user's calendar home set, found from the URL they gave.
pub(super) fn calendar_home(dav: &Dav, url: &str) -> Result<Url> {
    let url = server_url(url)?;
    home(
        dav,
        &principal(dav, &url, "caldav")?,
        "cal",
        "calendar-home-set",
    )
}

/// What `home` holds (itself left out), with `props` and `what` it lists
/// ("address books", "calendars") for the error.
fn listing(dav: &Dav, home: &Url, props: &str, what: &str) -> Result<Vec<Response>> {
    let (status, found) = dav.propfind(home.as_str(), "1", props)?;
    if status != 207 {
        return Err(refuse(format!("{home} did not list its {what} ({status})")));
    }
    Ok(found
        .responses
        .into_iter()
        .filter(|r| join(home, &r.href).is_ok_and(|u| u.path() != home.path()))
        .collect())
}

/// The address books in `home`.
pub(super) fn address_books(dav: &Dav, home: &Url) -> Result<Vec<Response>> {
    Ok(listing(
        dav,
        home,
        "<d:resourcetype/><d:displayname/>",
        "address books",
    )?
    .into_iter()
    .filter(|r| r.is_address_book)
    .collect())
}

/// The calendars in `home` that take tasks (a calendar that names no
/// components takes them all).
pub(super) fn task_lists(dav: &Dav, home: &Url) -> Result<Vec<Response>> {
    Ok(listing(
        dav,
        home,
        "<d:resourcetype/><d:displayname/><cal:supported-calendar-component-set/>",
        "calendars",
    )?
    .into_iter()
    .filter(|r| {
        r.is_calendar && (r.components.is_empty() || r.components.iter().any(|c| c == "VTODO"))
    })
    .collect())
}

/// Makes the address book `name` at `slug` in `home`, by extended MKCOL.
pub(super) fn make_address_book(dav: &Dav, home: &Url, slug: &str, name: &str) -> Result<Url> {
    let book = join(home, &format!("{slug}/"))?;
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <d:mkcol xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop>\
         <d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>\
         <d:displayname>{}</d:displayname></d:prop></d:set></d:mkcol>",
        quick_xml::escape::escape(name)
    );
    let made = dav.send(
        "MKCOL",
        book.as_str(),
        &[("Content-Type", "application/xml; charset=utf-8")],
        Some(&body),
    )?;
    if !(200..300).contains(&made.status) {
        return Err(refuse(format!(
            "{book}: the server would not make an address book ({})",
            made.status
        )));
    }
    Ok(book)
}

/// Makes the task list `name` at `slug` in `home`: a calendar of its own,
/// for tasks (follow-ups) and journal entries (touches) only, so hundreds
/// of them never crowd the user's own calendar.
pub(super) fn make_task_list(dav: &Dav, home: &Url, slug: &str, name: &str) -> Result<Url> {
    let list = join(home, &format!("{slug}/"))?;
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <cal:mkcalendar xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">\
         <d:set><d:prop><d:displayname>{}</d:displayname>\
         <cal:supported-calendar-component-set><cal:comp name=\"VTODO\"/><cal:comp name=\"VJOURNAL\"/>\
         </cal:supported-calendar-component-set></d:prop></d:set></cal:mkcalendar>",
        quick_xml::escape::escape(name)
    );
    let made = dav.send(
        "MKCALENDAR",
        list.as_str(),
        &[("Content-Type", "application/xml; charset=utf-8")],
        Some(&body),
    )?;
    if !(200..300).contains(&made.status) {
        return Err(refuse(format!(
            "{list}: the server would not make a task list ({})",
            made.status
        )));
    }
    Ok(list)
}

pub(super) fn is_our_calendar(r: &Response) -> bool {
    r.prop("displayname") == Some(CALENDAR_NAME)
        || r.href
            .trim_end_matches('/')
            .ends_with("/touchpoint-followups")
}

/// The address book's URL: the one named Touchpoint, made if missing.
pub(super) fn address_book(dav: &Dav, url: &str) -> Result<Url> {
    let home = address_book_home(dav, url)?;
    match address_books(dav, &home)?.iter().find(|r| is_ours(r)) {
        Some(ours) => join(&home, &ours.href),
        None => make_address_book(dav, &home, "touchpoint", NAME),
    }
}

/// The task list's URL: the one named "Touchpoint follow-ups", made if missing.
pub(super) fn calendar(dav: &Dav, url: &str) -> Result<Url> {
    let home = calendar_home(dav, url)?;
    match task_lists(dav, &home)?.iter().find(|r| is_our_calendar(r)) {
        Some(ours) => join(&home, &ours.href),
        None => make_task_list(dav, &home, "touchpoint-followups", CALENDAR_NAME),
    }
}
