//! vCard content-line syntax: from raw bytes to cards, logical lines and
//! properties with decoded values. Nothing here knows what a property means.
//!
//! Everything works on bytes until a value is decoded, because a 2.1 file may
//! mix charsets property by property; nothing indexes past a slice's end, so
//! no input can make it panic.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V21,
    V30,
    V40,
}

/// One physical line, without its line end; `number` is 1-based.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub number: usize,
    pub bytes: &'a [u8],
}

/// The lines between one `BEGIN:VCARD` and its `END:VCARD`, both excluded.
#[derive(Debug)]
pub(super) struct Card<'a> {
    pub number: usize,
    pub lines: Vec<Line<'a>>,
    /// False when the file ended, or another card began, before `END:VCARD`.
    pub closed: bool,
}

/// Turns UTF-16 (Outlook's "Unicode" export) into UTF-8 and drops any BOM,
/// so the rest of the parser sees ASCII-compatible bytes.
pub(super) fn normalize_input(data: &[u8]) -> Cow<'_, [u8]> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(data) {
        if encoding == UTF_8 {
            return Cow::Borrowed(data.get(bom_len..).unwrap_or_default());
        }
        let (text, _) = encoding.decode_with_bom_removal(data);
        return Cow::Owned(text.into_owned().into_bytes());
    }
    // UTF-16 without a BOM still shows itself by the zero byte beside "B".
    let utf16 = match data {
        [b, 0, ..] if *b != 0 => Some(UTF_16LE),
        [0, b, ..] if *b != 0 => Some(UTF_16BE),
        _ => None,
    };
    match utf16 {
        Some(encoding) => {
            let text = encoding.decode_without_bom_handling(data).0;
            Cow::Owned(text.into_owned().into_bytes())
        }
        None => Cow::Borrowed(data),
    }
}

/// Splits on CRLF, LF or a lone CR, whichever the file uses.
fn physical_lines(data: &[u8]) -> impl Iterator<Item = Line<'_>> {
    let mut pos = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        let rest = data.get(pos..).filter(|rest| !rest.is_empty())?;
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let ending = match rest.get(end..) {
            Some([b'\r', b'\n', ..]) => 2,
            Some([_, ..]) => 1,
            _ => 0,
        };
        pos += end + ending;
        number += 1;
        Some(Line {
            number,
            bytes: rest.get(..end).unwrap_or_default(),
        })
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Begin,
    End,
}

fn marker(line: &[u8]) -> Option<Marker> {
    let line = line.trim_ascii();
    if line.eq_ignore_ascii_case(b"BEGIN:VCARD") {
        Some(Marker::Begin)
    } else if line.eq_ignore_ascii_case(b"END:VCARD") {
        Some(Marker::End)
    } else {
        None
    }
}

pub(super) fn split_cards(data: &[u8]) -> Vec<Card<'_>> {
    let mut splitter = Splitter::default();
    for line in physical_lines(data) {
        splitter.feed(line);
    }
    splitter.close(false);
    splitter.done
}

#[derive(Default)]
struct Splitter<'a> {
    done: Vec<Card<'a>>,
    open: Option<Card<'a>>,
    count: usize,
    /// Depth inside a 2.1 `AGENT:` card embedded in the open card.
    embedded: usize,
    after_empty_agent: bool,
}

impl<'a> Splitter<'a> {
    fn feed(&mut self, line: Line<'a>) {
        let marker = marker(line.bytes);
        if self.open.is_none() {
            if marker == Some(Marker::Begin) {
                self.begin();
            }
            return;
        }
        if self.embedded > 0 {
            match marker {
                Some(Marker::Begin) => self.embedded += 1,
                Some(Marker::End) => self.embedded -= 1,
                None => {}
            }
            return;
        }
        match marker {
            Some(Marker::Begin) if self.after_empty_agent => self.embedded = 1,
            // A BEGIN inside a card means the previous card lost its END,
            // e.g. two files concatenated after one was cut short.
            Some(Marker::Begin) => {
                self.close(false);
                self.begin();
            }
            Some(Marker::End) => self.close(true),
            None => {
                if !line.bytes.trim_ascii().is_empty() {
                    self.after_empty_agent = is_empty_agent(line.bytes);
                }
                if let Some(card) = self.open.as_mut() {
                    card.lines.push(line);
                }
            }
        }
    }

    fn begin(&mut self) {
        self.count += 1;
        self.after_empty_agent = false;
        self.open = Some(Card {
            number: self.count,
            lines: Vec::new(),
            closed: false,
        });
    }

