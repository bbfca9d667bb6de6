//! Name, title and company for the card parser: what makes a line look like a
//! person's name, a job title or a company, what the email addresses say about
//! those lines, and choosing which line fills which field. These are the
//! fuzziest heuristics, so they run last, on what no channel claimed.

use super::companies::{company_strong, company_weak};
use super::lines::{compact, fold, fold_de, words};
use super::name_order::NameHints;
use super::names::{CHAT_WORDS, name_like, set_name};
use super::titles::title_like;
use super::{Kind, MAX_VALUE_CHARS, Seg};
use crate::contacts::{ContactFields, ProfileKind};

/// Looks like a name and like nothing else ("General Manager" looks like both).
pub(super) fn person_like(s: &str) -> bool {
    name_like(s, false) && !title_like(s) && !company_strong(s) && !company_weak(s)
}

/// A sentence of a mail body rather than a signature line.
pub(super) fn is_prose(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 4
        && (s.trim_end().ends_with(['.', '!', '?'])
            || ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str())))
}

/// What the email addresses, the website and the profiles say about the
/// other lines.
pub(super) struct Ctx {
    /// Company part of non-webmail domains: "northwind" for northwind.co.uk.
    stems: Vec<String>,
    /// Local parts, letters and digits only: "adalovelace".
    locals: Vec<String>,
    pub(super) hints: NameHints,
    /// A LinkedIn blurb: its headline is free text after the title.
    linkedin: bool,
}

#[rustfmt::skip]
const WEBMAIL: [&str; 24] = [
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "icloud", "me", "mac",
    "aol", "gmx", "web", "t-online", "orange", "free", "protonmail", "proton", "yandex", "mail",
    "zoho", "rediffmail", "uol", "example",
];

/// "northwind" for northwind.co.uk or www.northwind.com; none for webmail.
fn domain_stem(domain: &str) -> Option<String> {
    let lower = domain.to_lowercase();
    let mut labels: Vec<&str> = lower.split('.').filter(|l| *l != "www").collect();
    labels.pop();
    if labels.len() >= 2
        && labels
            .last()
            .is_some_and(|l| matches!(*l, "co" | "com" | "net" | "org" | "ne" | "or"))
    {
        labels.pop();
    }
    let stem = labels.last()?;
    (!WEBMAIL.contains(stem)).then(|| compact(stem))
}

impl Ctx {
    pub(super) fn new(f: &ContactFields, linkedin_heading: bool) -> Self {
        let mut stems = Vec::new();
        let mut locals = Vec::new();
        // A handful of addresses is all a card has; more is garbage and not worth the time.
        for email in f.emails.iter().take(8) {
            let Some((local, domain)) = email.address.split_once('@') else {
                continue;
            };
            locals.push(compact(&fold(local)));
            stems.extend(domain_stem(domain));
        }
        let site = f.website.to_lowercase();
        let site = site
            .strip_prefix("https://")
            .or_else(|| site.strip_prefix("http://"))
            .unwrap_or(&site);
        if let Some(host) = site.split('/').next() {
            stems.extend(domain_stem(host));
        }
        let linkedin = linkedin_heading
            || f.profiles
                .iter()
                .any(|p| matches!(p.kind, ProfileKind::Linkedin));
        Ctx {
            stems,
            locals,
            hints: NameHints::new(f),
            linkedin,
        }
    }

    pub(super) fn domain_matches(&self, s: &str) -> bool {
        let forms = [compact(&fold(s)), compact(&fold_de(s))];
        self.stems
            .iter()
            .filter(|stem| stem.len() >= 3)
            .any(|stem| {
                forms.iter().any(|c| {
                    c.starts_with(stem.as_str())
                        || (c.len() >= 4 && stem.starts_with(c.as_str()))
                        // "Mercado Bom Preço" at bompreco.com.br
                        || (stem.len() >= 6 && c.contains(stem.as_str()))
                })
            })
    }

