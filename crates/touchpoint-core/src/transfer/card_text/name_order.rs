//! Which words of a name are the family name, beyond "the last one":
//! Vietnamese and romanised Chinese names put it first ("Nguyễn Văn An",
//! "Tan Wei Ming" with weiming.tan@…), Hispanic names carry two surnames
//! ("María José García Márquez"), and the email address often says which
//! word is which.

use super::lines::{compact, fold};
use crate::contacts::ContactFields;

/// What the rest of the card says about how names are written on it.
#[derive(Default)]
pub(super) struct NameHints {
    /// Email local parts cut at '.', '_' and '-', folded: ["weiming", "tan"].
    locals: Vec<Vec<String>>,
    /// A Spanish-speaking country's phone code or domain: two surnames.
    hispanic: bool,
}

#[rustfmt::skip]
const HISPANIC_CODES: [&str; 19] = [
    "+34", "+52", "+53", "+54", "+56", "+57", "+51", "+58", "+591", "+593", "+595", "+598",
    "+502", "+503", "+504", "+505", "+506", "+507", "+1 809",
];
#[rustfmt::skip]
const HISPANIC_TLDS: [&str; 19] = [
    "es", "mx", "ar", "cl", "co", "pe", "ve", "ec", "uy", "py", "bo", "gt", "cr", "hn", "sv",
    "ni", "pa", "do", "cu",
];

impl NameHints {
    pub(super) fn new(f: &ContactFields) -> Self {
        let mut locals = Vec::new();
        let mut domains = Vec::new();
        for email in f.emails.iter().take(8) {
            if let Some((local, domain)) = email.address.split_once('@') {
                let pieces = fold(local)
                    .split(['.', '_', '-'])
                    .map(compact)
                    .filter(|p| !p.is_empty())
                    .collect();
                locals.push(pieces);
                domains.push(domain.to_lowercase());
            }
        }
        let site = f.website.to_lowercase();
        let host = site.split('/').find(|p| p.contains('.')).unwrap_or("");
        domains.push(host.to_string());
        let hispanic_domain = domains.iter().any(|d| {
            d.rsplit('.')
                .next()
                .is_some_and(|tld| HISPANIC_TLDS.contains(&tld))
        });
        let hispanic_phone = f
            .phones
            .iter()
            .any(|p| HISPANIC_CODES.iter().any(|c| p.number.starts_with(c)));
        NameHints {
            locals,
            hispanic: hispanic_domain || hispanic_phone,
        }
    }
}

#[rustfmt::skip]
const VIETNAMESE_SURNAMES: [&str; 28] = [
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "đang", "dang", "bui",
    "đo", "do", "ho", "ngo", "duong", "ly", "truong", "đinh", "dinh", "lam", "mai", "cao", "luong",
    "trinh", "ha", "đao",
];
const VIETNAMESE_LETTERS: &str = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

fn vietnamese_order(tokens: &[&str]) -> bool {
    let Some(first) = tokens.first() else {
        return false;
    };
    let marked = tokens
        .iter()
        .any(|t| t.chars().any(|c| VIETNAMESE_LETTERS.contains(c)));
    let middle = tokens
        .get(1)
        .is_some_and(|t| matches!(fold(t).as_str(), "van" | "thi"));
    VIETNAMESE_SURNAMES.contains(&fold(first).as_str())
        && ((marked && tokens.len() >= 2) || (middle && tokens.len() >= 3))
}

/// "weiming.tan" for "Tan Wei Ming": the address puts the first word last.
fn email_says_family_first(tokens: &[&str], hints: &NameHints) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return false;
    };
    let first = compact(&fold(first));
    let rest = compact(&fold(&rest.concat()));
    hints.locals.iter().any(|pieces| {
        let (Some(head), Some(tail)) = (pieces.first(), pieces.last()) else {
            return false;
        };
        pieces.len() >= 2 && *tail == first && *head != first && rest.contains(head.as_str())
    })
}

#[rustfmt::skip]
const COMPOUND_GIVEN: [&str; 28] = [
    "maria jose", "jose maria", "juan carlos", "jose luis", "juan pablo", "jose antonio",
    "maria fernanda", "ana maria", "maria elena", "luis miguel", "miguel angel", "juan manuel",
    "jose manuel", "maria luisa", "maria teresa", "juan jose", "maria isabel", "ana lucia",
    "luis fernando", "carlos alberto", "jose carlos", "andres felipe", "juan david",
    "juan sebastian", "maria camila", "maria paula", "maria del", "fatima zahra",
];

/// Where the family name starts, when the card says more than "the last
/// word": 0 means the first word is the family name and the rest the given name.
pub(super) fn family_start(tokens: &[&str], hints: &NameHints) -> Option<usize> {
    if tokens.len() < 2 {
        return None;
    }
    if vietnamese_order(tokens) || email_says_family_first(tokens, hints) {
        return Some(0);
    }
    let pair = |a: usize| {
        let (Some(x), Some(y)) = (tokens.get(a), tokens.get(a + 1)) else {
            return false;
        };
        COMPOUND_GIVEN.contains(&format!("{} {}", fold(x), fold(y)).as_str())
    };
    match tokens.len() {
        4 if hints.hispanic || pair(0) => Some(2),
        3 if hints.hispanic && !pair(0) => Some(1),
        3 if pair(0) => Some(2),
        _ => None,
    }
}
