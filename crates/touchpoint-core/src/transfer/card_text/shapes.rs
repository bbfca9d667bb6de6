//! One line holding several fields, as signatures and headlines write them:
//! "Title at Company", "Title, Company", "Name, Title", "Name — Title",
//! "Jordan Reyes (they/them)". Each piece then goes to `people` on its own.

use super::companies::{company_strong, company_weak};
use super::people::{Ctx, person_like, starts_upper};
use super::titles::title_like;
use super::{Kind, MAX_VALUE_CHARS, Seg};

/// "Title at Company", "Title, Company", "Name, Title", "Title – Company".
fn split_shapes(s: &str, ctx: &Ctx, depth: u8) -> Vec<String> {
    let pieces = |left: &str, right: &str| -> Vec<String> {
        let mut out = split_shapes(left.trim(), ctx, depth + 1);
        out.extend(split_shapes(right.trim(), ctx, depth + 1));
        out
    };
    if depth > 2 {
        return vec![s.to_string()];
    }
    for sep in [" at ", " @ ", " bei ", " chez "] {
        if let Some((left, right)) = s.split_once(sep)
            && title_like(left)
            && !title_like(right)
            && starts_upper(right.trim())
        {
            return pieces(left, right);
        }
    }
    // "Jordan Reyes (they/them)": pronouns or a nickname after the name.
    if let Some((left, right)) = s.split_once(" (")
        && right.ends_with(')')
        && person_like(left)
    {
        return vec![left.to_string(), format!("({right}")];
    }
    let splits = [", ", " - ", " – ", " — "]
        .into_iter()
        .flat_map(|sep| [s.split_once(sep), s.rsplit_once(sep)].map(|found| (sep, found)));
    for (sep, found) in splits {
        let Some((left, right)) = found else {
            continue;
        };
        let right = right.trim();
        let company_right =
            company_strong(right) || ctx.domain_matches(right) || company_weak(right);
        let dash = sep != ", ";
        if title_like(left)
            && !title_like(right)
            && (company_right || (dash && starts_upper(right)))
        {
            return pieces(left, right);
        }
        if person_like(left) && title_like(right) {
            return pieces(left, right);
        }
        // "Acme Inc. – Head of Sales"
        let company_left = company_strong(left) || ctx.domain_matches(left);
        if dash && company_left && title_like(right) && !company_strong(right) {
            return pieces(left, right);
        }
    }
    vec![s.to_string()]
}

pub(super) fn expand_shapes(segs: Vec<Seg>, ctx: &Ctx) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        let splittable =
            matches!(seg.kind, Kind::Text) && !seg.used && seg.text.len() <= MAX_VALUE_CHARS;
        if !splittable {
            out.push(seg);
            continue;
        }
        for piece in split_shapes(&seg.text, ctx, 0) {
            out.push(Seg {
                line: seg.line,
                text: piece,
                kind: Kind::Text,
                used: false,
            });
        }
    }
    out
}
