//! Whose file is it: Touchpoint writes only to its own databases.
//!
//! A file is Touchpoint's when its `application_id` is [`APPLICATION_ID`],
//! or, for a file from before the id, when the id is 0 and the file holds
//! the tables Touchpoint's migrations made up to its `user_version`.
//!
//! An existing file is judged through a connection that cannot write, and
//! refused before the read-write one is opened: closing a read-write
//! connection checkpoints the write-ahead log into the file, so a refusal
//! made on it would already have changed the file it refuses.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::db::migrations::{self, SCHEMA_VERSION};
use crate::error::{CoreError, ForeignFile, Result};

/// `PRAGMA application_id` of every Touchpoint database: "TPnt" in ASCII.
pub const APPLICATION_ID: i32 = 0x5450_6E74;

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// What a look at an existing SQLite file found.
enum Verdict {
    /// SQLite's empty database, with no table yet: Touchpoint may fill it.
    Empty,
    /// A Touchpoint database of this schema version, one this build reads.
    Touchpoint(i64),
    TooNew(i64),
    /// Touchpoint's id, but not the tables its schema version promises.
    Damaged(i64),
    Foreign,
}

/// Gives a file that has no application id yet Touchpoint's (it was made
/// by a build from before the id, or is new).
pub(crate) fn stamp(conn: &Connection) -> Result<()> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}

/// Refuses, having only read it, an existing file at `path` that is not a
/// Touchpoint database this build can open. A missing or empty file passes:
/// it is where a new database goes.
///
/// # Errors
/// [`CoreError::NotADatabase`], [`CoreError::DatabaseTooNew`], or
/// [`CoreError::Corrupt`] for a Touchpoint file missing its tables.
pub(crate) fn refuse_unless_ours(path: &Path) -> Result<()> {
    let not_ours = |what| CoreError::NotADatabase {
        path: path.to_path_buf(),
        what,
    };
    match header(path) {
        Ok(head) if head.is_empty() => return Ok(()),
        Ok(head) if head != SQLITE_MAGIC => return Err(not_ours(ForeignFile::NotSqlite)),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(CoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    let judged = |open: fn(&Path) -> Result<Connection>| {
        open(path)
            .and_then(|conn| judge(&conn))
            .map_err(|e| match e {
                CoreError::Storage(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == ErrorCode::NotADatabase =>
                {
                    not_ours(ForeignFile::NotSqlite)
                }
                other => other,
            })
    };
    let verdict = match judged(read_only)? {
        // The look that writes nothing can miss tables that are there while
        // another process writes (its `immutable` read of the main file can
        // meet a checkpoint rewriting it): a command run beside the busy
        // window was told to restore a backup. Where a writer may be at
        // work (its `-wal` and `-shm` are there), a file stamped as ours is
        // looked at again as an ordinary reader, which sees one whole state
        // and, with the writer's index there, writes nothing.
        Verdict::Damaged(_) if beside(path, "-wal").exists() && beside(path, "-shm").exists() => {
            judged(ordinary_reader)?
        }
        verdict => verdict,
    };
    match verdict {
        Verdict::Empty | Verdict::Touchpoint(_) => Ok(()),
        Verdict::TooNew(found) => Err(CoreError::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        }),
        Verdict::Damaged(version) => Err(CoreError::Corrupt(format!(
            "{} is a Touchpoint database, but it lacks tables of its schema version \
             ({version}); it was left untouched. Restore a backup of it.",
            path.display()
        ))),
        Verdict::Foreign => Err(not_ours(ForeignFile::OtherProgram)),
    }
}

/// Checks that `path` holds a Touchpoint database this build can open:
/// returns its schema version.
///
/// # Errors
/// [`CoreError::Invalid`] naming what is wrong (not SQLite, damaged, not
/// Touchpoint's), [`CoreError::DatabaseTooNew`].
pub fn check_backup(path: &Path) -> Result<i64> {
    let refuse = |why: &str| {
        CoreError::invalid(
            "backup",
            format!("{} cannot be restored: {why}", path.display()),
        )
    };
    let head = header(path).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if head != SQLITE_MAGIC {
        return Err(refuse("it is not an SQLite database"));
    }
    let conn = read_only(path)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| refuse("the file is damaged"))?;
    if check != "ok" {
        return Err(refuse(&format!("the file is damaged ({check})")));
    }
    match judge(&conn)? {
        Verdict::Touchpoint(version) => Ok(version),
        Verdict::TooNew(found) => Err(CoreError::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        }),
        Verdict::Empty | Verdict::Damaged(_) | Verdict::Foreign => {
            Err(refuse("it is not a Touchpoint database"))
        }
    }
}

