//! Sync over TLS with a real Radicale serving HTTPS: a self-signed server
//! is refused with its certificate's fingerprint and nothing changes; once
//! the user trusts that fingerprint, sync goes through; a certificate
//! replaced since is refused again, saying so. A server whose certificate
//! an authority in the system's roots signed needs no trust at all (the
//! roots come from `SSL_CERT_FILE`, which the system's store honours, so
//! the test does not depend on this machine's bundle).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use touchpoint_core::{CoreError, Database, UntrustedCertificate};
use touchpoint_test_support::certificates::Certificate;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{add, machine, sync};

fn names(db: &Database) -> Vec<String> {
    db.all_contacts()
        .unwrap()
        .into_iter()
        .map(|c| c.fields.display_name)
        .collect()
}

fn refused(db: &mut Database, server: &Radicale) -> UntrustedCertificate {
    match db.sync_contacts(&server.url, USER, PASSWORD) {
        Err(CoreError::UntrustedCertificate(refused)) => refused,
        other => panic!("the certificate should have been refused: {other:?}"),
    }
}

/// The cards the server holds, by their files in its storage (not in
/// Radicale's own caches, the hidden folders).
fn cards_on(server_dir: &Path) -> usize {
    fn walk(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        walk(&path)
                    } else {
                        usize::from(path.extension().is_some_and(|x| x == "vcf"))
                    }
                })
                .sum()
        })
    }
    walk(&server_dir.join("storage"))
}

#[test]
fn a_self_signed_server_is_refused_with_its_fingerprint_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let certificate = Certificate::self_signed(&dir.path().join("tls"), "home-server");
    let server = Radicale::start_tls(&dir.path().join("server"), &certificate);
    let mut a = machine(dir.path(), "a");
    add(&mut a, "Ada Lovelace");

    let refusal = refused(&mut a, &server);

    assert_eq!(
        refusal.fingerprint,
        certificate.fingerprint(),
        "the fingerprint shown is the certificate's SHA-256, as openssl computes it"
    );
    assert_eq!(refusal.host, "127.0.0.1");
    assert_eq!(refusal.trusted, None, "nothing was trusted before");
    let message = CoreError::UntrustedCertificate(refusal.clone()).to_string();
    assert!(
        message.contains(&format!("Fingerprint SHA-256: {}", refusal.fingerprint))
            && message.contains("not trusted"),
        "the error says it in words, with the fingerprint: {message}"
    );
    assert_eq!(names(&a), ["Ada Lovelace"], "the contacts are as they were");
    let status = a.sync_account_status().unwrap().unwrap();
    assert_eq!(status.trusted_certificate, None, "refusing trusts nothing");
    assert_eq!(
        status.last_error,
        Some(message),
        "the window shows the refusal as the last error"
    );
    assert_eq!(status.cards, 0);
    assert_eq!(
        cards_on(&server_dir(dir.path())),
        0,
        "nothing reached the server"
    );
    // Refused again: the refusal itself trusts nothing.
    assert_eq!(refused(&mut a, &server), refusal);
}

fn server_dir(dir: &Path) -> std::path::PathBuf {
    dir.join("server")
}

