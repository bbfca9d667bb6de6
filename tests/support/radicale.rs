//! A real CardDAV server for the sync tests: Radicale (Debian's package,
//! installed by scripts/setup.sh), started on 127.0.0.1 with a free port, a
//! storage folder of its own and one user in a plain htpasswd file; stopped
//! when dropped. It can be stopped and started again on the same storage,
//! as a server that goes away mid-sync and comes back. It can serve HTTPS
//! with a certificate of the test's (`certificates`).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::certificates::Certificate;
use crate::ports::free_port;

pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse";

pub struct Radicale {
    pub url: String,
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
    /// The certificate it serves HTTPS with, if it does.
    tls: Option<(PathBuf, PathBuf)>,
}

impl Radicale {
    /// Starts a server keeping its data under `dir`.
    pub fn start(dir: &Path) -> Radicale {
        Radicale::start_with(dir, None)
    }

    /// Starts a server keeping its data under `dir`, serving HTTPS with `certificate`.
    pub fn start_tls(dir: &Path, certificate: &Certificate) -> Radicale {
        Radicale::start_with(dir, Some(certificate))
    }

    fn start_with(dir: &Path, certificate: Option<&Certificate>) -> Radicale {
        std::fs::create_dir_all(dir.join("storage")).expect("the storage folder");
        std::fs::write(dir.join("users"), format!("{USER}:{PASSWORD}\n")).expect("the users file");
        let port = free_port();
        let scheme = if certificate.is_some() {
            "https"
        } else {
            "http"
        };
        let mut server = Radicale {
            url: format!("{scheme}://127.0.0.1:{port}/"),
            port,
            dir: dir.to_owned(),
            child: None,
            tls: certificate.map(|c| (c.cert.clone(), c.key.clone())),
        };
        server.resume();
        server
    }

    /// Serves another certificate from now on (restarted on the same data
    /// and port), as a server whose certificate was replaced.
    pub fn replace_certificate(&mut self, certificate: &Certificate) {
        self.stop();
        self.tls = Some((certificate.cert.clone(), certificate.key.clone()));
        self.resume();
    }

    /// Changes the user's password (as on the server's own pages); the
    /// server reads it at the next request.
    pub fn set_password(&self, password: &str) {
        std::fs::write(self.dir.join("users"), format!("{USER}:{password}\n"))
            .expect("the users file");
    }

    /// Stops the server (as a crash would: killed), keeping its data.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port and data.
    pub fn resume(&mut self) {
        let dir = &self.dir;
        let tls: Vec<String> = match &self.tls {
            Some((cert, key)) => vec![
                "--ssl".into(),
                "True".into(),
                "--certificate".into(),
                cert.display().to_string(),
                "--key".into(),
                key.display().to_string(),
            ],
            None => Vec::new(),
        };
        // The server is another machine with its own clock: when the tests
        // run with theirs moved (libfaketime), it keeps the real one (under
        // libfaketime Radicale's storage answers 500).
        let child = Command::new("radicale")
            .env_remove("LD_PRELOAD")
            .env_remove("FAKETIME")
            .args([
                "--server-hosts",
                &format!("127.0.0.1:{}", self.port),
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                &dir.join("users").display().to_string(),
                "--auth-htpasswd-encryption",
                "plain",
                "--storage-filesystem-folder",
                &dir.join("storage").display().to_string(),
                "--rights-type",
                "owner_only",
            ])
            .args(&tls)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(self.log())
            .spawn()
            .expect("radicale must be installed (scripts/setup.sh installs it)");
        let child = self.child.insert(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "Radicale did not start on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // A server that could not bind its port exits: what answered
        // was another program, and this one is not running.
        assert!(
            matches!(child.try_wait(), Ok(None)),
            "Radicale exited instead of serving on port {} (taken by another program?)",
            self.port
        );
    }
}

impl Radicale {
    /// Where the server writes what it says (each start appends).
    fn log(&self) -> std::fs::File {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("radicale.log"))
            .expect("Radicale's log file")
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        // A test failing against this server shows whether it was still
        // running and what it said: a sync once found nothing listening
        // right after the server had answered the start-up check.
        if std::thread::panicking() {
            let state = match self.child.as_mut().map(Child::try_wait) {
                Some(Ok(None)) => "still running".to_owned(),
                Some(Ok(Some(status))) => format!("exited: {status}"),
                Some(Err(e)) => format!("unknown: {e}"),
                None => "stopped by the test".to_owned(),
            };
            let log = std::fs::read_to_string(self.dir.join("radicale.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!(
                "Radicale on port {} ({state}); the end of its log:\n{}",
                self.port,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
        self.stop();
    }
}