    fn local_matches(&self, s: &str) -> bool {
        let name_words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .flat_map(|w| [compact(&fold(w)), compact(&fold_de(w))])
            .collect();
        self.locals
            .iter()
            .any(|local| name_words.iter().any(|w| local.contains(w.as_str())))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Title,
    Company,
    Unknown,
}

fn role_of(s: &str, ctx: &Ctx) -> Role {
    if company_strong(s) {
        Role::Company
    } else if title_like(s) {
        Role::Title
    } else if name_like(s, true) && ctx.local_matches(s) {
        Role::Name
    } else if ctx.domain_matches(s) || company_weak(s) {
        Role::Company
    } else if name_like(s, false) {
        Role::Name
    } else {
        Role::Unknown
    }
}

pub(super) fn starts_upper(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A line plausible as a company name when nothing better is found.
fn plausible_company(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    starts_upper(s)
        && !s.starts_with('(')
        && (1..=5).contains(&ws.len())
        && !s.ends_with(['.', '!', '?', ':'])
        && !s.contains(':')
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
}

/// Where each candidate line sits, for the rules that go by position.
struct Lines<'a> {
    segs: &'a [Seg],
    roles: Vec<Option<Role>>,
}

impl Lines<'_> {
    fn has(&self, i: usize, r: Role) -> bool {
        self.roles.get(i).copied().flatten() == Some(r)
    }

    fn text(&self, i: usize) -> &str {
        self.segs.get(i).map_or("", |s| s.text.as_str())
    }

    fn line(&self, i: usize) -> Option<usize> {
        self.segs.get(i).map(|s| s.line)
    }

    /// Whether segment `i` is alone on its input line.
    fn alone(&self, i: usize) -> bool {
        let line = self.line(i);
        self.segs.iter().filter(|s| Some(s.line) == line).count() == 1
    }

    /// Segment `next` follows `anchor` on its line or on the next one.
    fn right_after(&self, anchor: usize, next: usize) -> bool {
        match (self.line(anchor), self.line(next)) {
            (Some(a), Some(n)) => n == a || n == a + 1,
            _ => false,
        }
    }

    fn first(&self, r: Role) -> Option<usize> {
        (0..self.segs.len()).find(|&i| self.has(i, r))
    }
}

/// A title the word list does not know ("Inkoper", "Satın Alma Müdürü"):
/// a short line of words right under the name, or under the company when
/// the company comes first.
fn title_by_position(lines: &Lines<'_>, name: usize, company: Option<usize>) -> Option<usize> {
    let fits = |anchor: usize, next: usize| {
        let text = lines.text(next);
        (lines.has(next, Role::Unknown) || lines.has(next, Role::Name))
            && lines.right_after(anchor, next)
            && (lines.alone(next) || lines.line(next) == lines.line(name))
            && !text.chars().any(|c| c.is_ascii_digit() || c == '@')
            && !text.starts_with('(')
            && (1..=6).contains(&words(text).count())
            && !text.ends_with(['.', '!', '?', ':'])
    };
    let next = name + 1;
    if company == Some(next) {
        return fits(next, next + 1).then_some(next + 1);
    }
    fits(name, next).then_some(next)
}

/// The company: a line that says so, one named after the person ("Brennan
/// Electric" on Mike Brennan's card), else the line under the title (or
/// the name), else a logo line above the name.
fn find_company(lines: &Lines<'_>, f: &ContactFields, name: Option<usize>) -> Option<usize> {
    if let Some(c) = lines.first(Role::Company) {
        return Some(c);
    }
    let family = fold(&f.family_name);
    let candidate = |i: usize| lines.has(i, Role::Unknown) || lines.has(i, Role::Name);
    if family.chars().count() >= 3 {
        let named_after = (0..lines.segs.len()).find(|&i| {
            let ws: Vec<String> = words(lines.text(i)).collect();
            candidate(i) && Some(i) != name && ws.len() >= 2 && ws.contains(&family)
        });
        if named_after.is_some() {
            return named_after;
        }
    }
    None
}

