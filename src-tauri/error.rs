//! The one error shape that crosses the IPC boundary: `{kind, message, field?}`.
//!
//! `kind` is what the UI branches on; `message` is written for the user;
//! `field` names the form field to show it next to.

use serde::Serialize;
use touchpoint_core::CoreError;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input was refused; nothing was written.
    Invalid,
    NotFound,
    /// The database comes from a newer Touchpoint.
    DatabaseTooNew,
    /// The chosen file is not a Touchpoint database.
    NotADatabase,
    /// The database could not be read or written.
    Storage,
    /// Something the app needs from the system is missing or failed (the
    /// OS's opener, say); the message says what to do.
    Unavailable,
    /// A bug: the message says what broke.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl ApiError {
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Invalid,
            message: message.into(),
            field: Some(field.to_owned()),
        }
    }

    pub(crate) fn unavailable(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Unavailable,
            message: message.into(),
            field: None,
        }
    }

    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Internal,
            message: message.into(),
            field: None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> Self {
        let message = error.to_string();
        let (kind, field) = match error {
            CoreError::Invalid { field, .. } => (ErrorKind::Invalid, Some(field)),
            CoreError::NotFound { .. } => (ErrorKind::NotFound, None),
            CoreError::DatabaseTooNew { .. } => (ErrorKind::DatabaseTooNew, None),
            CoreError::NotADatabase { .. } => (ErrorKind::NotADatabase, None),
            CoreError::Io { .. } | CoreError::Storage(_) | CoreError::Corrupt(_) => {
                (ErrorKind::Storage, None)
            }
            CoreError::Server(_) | CoreError::UntrustedCertificate(_) => {
                (ErrorKind::Unavailable, None)
            }
        };
        Self {
            kind,
            message,
            field,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_serialises_with_kind_message_and_field() {
        let error = ApiError::from(CoreError::Invalid {
            field: "email".into(),
            message: "Email must look like name@example.com".into(),
        });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "kind": "invalid",
                "message": "Email must look like name@example.com",
                "field": "email",
            })
        );
    }

    #[test]
    fn an_error_without_a_field_has_no_field_key() {
        let error = ApiError::from(CoreError::NotFound {
            what: "contact",
            id: 7,
        });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"kind": "not_found", "message": "contact 7 does not exist"})
        );
    }
}