/// Refuses `out` as the file an export (or any copy of the database) is
/// written to when it is the open database `live_db` under any name (a
/// symbolic or hard link, a path through `..`), its write-ahead log, index
/// or journal, or any existing SQLite database. A new file, or an existing
/// one that is not SQLite (last week's CSV), may be written.
///
/// # Errors
/// [`CoreError::Invalid`] (field `output`) saying what `out` is;
/// [`CoreError::Io`] when `out` exists but cannot be read.
pub fn check_export_target(out: &Path, live_db: &Path) -> Result<()> {
    refuse_live_parts(out, live_db)?;
    match header(out) {
        Ok(head) if head == SQLITE_MAGIC => Err(CoreError::invalid(
            "output",
            format!(
                "{} is an existing SQLite database; it was left untouched. Choose a new \
                 file name to export to.",
                out.display()
            ),
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(CoreError::Io {
            path: out.to_path_buf(),
            source,
        }),
    }
}

/// Refuses `out` when writing it would overwrite the open database
/// `live_db` or one of the files SQLite keeps beside it.
pub(crate) fn refuse_live_parts(out: &Path, live_db: &Path) -> Result<()> {
    let target = resolved(out);
    for (suffix, what) in [
        ("", "is the open Touchpoint database"),
        (
            "-wal",
            "is the write-ahead log of the open Touchpoint database",
        ),
        (
            "-shm",
            "is the shared-memory index of the open Touchpoint database",
        ),
        (
            "-journal",
            "is the rollback journal of the open Touchpoint database",
        ),
    ] {
        let mut part = OsString::from(live_db.as_os_str());
        part.push(suffix);
        let part = PathBuf::from(part);
        if resolved(&part) == target || same_inode(out, &part) {
            return Err(CoreError::invalid(
                "output",
                format!(
                    "{} {what} ({}); it was left untouched. Choose another file to \
                     export to.",
                    out.display(),
                    live_db.display()
                ),
            ));
        }
    }
    Ok(())
}

/// `path` with its links and `..` resolved: through the filesystem as far
/// as it exists, then by name (`new/../x` is `x`, as `create_dir_all`
/// and a write would make it).
fn resolved(path: &Path) -> PathBuf {
    let parts: Vec<Component<'_>> = path.components().collect();
    for kept in (0..=parts.len()).rev() {
        let base: PathBuf = parts[..kept].iter().collect();
        let base = if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base
        };
        if let Ok(mut out) = fs::canonicalize(&base) {
            for part in &parts[kept..] {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other),
                }
            }
            return out;
        }
    }
    path.to_path_buf()
}

/// Two names of one file: a hard link is not resolved by `canonicalize`.
#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// The first 16 bytes of the file (fewer if it is shorter).
fn header(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
    File::open(path)?
        .take(SQLITE_MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

fn judge(conn: &Connection) -> Result<Verdict> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id != 0 && id != APPLICATION_ID {
        return Ok(Verdict::Foreign);
    }
    let version = migrations::stored_version(conn)?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(if version > SCHEMA_VERSION {
        // Without the id a higher version cannot be a newer Touchpoint's (the
        // builds past this one stamp it), but "update Touchpoint" is what
        // such a file has always been answered with, and it is refused
        // untouched either way.
        Verdict::TooNew(version)
    } else if version == 0 && objects == 0 {
        Verdict::Empty
    } else if version >= 1 && holds_tables_of(conn, version)? {
        Verdict::Touchpoint(version)
    } else if id == APPLICATION_ID {
        Verdict::Damaged(version)
    } else {
        Verdict::Foreign
    })
}

/// Whether every table (and column) the first `version` migrations make is
/// in the file; a table or column the user added does not matter.
fn holds_tables_of(conn: &Connection, version: i64) -> Result<bool> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    for (table, columns) in migrations::tables_at(version)?.iter() {
        // A virtual table of a module this build lacks fails to list: it is
        // not the one Touchpoint made either.
        let Ok(found) = stmt
            .query_map([table], |r| r.get::<_, String>(0))
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        else {
            return Ok(false);
        };
        if !columns.iter().all(|c| found.contains(c)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A connection to `path` that writes nothing, not even SQLite's own files.
///
/// `SQLITE_OPEN_READ_ONLY` alone is not enough: it never checkpoints, but it
/// rebuilds the `-shm` index (first truncating it) when no other connection
/// is open, and it creates `-wal` and `-shm` files beside a WAL database
/// that has none. So: with no `-wal`, every commit is in the file itself and
/// `immutable` reads just that; with one, `readonly_shm` reads the log
/// without writing the index (SQLite keeps a private copy when the index
/// needs rebuilding). A `-wal` with no `-shm` beside it (a crash that lost
/// the index, or a copy made without it) is read with a new `-shm` being
/// created: the only case where a file appears, and no existing byte changes.
///
/// A `-wal` of no more than its 32-byte header (a crash between writing the
/// header and the first frame) holds no commit: the main file has them all,
/// and `readonly_shm` on such a log fails every open with SQLITE_PROTOCOL
/// (its private index never reads the header's salt), so it is read as no log.
const WAL_HEADER_BYTES: u64 = 32;

/// SQLite's file beside `path` with this suffix (`-wal`, `-shm`).
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

fn read_only(path: &Path) -> Result<Connection> {
    let log = std::fs::metadata(beside(path, "-wal")).map_or(0, |m| m.len());
    let query = if log <= WAL_HEADER_BYTES {
        "immutable=1"
    } else if beside(path, "-shm").exists() {
        "mode=ro&readonly_shm=1"
    } else {
        "mode=ro"
    };
    let conn = Connection::open_with_flags(
        uri(path, query)?,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// A read-only connection that takes part in SQLite's locking like any
/// reader (and may add the `-shm` index beside a file that is ours).
fn ordinary_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// `path` as an SQLite URI filename with `query`: absolute, and every byte
/// that could be read as URI syntax (`?`, `#`, `%`, non-ASCII) escaped.
fn uri(path: &Path, query: &str) -> Result<String> {
    let full = std::path::absolute(path).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(full.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = full
        .to_str()
        .ok_or_else(|| {
            CoreError::invalid("path", format!("{} is not a UTF-8 path", path.display()))
        })?
        .replace('\\', "/")
        .into_bytes();
    let mut out = String::from("file://");
    if !bytes.starts_with(b"/") {
        // A Windows drive: file:///C:/...
        out.push('/');
    }
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('?');
    out.push_str(query);
    Ok(out)
}

#[cfg(test)]
mod tests;
