//! A real system keyring for the tests: GNOME Keyring's Secret Service
//! (Debian's `gnome-keyring`, installed by scripts/setup.sh) on the test's
//! private session bus, with its login keyring made and unlocked by a known
//! password in a folder of its own; stopped when dropped. `--replace` takes
//! the bus name from any keyring started before (D-Bus can start one by
//! itself when something asks), so the tests always talk to this one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NAME: &str = "org.freedesktop.secrets";

pub struct TestKeyring {
    child: Child,
    pub dir: PathBuf,
}

fn owner_pid() -> Option<String> {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetConnectionUnixProcessID",
            &format!("string:{NAME}"),
        ])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status.success().then(|| {
        text.split_whitespace()
            .last()
            .unwrap_or_default()
            .to_owned()
    })
}

impl TestKeyring {
    /// Starts the keyring keeping its files under `dir`.
    pub fn start(dir: &Path) -> TestKeyring {
        let (data, run) = (dir.join("data"), dir.join("run"));
        for d in [&data, &run] {
            std::fs::create_dir_all(d).expect("the keyring's folders");
        }
        let mut child = Command::new("gnome-keyring-daemon")
            .args([
                "--replace",
                "--foreground",
                "--unlock",
                "--components=secrets",
            ])
            .env("XDG_DATA_HOME", &data)
            .env("XDG_RUNTIME_DIR", &run)
            .env("HOME", dir)
            // The keyring is the desktop's, on the real clock, as Radicale is.
            .env_remove("LD_PRELOAD")
            .env_remove("FAKETIME")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (scripts/setup.sh installs gnome-keyring)");
        // `--unlock` reads the login keyring's password up to the end of input.
        let mut stdin = child.stdin.take().expect("the daemon's input");
        stdin
            .write_all(b"test keyring")
            .expect("the keyring password");
        drop(stdin);
        let pid = child.id().to_string();
        let deadline = Instant::now() + Duration::from_secs(15);
        while owner_pid().as_deref() != Some(pid.as_str()) {
            assert!(
                Instant::now() < deadline,
                "gnome-keyring-daemon did not take {NAME} on the session bus"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        TestKeyring {
            child,
            dir: dir.to_owned(),
        }
    }

    /// What the keyring holds for Touchpoint's sync of `user`, read with
    /// libsecret's own tool (another client than the app's).
    pub fn lookup(&self, url: &str, user: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args([
                "lookup",
                "application",
                "touchpoint",
                "purpose",
                "sync",
                "url",
                url,
                "user",
                user,
            ])
            .env_remove("LD_PRELOAD")
            .env_remove("FAKETIME")
            .output()
            .expect("secret-tool (scripts/setup.sh installs libsecret-tools)");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for TestKeyring {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
