use touchpoint_test_support::keyring::TestKeyring;

use super::*;

const URL: &str = "https://dav.example/";

#[tokio::test]
async fn a_password_is_kept_found_replaced_and_forgotten() {
    let dir = tempfile::tempdir().expect("a folder for the keyring");
    let keyring = TestKeyring::start(dir.path());
    assert_eq!(find(URL, "alice").await, Ok(None));

    save(URL, "alice", "first").await.expect("kept");
    save(URL, "alice", "correct horse").await.expect("replaced");
    assert_eq!(find(URL, "alice").await, Ok(Some("correct horse".into())));
    // Another client of the same keyring (libsecret's) reads the same.
    assert_eq!(
        keyring.lookup(URL, "alice").as_deref(),
        Some("correct horse")
    );
    assert_eq!(
        find(URL, "bob").await,
        Ok(None),
        "another user's is not hers"
    );
    assert_eq!(find("https://other.example/", "alice").await, Ok(None));

    forget(URL, "alice").await.expect("forgotten");
    assert_eq!(find(URL, "alice").await, Ok(None));
    assert_eq!(keyring.lookup(URL, "alice"), None);
}
