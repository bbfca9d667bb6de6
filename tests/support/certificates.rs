//! Server certificates for the sync tests over TLS, made by the `openssl`
//! command (installed by scripts/setup.sh): a self-signed one, as a home
//! server has, and one signed by an authority of the test's own, to stand
//! for a server the system's roots vouch for. All are for 127.0.0.1 and
//! localhost, and valid from 2000 to 2100 (made under libfaketime), so no
//! test depends on the date it runs at.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A certificate and its private key, as PEM files.
pub struct Certificate {
    pub cert: PathBuf,
    pub key: PathBuf,
}

const VALID_FROM: &str = "2000-01-01 00:00:00";
const DAYS: &str = "36500";
const NAMES: &str = "subjectAltName=IP:127.0.0.1,DNS:localhost";

/// libfaketime, loaded directly: the `faketime` wrapper's semaphore
/// clashes when tests make certificates in parallel.
fn libfaketime() -> PathBuf {
    [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib",
    ]
    .iter()
    .map(|dir| Path::new(dir).join("faketime/libfaketime.so.1"))
    .find(|path| path.exists())
    .expect("libfaketime must be installed (scripts/setup.sh installs faketime)")
}

fn openssl(args: &[&str]) {
    // The test's own faked clock, if any, gives way to the fixed one.
    let out = Command::new("openssl")
        .args(args)
        .env("LD_PRELOAD", libfaketime())
        .env("FAKETIME", format!("@{VALID_FROM}"))
        .env_remove("FAKETIME_SHARED")
        .output()
        .expect("openssl must be installed (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn paths(dir: &Path, name: &str) -> Certificate {
    std::fs::create_dir_all(dir).expect("the certificates' folder");
    Certificate {
        cert: dir.join(format!("{name}.pem")),
        key: dir.join(format!("{name}.key")),
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a path in UTF-8")
}

impl Certificate {
    /// A self-signed certificate named `name` in `dir`.
    pub fn self_signed(dir: &Path, name: &str) -> Certificate {
        let c = paths(dir, name);
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            DAYS,
            "-subj",
            &format!("/CN={name}"),
            "-addext",
            NAMES,
            "-keyout",
            text(&c.key),
            "-out",
            text(&c.cert),
        ]);
        c
    }

    /// An authority named `name`, and a server certificate it signed.
    pub fn with_authority(dir: &Path, name: &str) -> (Certificate, Certificate) {
        let authority = Certificate::self_signed(dir, &format!("{name}-authority"));
        let server = paths(dir, name);
        let request = dir.join(format!("{name}.csr"));
        let extensions = dir.join(format!("{name}.ext"));
        std::fs::write(
            &extensions,
            format!("{NAMES}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"),
        )
        .expect("the extensions file");
        openssl(&[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            text(&server.key),
            "-out",
            text(&request),
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            text(&request),
            "-CA",
            text(&authority.cert),
            "-CAkey",
            text(&authority.key),
            "-CAcreateserial",
            "-days",
            DAYS,
            "-extfile",
            text(&extensions),
            "-out",
            text(&server.cert),
        ]);
        (authority, server)
    }

    /// Its SHA-256 fingerprint as `openssl` shows it ("AB:CD:…").
    pub fn fingerprint(&self) -> String {
        let out = Command::new("openssl")
            .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
            .arg(&self.cert)
            .output()
            .expect("openssl must be installed");
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim()
            .rsplit('=')
            .next()
            .expect("openssl's fingerprint line")
            .to_owned()
    }
}
