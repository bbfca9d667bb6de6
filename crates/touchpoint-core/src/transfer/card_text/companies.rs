//! Company names for the card parser: legal forms ("Inc.", "GmbH",
//! "Sp. z o.o.", "ООО", "株式会社") and the words companies are named with.

use super::cjk::cjk_company;
use super::lines::{compact, fold, words};

fn is_company_suffix(token: &str) -> bool {
    let bare = compact(token);
    let upper_first = bare.chars().next().is_some_and(char::is_uppercase);
    match bare.to_lowercase().as_str() {
        "inc" | "incorporated" | "llc" | "ltd" | "limited" | "gmbh" | "corp" | "corporation"
        | "plc" | "llp" | "ltda" | "sarl" | "sasu" | "pty" | "pvt" | "pte" | "bhd" | "group"
        | "gruppe" | "holding" | "holdings" | "company" | "ohg" | "spa" | "srl" | "aps" | "cie" => {
            true
        }
        "sa" | "sas" | "ag" | "co" | "kk" | "nv" | "bv" | "lp" | "sl" | "ug" | "kg" | "ab"
        | "as" | "oy" | "cv" | "sro" | "aş" | "oü" | "sp" => upper_first,
        "ev" => bare == "eV",
        _ => false,
    }
}

/// Legal-form suffixes ("Inc.", "GmbH", "S.A.") and "& Partners" shapes.
pub(super) fn company_strong(s: &str) -> bool {
    if cjk_company(s) {
        return true;
    }
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if tokens.len() < 2 {
        return false;
    }
    let lower = fold(s);
    let joined = [
        " & partner",
        " & co",
        " & cie",
        " & associates",
        " & sons",
        " + partner",
        "kabushiki kaisha",
        " gmbh",
        " sp. z o.o",
        " s.r.o",
        " s.a. de c.v",
        "joint stock",
    ];
    // Legal forms written first: "ООО «Северный Ветер»", "Công ty TNHH Sao Mai".
    let leading = [
        "ооо ", "оао ", "зао ", "пао ", "ао ", "cong ty ", "tnhh ", "pt ",
    ];
    joined.iter().any(|k| lower.contains(k))
        || leading.iter().any(|k| lower.starts_with(k))
        || tokens.last().is_some_and(|t| is_company_suffix(t))
}

#[rustfmt::skip]
const COMPANY_WORDS: [&str; 57] = [
    "solutions", "systems", "technologies", "technology", "tech", "software", "consulting",
    "consultancy", "capital", "ventures", "bank", "insurance", "media", "labs", "industries",
    "international", "services", "networks", "analytics", "logistics", "partners", "associates",
    "agency", "studio", "studios", "university", "universidade", "universitat", "institute",
    "institut", "hospital", "foundation", "trading", "traders", "enterprises", "realty",
    "properties", "pharma", "energy", "motors", "grupo", "cooperative", "cooperativa", "coop",
    "foods", "textiles", "electronics", "supply", "hardware", "produce", "manufacturing",
    "construction", "bakery", "bakkerij", "brouwerij", "brewery", "winery",
];

pub(super) fn company_weak(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 2 && ws.iter().any(|w| COMPANY_WORDS.contains(&w.as_str()))
}
