//! The few WebDAV and CardDAV requests sync makes (RFC 4918, 6352, 6578),
//! over HTTP(S) with basic authentication, each with a time limit; and
//! the multistatus answers they get, read into plain values.
//!
//! Every failure is a [`CoreError::Server`] saying what was asked of whom
//! and what came back; nothing here touches the database.

use std::io::Read;
use std::time::Duration;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::tls::Tls;
use crate::error::{CoreError, Result};

/// The longest wait for a listing of a collection: a server lists it whole
/// before it answers the first byte (Radicale took over a minute for
/// 10,000 cards on a busy machine).
pub(super) const LISTING: Duration = Duration::from_secs(600);

/// The longest answer read (a multistatus of thousands of cards fits).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// One `<response>` of a multistatus: its href and the properties found,
/// by local name ("getetag", "sync-token", "address-data", …); `status` is
/// the response's own status (404 for a card removed since a sync token).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Response {
    pub href: String,
    pub status: Option<u16>,
    pub props: Vec<(String, String)>,
    /// Whether `<resourcetype>` held `<addressbook/>`.
    pub is_address_book: bool,
    /// Whether `<resourcetype>` held `<calendar/>`.
    pub is_calendar: bool,
    /// A calendar's `supported-calendar-component-set` (VTODO, VEVENT, …).
    pub components: Vec<String>,
}

impl Response {
    pub fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A multistatus answer: its responses and, for sync-collection, the new token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Multistatus {
    pub responses: Vec<Response>,
    pub sync_token: Option<String>,
}

/// An answer to a plain request.
pub(crate) struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub body: String,
    pub location: Option<String>,
}

pub(crate) struct Dav {
    agent: ureq::Agent,
    authorization: String,
    tls: Tls,
}

fn server_error(what: &str, url: &str, why: impl std::fmt::Display) -> CoreError {
    CoreError::Server(format!("{what} {url}: {why}"))
}

impl Dav {
    /// Speaking as `user`, trusting the system's roots and the certificate
    /// whose SHA-256 is `trusted` (see `tls`).
    pub fn new(user: &str, password: &str, trusted: Option<&str>) -> Result<Dav> {
        let tls = Tls::new(trusted)?;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .redirects(0)
            .tls_config(tls.config.clone())
            .build();
        let token = base64_encode(format!("{user}:{password}").as_bytes());
        Ok(Dav {
            agent,
            authorization: format!("Basic {token}"),
            tls,
        })
    }

    /// Sends one request; any status is an answer (the caller decides),
    /// a failure to connect or to read is an error.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer> {
        self.send_within(method, url, headers, body, None)
    }

    /// The same, waiting up to `limit` for the answer (a request the
    /// server takes long over).
    pub fn send_waiting(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
        limit: Duration,
    ) -> Result<Answer> {
        self.send_within(method, url, headers, Some(body), Some(limit))
    }

    fn send_within(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
        limit: Option<Duration>,
    ) -> Result<Answer> {
        let mut request = self
            .agent
            .request(method, url)
            .set("Authorization", &self.authorization);
        if let Some(limit) = limit {
            request = request.timeout(limit);
        }
        for (name, value) in headers {
            request = request.set(name, value);
        }
        let result = match body {
            Some(body) => request.send_string(body),
            None => request.call(),
        };
        let response = match result {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                return Err(match self.tls.take_refused(url) {
                    Some(refused) => CoreError::UntrustedCertificate(refused),
                    None => server_error(method, url, t),
                });
            }
        };
        let status = response.status();
        let etag = response.header("ETag").map(str::to_owned);
        let location = response.header("Location").map(str::to_owned);
        let mut body = String::new();
        response
            .into_reader()
            .take(MAX_BODY)
            .read_to_string(&mut body)
            .map_err(|e| server_error(method, url, e))?;
        if status == 401 {
            // The user's input, not the server, is what must change.
            return Err(CoreError::invalid(
                "password",
                format!("{url} refused the user name or password (401)"),
            ));
        }
        Ok(Answer {
            status,
            etag,
            body,
            location,
        })
    }

    /// PUTs `body` only over what this machine last saw there: `If-Match`
    /// on its ETag, or `If-None-Match: *` for something new; a 412 says
    /// someone else wrote first.
    pub fn put_if(
        &self,
        url: &str,
        content_type: &str,
        etag: Option<&str>,
        body: &str,
    ) -> Result<Answer> {
        let condition = match etag {
            Some(etag) => ("If-Match", etag),
            None => ("If-None-Match", "*"),
        };
        self.send(
            "PUT",
            url,
            &[("Content-Type", content_type), condition],
            Some(body),
        )
    }

    /// DELETEs `url` only if it is still what this machine last saw.
    pub fn delete_if(&self, url: &str, etag: Option<&str>) -> Result<Answer> {
        let condition: Vec<(&str, &str)> = etag.map(|e| ("If-Match", e)).into_iter().collect();
        self.send("DELETE", url, &condition, None)
    }

    /// PROPFIND with `depth`, for the properties in `props` (XML inside `<prop>`).
    pub fn propfind(&self, url: &str, depth: &str, props: &str) -> Result<(u16, Multistatus)> {
        self.propfind_within(url, depth, props, None)
    }

    /// The same, waiting up to `limit` for the answer.
    pub fn propfind_within(
        &self,
        url: &str,
        depth: &str,
        props: &str,
        limit: Option<Duration>,
    ) -> Result<(u16, Multistatus)> {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
             <d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\" \
             xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">\
             <d:prop>{props}</d:prop></d:propfind>"
        );
        self.multistatus("PROPFIND", url, depth, &body, limit)
    }

    /// A REPORT waits as long as a listing may take.
    pub fn report(&self, url: &str, body: &str) -> Result<(u16, Multistatus)> {
        self.multistatus("REPORT", url, "1", body, Some(LISTING))
    }

    fn multistatus(
        &self,
        method: &str,
        url: &str,
        depth: &str,
        body: &str,
        limit: Option<Duration>,
    ) -> Result<(u16, Multistatus)> {
        let answer = self.send_within(
            method,
            url,
            &[
                ("Depth", depth),
                ("Content-Type", "application/xml; charset=utf-8"),
            ],
            Some(body),
            limit,
        )?;
        if answer.status != 207 {
            return Ok((answer.status, Multistatus::default()));
        }
        let parsed = parse_multistatus(&answer.body)
            .map_err(|e| server_error(method, url, format!("an unreadable answer ({e})")))?;
        Ok((207, parsed))
    }
}

