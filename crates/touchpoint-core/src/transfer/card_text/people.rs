//! Name, title and company for the card parser: what makes a line look like a
//! person's name, a job title or a company, what the email addresses say about
//! those lines, and choosing which line fills which field. These are the
//! fuzziest heuristics, so they run last, on what no channel claimed.

use super::lines::{compact, fold, fold_de, words};
use super::names::{CHAT_WORDS, name_like, set_name};
use super::{Kind, MAX_VALUE_CHARS, Seg};
use crate::contacts::{ContactFields, Email};

/// Looks like a name and like nothing else ("General Manager" looks like both).
fn person_like(s: &str) -> bool {
    name_like(s, false) && !title_like(s) && !company_strong(s) && !company_weak(s)
}

#[rustfmt::skip]
const TITLE_WORDS: [&str; 125] = [
    "ceo", "cto", "cfo", "coo", "cmo", "cio", "cro", "cpo", "cso", "vp", "svp", "evp", "avp",
    "vice", "president", "presidente", "chairman", "chairwoman", "chair", "chief", "officer",
    "director", "directora", "directeur", "directrice", "direktor", "direktorin", "diretor",
    "diretora", "manager", "managerin", "gerente", "gerant", "gerante", "head", "lead", "founder",
    "cofounder", "engineer", "ingenieur", "ingenieurin", "ingeniero", "engenheiro", "sales",
    "vendas", "ventas", "vertrieb", "account", "executive", "consultant", "consultante",
    "consultora", "consultor", "berater", "beraterin", "conseiller", "conseillere", "partner",
    "associate", "owner", "inhaber", "inhaberin", "principal", "specialist", "analyst",
    "representative", "rep", "coordinator", "administrator", "architect", "developer", "programmer",
    "designer", "advisor", "adviser", "attorney", "lawyer", "counsel", "solicitor", "barrister",
    "accountant", "geschaftsfuhrer", "geschaftsfuhrerin", "prokurist", "prokuristin", "leiter",
    "leiterin", "responsable", "socio", "socia", "intern", "trainee", "recruiter", "realtor",
    "broker", "agent", "secretary", "treasurer", "professor", "scientist", "researcher",
    "strategist", "producer", "editor", "gm", "bdm", "bdr", "sdr", "bucho", "kacho", "shacho",
    "torishimariyaku", "development", "physician", "doctor", "surgeon", "dentist", "nurse",
    "therapist", "pharmacist", "medico", "medica", "arzt", "arztin", "medecin",
];
#[rustfmt::skip]
const TITLE_SUFFIXES: [&str; 12] = [
    "manager", "managerin", "leiter", "leiterin", "berater", "beraterin", "direktor", "fuhrer",
    "fuhrerin", "ingenieur", "referent", "referentin",
];

/// A sentence of a mail body rather than a signature line.
pub(super) fn is_prose(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 4
        && (s.trim_end().ends_with(['.', '!', '?'])
            || ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str())))
}

pub(super) fn title_like(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    let sentence = s.ends_with(['!', '?']) || (s.ends_with('.') && ws.len() > 4);
    !sentence
        && ws.len() <= 8
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
        && ws.iter().any(|w| {
            TITLE_WORDS.contains(&w.as_str())
                || TITLE_SUFFIXES
                    .iter()
                    .any(|x| w.len() > x.len() && w.ends_with(x))
        })
}

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
        | "as" | "oy" | "cv" => upper_first,
        "ev" => bare == "eV",
        _ => false,
    }
}

/// Legal-form suffixes ("Inc.", "GmbH", "S.A.") and "& Partners" shapes.
pub(super) fn company_strong(s: &str) -> bool {
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
    ];
    joined.iter().any(|k| lower.contains(k)) || tokens.last().is_some_and(|t| is_company_suffix(t))
}

#[rustfmt::skip]
const COMPANY_WORDS: [&str; 41] = [
    "solutions", "systems", "technologies", "technology", "tech", "software", "consulting",
    "consultancy", "capital", "ventures", "bank", "insurance", "media", "labs", "industries",
    "international", "services", "networks", "analytics", "logistics", "partners", "associates",
    "agency", "studio", "studios", "university", "universidade", "universitat", "institute",
    "institut", "hospital", "foundation", "trading", "traders", "enterprises", "realty",
    "properties", "pharma", "energy", "motors", "grupo",
];

fn company_weak(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    ws.len() >= 2 && ws.iter().any(|w| COMPANY_WORDS.contains(&w.as_str()))
}

/// What the email addresses say about the other lines.
pub(super) struct Ctx {
    /// Company part of non-webmail domains: "northwind" for northwind.co.uk.
    stems: Vec<String>,
    /// Local parts, letters and digits only: "adalovelace".
    locals: Vec<String>,
}

