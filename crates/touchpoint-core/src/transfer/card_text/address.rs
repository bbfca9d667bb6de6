//! Postal addresses for the card parser (postal codes are in `postal_codes`):
//! street, city and country recognition, and assembling the address from the
//! line holding the postal code and the street lines above it. Kept apart
//! because address layouts are the most country-specific part of a card.

use super::channels::is_digits_between;
use super::cjk::{cjk_address, has_cjk};
use super::companies::company_strong;
use super::lines::{fold, words};
use super::names::name_like;
use super::people::starts_upper;
use super::postal_codes::code_in_part;
use super::titles::title_like;
use super::{Kind, Seg};
use crate::contacts::PostalAddress;

#[rustfmt::skip]
const COUNTRIES: [&str; 99] = [
    "usa", "u.s.a", "us", "u.s", "united states", "united states of america", "uk", "u.k",
    "united kingdom", "great britain", "england", "scotland", "wales", "northern ireland",
    "germany", "deutschland", "france", "japan", "nippon", "india", "brazil", "brasil", "australia",
    "canada", "mexico", "spain", "espana", "italy", "italia", "netherlands", "the netherlands",
    "nederland", "belgium", "belgique", "belgie", "switzerland", "schweiz", "suisse", "svizzera",
    "austria", "osterreich", "ireland", "sweden", "sverige", "norway", "norge", "denmark",
    "danmark", "finland", "suomi", "poland", "polska", "portugal", "singapore", "new zealand",
    "china", "hong kong", "south korea", "korea", "south africa", "argentina", "chile", "colombia",
    "peru", "united arab emirates", "uae", "israel", "turkey", "turkiye", "czech republic",
    "czechia", "luxembourg", "greece", "hungary", "romania", "philippines", "indonesia", "malaysia",
    "thailand", "vietnam", "nigeria", "kenya", "egypt", "saudi arabia", "qatar", "pakistan",
    "bangladesh", "sri lanka", "taiwan", "iceland", "estonia", "latvia", "lithuania", "slovakia",
    "slovenia", "croatia", "viet nam", "morocco", "maroc",
];

pub(super) fn is_country(s: &str) -> bool {
    COUNTRIES.contains(&fold(s).trim_end_matches('.'))
}

#[rustfmt::skip]
const STREET_WORDS: [&str; 74] = [
    "street", "st", "str", "avenue", "ave", "av", "avenida", "road", "rd", "boulevard", "blvd",
    "bd", "lane", "ln", "drive", "dr", "way", "place", "pl", "court", "ct", "square", "sq",
    "parkway", "pkwy", "highway", "hwy", "terrace", "loop", "suite", "ste", "floor", "fl", "level",
    "unit", "building", "bldg", "tower", "rue", "chemin", "allee", "quai", "impasse", "rua",
    "alameda", "praca", "travessa", "via", "calle", "marg", "nagar", "sector", "plot", "block",
    "andar", "sala", "etage", "stock", "apt", "apartment", "room", "chome", "office", "oficina",
    "ofic", "ofc", "piso", "depto", "dpto", "apto", "ul", "boul", "cad", "sok",
];
#[rustfmt::skip]
const STREET_SUFFIXES: [&str; 9] = [
    "strasse", "str", "weg", "platz", "allee", "gasse", "damm", "ufer", "chaussee",
];

