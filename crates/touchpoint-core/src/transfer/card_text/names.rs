//! People's names for the card parser: what a name looks like (capitalised
//! words, particles such as "van" or "da", honorifics and post-nominals
//! around it), and splitting it into given and family name.

use super::cjk::{cjk_name_like, has_cjk, split_cjk_name};
use super::lines::{fold, is_closing};
use super::name_order::{NameHints, family_start};
use crate::contacts::ContactFields;

/// Words of chat, never of a job title, a company line or a name.
#[rustfmt::skip]
pub(super) const CHAT_WORDS: [&str; 26] = [
    "you", "your", "we", "our", "i", "me", "my", "thanks", "thank", "please", "hi", "hello", "dear",
    "regards", "will", "would", "can", "is", "are", "was", "were", "this", "that", "sent", "talk",
    "see",
];
/// Words that are not part of a person's name (field names and small words).
#[rustfmt::skip]
const NOT_NAME_WORDS: [&str; 24] = [
    "the", "to", "for", "with", "from", "on", "in", "about", "and", "of", "at", "email", "e-mail",
    "phone", "mobile", "fax", "website", "birthday", "address", "connected", "twitter", "linkedin",
    "profile", "contact",
];
#[rustfmt::skip]
const PARTICLES: [&str; 22] = [
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "du", "del", "della", "di", "la",
    "le", "bin", "binti", "al", "el", "ter", "ten", "zu",
];

fn is_particle(t: &str) -> bool {
    PARTICLES.contains(&t)
}

/// Particles that start a family name even when capitalised: "Al Mansouri",
/// "Ní Bhriain", "Van Dam".
fn starts_family(t: &str) -> bool {
    let lower = t.to_lowercase();
    is_particle(&lower) || matches!(lower.as_str(), "ní" | "nic" | "ó" | "ibn" | "abu")
}

#[rustfmt::skip]
const HONORIFICS: [&str; 24] = [
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "herr", "frau", "mme", "mlle",
    "sr", "sra", "srta", "dra", "dott", "ing", "mag", "dipl-ing", "dipl-kfm", "lic", "arq",
];

fn is_honorific(t: &str) -> bool {
    HONORIFICS.contains(&fold(t).replace('.', "").as_str())
}

#[rustfmt::skip]
const POST_NOMINALS: [&str; 32] = [
    "phd", "mba", "cpa", "cfa", "pmp", "jr", "sr", "ii", "iii", "iv", "esq", "pe", "peng", "msc",
    "bsc", "ma", "ba", "llm", "cfp", "acca", "fca", "aca", "md", "dds", "jd", "obe", "mbe", "cbe",
    "rn", "mph", "dphil", "meng",
];

fn is_post_nominal(t: &str) -> bool {
    POST_NOMINALS.contains(&fold(t).replace(['.', ','], "").as_str())
}

pub(super) fn is_name_word(t: &str) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    // "Rosa's Bakery" is a shop, not a person.
    let possessive = t.ends_with("'s") || t.ends_with("’s");
    first.is_uppercase()
        && !possessive
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && (!t.ends_with('.') || letters <= 2)
}

/// The name words without honorifics ("Dr.") and post-nominals (", CPA").
fn name_core(s: &str) -> Option<Vec<&str>> {
    let mut parts = s.split(',');
    let head = parts.next()?;
    for part in parts {
        let ok = !part.trim().is_empty() && part.split_whitespace().all(is_post_nominal);
        if !ok {
            return None;
        }
    }
    let mut tokens: Vec<&str> = head.split_whitespace().collect();
    let honorifics = tokens.iter().take_while(|t| is_honorific(t)).count();
    tokens.drain(..honorifics);
    while tokens.len() > 1 && tokens.last().is_some_and(|t| is_post_nominal(t)) {
        tokens.pop();
    }
    Some(tokens)
}

/// A person's name: 2–4 capitalised words (particles such as "van" or "da"
/// aside), or one word when an email address confirms it.
pub(super) fn name_like(s: &str, allow_single: bool) -> bool {
    if has_cjk(s) {
        return cjk_name_like(s);
    }
    if s.chars()
        .any(|c| c.is_ascii_digit() || "@/:|()&!?+".contains(c))
    {
        return false;
    }
    let Some(tokens) = name_core(s) else {
        return false;
    };
    let main: Vec<&str> = tokens.iter().copied().filter(|t| !is_particle(t)).collect();
    let count_ok = (2..=4).contains(&main.len()) || (allow_single && main.len() == 1);
    count_ok
        && tokens.len() <= 6
        && !tokens.first().is_some_and(|t| is_particle(t))
        && main.iter().all(|t| is_name_word(t))
        && !tokens.iter().any(|t| {
            let w = fold(t);
            CHAT_WORDS.contains(&w.as_str())
                || NOT_NAME_WORDS.contains(&w.as_str())
                || is_closing(&w)
        })
}

pub(super) fn set_name(f: &mut ContactFields, text: &str, hints: &NameHints) {
    f.display_name = text.trim().to_string();
    if cjk_name_like(text) {
        (f.given_name, f.family_name) = split_cjk_name(text);
        return;
    }
    let Some(tokens) = name_core(text) else {
        return;
    };
    let is_caps = |t: &&str| {
        t.chars().filter(|c| c.is_alphabetic()).count() > 1 && !t.chars().any(char::is_lowercase)
    };
    let caps = tokens.iter().filter(|t| is_caps(t)).count();
    let (given, family): (Vec<&str>, Vec<&str>) = if caps > 0 && caps < tokens.len() {
        // "Jean DUPONT", "TANAKA Hiroshi": the capitalised word is the family name.
        let family = tokens.iter().copied().filter(|t| is_caps(t)).collect();
        let given = tokens.iter().copied().filter(|t| !is_caps(t)).collect();
        (given, family)
    } else if let Some(at) = family_start(&tokens, hints) {
        let (head, tail) = tokens.split_at(at);
        if at == 0 {
            let (family, given) = tail.split_at(1);
            (given.to_vec(), family.to_vec())
        } else {
            (head.to_vec(), tail.to_vec())
        }
    } else if let Some(p) = tokens.iter().skip(1).position(|t| starts_family(t)) {
        let (given, family) = tokens.split_at(p + 1);
        (given.to_vec(), family.to_vec())
    } else if let Some((last, rest)) = tokens.split_last()
        && !rest.is_empty()
    {
        (rest.to_vec(), vec![*last])
    } else {
        (tokens.clone(), Vec::new())
    };
    f.given_name = given.join(" ");
    f.family_name = family.join(" ");
}
