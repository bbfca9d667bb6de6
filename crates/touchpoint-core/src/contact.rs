//! The contact record and the rules a contact must satisfy before it is stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};

pub const MAX_NAME: usize = 200;
pub const MAX_COMPANY: usize = 200;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 40;

/// What the user typed into the contact form. Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactInput {
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One page of the contact list, in name order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactListQuery {
    pub offset: u32,
    pub limit: u32,
}

impl ContactListQuery {
    pub const MAX_LIMIT: u32 = 500;
}

impl Default for ContactListQuery {
    fn default() -> Self {
        Self {
            offset: 0,
            limit: 100,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    pub items: Vec<Contact>,
    /// How many contacts exist in all, not only on this page.
    pub total: u32,
}

/// A contact input that passed validation, trimmed and with empty optionals removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidContact {
    pub name: String,
    pub company: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl ContactInput {
    /// Checks every field, returning the first problem found in form order.
    pub(crate) fn validate(&self) -> Result<ValidContact> {
        let name = single_line("name", "Name", &self.name, MAX_NAME)?;
        if name.is_empty() {
            return Err(CoreError::invalid("name", "Name is required"));
        }
        let company = single_line("company", "Company", &self.company, MAX_COMPANY)?;
        let email = single_line("email", "Email", &self.email, MAX_EMAIL)?;
        if !email.is_empty() && !is_email(&email) {
            return Err(CoreError::invalid(
                "email",
                "Email must look like name@example.com",
            ));
        }
        let phone = single_line("phone", "Phone", &self.phone, MAX_PHONE)?;
        if !phone.is_empty() && !is_phone(&phone) {
            return Err(CoreError::invalid(
                "phone",
                "Phone must be a phone number such as +1 415 555 0100 (digits, spaces, + ( ) - . and an ext.)",
            ));
        }
        Ok(ValidContact {
            name,
            company,
            email: Some(email).filter(|e| !e.is_empty()),
            phone: Some(phone).filter(|p| !p.is_empty()),
        })
    }
}

fn single_line(field: &str, label: &str, raw: &str, max: usize) -> Result<String> {
    // Measure before trimming so a huge paste is refused without copying it.
    let length = raw.chars().count();
    if length > max * 4 || raw.trim().chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("{label} is too long: {length} characters, at most {max}"),
        ));
    }
    let value = raw.trim();
    if value.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            field,
            format!("{label} must be a single line without control characters"),
        ));
    }
    Ok(value.to_owned())
}

/// A pragmatic address check: what people type by mistake is caught, while
/// every address a mail server would accept in practice passes.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains(['@', ' ', ',', ';', '<', '>', '(', ')', '[', ']', '"', '\\'])
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

/// Digits with the usual separators, an optional leading `+` and an optional
/// extension ("x12", "ext. 12"). Full E.164 normalisation comes with the card form.
fn is_phone(s: &str) -> bool {
    let lower = s.to_lowercase();
    let (main, ext) = match lower.find(['x', 'e']) {
        Some(i) => lower.split_at(i),
        None => (lower.as_str(), ""),
    };
    let ext_digits = ext
        .trim_start_matches("extension")
        .trim_start_matches("ext")
        .trim_start_matches('x')
        .trim_start_matches(['.', ':', ' ']);
    if !ext.is_empty() && (ext_digits.is_empty() || !ext_digits.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let main = main.trim_end();
    let body = main.strip_prefix('+').unwrap_or(main);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'))
        && (4..=15).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str, phone: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            company: "Acme".into(),
            email: email.into(),
            phone: phone.into(),
        }
    }

    fn field_of(err: CoreError) -> String {
        match err {
            CoreError::Invalid { field, .. } => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_card_is_trimmed_and_kept() {
        let valid = input("  Ada Lovelace ", " ada@example.com ", " +44 20 7946 0958 ")
            .validate()
            .unwrap();
        assert_eq!(valid.name, "Ada Lovelace");
        assert_eq!(valid.email.as_deref(), Some("ada@example.com"));
        assert_eq!(valid.phone.as_deref(), Some("+44 20 7946 0958"));
    }

    #[test]
    fn empty_optional_fields_become_none() {
        let valid = input("Ada", "  ", "").validate().unwrap();
        assert_eq!(valid.email, None, "blank email is 'not given'");
        assert_eq!(valid.phone, None, "blank phone is 'not given'");
    }

    #[test]
    fn a_name_is_required() {
        let err = input("   ", "", "").validate().unwrap_err();
        assert_eq!(err.to_string(), "Name is required");
        assert_eq!(field_of(err), "name");
    }

    #[test]
    fn malformed_emails_are_refused_on_the_email_field() {
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "ada example@example.com",
            "ada@exa mple.com",
            "ada@.example.com",
            "ada@example.c",
            "ada@example.123",
            "ada..b@example.com",
            "ada@-example.com",
        ] {
            let err = input("Ada", bad, "").validate().unwrap_err();
            assert_eq!(field_of(err), "email", "{bad:?} must be refused");
        }
    }

    #[test]
    fn ordinary_emails_pass() {
        for good in [
            "ada@example.com",
            "ada.lovelace+crm@mail.example.co.uk",
            "o'brien@example.ie",
            "jürgen@beispiel.de",
            "x@müller.de",
        ] {
            assert!(
                input("Ada", good, "").validate().is_ok(),
                "{good:?} must pass"
            );
        }
    }

    #[test]
    fn phone_numbers_in_common_shapes_pass() {
        for good in [
            "+1 (415) 555-0100",
            "020 7946 0958",
            "+49 30 901820",
            "555.0100",
            "+1 415 555 0100 ext. 12",
            "+1 415 555 0100 x12",
            "06/12 34 56 78",
        ] {
            assert!(
                input("Ada", "", good).validate().is_ok(),
                "{good:?} must pass"
            );
        }
    }

    #[test]
    fn things_that_are_not_phone_numbers_are_refused() {
        for bad in [
            "call me",
            "12",
            "+1 415 555 0100 ext",
            "1234567890123456",
            "415-CALL-NOW",
        ] {
            let err = input("Ada", "", bad).validate().unwrap_err();
            assert_eq!(field_of(err), "phone", "{bad:?} must be refused");
        }
    }

    #[test]
    fn ten_megabytes_in_a_field_is_refused_with_its_size() {
        let huge = "x".repeat(10 * 1024 * 1024);
        let err = input(&huge, "", "").validate().unwrap_err();
        assert_eq!(
            err.to_string(),
            "Name is too long: 10485760 characters, at most 200"
        );
        let err = ContactInput {
            name: "Ada".into(),
            company: huge,
            ..ContactInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(field_of(err), "company");
    }

    #[test]
    fn a_name_with_a_line_break_is_refused() {
        let err = input("Ada\nLovelace", "", "").validate().unwrap_err();
        assert_eq!(field_of(err), "name");
    }
}
