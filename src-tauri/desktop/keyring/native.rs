//! The sync password in the macOS Keychain or the Windows Credential
//! Manager, through the `keyring` crate (its apple-native and
//! windows-native stores, chosen per target in Cargo.toml). Its calls
//! block (the Keychain may show its own prompt), so each runs on a
//! blocking thread, never on the async runtime's workers.

use super::KeyringError;

fn failed(e: keyring::Error) -> KeyringError {
    KeyringError(format!("the system keyring could not be used ({e})"))
}

/// One entry per server and user, as the Secret Service's attributes do on Linux.
fn entry(url: &str, user: &str) -> Result<keyring::Entry, KeyringError> {
    keyring::Entry::new(&format!("Touchpoint sync {url}"), user).map_err(failed)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, KeyringError> + Send + 'static,
) -> Result<T, KeyringError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| KeyringError(format!("the system keyring could not be asked ({e})")))?
}

pub(crate) async fn find(url: &str, user: &str) -> Result<Option<String>, KeyringError> {
    let (url, user) = (url.to_owned(), user.to_owned());
    blocking(move || match entry(&url, &user)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(failed(e)),
    })
    .await
}

pub(crate) async fn save(url: &str, user: &str, password: &str) -> Result<(), KeyringError> {
    let (url, user, password) = (url.to_owned(), user.to_owned(), password.to_owned());
    blocking(move || entry(&url, &user)?.set_password(&password).map_err(failed)).await
}

pub(crate) async fn forget(url: &str, user: &str) -> Result<(), KeyringError> {
    let (url, user) = (url.to_owned(), user.to_owned());
    blocking(move || match entry(&url, &user)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(failed(e)),
    })
    .await
}
