//! Websites and profiles. The window opens them when clicked, so a link
//! whose scheme would run code or open a local file (`javascript:`, `data:`,
//! `file:`) is refused however it is spelled; a bare `example.com` stays a
//! web address, stored as typed.

use super::{MAX_ITEMS, URL, dedup_keep_order, line, too_many};
use crate::contacts::Profile;
use crate::error::{CoreError, Result};

/// The schemes a link may name. An allowlist: a new dangerous scheme is
/// refused without anyone having to know about it.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme `link` names, lower-cased, when it is not one of [`SCHEMES`].
///
/// Read the way a browser reads it: leading spaces and control characters
/// are skipped and tabs and line breaks ignored, so `" java\tscript:"` is
/// still `javascript:`. A host and port (`example.com:8080`) is no scheme.
pub(crate) fn refused_scheme(link: &str) -> Option<String> {
    let link: String = link
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (head, rest) = link
        .trim_start_matches(|c: char| c <= ' ')
        .split_once(':')?;
    let is_scheme = head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let is_port =
        head.contains('.') && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    (is_scheme && !is_port && !SCHEMES.iter().any(|s| head.eq_ignore_ascii_case(s)))
        .then(|| head.to_ascii_lowercase())
}

fn allowed_scheme(field: &str, label: &str, link: &str) -> Result<()> {
    match refused_scheme(link) {
        Some(scheme) => Err(CoreError::invalid(
            field,
            format!(
                "{label} cannot be a \"{scheme}:\" link; only http, https, mailto and tel links are allowed"
            ),
        )),
        None => Ok(()),
    }
}

fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    s.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| s.get(prefix.len()..))
}

pub(super) fn url(field: &str, label: &str, raw: &str) -> Result<String> {
    let value = line(field, label, raw, URL)?;
    if value.is_empty() {
        return Ok(value);
    }
    allowed_scheme(field, label, &value)?;
    let rest = strip_prefix_ignore_case(&value, "https://")
        .or_else(|| strip_prefix_ignore_case(&value, "http://"))
        .unwrap_or(&value);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if value.contains(char::is_whitespace) || !host.contains('.') || host.starts_with('.') {
        return Err(CoreError::invalid(
            field,
            format!("{label} must be a web address such as example.com"),
        ));
    }
    Ok(value)
}

pub(super) fn profiles(raw: &[Profile]) -> Result<Vec<Profile>> {
    if raw.len() > MAX_ITEMS {
        return Err(too_many("profiles", "profiles", MAX_ITEMS));
    }
    let mut out = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let field = format!("profiles[{i}]");
        let url = line(&field, "Profile", &p.url, URL)?;
        if url.is_empty() {
            continue;
        }
        if url.contains(char::is_whitespace) {
            return Err(CoreError::invalid(
                &field,
                "A profile must be a web address or handle without spaces",
            ));
        }
        allowed_scheme(&field, "Profile", &url)?;
        out.push(Profile { kind: p.kind, url });
    }
    dedup_keep_order(&mut out, |p| p.url.to_lowercase());
    Ok(out)
}
