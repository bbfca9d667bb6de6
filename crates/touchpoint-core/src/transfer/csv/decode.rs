//! From the bytes of a file to a table of cells: decoding (UTF-8 with or
//! without BOM, UTF-16, Windows-1252), finding the header past any preamble
//! or Excel's "sep=" line, detecting the delimiter, and numbering each row by
//! the physical line it starts on. Nothing here knows what a column means.

use std::borrow::Cow;

use super::write::clean;
use crate::transfer::no_contacts;

/// UTF-8 (BOM optional), UTF-16 with BOM or with the NUL pattern of ASCII
/// headers, else Windows-1252, which is what older Excel and Outlook write
/// and which maps every byte to some character.
pub(super) fn decode(data: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = data.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    let bom = data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]);
    let utf16 = if bom || matches!(data, [a, 0, b, 0, ..] if *a != 0 && *b != 0) {
        // With a BOM, `decode` below follows the BOM whatever encoding it is given.
        Some(encoding_rs::UTF_16LE)
    } else if matches!(data, [0, a, 0, b, ..] if *a != 0 && *b != 0) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        // `decode` sniffs and strips a BOM, falling back to `encoding` without one.
        return encoding.decode(data).0;
    }
    match std::str::from_utf8(data) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(data)
                .0
        }
    }
}

/// A data row: the line it starts on and its cells, or why it could not be read.
pub(super) struct Row {
    pub(super) line: usize,
    pub(super) cells: Result<Vec<String>, String>,
}

/// The header and the non-blank data rows of a decoded file.
pub(super) struct Table {
    pub(super) header_line: usize,
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Row>,
}

impl Table {
    pub(super) fn read(text: &str) -> Result<Table, String> {
        if text.trim().is_empty() {
            return Err(no_contacts::empty());
        }
        let (start, header_line, declared) = find_header(text);
        let body = text.get(start..).unwrap_or_default();
        let delimiter = declared.unwrap_or_else(|| detect_delimiter(header_text(body)));
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let mut lines = LineCounter::new(body, header_line);
        let mut headers = None;
        let mut rows = Vec::new();
        let mut record = ::csv::StringRecord::new();
        loop {
            let before = reader.position().byte();
            let read = reader.read_record(&mut record);
            // The record's own position is where the previous one ended, before
            // any blank lines the reader skipped; count from its first byte.
            let line = lines.line_at(record.position().map_or(before, ::csv::Position::byte));
            let cells = match read {
                Ok(false) => break,
                Ok(true) => Ok(record.iter().map(str::to_owned).collect::<Vec<_>>()),
                Err(e) if reader.position().byte() == before => {
                    // No progress: nothing more can be read.
                    rows.push(Row {
                        line,
                        cells: Err(e.to_string()),
                    });
                    break;
                }
                Err(e) => Err(e.to_string()),
            };
            if headers.is_none() {
                let cells = cells.unwrap_or_default();
                headers = Some(
                    cells
                        .iter()
                        .map(|h| {
                            h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                                .to_owned()
                        })
                        .collect::<Vec<_>>(),
                );
                continue;
            }
            if let Ok(cells) = &cells
                && cells.iter().all(|c| clean(c).is_empty())
            {
                continue;
            }
            rows.push(Row { line, cells });
        }
        Ok(Table {
            header_line,
            headers: headers.unwrap_or_default(),
            rows,
        })
    }
}

/// Maps byte offsets of `body` to 1-based physical lines of the whole file.
/// Offsets only grow, so counting resumes where it stopped.
struct LineCounter<'a> {
    body: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        LineCounter {
            body: body.as_bytes(),
            pos: 0,
            line: first_line,
        }
    }

    fn line_at(&mut self, offset: u64) -> usize {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.body.len());
        // Skip the previous record's terminator and blank lines.
        while let Some(b'\r' | b'\n') = self.body.get(offset) {
            offset += 1;
        }
        if offset > self.pos {
            let newlines = self.body.get(self.pos..offset).unwrap_or_default();
            self.line += newlines.iter().filter(|&&b| b == b'\n').count();
            self.pos = offset;
        }
        self.line
    }
}