#[rustfmt::skip]
const WEBMAIL: [&str; 24] = [
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "icloud", "me", "mac",
    "aol", "gmx", "web", "t-online", "orange", "free", "protonmail", "proton", "yandex", "mail",
    "zoho", "rediffmail", "uol", "example",
];

impl Ctx {
    pub(super) fn new(emails: &[Email]) -> Self {
        let mut stems = Vec::new();
        let mut locals = Vec::new();
        // A handful of addresses is all a card has; more is garbage and not worth the time.
        for email in emails.iter().take(8) {
            let Some((local, domain)) = email.address.split_once('@') else {
                continue;
            };
            locals.push(compact(&fold(local)));
            let labels: Vec<String> = domain
                .to_lowercase()
                .split('.')
                .map(str::to_string)
                .collect();
            let mut end = labels.len().saturating_sub(1);
            if end >= 2
                && matches!(
                    labels[end - 1].as_str(),
                    "co" | "com" | "net" | "org" | "ne" | "or"
                )
            {
                end -= 1;
            }
            if let Some(stem) = end.checked_sub(1).map(|i| &labels[i])
                && !WEBMAIL.contains(&stem.as_str())
            {
                stems.push(compact(stem));
            }
        }
        Ctx { stems, locals }
    }

    fn domain_matches(&self, s: &str) -> bool {
        let forms = [compact(&fold(s)), compact(&fold_de(s))];
        self.stems
            .iter()
            .filter(|stem| stem.len() >= 3)
            .any(|stem| {
                forms.iter().any(|c| {
                    c.starts_with(stem.as_str()) || (c.len() >= 4 && stem.starts_with(c.as_str()))
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

/// "Title at Company", "Title, Company", "Name, Title", "Title – Company".
fn split_shapes(s: &str, ctx: &Ctx, depth: u8) -> Vec<String> {
    let pieces = |left: &str, right: &str| -> Vec<String> {
        let mut out = vec![left.trim().to_string()];
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

/// A line plausible as a company name when nothing better is found.
fn plausible_company(s: &str) -> bool {
    let ws: Vec<String> = words(s).collect();
    starts_upper(s)
        && (1..=5).contains(&ws.len())
        && !s.ends_with(['.', '!', '?', ':'])
        && !s.contains(':')
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
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
    let has = |i: usize, r: Role| roles.get(i).copied().flatten() == Some(r);

    let names: Vec<usize> = (0..segs.len()).filter(|&i| has(i, Role::Name)).collect();
    let name_idx = names
        .iter()
        .copied()
        .find(|&i| ctx.local_matches(&segs[i].text))
        .or_else(|| names.first().copied());
    if let Some(i) = name_idx {
        set_name(f, &segs[i].text);
        segs[i].used = true;
    }
    let owners: Vec<String> = segs
        .iter_mut()
        .filter_map(|s| match &s.kind {
            Kind::ProfileOwner(owner) => {
                s.used = true;
                Some(owner.clone())
            }
            _ => None,
        })
        .collect();
    if name_idx.is_none()
        && let Some(name) = owners
            .iter()
            .chain(header_names)
            .find(|n| name_like(n, true))
    {
        set_name(f, name);
    }

    let title_idx = (0..segs.len()).find(|&i| has(i, Role::Title));
    if let Some(t) = title_idx {
        let mut title = segs[t].text.clone();
        segs[t].used = true;
        // A title wrapped onto a second line: "Senior Vice President" / "Global Sales".
        if has(t + 1, Role::Title) && segs[t + 1].line == segs[t].line + 1 {
            title = format!("{title}, {}", segs[t + 1].text);
            segs[t + 1].used = true;
        }
        f.title = title;
    }

    let company_idx = (0..segs.len())
        .find(|&i| has(i, Role::Company))
        .or_else(|| {
            // Cards print the company right under the title (or the name).
            let anchor = title_idx.or(name_idx)?;
            let next = anchor + 1;
            let fits = |i: usize| {
                (has(i, Role::Unknown) || has(i, Role::Name))
                    && !segs[i].used
                    && plausible_company(&segs[i].text)
            };
            if fits(next) && segs[next].line <= segs[anchor].line + 1 {
                return Some(next);
            }
            // ... or as a logo line above the name.
            (name_idx == Some(1) && fits(0) && segs[0].line + 1 >= segs[1].line).then_some(0)
        });
    if let Some(c) = company_idx {
        f.company.clone_from(&segs[c].text);
        segs[c].used = true;
    }

    // Repeats of what was placed ("Acme Inc." again in a legal footer) are not news.
    for s in segs.iter_mut() {
        if matches!(s.kind, Kind::Text) && !s.used {
            let t = fold(&s.text);
            s.used = [&f.display_name, &f.title, &f.company]
                .iter()
                .any(|v| !v.is_empty() && fold(v) == t);
        }
    }
}