#[test]
fn a_trusted_fingerprint_syncs_and_a_replaced_certificate_is_refused_again() {
    let dir = tempfile::tempdir().unwrap();
    let tls = dir.path().join("tls");
    let first = Certificate::self_signed(&tls, "first");
    let mut server = Radicale::start_tls(&server_dir(dir.path()), &first);
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    add(&mut a, "Ada Lovelace");

    let shown = refused(&mut a, &server).fingerprint;
    let kept = a
        .trust_sync_certificate(&server.url, USER, &shown.to_lowercase().replace(':', ""))
        .unwrap();
    assert_eq!(kept, shown, "kept in the form shown, however it was pasted");
    let sent = sync(&mut a, &server);
    assert_eq!(sent.sent, 1, "{sent:?}");
    assert_eq!(cards_on(&server_dir(dir.path())), 1);
    assert_eq!(
        a.sync_account_status()
            .unwrap()
            .unwrap()
            .trusted_certificate,
        Some(shown.clone())
    );
    b.trust_sync_certificate(&server.url, USER, &shown).unwrap();
    let got = sync(&mut b, &server);
    assert_eq!(got.received, 1, "{got:?}");
    assert_eq!(names(&b), ["Ada Lovelace"]);

    // The server now shows another certificate: refused, saying it changed.
    let second = Certificate::self_signed(&tls, "second");
    server.replace_certificate(&second);
    add(&mut a, "Charles Babbage");
    let refusal = refused(&mut a, &server);
    assert_eq!(refusal.fingerprint, second.fingerprint());
    assert_eq!(refusal.trusted, Some(shown.clone()));
    let message = CoreError::UntrustedCertificate(refusal.clone()).to_string();
    assert!(
        message.contains("changed since you trusted it"),
        "{message}"
    );
    assert_eq!(
        cards_on(&server_dir(dir.path())),
        1,
        "Charles did not go to a server whose certificate is not trusted"
    );
    assert_eq!(
        a.sync_account_status()
            .unwrap()
            .unwrap()
            .trusted_certificate,
        Some(shown),
        "the trust given stays the one given"
    );
    let status = a.sync_account_status().unwrap().unwrap();
    assert!(
        status
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains(&refusal.fingerprint)),
        "the last error shows the new fingerprint: {status:?}"
    );

    // Trusting the new one (the user checked it) lets sync go on.
    a.trust_sync_certificate(&server.url, USER, &refusal.fingerprint)
        .unwrap();
    let sent = sync(&mut a, &server);
    assert_eq!(sent.sent, 1, "{sent:?}");
    assert_eq!(cards_on(&server_dir(dir.path())), 2);
}

#[test]
fn a_fingerprint_that_is_not_one_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = machine(dir.path(), "a");
    for bad in ["", "AB:CD", "not a fingerprint at all"] {
        match a.trust_sync_certificate("https://dav.example.com/", USER, bad) {
            Err(CoreError::Invalid { field, .. }) => assert_eq!(field, "fingerprint"),
            other => panic!("{bad:?} should be refused: {other:?}"),
        }
    }
    assert_eq!(
        a.sync_account_status().unwrap(),
        None,
        "no account was made"
    );
}

fn cli_sync(db: &Path, url: &str, extra: &[&str], ssl_cert_file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["sync", "--url", url, "--user", USER, "--db"])
        .arg(db)
        .args(extra)
        .env("TOUCHPOINT_SYNC_PASSWORD", PASSWORD)
        .env("SSL_CERT_FILE", ssl_cert_file)
        .env_remove("SSL_CERT_DIR")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_cli_trusts_the_system_roots_and_a_fingerprint_given_with_trust_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let tls = dir.path().join("tls");
    let (authority, signed) = Certificate::with_authority(&tls, "public");
    let public = Radicale::start_tls(&dir.path().join("public"), &signed);
    let db = dir.path().join("cli.sqlite3");

    // An authority the system's roots hold vouches for the server: no trust needed.
    let out = cli_sync(&db, &public.url, &[], &authority.cert);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Synced with https://127.0.0.1:"), "{text}");

    // The same server, with roots that do not hold its authority: refused.
    let other = Certificate::self_signed(&tls, "unrelated-roots");
    let out = cli_sync(&db, &public.url, &[], &other.cert);
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        error.contains(&format!("Fingerprint SHA-256: {}", signed.fingerprint())),
        "{error}"
    );

    // A self-signed server: refused with the flag to give, then trusted with it.
    let certificate = Certificate::self_signed(&tls, "home");
    let home = Radicale::start_tls(&dir.path().join("home"), &certificate);
    let fingerprint = certificate.fingerprint();
    let out = cli_sync(&db, &home.url, &[], &authority.cert);
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        error.contains(&format!("--trust-fingerprint {fingerprint}")),
        "{error}"
    );
    let out = cli_sync(
        &db,
        &home.url,
        &["--trust-fingerprint", &fingerprint],
        &authority.cert,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains(&format!(
            "Trusting the server certificate with SHA-256 {fingerprint}"
        )) && text.contains("Synced with https://127.0.0.1:"),
        "{text}"
    );
    // Kept: the next sync needs no flag.
    let out = cli_sync(&db, &home.url, &[], &authority.cert);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli_sync(
        &db,
        &home.url,
        &["--trust-fingerprint", "12:34"],
        &authority.cert,
    );
    assert!(!out.status.success(), "a malformed fingerprint is refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a SHA-256 fingerprint"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