/// Reads a multistatus body. Namespaces are matched by local name: the
/// names sync reads are not used by two namespaces in one answer.
pub(crate) fn parse_multistatus(xml: &str) -> std::result::Result<Multistatus, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Multistatus::default();
    let mut current: Option<Response> = None;
    // The open elements' local names, innermost last.
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut saw_multistatus = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_owned();
                match name.as_str() {
                    "multistatus" => saw_multistatus = true,
                    "response" => current = Some(Response::default()),
                    _ => {}
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                let parent = path.last().map(String::as_str);
                if let Some(r) = current.as_mut() {
                    if name == "addressbook" && parent == Some("resourcetype") {
                        r.is_address_book = true;
                    } else if name == "calendar" && parent == Some("resourcetype") {
                        r.is_calendar = true;
                    } else if name == "comp" && parent == Some("supported-calendar-component-set") {
                        if let Ok(Some(a)) = e.try_get_attribute("name") {
                            r.components.push(a.value.to_ascii_uppercase());
                        }
                    } else if parent == Some("prop") {
                        r.props.push((name, String::new()));
                    }
                }
            }
            // Entities come as their own events (below), so text is plain.
            Event::Text(t) => text.push_str(&t),
            Event::CData(t) => text.push_str(&t),
            Event::GeneralRef(r) => match quick_xml::escape::resolve_predefined_entity(&r) {
                Some(known) => text.push_str(known),
                None => text.extend(r.resolve_char_ref().map_err(|e| e.to_string())?),
            },
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str);
                match (name.as_str(), current.as_mut()) {
                    ("response", Some(_)) => out.responses.extend(current.take()),
                    ("href", Some(r)) if parent == Some("response") => {
                        r.href = text.trim().to_owned();
                    }
                    ("status", Some(r)) if parent == Some("response") => {
                        r.status = status_code(&text);
                    }
                    ("sync-token", None) => out.sync_token = Some(text.trim().to_owned()),
                    (name, Some(r)) if parent == Some("prop") => {
                        r.props.push((name.to_owned(), text.clone()));
                    }
                    (_, Some(r))
                        if parent.is_some_and(|p| {
                            p.ends_with("-set") || p == "current-user-principal"
                        }) && name == "href" =>
                    {
                        r.props.push((
                            parent.unwrap_or_default().to_owned(),
                            text.trim().to_owned(),
                        ));
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_multistatus {
        return Err("no multistatus".to_owned());
    }
    Ok(out)
}

/// "HTTP/1.1 404 Not Found" → 404.
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

fn base64_encode(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
