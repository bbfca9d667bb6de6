//! Reading the values of one cell: labels, tags, profiles.

use crate::contacts::{Profile, ProfileKind};

/// Pairs each value of a cell with its label. Google puts several values in
/// one cell separated by " ::: ", with as many labels in the label cell.
pub(super) fn labelled<'v>(
    values: &'v str,
    row_labels: &str,
    fixed: &str,
) -> Vec<(&'v str, String)> {
    let labels: Vec<&str> = row_labels.split(":::").map(str::trim).collect();
    values
        .split(":::")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .enumerate()
        .map(|(i, v)| {
            let label = match labels.get(i) {
                Some(l) if !l.is_empty() => normalise_label(l),
                _ => fixed.to_owned(),
            };
            (v, label)
        })
        .collect()
}

/// Google marks the primary value with "* " ("* Work"); the well-known labels
/// become Touchpoint's lower-case ones, anything else is kept as written.
fn normalise_label(raw: &str) -> String {
    let label = raw.trim_start_matches('*').trim();
    let lower = label.to_lowercase();
    if lower.contains("fax") {
        "fax".to_owned()
    } else if lower.contains("mobile") || lower.contains("cell") {
        "mobile".to_owned()
    } else if matches!(lower.as_str(), "work" | "business" | "office") {
        "work".to_owned()
    } else if matches!(lower.as_str(), "home" | "personal" | "private") {
        "home".to_owned()
    } else if matches!(lower.as_str(), "other" | "main" | "pager") {
        lower
    } else {
        label.to_owned()
    }
}

/// Google separates labels with " ::: ", Outlook categories and Touchpoint
/// tags use ";", hand-made files usually ",". Google's "* myContacts" is on
/// every contact and says nothing, so it is dropped; other system labels
/// ("* starred") lose the star.
pub(super) fn split_tags(cell: &str) -> Vec<String> {
    let separator = if cell.contains(":::") {
        ":::"
    } else if cell.contains(';') {
        ";"
    } else {
        ","
    };
    cell.split(separator)
        .map(|t| t.trim().trim_start_matches('*').trim())
        .filter(|t| {
            !t.is_empty()
                && !t.eq_ignore_ascii_case("mycontacts")
                && !t.eq_ignore_ascii_case("my contacts")
        })
        .map(str::to_owned)
        .collect()
}

pub(super) fn push_profile(profiles: &mut Vec<Profile>, kind: ProfileKind, url: &str) {
    if !profiles.iter().any(|p| p.url == url) {
        profiles.push(Profile {
            kind,
            url: url.to_owned(),
        });
    }
}

/// The service a Profile column's label names, as the export writes it.
pub(super) fn named_kind(service: &str) -> Option<ProfileKind> {
    match service.trim().to_ascii_lowercase().as_str() {
        "linkedin" => Some(ProfileKind::Linkedin),
        "x" | "twitter" => Some(ProfileKind::X),
        "other" => Some(ProfileKind::Other),
        _ => None,
    }
}

pub(super) fn profile_kind(url: &str) -> ProfileKind {
    let lower = url.to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        ProfileKind::Linkedin
    } else if matches!(host, "x.com" | "twitter.com" | "mobile.twitter.com") {
        ProfileKind::X
    } else {
        ProfileKind::Other
    }
}
