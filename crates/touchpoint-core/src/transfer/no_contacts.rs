//! Why a file picked for import holds no contacts, in terms of what it
//! is: empty, an image or a workbook rather than a vCard or CSV file, or text
//! without a card. An import of nothing that reports success leaves the user
//! wondering where their contacts went.

/// Every message starts so, the same in the CLI and the window.
const PREFIX: &str = "no contacts found: ";

/// What the first bytes of common files that are not contacts say they are.
const SIGNATURES: [(&[u8], &str); 6] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (an Excel workbook is one: save it as CSV first)",
    ),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Office file (an Excel workbook is one: save it as CSV first)",
    ),
];

/// How much of a file is looked at: a text file shows itself long before.
const SNIFFED: usize = 8192;

/// What `data` is when it is no text file at all.
fn binary_kind(data: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| data.starts_with(sig)) {
        return Some(kind);
    }
    // UTF-16 text is full of zero bytes; both readers decode it.
    let utf16 = data.starts_with(&[0xFF, 0xFE])
        || data.starts_with(&[0xFE, 0xFF])
        || matches!(data, [a, 0, b, 0, ..] | [0, a, 0, b, ..] if *a != 0 && *b != 0);
    let head = data.get(..SNIFFED).unwrap_or(data);
    // Exports do carry the odd control character (a vertical tab for a line
    // break in a cell, a DOS end-of-file mark), never zero bytes or many.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1A | 0x1B))
        .count();
    let binary = head.contains(&0) || controls * 20 > head.len();
    (!utf16 && binary).then_some("binary data")
}

/// The refusal of a file that is not text, if `data` is one.
pub(crate) fn not_text(data: &[u8]) -> Option<String> {
    binary_kind(data).map(|kind| format!("{PREFIX}it is {kind}, not a vCard or CSV file"))
}

pub(crate) fn empty() -> String {
    format!("{PREFIX}the file is empty")
}

/// A CSV file with nothing under the line taken for its header, shown so
/// the user recognises what was read.
pub(crate) fn header_only(header: &str) -> String {
    let mut shown: String = header.chars().take(60).collect();
    if shown.len() < header.len() {
        shown.push('…');
    }
    format!(
        "{PREFIX}nothing follows the line \"{shown}\", and a CSV file needs a header line, then one line per contact"
    )
}

/// A vCard file without a single card in it.
pub(crate) fn no_card(data: &[u8]) -> String {
    if data.iter().all(u8::is_ascii_whitespace) {
        empty()
    } else {
        format!("{PREFIX}it is text with no vCard in it (no BEGIN:VCARD line)")
    }
}