/// Logical lines (a quoted cell may span physical lines) of `text`:
/// `(start byte, end byte, 1-based physical line)`. Follows the csv crate's
/// rule that only a quote opening a cell starts a quoted section.
fn logical_lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut line = 1;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let start_line = line;
        let mut in_quotes = false;
        let mut at_cell_start = true;
        while let Some(&b) = bytes.get(pos) {
            pos += 1;
            if in_quotes {
                match b {
                    b'"' if bytes.get(pos) == Some(&b'"') => pos += 1,
                    b'"' => in_quotes = false,
                    b'\n' => line += 1,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' if at_cell_start => in_quotes = true,
                b'\n' => {
                    line += 1;
                    let end = pos - 1;
                    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') {
                        end - 1
                    } else {
                        end
                    };
                    return Some((start, end, start_line));
                }
                _ => {}
            }
            at_cell_start = matches!(b, b',' | b';' | b'\t');
        }
        Some((start, bytes.len(), start_line))
    })
}

/// Counts `,` `;` and tab outside quoted cells.
fn delimiter_counts(line: &str) -> [usize; 3] {
    let mut counts = [0; 3];
    let mut in_quotes = false;
    for b in line.bytes() {
        match (b, in_quotes) {
            (b'"', _) => in_quotes = !in_quotes,
            (b',', false) => counts[0] += 1,
            (b';', false) => counts[1] += 1,
            (b'\t', false) => counts[2] += 1,
            _ => {}
        }
    }
    counts
}

fn detect_delimiter(header: &str) -> u8 {
    let counts = delimiter_counts(header);
    let [comma, semicolon, tab] = counts;
    // Ties go to the comma, the RFC 4180 default.
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// The first physical line of `body` (a header never spans lines in practice,
/// and a lone CR, as old Mac files end lines, ends it too).
fn header_text(body: &str) -> &str {
    body.split(['\r', '\n']).next().unwrap_or_default()
}

/// Byte offset and 1-based line of the header row: the first non-blank line,
/// unless the file opens with a preamble, as LinkedIn's Connections.csv does
/// ("Notes:", a quoted paragraph, a blank line, then the header). A preamble
/// is recognised as lines without any delimiter outside quotes, followed by a
/// blank line and then a line with one, so a one-column CSV is never skipped.
/// Excel's "sep=;" first line is skipped too, and its delimiter returned.
fn find_header(text: &str) -> (usize, usize, Option<u8>) {
    // A preamble is a few lines; looking further would only cost time.
    let lines: Vec<(usize, usize, usize)> = logical_lines(text).take(64).collect();
    let line_text = |&(s, e, _): &(usize, usize, usize)| text.get(s..e).unwrap_or_default();
    let is_blank = |l: &(usize, usize, usize)| line_text(l).trim().is_empty();
    let has_delimiter =
        |l: &(usize, usize, usize)| delimiter_counts(line_text(l)).iter().any(|&n| n > 0);

    let Some(first) = lines.iter().position(|l| !is_blank(l)) else {
        return (0, 1, None);
    };
    if let Some(first_line) = lines.get(first)
        && let Some(&[delimiter]) = line_text(first_line)
            .trim()
            .strip_prefix("sep=")
            .map(str::as_bytes)
        && let Some(header) = lines.iter().skip(first + 1).find(|l| !is_blank(l))
    {
        return (header.0, header.2, Some(delimiter));
    }
    let preamble_end = lines
        .iter()
        .skip(first)
        .position(&is_blank)
        .map(|n| first + n);
    if let Some(blank) = preamble_end
        && lines
            .get(first..blank)
            .is_some_and(|pre| !pre.iter().any(&has_delimiter))
        && let Some(header) = lines.iter().skip(blank).find(|l| !is_blank(l))
        && has_delimiter(header)
    {
        return (header.0, header.2, None);
    }
    lines.get(first).map_or((0, 1, None), |l| (l.0, l.2, None))
}
