//! What cards and follow-ups share on the server: a collection (an address
//! book or a task list) whose changes are listed since a sync token
//! (RFC 6578) or, where the server offers no tokens, by a whole listing;
//! and its items fetched by href in batches (a multiget REPORT).

use std::collections::HashSet;

use url::Url;

use super::dav::{Dav, LISTING, Multistatus, Response};
use super::discover::join;
use crate::error::{CoreError, Result};

/// Items fetched per multiget.
const BATCH: usize = 50;

/// The server's changes: changed `(href, etag)`, removed hrefs, the new token.
pub(super) type Changes = (Vec<(String, String)>, Vec<String>, Option<String>);

/// Every item whole, `(href, ETag, text)`, and the collection's sync token.
pub(super) type Everything = (Vec<(String, String, String)>, Option<String>);

/// What the server answered, before this machine's side is looked at.
pub(super) enum Listing {
    /// The changes since a token, as sync-collection gave them.
    Since(Changes),
    /// Every item's `(href, etag)`: what is gone is only known here.
    Whole(Vec<(String, String)>),
}

impl Listing {
    /// The changes, what this machine `known` and the server no longer
    /// lists counted as removed.
    pub fn changes(self, known: impl FnOnce() -> Result<Vec<String>>) -> Result<Changes> {
        match self {
            Listing::Since(changes) => Ok(changes),
            Listing::Whole(listed) => {
                let there: HashSet<&str> = listed.iter().map(|(h, _)| h.as_str()).collect();
                let removed = known()?
                    .into_iter()
                    .filter(|h| !there.contains(h.as_str()))
                    .collect();
                Ok((listed, removed, None))
            }
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum Kind {
    AddressBook,
    TaskList,
}

pub(super) struct Collection<'a> {
    pub dav: &'a Dav,
    pub url: &'a Url,
    pub kind: Kind,
}

impl Collection<'_> {
    fn is_itself(&self, r: &Response) -> bool {
        join(self.url, &r.href).is_ok_and(|u| u.path() == self.url.path())
    }

    /// The multiget REPORT, its namespace and the property holding an
    /// item's text.
    fn data(&self) -> (&'static str, &'static str, &'static str) {
        match self.kind {
            Kind::AddressBook => (
                "addressbook-multiget",
                "urn:ietf:params:xml:ns:carddav",
                "address-data",
            ),
            Kind::TaskList => (
                "calendar-multiget",
                "urn:ietf:params:xml:ns:caldav",
                "calendar-data",
            ),
        }
    }

    fn items(&self) -> &'static str {
        match self.kind {
            Kind::AddressBook => "cards",
            Kind::TaskList => "tasks",
        }
    }

    /// The changes since `token` (everything when `None`), as the server
    /// gives them: a server without sync-collection, or that forgot the
    /// token, is listed whole ([`Listing::changes`] then finds what is
    /// gone). Only requests: both collections are asked before either's
    /// changes are written here.
    pub fn listing(&self, token: Option<&str>) -> Result<Listing> {
        if let Some(found) = self.sync_collection(token, "")? {
            let mut changed = Vec::new();
            let mut removed = Vec::new();
            for r in found.responses.iter().filter(|r| !self.is_itself(r)) {
                if r.status == Some(404) {
                    removed.push(r.href.clone());
                } else if let Some(etag) = r.prop("getetag") {
                    changed.push((r.href.clone(), etag.to_owned()));
                }
            }
            return Ok(Listing::Since((changed, removed, found.sync_token)));
        }
        Ok(Listing::Whole(self.whole()?))
    }

    /// Every item whole, `(href, ETag, text)`, and the collection's sync
    /// token: from sync-collection with no token where the server has it,
    /// else listed and fetched.
    pub fn everything(&self) -> Result<Everything> {
        let (_, _, data) = self.data();
        if let Some(found) = self.sync_collection(None, &format!("<c:{data}/>"))? {
            let items = found
                .responses
                .iter()
                .filter(|r| !self.is_itself(r) && r.status != Some(404))
                .filter_map(|r| {
                    let (etag, text) = (r.prop("getetag")?, r.prop(data)?);
                    Some((r.href.clone(), etag.to_owned(), text.to_owned()))
                })
                .collect();
            return Ok((items, found.sync_token));
        }
        let hrefs: Vec<String> = self.whole()?.into_iter().map(|(h, _)| h).collect();
        let mut items = Vec::new();
        self.fetch(&hrefs, |href, etag, text| {
            items.push((href.to_owned(), etag.to_owned(), text.to_owned()));
            Ok(())
        })?;
        Ok((items, None))
    }

    /// A sync-collection REPORT since `token` asking for `getetag` and
    /// `more`; `None` when the server would not answer it.
    fn sync_collection(&self, token: Option<&str>, more: &str) -> Result<Option<Multistatus>> {
        let (_, ns, _) = self.data();
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
             <d:sync-collection xmlns:d=\"DAV:\" xmlns:c=\"{ns}\">\
             <d:sync-token>{}</d:sync-token><d:sync-level>1</d:sync-level>\
             <d:prop><d:getetag/>{more}</d:prop></d:sync-collection>",
            quick_xml::escape::escape(token.unwrap_or_default())
        );
        let (status, found) = self.dav.report(self.url.as_str(), &body)?;
        Ok((status == 207).then_some(found))
    }

    /// Every item's `(href, ETag)`, listed by PROPFIND.
    fn whole(&self) -> Result<Vec<(String, String)>> {
        let (status, found) =
            self.dav
                .propfind_within(self.url.as_str(), "1", "<d:getetag/>", Some(LISTING))?;
        if status != 207 {
            return Err(CoreError::Server(format!(
                "{} did not list its {} ({status})",
                self.url,
                self.items()
            )));
        }
        Ok(found
            .responses
            .iter()
            .filter(|r| !self.is_itself(r))
            .filter_map(|r| Some((r.href.clone(), r.prop("getetag")?.to_owned())))
            .collect())
    }

    /// Fetches `hrefs` in batches; `take` gets each item's href, ETag and text.
    pub fn fetch(
        &self,
        hrefs: &[String],
        mut take: impl FnMut(&str, &str, &str) -> Result<()>,
    ) -> Result<()> {
        let (report, ns, data) = self.data();
        for batch in hrefs.chunks(BATCH) {
            let hrefs: String = batch
                .iter()
                .map(|h| format!("<d:href>{}</d:href>", quick_xml::escape::escape(h.as_str())))
                .collect();
            let body = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
                 <c:{report} xmlns:d=\"DAV:\" xmlns:c=\"{ns}\">\
                 <d:prop><d:getetag/><c:{data}/></d:prop>{hrefs}</c:{report}>"
            );
            let (status, found) = self.dav.report(self.url.as_str(), &body)?;
            if status != 207 {
                return Err(CoreError::Server(format!(
                    "{} would not send its {} ({status})",
                    self.url,
                    self.items()
                )));
            }
            for r in found.responses {
                if let (Some(text), Some(etag)) = (r.prop(data), r.prop("getetag")) {
                    take(&r.href, etag, text)?;
                }
            }
        }
        Ok(())
    }
}
