//! A contact changed on two machines since they last agreed: merged field
//! by field against the card both started from. A field only one side
//! changed takes that side's value; lists (phones, emails, profiles, tags,
//! best times) keep every entry of both; a field both changed differently
//! keeps this machine's value and the other's goes into the notes, worded,
//! so nothing is silently lost.

use serde_json::{Map, Value};

use crate::contacts::ContactFields;
use crate::error::{CoreError, Result};

/// What a merge did: the fields and how many values had to be kept both ways.
pub(crate) struct Merged {
    pub fields: ContactFields,
    pub kept_both: u32,
}

fn object(fields: &ContactFields) -> Result<Map<String, Value>> {
    match serde_json::to_value(fields) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(CoreError::Corrupt("a contact could not be compared".into())),
    }
}

/// A value as the notes say it: text as it is, anything else compactly.
fn said(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `base`: the card both sides last agreed on (`None`: they never did, so
/// every difference is a conflict).
pub(crate) fn merge(
    base: Option<&ContactFields>,
    here: &ContactFields,
    there: &ContactFields,
) -> Result<Merged> {
    let base = base.map(object).transpose()?;
    let mut out = object(here)?;
    let there_map = object(there)?;
    let mut notes_from_there: Vec<String> = Vec::new();
    let mut kept_both = 0;
    for (key, theirs) in &there_map {
        let mine = out.get(key).cloned().unwrap_or(Value::Null);
        if &mine == theirs {
            continue;
        }
        let was = base.as_ref().and_then(|b| b.get(key));
        if was == Some(&mine) {
            // Only they changed it.
            out.insert(key.clone(), theirs.clone());
            continue;
        }
        if was == Some(theirs) {
            continue; // only we changed it
        }
        match (&mine, theirs) {
            (Value::Array(a), Value::Array(b)) => {
                let mut all = a.clone();
                all.extend(b.iter().filter(|v| !a.contains(v)).cloned());
                out.insert(key.clone(), Value::Array(all));
            }
            _ if key == "notes" => {
                notes_from_there.push(format!("From another device:\n{}", said(theirs)));
                kept_both += 1;
            }
            _ if theirs.is_null() || theirs == &Value::String(String::new()) => {
                // They cleared it and we changed it: ours stays, nothing lost.
            }
            _ => {
                notes_from_there.push(format!("From another device, {key}: {}", said(theirs)));
                kept_both += 1;
            }
        }
    }
    let mut fields: ContactFields = serde_json::from_value(Value::Object(out))
        .map_err(|e| CoreError::Corrupt(format!("a merged contact could not be read: {e}")))?;
    for line in notes_from_there {
        if !fields.notes.is_empty() {
            fields.notes.push_str("\n\n");
        }
        fields.notes.push_str(&line);
    }
    Ok(Merged { fields, kept_both })
}

#[cfg(test)]
mod tests;
