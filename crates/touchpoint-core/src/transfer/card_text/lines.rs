//! Line-level text handling for the card parser: cleaning raw lines, splitting
//! them into value segments, folding text for comparison, and recognising the
//! lines that are never contact data (separators, "Sent from my iPhone",
//! closings, reply and mail headers, disclaimers). Kept apart so the parser's
//! field heuristics only ever see cleaned, meaningful segments.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::SEP;
use super::labels::{is_any_label, norm_label};

/// Drops control and zero-width characters (binary garbage, BOMs), turns exotic
/// spaces into plain ones, full-width ASCII ("Tel：", "０３") into ASCII, and
/// strips email quote markers ("> ").
pub(super) fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\t' => out.push('\t'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            // CJK text sets Latin letters, digits and colons in full width.
            '\u{FF01}'..='\u{FF5E}' => {
                out.push(char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c));
            }
            c if c.is_control() => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    let mut s = out.trim();
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    s.trim_end().to_string()
}

pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Signatures put several values on one line, separated by pipes, bullets,
/// middle dots, tabs or wide gaps (a double space is more often a typo).
pub(super) fn split_segments(line: &str) -> Vec<String> {
    let marked: String = line
        .chars()
        .map(|c| match c {
            '|' | '•' | '¦' | '│' | '\t' | '·' | '⋅' | '∙' => SEP,
            c => c,
        })
        .collect();
    marked
        .split(SEP)
        .flat_map(|piece| piece.split("   "))
        .map(collapse_ws)
        .filter(|s| !s.is_empty())
        .collect()
}

/// "T: +1 415 555 0100 M: +1 415 555 0101" holds two values: split before a
/// label that follows a value.
pub(super) fn split_inner_labels(seg: &str) -> Vec<String> {
    let tokens: Vec<&str> = seg.split(' ').collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p))
            && !current.is_empty()
        {
            let next = tokens.get(i + 1).copied().unwrap_or("");
            let key = norm_label(token);
            let after_value = prev.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == ';');
            let before_number =
                next.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(');
            let labelled = token.ends_with(':') || (after_value && before_number);
            // "Call or Text:" is one label, not a value and a label.
            let one_label = is_any_label(&norm_label(&format!("{} {token}", current.join(" "))));
            if labelled && is_any_label(&key) && !one_label {
                let joined = current.join(" ");
                out.push(joined.trim_end_matches([',', ';']).to_string());
                current.clear();
            }
        }
        current.push(token);
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

pub(super) fn is_separator(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '-' | '_' | '—' | '–' | '=' | '*' | '~' | '.' | '#' | '+' | ' '
        )
    })
}

pub(super) fn is_noise_line(flat: &str, lower: &str) -> bool {
    #[rustfmt::skip]
    const SENT_FROM: [&str; 10] = [
        "sent from my", "sent from outlook", "sent from mail for", "sent from yahoo", "sent via",
        "sent with", "get outlook for", "von meinem", "envoye de mon", "enviado do meu",
    ];
    #[rustfmt::skip]
    const ORIGINAL: [&str; 4] = [
        "original message", "ursprungliche nachricht", "message d'origine", "mensagem original",
    ];
    is_separator(flat)
        || SENT_FROM.iter().any(|p| lower.starts_with(p))
        || ORIGINAL
            .iter()
            .any(|p| lower.trim_matches(|c: char| c == '-' || c == '_' || c == ' ') == *p)
        || is_disclaimer(lower)
}

/// Legal boilerplate under signatures: never contact data.
fn is_disclaimer(lower: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: [&str; 4] = [
        "confidentiality notice", "disclaimer", "legal notice", "haftungsausschluss",
    ];
    #[rustfmt::skip]
    const MARKERS: [&str; 12] = [
        "confidential", "intended recipient", "intended only for", "intended solely", "privileged",
        "received this", "in error", "vertraulich", "strictly prohibited", "before printing",
        "print this e", "consider the environment",
    ];
    STARTS.iter().any(|p| lower.starts_with(p))
        || (lower.split_whitespace().count() >= 4 && MARKERS.iter().any(|m| lower.contains(m)))
}