fn has_street_word(s: &str, allow_saint: bool) -> bool {
    words(s).any(|w| {
        let saint = allow_saint && matches!(w.as_str(), "st" | "ste");
        !saint
            && (STREET_WORDS.contains(&w.as_str())
                || (w.chars().count() > 5 && STREET_SUFFIXES.iter().any(|x| w.ends_with(x))))
    })
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Japanese block numbers: "1-1-2 Otemachi".
fn has_block_number(s: &str) -> bool {
    s.split_whitespace().any(|t| {
        let parts: Vec<&str> = t.trim_end_matches(',').split('-').collect();
        parts.len() >= 3 && parts.iter().all(|p| is_digits_between(p, 1, 4))
    })
}

pub(super) fn is_street_line(s: &str) -> bool {
    let lower = fold(s);
    let po_box = [
        "po box",
        "p.o. box",
        "p o box",
        "postfach",
        "caixa postal",
        "bp ",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    has_digit(s) && (has_street_word(s, false) || has_block_number(s) || po_box)
}

/// City names: a few capitalised words without digits or street words; a lone
/// "-" is allowed for the Brazilian "São Paulo - SP".
pub(super) fn city_words_ok(tokens: &[&str]) -> bool {
    let real: Vec<&&str> = tokens
        .iter()
        .filter(|t| !matches!(**t, "-" | "–"))
        .collect();
    if real.is_empty() || real.len() > 5 {
        return false;
    }
    let first_upper = real
        .first()
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_uppercase);
    // "Of. 1201" is an office number.
    let office = real.iter().any(|t| t.eq_ignore_ascii_case("of."));
    first_upper
        && !office
        && real.iter().all(|t| {
            t.chars().next().is_some_and(char::is_alphabetic) && !has_digit(t) && !t.contains('@')
        })
        && !has_street_word(&tokens.join(" "), true)
}

pub(super) fn is_parenthesised(t: &str) -> bool {
    t.len() > 2 && t.starts_with('(') && t.ends_with(')')
}

fn street_like_part(p: &str) -> bool {
    has_digit(p) || has_street_word(p, true)
}

/// "São Paulo - SP" → ("São Paulo", "SP").
fn split_dash(s: &str) -> (String, String) {
    for sep in [" - ", " – ", " — "] {
        if let Some((left, right)) = s.split_once(sep)
            && right.split_whitespace().count() <= 3
        {
            return (left.trim().to_string(), right.trim().to_string());
        }
    }
    (s.to_string(), String::new())
}

/// An address line in any script: CJK addresses run from the largest unit down.
pub(super) fn address_of(line: &str) -> Option<PostalAddress> {
    if has_cjk(line) {
        cjk_address(line)
    } else {
        parse_address_line(line)
    }
}

/// A line holding a postal code (with whatever street, city, region and
/// country share the line), or a plain "City, Country".
fn parse_address_line(line: &str) -> Option<PostalAddress> {
    let parts: Vec<&str> = line
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 6 {
        return None;
    }
    for (i, part) in parts.iter().enumerate() {
        let Some(found) = code_in_part(part, i > 0) else {
            continue;
        };
        let mut addr = PostalAddress {
            postal_code: found.code,
            region: found.region,
            ..PostalAddress::default()
        };
        let prev = i.checked_sub(1).and_then(|p| parts.get(p)).copied();
        // "Chiyoda-ku, Tokyo 100-8310": a Japanese ward belongs to the street.
        let ward = prev.is_some_and(|p| p.ends_with("-ku"));
        let prev_is_city = prev.is_some_and(|p| !street_like_part(p)) && !ward;
        let mut street_end = i;
        let before = found.before.join(" ");
        if found.leading {
            let mut after = found.after;
            // "75008 Paris France", but not "06600 Ciudad de México".
            if let [.., city, country] = after.as_slice()
                && is_country(country)
                && starts_upper(city)
            {
                addr.country = after.pop().unwrap_or_default();
            }
            let (locality, region) = split_dash(&after.join(" "));
            addr.locality = locality;
            if addr.region.is_empty() {
                addr.region = region;
            }
        } else if !before.is_empty() {
            let generic = addr.region.is_empty() && !found.uk;
            if generic && prev_is_city {
                addr.locality = prev.unwrap_or_default().to_string();
                addr.region = before;
                street_end = i.saturating_sub(1);
            } else {
                addr.locality = before;
            }
        } else if prev_is_city {
            let (locality, region) = split_dash(prev.unwrap_or_default());
            addr.locality = locality;
            if addr.region.is_empty() {
                addr.region = region;
            }
            street_end = i.saturating_sub(1);
        }
        for extra in parts.iter().skip(i + 1) {
            if addr.country.is_empty() && is_country(extra) {
                addr.country = (*extra).to_string();
            } else if addr.region.is_empty() {
                addr.region = (*extra).to_string();
            } else {
                addr.region = format!("{}, {extra}", addr.region);
            }
        }
        addr.street = parts
            .iter()
            .take(street_end)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        return Some(addr);
    }
    // "Medellín, Colombia"; "Business Bay, Dubai, UAE": the district goes with the street.
    let (country, head) = parts.split_last()?;
    let (city, streets) = head.split_last()?;
    let city_tokens: Vec<&str> = city.split_whitespace().collect();
    let fits = is_country(country)
        && city_tokens.len() <= 4
        && city_words_ok(&city_tokens)
        && streets.len() <= 4;
    fits.then(|| PostalAddress {
        street: streets.join(", "),
        locality: (*city).to_string(),
        country: (*country).to_string(),
        ..PostalAddress::default()
    })
}

/// The first postal line anchors the address: street lines directly above it
/// join it, later address lines are left for the user.
pub(super) fn assemble_address(segs: &mut [Seg], out: &mut PostalAddress) {
    let mut street: Vec<String> = Vec::new();
    let anchor = segs.iter().position(|s| matches!(s.kind, Kind::Address(_)));
    if let Some(a) = anchor {
        if let Some(seg) = segs.get_mut(a) {
            if let Kind::Address(found) = &seg.kind {
                *out = found.clone();
            }
            seg.used = true;
        }
        let anchor_line = segs.get(a).map_or(0, |s| s.line);
        let (above_anchor, _) = segs.split_at_mut(a);
        let mut k = above_anchor.len();
        if out.locality.is_empty()
            && let Some(prev) = above_anchor.last_mut()
            && is_city_seg(prev)
            && prev.line + 1 >= anchor_line
        {
            let (locality, region) = split_dash(&prev.text);
            out.locality = locality;
            if out.region.is_empty() {
                out.region = region;
            }
            prev.used = true;
            k -= 1;
        }
        let mut above = Vec::new();
        while let Some(s) = k.checked_sub(1).and_then(|i| above_anchor.get(i))
            && above.len() < 3
        {
            let text = matches!(s.kind, Kind::Text) && !s.used;
            let numbered = text && has_digit(&s.text) && !looks_like_person_or_org(&s.text);
            // A district between the street and the city ("Bela Vista") may look like a name.
            let sandwiched = text
                && k.checked_sub(2)
                    .and_then(|i| above_anchor.get(i))
                    .is_some_and(|s| matches!(s.kind, Kind::Street))
                && !company_strong(&s.text)
                && !title_like(&s.text);
            let is_street = !s.used && (matches!(s.kind, Kind::Street) || numbered || sandwiched);
            if !is_street {
                break;
            }
            k -= 1;
            above.push(k);
        }
        for &i in above.iter().rev() {
            if let Some(s) = above_anchor.get_mut(i) {
                street.push(s.text.clone());
                s.used = true;
            }
        }
        if !out.street.is_empty() {
            street.push(std::mem::take(&mut out.street));
        }
    } else {
        for s in segs
            .iter_mut()
            .filter(|s| matches!(s.kind, Kind::Street))
            .take(3)
        {
            street.push(s.text.clone());
            s.used = true;
        }
    }
    out.street = street.join("\n");
    for s in segs
        .iter_mut()
        .filter(|s| matches!(s.kind, Kind::Country) && !s.used)
    {
        if out.country.is_empty() {
            out.country.clone_from(&s.text);
            s.used = true;
        } else if fold(&out.country) == fold(&s.text) {
            s.used = true;
        }
    }
}

fn is_city_seg(s: &Seg) -> bool {
    let tokens: Vec<&str> = s.text.split_whitespace().collect();
    matches!(s.kind, Kind::Text) && !s.used && tokens.len() <= 5 && city_words_ok(&tokens)
}

fn looks_like_person_or_org(s: &str) -> bool {
    company_strong(s) || title_like(s) || name_like(s, false)
}
