//! An imported record with one value the form would refuse keeps the record:
//! the value goes to the notes (worded as every importer words what it could
//! not read) and the preview says so, instead of the whole card being lost
//! with its good phone, email and company.

use crate::contacts::ContactFields;
use crate::transfer::record::Unread;

/// Takes the value `field` names (as a refusal names it: "phones[1]",
/// "emails[0]", "website", …) out of `fields` into `unread`; `false` when
/// the refusal is about the record as a whole (no name) and nothing can go.
pub(super) fn set_aside(fields: &mut ContactFields, field: &str, unread: &mut Unread) -> bool {
    let (name, index) = match field.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (field, None),
    };
    match (name, index) {
        ("phones", Some(i)) if i < fields.phones.len() => {
            unread.keep("Phone", &fields.phones.remove(i).number);
        }
        ("emails", Some(i)) if i < fields.emails.len() => {
            unread.keep("Email", &fields.emails.remove(i).address);
        }
        ("profiles", Some(i)) if i < fields.profiles.len() => {
            unread.keep("Profile", &fields.profiles.remove(i).url);
        }
        ("bestTimes", Some(i)) if i < fields.best_times.len() => {
            let w = fields.best_times.remove(i);
            unread.keep("Best time to call", &format!("{}–{}", w.start, w.end));
        }
        ("website", None) if !fields.website.is_empty() => {
            unread.keep("Website", &std::mem::take(&mut fields.website));
        }
        ("birthday", None) if !fields.birthday.is_empty() => {
            unread.keep("Birthday", &std::mem::take(&mut fields.birthday));
        }
        ("timeZone", None) if !fields.time_zone.is_empty() => {
            unread.keep("Time zone", &std::mem::take(&mut fields.time_zone));
        }
        ("metOn", None) if fields.met_on.is_some() => {
            let met = fields
                .met_on
                .take()
                .map(|d| d.to_string())
                .unwrap_or_default();
            unread.keep("Met on", &met);
        }
        _ => return false,
    }
    true
}