pub(super) fn is_closing(lower: &str) -> bool {
    #[rustfmt::skip]
    const CLOSINGS: [&str; 62] = [
        "best", "best regards", "kind regards", "regards", "warm regards", "warmest regards",
        "many thanks", "thanks", "thank you", "cheers", "sincerely", "yours sincerely",
        "yours truly", "best wishes", "all the best", "talk soon", "mit freundlichen grussen",
        "mit freundlichem gruss", "freundliche grusse", "viele grusse", "beste grusse",
        "liebe grusse", "mfg", "cordialement", "bien cordialement", "bien a vous", "salutations",
        "merci", "atenciosamente", "abracos", "obrigado", "obrigada", "saludos", "gracias", "danke",
        "vielen dank", "venlig hilsen", "med venlig hilsen", "vennlig hilsen", "med vennlig hilsen",
        "med vanliga halsningar", "vanliga halsningar", "mvh", "met vriendelijke groet",
        "vriendelijke groeten", "groeten", "saludos cordiales", "un saludo", "cordiali saluti",
        "distinti saluti", "pozdrawiam", "s pozdravem", "с уважением", "tran trong", "than ai",
        "此致", "敬礼", "此致敬礼", "谢谢", "よろしくお願いします", "よろしくお願いいたします",
        "감사합니다",
    ];
    let key = lower.trim_end_matches([',', '.', '!', ' ', '-']);
    CLOSINGS.contains(&key)
}

pub(super) fn is_contact_info_heading(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches(':'),
        "contact info" | "contact information" | "contact details" | "kontaktinfo"
    )
}

pub(super) fn is_reply_header(lower: &str) -> bool {
    (lower.starts_with("on ") && lower.trim_end_matches(':').ends_with("wrote"))
        || (lower.starts_with("am ") && lower.contains("schrieb"))
        || (lower.starts_with("le ") && lower.contains("a ecrit"))
        || (lower.starts_with("em ") && lower.contains("escreveu"))
        || (lower.starts_with("el ") && lower.contains("escribio"))
}

pub(super) fn is_mail_from_header(lower: &str) -> bool {
    ["from:", "von:", "de:", "de :"]
        .iter()
        .any(|p| lower.starts_with(p))
        && lower.contains('@')
}

pub(super) fn is_mail_header_field(lower: &str) -> bool {
    #[rustfmt::skip]
    const FIELDS: [&str; 17] = [
        "sent:", "date:", "to:", "cc:", "bcc:", "subject:", "gesendet:", "datum:", "an:",
        "betreff:", "envoye", "a :", "objet", "enviada em", "para:", "assunto:", "asunto:",
    ];
    FIELDS.iter().any(|p| lower.starts_with(p))
}

// ---------------------------------------------------------------------------
// Folding for comparison

/// Accent-free lower case, with "ß" as "ss", for matching. Only Latin
/// letters lose their marks: Hangul, kana and Cyrillic stay as written.
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |c: char| {
        for lower in c.to_lowercase() {
            if lower == 'ß' {
                out.push_str("ss");
            } else {
                out.push(lower);
            }
        }
    };
    for c in s.chars() {
        let latin = u32::from(c) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c);
        if latin {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    push(d);
                }
            });
        } else {
            push(c);
        }
    }
    out
}

/// German transliteration ("Schäfer" → "schaefer"), as used in email addresses.
pub(super) fn fold_de(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            c => out.push(c),
        }
    }
    fold(&out)
}

pub(super) fn compact(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

pub(super) fn words(s: &str) -> impl Iterator<Item = String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

// ---------------------------------------------------------------------------
// Small string helpers that never slice inside a character

pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

pub(super) fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| s.get(..cut))
        .flatten()
}
