//! The core's single error type.
//!
//! Variants are chosen by what the caller must do differently: fix a field,
//! look elsewhere, upgrade the app, or report a broken store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The user's input was rejected; nothing was written.
    #[error("{message}")]
    Invalid { field: String, message: String },

    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },

    #[error(
        "this database was written by a newer version of Touchpoint (schema version {found}; \
         this version knows up to {supported}). Update Touchpoint to open it; the file was left untouched."
    )]
    DatabaseTooNew { found: i64, supported: i64 },

    /// A file that is not Touchpoint's; it was only read.
    #[error("{}", what.describe(path))]
    NotADatabase { path: PathBuf, what: ForeignFile },

    #[error("cannot use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Storage(rusqlite::Error),

    /// Stored data that this version cannot read back.
    #[error("{0}")]
    Corrupt(String),

    /// A sync server could not be reached or answered what sync cannot use;
    /// nothing local was changed by the step that failed.
    #[error("sync: {0}")]
    Server(String),

    /// A sync server's certificate that neither the system's roots nor the
    /// user's explicit trust vouch for; nothing local was changed. The user
    /// may trust it by its fingerprint.
    #[error("sync: {0}")]
    UntrustedCertificate(UntrustedCertificate),
}

/// A server certificate sync refused, as the user is asked to judge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UntrustedCertificate {
    /// The server's host name, as in the account's URL.
    pub host: String,
    /// The refused certificate's SHA-256, as "AB:CD:…".
    pub fingerprint: String,
    /// The fingerprint trusted before, when the certificate changed since.
    pub trusted: Option<String>,
}

impl std::fmt::Display for UntrustedCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self {
            host,
            fingerprint,
            trusted,
        } = self;
        match trusted {
            None => write!(
                f,
                "the certificate of {host} is not trusted (self-signed, or from an authority \
                 this system does not know). Fingerprint SHA-256: {fingerprint}. Trust it only \
                 if your server shows the same fingerprint"
            ),
            Some(trusted) => write!(
                f,
                "the certificate of {host} changed since you trusted it, and is refused. \
                 Fingerprint SHA-256 now: {fingerprint} (trusted: {trusted}). Trust the new one \
                 only if you know your server's certificate was replaced"
            ),
        }
    }
}

/// What a file Touchpoint refused to open turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignFile {
    /// Not SQLite at all: notes, an image, a damaged header.
    NotSqlite,
    /// An SQLite database that another program made (or that Touchpoint's
    /// tables are missing from).
    OtherProgram,
}

impl ForeignFile {
    fn describe(self, path: &Path) -> String {
        let path = path.display();
        match self {
            ForeignFile::NotSqlite => format!(
                "{path} is not a Touchpoint database (it is not an SQLite file); the file was left untouched"
            ),
            ForeignFile::OtherProgram => format!(
                "{path} is an SQLite database of another program, not Touchpoint's; it was left \
                 untouched. Choose another file with --db."
            ),
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            // A stored enum or date this version does not know: the file, not SQLite, is at fault.
            rusqlite::Error::FromSqlConversionFailure(column, _, inner) => CoreError::Corrupt(
                format!("a stored value (column {column}) is unreadable: {inner}"),
            ),
            other => CoreError::Storage(other),
        }
    }
}

impl CoreError {
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}
