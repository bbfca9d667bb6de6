//! Backups: consistent copies of the one database file, and putting one back.
//!
//! A copy is made with `VACUUM INTO` on a connection of its own (never a
//! file copy of a live WAL database), written under a `.partial` name,
//! synced and only then renamed, so a copy cut short by a crash is never
//! listed. A restore checks the file first (SQLite, undamaged, not from a
//! newer Touchpoint, a Touchpoint database at all) and copies it into the
//! live connection with SQLite's backup API in one step: one write
//! transaction, so a crash mid-restore leaves the data as it was.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::db::ownership::{self, check_backup, check_export_target};
use crate::db::{Database, journal, migrations, name_order};
use crate::error::{CoreError, Result};

/// Why a copy was made; the first word of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The automatic one of the day.
    Daily,
    /// Asked for by the user ("Back up now", `touchpoint backup`).
    Manual,
    /// Taken before a newer Touchpoint upgraded the file.
    BeforeUpgrade,
    /// The state just before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    const ALL: [BackupKind; 4] = [
        BackupKind::Daily,
        BackupKind::Manual,
        BackupKind::BeforeUpgrade,
        BackupKind::BeforeRestore,
    ];

    fn prefix(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::BeforeUpgrade => "before-upgrade",
            BackupKind::BeforeRestore => "before-restore",
        }
    }
}

/// One copy in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    /// The file name inside the backup folder: what a restore asks for.
    pub name: String,
    pub kind: BackupKind,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

const STAMP: &str = "%Y%m%d-%H%M%S";
const PARTIAL: &str = ".partial";

/// How many of each kind are kept: the last 7 daily copies plus the newest
/// of each of the 4 weeks before them; the last 10 manual copies; the last
/// 3 taken before an upgrade or a restore.
const DAILY_KEPT: usize = 7;
const WEEKLY_KEPT: usize = 4;
const MANUAL_KEPT: usize = 10;
const SAFETY_KEPT: usize = 3;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CoreError + '_ {
    move |source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a consistent copy of the database open on `conn` to `out`;
/// `tidy` runs on the copy before it gets its final name.
fn copy_into(conn: &Connection, out: &Path) -> Result<u64> {
    copy_tidied(conn, out, |_| Ok(()))
}

