//! One vCard content line, `[group.]NAME[;param...]:value`: its
//! parameters (2.1 bare types, 3.0/4.0 lists, RFC 6868 caret escapes) and
//! its value decoded (quoted-printable, base64-free text, the charset the
//! line names, backslash escapes).
//!
//! Works on bytes until the value is decoded; nothing indexes past a
//! slice's end, so no input can make it panic.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

use super::syntax::{Logical, Version};

#[derive(Debug)]
pub(super) struct Param {
    pub name: String,
    pub values: Vec<String>,
}

/// A parsed content line: `[group.]NAME[;param...]:value`.
#[derive(Debug)]
pub(super) struct Property<'a> {
    pub version: Version,
    /// Lower-cased, since group names are case-insensitive.
    pub group: Option<String>,
    /// Upper-cased.
    pub name: String,
    pub params: Vec<Param>,
    raw: &'a [u8],
}

/// None when the line is malformed: no colon, or no property name.
pub(super) fn parse_property(logical: &Logical, version: Version) -> Option<Property<'_>> {
    let bytes = logical.bytes.as_slice();
    // Unbalanced quotes in the head: fall back to the first colon.
    let colon = logical
        .colon
        .or_else(|| bytes.iter().position(|&b| b == b':'))?;
    let head = String::from_utf8_lossy(bytes.get(..colon)?);
    let raw = bytes.get(colon + 1..)?;
    let mut parts = split_outside_quotes(&head, ';').into_iter();
    let full_name = parts.next()?.trim();
    let (group, name) = match full_name.split_once('.') {
        Some((group, name)) => (Some(group.trim().to_ascii_lowercase()), name),
        None => (None, full_name),
    };
    let name = name.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter_map(|part| parse_param(part, version))
        .collect();
    Some(Property {
        version,
        group,
        name,
        params,
        raw,
    })
}

/// 2.1 allows bare parameters (`TEL;WORK;VOICE`): an encoding name stands
/// for ENCODING, anything else for TYPE.
fn parse_param(part: &str, version: Version) -> Option<Param> {
    let part = part.trim();
    if part.is_empty() {
        return None;
    }
    let Some((name, value)) = part.split_once('=') else {
        let upper = part.to_ascii_uppercase();
        let name = match upper.as_str() {
            "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
            _ => "TYPE",
        };
        return Some(Param {
            name: name.to_owned(),
            values: vec![part.to_owned()],
        });
    };
    let values = split_outside_quotes(value, ',')
        .into_iter()
        .map(|v| param_value(v, version))
        .collect();
    Some(Param {
        name: name.trim().to_ascii_uppercase(),
        values,
    })
}

fn param_value(value: &str, version: Version) -> String {
    let value = value.trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    if version == Version::V40 {
        caret_decode(unquoted)
    } else {
        unquoted.to_owned()
    }
}

/// RFC 6868: `^n` newline, `^'` double quote, `^^` caret.
fn caret_decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let decoded = match (c, chars.peek()) {
            ('^', Some('n' | 'N')) => Some('\n'),
            ('^', Some('\'')) => Some('"'),
            ('^', Some('^')) => Some('^'),
            _ => None,
        };
        match decoded {
            Some(d) => {
                chars.next();
                out.push(d);
            }
            None => out.push(c),
        }
    }
    out
}

fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    for (i, c) in s.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == sep && !in_quotes {
            parts.push(s.get(start..i).unwrap_or_default());
            start = i + c.len_utf8();
        }
    }
    parts.push(s.get(start..).unwrap_or_default());
    parts
}

impl Property<'_> {
    /// The first value of a parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.values.first())
            .map(String::as_str)
    }

    /// Every TYPE value, lower-cased; `type="work,cell"` counts as two.
    pub fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|p| p.name == "TYPE")
            .flat_map(|p| &p.values)
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    }

    pub fn is_pref(&self) -> bool {
        self.param("PREF").is_some() || self.types().iter().any(|t| t == "pref")
    }

    /// The value with transfer encoding and charset undone, escapes kept.
    pub fn decoded(&self) -> String {
        let quoted_printable = self
            .param("ENCODING")
            .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
        let bytes = if quoted_printable {
            Cow::Owned(decode_quoted_printable(self.raw))
        } else {
            Cow::Borrowed(self.raw)
        };
        let text = decode_charset(&bytes, self.param("CHARSET"));
        if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        }
    }

    /// A text value: decoded, unescaped and trimmed.
    pub fn text(&self) -> String {
        unescape(&self.decoded(), self.version).trim().to_owned()
    }

    /// A structured value (N, ADR, ORG) split on unescaped semicolons.
    pub fn components(&self) -> Vec<String> {
        self.split(';')
    }

    /// A list value (CATEGORIES) split on unescaped commas.
    pub fn list(&self) -> Vec<String> {
        self.split(',')
    }

    fn split(&self, sep: char) -> Vec<String> {
        let decoded = self.decoded();
        split_unescaped(&decoded, sep)
            .into_iter()
            .map(|part| unescape(part, self.version).trim().to_owned())
            .collect()
    }
}

/// Written here rather than with the `quoted_printable` crate because that
/// one drops raw 8-bit bytes, which some phones put in QP values anyway.
fn decode_quoted_printable(raw: &[u8]) -> Vec<u8> {
    let hex = |b: Option<&u8>| {
        b.and_then(|b| char::from(*b).to_digit(16))
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'='
            && let (Some(high), Some(low)) = (hex(raw.get(i + 1)), hex(raw.get(i + 2)))
        {
            out.push(high << 4 | low);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Honours a CHARSET parameter; without one, UTF-8 if the bytes are valid
/// UTF-8, else Windows-1252, the usual charset of unlabelled Outlook output.
fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some(encoding) = charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(s.get(start..i).unwrap_or_default());
            start = i + c.len_utf8();
        }
    }
    parts.push(s.get(start..).unwrap_or_default());
    parts
}

/// 3.0 and 4.0 escape `\\ \, \; \n`; writers also escape `:` (Google) or
/// anything else, so any escaped character stands for itself. 2.1 only
/// escapes separators, so there a backslash before anything else is a
/// literal one (`C:\temp`).
fn unescape(s: &str, version: Version) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match (chars.next(), version) {
            (Some('n' | 'N'), Version::V30 | Version::V40) => out.push('\n'),
            (Some(next @ ('\\' | ';' | ',' | ':')), _)
            | (Some(next), Version::V30 | Version::V40) => out.push(next),
            (Some(next), Version::V21) => {
                out.push('\\');
                out.push(next);
            }
            (None, _) => out.push('\\'),
        }
    }
    out
}
