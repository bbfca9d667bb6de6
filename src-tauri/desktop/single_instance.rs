//! One running Touchpoint per database: a second launch on the same file
//! brings the first window to the front and exits. Two databases (say, a
//! demo file next to the real one) can run side by side.
//!
//! The first instance listens on a Unix socket beside the database; a socket
//! left by a crash is detected (nobody answers) and replaced. Elsewhere than
//! Unix the check is skipped and every launch opens a window.

use std::path::{Path, PathBuf};

pub(crate) enum Instance {
    /// This process is the first (or the check is unavailable).
    First(Option<Listener>),
    /// Another process has the database open and was asked to come forward.
    AlreadyRunning,
}

pub(crate) struct Listener {
    #[cfg(unix)]
    listener: std::os::unix::net::UnixListener,
    pub(crate) path: PathBuf,
}

pub(crate) fn socket_path(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".instance");
    db.with_file_name(name)
}

#[cfg(unix)]
pub(crate) fn claim(db: &Path) -> Instance {
    use std::io::{Read, Write};
    use std::os::unix::net::{UnixListener, UnixStream};

    let path = socket_path(db);
    if let Ok(mut stream) = UnixStream::connect(&path) {
        let mut answer = [0_u8; 2];
        if stream.write_all(b"show\n").is_ok()
            && stream.read_exact(&mut answer).is_ok()
            && &answer == b"ok"
        {
            return Instance::AlreadyRunning;
        }
    }
    let _ = std::fs::remove_file(&path);
    // Without the socket the app still works; only this check is lost.
    Instance::First(
        UnixListener::bind(&path)
            .ok()
            .map(|listener| Listener { listener, path }),
    )
}

#[cfg(not(unix))]
pub(crate) fn claim(_db: &Path) -> Instance {
    Instance::First(None)
}

impl Listener {
    /// Answers later launches on a background thread, calling `on_wake` for each.
    pub(crate) fn serve(self, on_wake: impl Fn() + Send + 'static) {
        #[cfg(unix)]
        std::thread::spawn(move || {
            use std::io::{Read, Write};
            for stream in self.listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = [0_u8; 5];
                if stream.read_exact(&mut request).is_ok() && &request == b"show\n" {
                    let _ = stream.write_all(b"ok");
                    on_wake();
                }
            }
        });
        #[cfg(not(unix))]
        let _ = (self, on_wake);
    }
}