fn copy_tidied(
    conn: &Connection,
    out: &Path,
    tidy: impl FnOnce(&Connection) -> Result<()>,
) -> Result<u64> {
    let partial = PathBuf::from(format!("{}{PARTIAL}", out.display()));
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let _ = fs::remove_file(&partial);
    let target = partial.to_str().ok_or_else(|| {
        CoreError::invalid("path", format!("{} is not a UTF-8 path", out.display()))
    })?;
    conn.execute("VACUUM INTO ?1", [target])?;
    tidy(&Connection::open(&partial)?)?;
    // The copy is on disk before its final name says it is complete.
    fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(io(&partial))?;
    fs::rename(&partial, out).map_err(io(out))?;
    if let Some(dir) = out.parent() {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(fs::metadata(out).map_err(io(out))?.len())
}

/// A consistent copy of the database file at `live`, read through a
/// read-only connection of its own (the app keeps working meanwhile).
///
/// # Errors
/// [`CoreError::Invalid`] when `out` is `live` or a file beside it that
/// SQLite keeps; [`CoreError::NotADatabase`] or an SQLite error for the
/// source; [`CoreError::Io`] when the copy cannot be written.
pub fn backup_file(live: &Path, out: &Path) -> Result<u64> {
    ownership::refuse_live_parts(out, live)?;
    let conn = Connection::open_with_flags(
        live,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy_into(&conn, out)
}

/// Everything the user has (contacts, touches, follow-ups, promises,
/// templates, settings) as one file: an SQLite database with this build's
/// schema (see `docs/export-format.md`), without the undo journal. Restoring
/// it into an empty database gives the same app state.
///
/// # Errors
/// As [`check_export_target`], then as [`backup_file`].
pub fn export_everything(live: &Path, out: &Path) -> Result<u64> {
    check_export_target(out, live)?;
    let conn = Connection::open_with_flags(
        live,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy_tidied(&conn, out, |copy| {
        // The notifications on this session's screen mean nothing elsewhere,
        // nor does the count of this file's renames (a restore moves past it).
        copy.execute_batch(
            "DELETE FROM undo_journal; DELETE FROM notices_sent;
             UPDATE name_order_version SET n = 0; VACUUM;",
        )?;
        Ok(())
    })
}

impl Database {
    /// Replaces everything with the backup at `path`, after checking it.
    /// The undo journal starts empty: what it held belonged to the data
    /// just replaced.
    ///
    /// # Errors
    /// As [`check_backup`]; nothing changes then.
    pub fn restore_from(&mut self, path: &Path) -> Result<()> {
        self.restore_after(path, |_| Ok(()))
    }

    /// [`Database::restore_from`], running `first` (a copy of the current
    /// state) once the file has passed its check and before it replaces
    /// anything: a refused file costs no copy, and is checked once.
    ///
    /// # Errors
    /// As [`check_backup`], or what `first` fails with; nothing changes then.
    pub fn restore_after<T>(
        &mut self,
        path: &Path,
        first: impl FnOnce(&Database) -> Result<T>,
    ) -> Result<T> {
        check_backup(path)?;
        let made = first(self)?;
        journal::uninstall(&self.conn)?;
        let replaced = self.replace_with(path);
        // Whatever the copy's count, these places are of the data it replaced.
        self.name_order
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .forget();
        // The journal's triggers are made again by the next undoable action,
        // for the tables as they now are, whatever happened.
        self.journal_ready.set(false);
        replaced.map(|()| made)
    }

    fn replace_with(&mut self, path: &Path) -> Result<()> {
        let seen = name_order::count(&self.conn)?;
        let source = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            // Every page in one step: one write transaction on the live file.
            match copy.step(-1)? {
                rusqlite::backup::StepResult::Done => {}
                other => {
                    return Err(CoreError::invalid(
                        "backup",
                        format!("the database is busy ({other:?}); try the restore again"),
                    ));
                }
            }
        }
        migrations::migrate(&mut self.conn)?;
        // Other connections hold places read at counts up to `seen`; the
        // copy's own count may be one of them, with other names.
        name_order::move_past(&self.conn, seen)?;
        // The copy's notification ids are of a screen that is gone.
        self.conn
            .execute_batch("DELETE FROM undo_journal; DELETE FROM notices_sent;")?;
        Ok(())
    }
}

/// The backup folder: `backups/` beside the database file.
#[derive(Debug, Clone)]
pub struct BackupFolder {
    dir: PathBuf,
}

impl BackupFolder {
    #[must_use]
    pub fn beside(db_path: &Path) -> Self {
        let dir = db_path
            .parent()
            .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"));
        Self { dir }
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of backup `name`, refusing anything but a plain file name
    /// of this folder.
    ///
    /// # Errors
    /// [`CoreError::NotFound`]-like [`CoreError::Invalid`] for an unknown name.
    pub fn path_of(&self, name: &str) -> Result<PathBuf> {
        if self.list()?.iter().any(|b| b.name == name) {
            Ok(self.dir.join(name))
        } else {
            Err(CoreError::invalid(
                "backup",
                format!("there is no backup called {name}"),
            ))
        }
    }

    /// Every complete copy, newest first (a `.partial` one is not listed).
    ///
    /// # Errors
    /// [`CoreError::Io`] when the folder exists but cannot be read.
    pub fn list(&self) -> Result<Vec<BackupFile>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&self.dir)(e)),
        };
        let mut out: Vec<BackupFile> = entries
            .filter_map(std::result::Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let (kind, taken_at) = parse_name(&name)?;
                let size_bytes = entry.metadata().ok()?.len();
                Some(BackupFile {
                    name,
                    kind,
                    taken_at,
                    size_bytes,
                })
            })
            .collect();
        out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
        Ok(out)
    }

    /// A new copy of the database at `live`, of `kind`, taken `now`; then
    /// the folder is pruned.
    ///
    /// # Errors
    /// As [`backup_file`].
    pub fn take(&self, live: &Path, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupFile> {
        let name = format!("{}-{}.sqlite3", kind.prefix(), now.format(STAMP));
        let size_bytes = backup_file(live, &self.dir.join(&name))?;
        self.prune()?;
        Ok(BackupFile {
            name,
            kind,
            taken_at: now,
            size_bytes,
        })
    }

    /// Today's automatic copy, unless there is one already (`today` in the
    /// user's zone, as `local_day` reads a copy's time).
    ///
    /// # Errors
    /// As [`backup_file`].
    pub fn daily(
        &self,
        live: &Path,
        now: DateTime<Utc>,
        local_day: impl Fn(DateTime<Utc>) -> NaiveDate,
    ) -> Result<Option<BackupFile>> {
        let today = local_day(now);
        let done = self
            .list()?
            .iter()
            .any(|b| b.kind == BackupKind::Daily && local_day(b.taken_at) == today);
        if done {
            return Ok(None);
        }
        self.take(live, BackupKind::Daily, now).map(Some)
    }

    /// Removes what the keeping rules no longer keep, and stale partials.
    fn prune(&self) -> Result<()> {
        let all = self.list()?;
        let mut keep: Vec<&BackupFile> = Vec::new();
        for kind in BackupKind::ALL {
            let of_kind: Vec<&BackupFile> = all.iter().filter(|b| b.kind == kind).collect();
            match kind {
                BackupKind::Daily => {
                    keep.extend(of_kind.iter().take(DAILY_KEPT));
                    let mut weeks = Vec::new();
                    for b in of_kind.iter().skip(DAILY_KEPT) {
                        let week = b.taken_at.iso_week();
                        if weeks.len() < WEEKLY_KEPT && !weeks.contains(&week) {
                            weeks.push(week);
                            keep.push(b);
                        }
                    }
                }
                BackupKind::Manual => keep.extend(of_kind.iter().take(MANUAL_KEPT)),
                BackupKind::BeforeUpgrade | BackupKind::BeforeRestore => {
                    keep.extend(of_kind.iter().take(SAFETY_KEPT));
                }
            }
        }
        for b in &all {
            if !keep.iter().any(|k| k.name == b.name) {
                let path = self.dir.join(&b.name);
                fs::remove_file(&path).map_err(io(&path))?;
            }
        }
        for entry in fs::read_dir(&self.dir).map_err(io(&self.dir))?.flatten() {
            if entry.file_name().to_string_lossy().ends_with(PARTIAL) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

/// "daily-20261202-093000.sqlite3" → its kind and time.
fn parse_name(name: &str) -> Option<(BackupKind, DateTime<Utc>)> {
    let stem = name.strip_suffix(".sqlite3")?;
    BackupKind::ALL.into_iter().find_map(|kind| {
        let stamp = stem.strip_prefix(kind.prefix())?.strip_prefix('-')?;
        let at = chrono::NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
        Some((kind, at.and_utc()))
    })
}

/// Before a migration changes an existing file: a copy of it as it was.
pub(crate) fn before_upgrade(conn: &Connection, db_path: &Path, now: DateTime<Utc>) -> Result<()> {
    let folder = BackupFolder::beside(db_path);
    let name = format!(
        "{}-{}.sqlite3",
        BackupKind::BeforeUpgrade.prefix(),
        now.format(STAMP)
    );
    copy_into(conn, &folder.dir.join(name))?;
    folder.prune()
}

#[cfg(test)]
mod tests;