fn company_by_position(
    lines: &Lines<'_>,
    ctx: &Ctx,
    title: Option<usize>,
    name: Option<usize>,
) -> Option<usize> {
    let fits = |i: usize| {
        (lines.has(i, Role::Unknown) || lines.has(i, Role::Name))
            && plausible_company(lines.text(i))
    };
    // Cards print the company right under the title (or the name).
    if let Some(anchor) = title.or(name) {
        let next = anchor + 1;
        // A LinkedIn headline goes on with free text: "Procurement Lead | Packaging".
        let headline = ctx.linkedin && lines.line(next) == lines.line(anchor);
        if fits(next) && lines.right_after(anchor, next) && !headline {
            return Some(next);
        }
    }
    // ... or as a logo line above the name.
    let logo = name == Some(1)
        && fits(0)
        && matches!((lines.line(0), lines.line(1)), (Some(a), Some(b)) if a + 1 >= b);
    logo.then_some(0)
}

pub(super) fn assign_people(
    segs: &mut [Seg],
    f: &mut ContactFields,
    ctx: &Ctx,
    header_names: &[String],
) {
    let roles: Vec<Option<Role>> = segs
        .iter()
        .map(|s| {
            let candidate =
                matches!(s.kind, Kind::Text) && !s.used && s.text.len() <= MAX_VALUE_CHARS;
            candidate.then(|| role_of(&s.text, ctx))
        })
        .collect();
    let lines = Lines { segs, roles };

    let names: Vec<usize> = (0..segs.len())
        .filter(|&i| lines.has(i, Role::Name))
        .collect();
    let name_idx = names
        .iter()
        .copied()
        .find(|&i| ctx.local_matches(lines.text(i)))
        .or_else(|| names.first().copied());
    let mut used: Vec<usize> = Vec::new();
    if let Some(i) = name_idx {
        set_name(f, lines.text(i), &ctx.hints);
        used.push(i);
    }
    if name_idx.is_none()
        && let Some(name) = segs
            .iter()
            .filter_map(|s| match &s.kind {
                Kind::ProfileOwner(owner) => Some(owner),
                _ => None,
            })
            .chain(header_names)
            .find(|n| name_like(n, true))
    {
        set_name(f, name, &ctx.hints);
    }

    let mut company_idx = find_company(&lines, f, name_idx);
    let mut title_idx = lines.first(Role::Title);
    if let Some(t) = title_idx {
        let mut title = lines.text(t).to_string();
        used.push(t);
        // A title wrapped onto a second line: "Senior Vice President" / "Global Sales".
        if lines.has(t + 1, Role::Title) && lines.line(t + 1) == lines.line(t).map(|l| l + 1) {
            title = format!("{title}, {}", lines.text(t + 1));
            used.push(t + 1);
        }
        f.title = title;
    } else if let Some(t) = name_idx.and_then(|n| title_by_position(&lines, n, company_idx)) {
        f.title = lines.text(t).to_string();
        used.push(t);
        title_idx = Some(t);
    }
    if company_idx.is_none() {
        company_idx =
            company_by_position(&lines, ctx, title_idx, name_idx).filter(|c| !used.contains(c));
    }
    if let Some(c) = company_idx {
        f.company = lines.text(c).to_string();
        used.push(c);
    }

    for (i, s) in segs.iter_mut().enumerate() {
        if used.contains(&i) || matches!(s.kind, Kind::ProfileOwner(_)) {
            s.used = true;
        }
        // Repeats of what was placed ("Acme Inc." again in a legal footer) are not news.
        if matches!(s.kind, Kind::Text) && !s.used {
            let t = fold(&s.text);
            s.used = [&f.display_name, &f.title, &f.company]
                .iter()
                .any(|v| !v.is_empty() && fold(v) == t);
        }
    }
}
