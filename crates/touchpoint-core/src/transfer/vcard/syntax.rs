//! vCard content-line syntax: from raw bytes to cards and logical
//! (unfolded) lines; `property` reads each line's name, parameters and
//! value. Nothing here knows what a property means.
//!
//! Everything works on bytes until a value is decoded, because a 2.1 file may
//! mix charsets property by property; nothing indexes past a slice's end, so
//! no input can make it panic.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

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
    let line = without_group(line.trim_ascii());
    if line.eq_ignore_ascii_case(b"BEGIN:VCARD") {
        Some(Marker::Begin)
    } else if line.eq_ignore_ascii_case(b"END:VCARD") {
        Some(Marker::End)
    } else {
        None
    }
}

/// RFC 6350 lets any content line, BEGIN and END included, carry a group
/// (`item1.END:VCARD`); some exporters group a whole card that way.
fn without_group(line: &[u8]) -> &[u8] {
    let Some(dot) = line.iter().position(|&b| b == b'.') else {
        return line;
    };
    match line.split_at_checked(dot) {
        Some((group, rest))
            if !group.is_empty()
                && group
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-') =>
        {
            rest.get(1..).unwrap_or_default()
        }
        _ => line,
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
        let bytes = without_group(line.bytes.trim_ascii());
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
    pub(super) bytes: Vec<u8>,
    // Where the value starts is found incrementally, so a huge line without
    // a colon costs linear time, not a rescan per continuation.
    scanned: usize,
    in_quotes: bool,
    pub(super) colon: Option<usize>,
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