    fn close(&mut self, closed: bool) {
        if let Some(mut card) = self.open.take() {
            card.closed = closed;
            self.done.push(card);
        }
    }
}

/// 2.1 embeds an agent's whole card after an empty `AGENT:` line.
fn is_empty_agent(line: &[u8]) -> bool {
    let colon = line.iter().position(|&b| b == b':').unwrap_or(line.len());
    let Some((head, value)) = line.split_at_checked(colon) else {
        return false;
    };
    let name = head.split(|&b| b == b';').next().unwrap_or_default();
    let name = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
    name.trim_ascii().eq_ignore_ascii_case(b"AGENT")
        && value.get(1..).is_some_and(|v| v.trim_ascii().is_empty())
}

pub(super) fn detect_version(lines: &[Line<'_>]) -> Version {
    let value = lines.iter().find_map(|line| {
        let bytes = line.bytes.trim_ascii();
        let (name, value) = bytes.split_at_checked(8)?;
        name.eq_ignore_ascii_case(b"VERSION:").then_some(value)
    });
    match value.map(<[u8]>::trim_ascii) {
        Some(b"2.1") => Version::V21,
        Some(b"4.0") => Version::V40,
        _ => Version::V30,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transfer {
    Plain,
    QuotedPrintable,
    Base64,
}

/// One property after unfolding, still raw bytes.
#[derive(Debug)]
pub(super) struct Logical {
    pub line: usize,
    bytes: Vec<u8>,
    // Where the value starts is found incrementally, so a huge line without
    // a colon costs linear time, not a rescan per continuation.
    scanned: usize,
    in_quotes: bool,
    colon: Option<usize>,
    transfer: Transfer,
}

impl Logical {
    fn new(line: usize, bytes: &[u8]) -> Self {
        let mut logical = Logical {
            line,
            bytes: bytes.to_vec(),
            scanned: 0,
            in_quotes: false,
            colon: None,
            transfer: Transfer::Plain,
        };
        logical.scan();
        logical
    }

    fn scan(&mut self) {
        while self.colon.is_none() {
            let Some(&b) = self.bytes.get(self.scanned) else {
                return;
            };
            match b {
                b'"' => self.in_quotes = !self.in_quotes,
                b':' if !self.in_quotes => {
                    self.colon = Some(self.scanned);
                    self.transfer = transfer_of(self.bytes.get(..self.scanned).unwrap_or_default());
                }
                _ => {}
            }
            self.scanned += 1;
        }
    }

    fn append(&mut self, more: &[u8]) {
        self.bytes.extend_from_slice(more);
        self.scan();
    }

    /// Takes `next` into this line if it continues it; false if it starts a new one.
    fn absorb(&mut self, next: &[u8], version: Version) -> bool {
        // A quoted-printable value ending in "=" continues verbatim on the
        // next line, whether or not that line starts with whitespace.
        if self.transfer == Transfer::QuotedPrintable
            && self.colon.is_some_and(|colon| self.bytes.len() > colon + 1)
            && self.bytes.last() == Some(&b'=')
        {
            self.bytes.pop();
            self.append(next);
            return true;
        }
        match next.first() {
            // 2.1 folds before a space that belongs to the value; 3.0 and
            // 4.0 insert the space, so unfolding removes it.
            Some(b' ' | b'\t') => {
                let kept = if version == Version::V21 {
                    next
                } else {
                    next.get(1..).unwrap_or_default()
                };
                self.append(kept);
                true
            }
            // Some 2.1 writers wrap base64 without indenting it.
            Some(_) if self.transfer == Transfer::Base64 && is_base64_line(next) => {
                self.append(next);
                true
            }
            _ => false,
        }
    }
}

fn transfer_of(head: &[u8]) -> Transfer {
    let head = head.to_ascii_uppercase();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"QUOTED-PRINTABLE") {
        Transfer::QuotedPrintable
    } else if has(b"BASE64") || has(b"ENCODING=B") {
        Transfer::Base64
    } else {
        Transfer::Plain
    }
}

fn is_base64_line(line: &[u8]) -> bool {
    line.iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

pub(super) fn unfold(lines: &[Line<'_>], version: Version) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for line in lines {
        if let Some(last) = out.last_mut()
            && last.absorb(line.bytes, version)
        {
            continue;
        }
        let bytes = line.bytes.trim_ascii_start();
        if !bytes.is_empty() {
            out.push(Logical::new(line.number, bytes));
        }
    }
    out
}

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
