//! Trusting a self-signed sync server through the real window: connecting
//! in Settings to a Radicale serving HTTPS with a self-signed certificate is
//! refused, and the panel shows the certificate's fingerprint and a button
//! to trust it; once trusted, sync goes through and brings the other
//! machine's contact. When the server later shows another certificate, the
//! next sync is refused again and the panel says the certificate changed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use touchpoint_test_support::app::App;
use touchpoint_test_support::certificates::Certificate;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::keyring::TestKeyring;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{add, machine};

/// Whether the panel offers to trust a certificate.
async fn trust_offered(app: &App) -> bool {
    app.element("sync-trust")
        .await
        .is_displayed()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_signed_server_is_trusted_by_its_fingerprint_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let tls = dir.path().join("tls");
    let first = Certificate::self_signed(&tls, "home-server");
    let fingerprint = first.fingerprint();
    let mut server = Radicale::start_tls(&dir.path().join("server"), &first);
    let _keyring = TestKeyring::start(&dir.path().join("keyring"));
    // The machines' clock (sync_machines') and the window's.
    let clock = TestClock::at(2026, 11, 24, 10, 0);
    let mut other = machine(dir.path(), "other");
    add(&mut other, "Katherine Johnson");
    other
        .trust_sync_certificate(&server.url, USER, &fingerprint)
        .unwrap();
    other.sync_contacts(&server.url, USER, PASSWORD).unwrap();
    add(&mut machine(dir.path(), "ours"), "Ada Lovelace");
    let ours = dir.path().join("ours.sqlite3");

    let app = App::launch(&ours, &clock).await;
    app.element("nav-settings").await.click().await.unwrap();
    app.wait_for_text("sync-status", "the sync panel", |t| t == "Not syncing.")
        .await;
    assert!(
        !trust_offered(&app).await,
        "nothing to trust before a certificate is refused"
    );
    for (id, text) in [
        ("sync-url", server.url.as_str()),
        ("sync-user", USER),
        ("sync-password", PASSWORD),
    ] {
        app.element(id).await.send_keys(text).await.unwrap();
    }
    app.element("sync-connect").await.click().await.unwrap();
    app.wait_for_text("sync-certificate", "the refused certificate", |t| {
        t.starts_with(&format!(
            "This server's certificate is not trusted. Fingerprint SHA-256: {fingerprint}."
        ))
    })
    .await;
    app.wait_for_text("sync-status", "the refusal in words", |t| {
        t.contains("is not trusted") && t.contains(&fingerprint)
    })
    .await;
    assert!(trust_offered(&app).await);

    app.element("sync-trust").await.click().await.unwrap();
    let said = app
        .wait_for_text("sync-status", "the sync once trusted", |t| {
            t.starts_with("Synced")
        })
        .await;
    assert!(said.contains("received 1"), "{said}");
    app.wait_for_text("sync-certificate", "the certificate trusted", |t| {
        t == format!("The server's own certificate is trusted: SHA-256 {fingerprint}.")
    })
    .await;
    assert!(!trust_offered(&app).await);
    app.element("nav-contacts").await.click().await.unwrap();
    app.wait_for_text("contact-list", "the contact from the server", |t| {
        t.contains("Katherine Johnson") && t.contains("Ada Lovelace")
    })
    .await;

    // Another certificate on the same server: refused again, saying so.
    let second = Certificate::self_signed(&tls, "replaced");
    server.replace_certificate(&second);
    app.element("nav-settings").await.click().await.unwrap();
    app.element("sync-now").await.click().await.unwrap();
    app.wait_for_text("sync-certificate", "the changed certificate", |t| {
        t.contains(&format!("Fingerprint SHA-256: {}.", second.fingerprint()))
            && t.contains(&format!("It changed since you trusted {fingerprint}."))
    })
    .await;
    assert!(trust_offered(&app).await);
    app.close().await;
}
