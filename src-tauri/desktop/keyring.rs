//! The sync password in the desktop's keyring, never in the database or a
//! log: the freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC),
//! spoken over the session bus with the zbus the app already links. The
//! "plain" session is what the keyring crates use by default too: the
//! secret crosses only the local session bus, which is the user's own.
//!
//! A locked keyring is unlocked through the desktop's own prompt (the user
//! types their keyring password there, not in Touchpoint); each call waits
//! for it at most `PROMPT_WAIT`, so a keyring nobody answers never blocks
//! sync, which then keeps the password for this run only.
//!
//! On macOS and Windows the Keychain and the Credential Manager keep it
//! (`native`).

#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) use secret_service::Keyring;

/// Why the keyring could not be used, in words for the Settings panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyringError(pub String);

impl std::fmt::Display for KeyringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The password kept for `user` at `url`, if any.
pub(crate) async fn find(url: &str, user: &str) -> Result<Option<String>, KeyringError> {
    #[cfg(all(unix, not(target_os = "macos")))]
    return Keyring::open().await?.find(url, user).await;
    #[cfg(any(target_os = "macos", windows))]
    return native::find(url, user).await;
    #[cfg(not(any(unix, windows)))]
    return Err(unsupported());
}

/// Keeps `password` for `user` at `url`.
pub(crate) async fn save(url: &str, user: &str, password: &str) -> Result<(), KeyringError> {
    #[cfg(all(unix, not(target_os = "macos")))]
    return Keyring::open().await?.save(url, user, password).await;
    #[cfg(any(target_os = "macos", windows))]
    return native::save(url, user, password).await;
    #[cfg(not(any(unix, windows)))]
    return Err(unsupported());
}

/// Removes what was kept for `user` at `url`.
pub(crate) async fn forget(url: &str, user: &str) -> Result<(), KeyringError> {
    #[cfg(all(unix, not(target_os = "macos")))]
    return Keyring::open().await?.forget(url, user).await;
    #[cfg(any(target_os = "macos", windows))]
    return native::forget(url, user).await;
    #[cfg(not(any(unix, windows)))]
    return Err(unsupported());
}

/// No keyring Touchpoint knows on this system.
#[cfg(not(any(unix, windows)))]
fn unsupported() -> KeyringError {
    KeyringError("Touchpoint cannot use this system's keyring yet".into())
}

#[cfg(any(target_os = "macos", windows))]
mod native;

#[cfg(all(unix, not(target_os = "macos")))]
mod secret_service {
    use std::collections::HashMap;
    use std::time::Duration;

    use futures_util::StreamExt;
    use zbus::{Connection, OwnedObjectPath, OwnedVariant, Variant};

    use super::KeyringError;

    const SERVICE: &str = "org.freedesktop.secrets";
    const SERVICE_PATH: &str = "/org/freedesktop/secrets";
    const SERVICE_IFACE: &str = "org.freedesktop.Secret.Service";
    const COLLECTION_IFACE: &str = "org.freedesktop.Secret.Collection";
    const ITEM_IFACE: &str = "org.freedesktop.Secret.Item";
    const PROMPT_IFACE: &str = "org.freedesktop.Secret.Prompt";
    /// Long enough to type a keyring password at the desktop's prompt.
    const PROMPT_WAIT: Duration = Duration::from_secs(120);
    /// A keyring that does not answer at all is no keyring.
    const CALL_WAIT: Duration = Duration::from_secs(10);

    /// (session, parameters, value, content type), as the Secret Service sends it.
    type Secret = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);

    fn failed(what: &str) -> impl Fn(zbus::Error) -> KeyringError + '_ {
        move |e| KeyringError(format!("the system keyring could not {what} ({e})"))
    }

    /// A session with the user's keyring.
    pub(crate) struct Keyring {
        bus: Connection,
        session: OwnedObjectPath,
    }

    fn attributes<'a>(url: &'a str, user: &'a str) -> HashMap<&'a str, &'a str> {
        HashMap::from([
            ("application", "touchpoint"),
            ("purpose", "sync"),
            ("url", url),
            ("user", user),
        ])
    }

    async fn within<T>(
        wait: Duration,
        what: &str,
        call: impl Future<Output = Result<T, KeyringError>>,
    ) -> Result<T, KeyringError> {
        tokio::time::timeout(wait, call)
            .await
            .map_err(|_| KeyringError(format!("the system keyring did not answer ({what})")))?
    }

    impl Keyring {
        /// Opens a session with the keyring of this desktop session.
        pub(crate) async fn open() -> Result<Self, KeyringError> {
            within(CALL_WAIT, "opening a session", async {
                let bus = Connection::session()
                    .await
                    .map_err(failed("be reached on the session bus"))?;
                let reply = bus
                    .call_method(
                        Some(SERVICE),
                        SERVICE_PATH,
                        Some(SERVICE_IFACE),
                        "OpenSession",
                        &("plain", Variant::from("")),
                    )
                    .await
                    .map_err(|e| {
                        KeyringError(format!(
                            "there is no system keyring (Secret Service) in this session ({e})"
                        ))
                    })?;
                let (_, session): (OwnedVariant, OwnedObjectPath) = reply
                    .body()
                    .deserialize()
                    .map_err(failed("open a session"))?;
                Ok(Keyring { bus, session })
            })
            .await
        }

        async fn call<B, R>(
            &self,
            path: &str,
            iface: &str,
            method: &str,
            body: &B,
        ) -> zbus::Result<R>
        where
            B: serde::Serialize + zbus::DynamicType,
            R: for<'d> zbus::wire::DynamicDeserialize<'d>,
        {
            let reply = self
                .bus
                .call_method(Some(SERVICE), path, Some(iface), method, body)
                .await?;
            reply.body().deserialize()
        }

        /// Waits for the desktop's prompt (an unlock, a confirmation) to be answered.
        async fn prompt(&self, prompt: OwnedObjectPath) -> Result<(), KeyringError> {
            if prompt.as_str() == "/" {
                return Ok(());
            }
            within(PROMPT_WAIT, "its unlock prompt was not answered", async {
                let proxy = zbus::Proxy::new(&self.bus, SERVICE, prompt.as_str(), PROMPT_IFACE)
                    .await
                    .map_err(failed("prompt"))?;
                let mut completed = proxy
                    .receive_signal("Completed")
                    .await
                    .map_err(failed("prompt"))?;
                proxy
                    .call_method("Prompt", &("",))
                    .await
                    .map_err(failed("prompt"))?;
                let signal = completed
                    .next()
                    .await
                    .ok_or_else(|| KeyringError("the keyring's prompt went away".into()))?;
                let (dismissed, _): (bool, OwnedVariant) =
                    signal.body().deserialize().map_err(failed("prompt"))?;
                if dismissed {
                    return Err(KeyringError("the keyring was not unlocked".into()));
                }
                Ok(())
            })
            .await
        }

        async fn unlock(&self, objects: Vec<OwnedObjectPath>) -> Result<(), KeyringError> {
            let (_, prompt): (Vec<OwnedObjectPath>, OwnedObjectPath) =
                within(CALL_WAIT, "unlocking", async {
                    self.call(SERVICE_PATH, SERVICE_IFACE, "Unlock", &(objects,))
                        .await
                        .map_err(failed("be unlocked"))
                })
                .await?;
            self.prompt(prompt).await
        }

        async fn items(&self, url: &str, user: &str) -> Result<Vec<OwnedObjectPath>, KeyringError> {
            let (mut unlocked, locked): (Vec<OwnedObjectPath>, Vec<OwnedObjectPath>) =
                within(CALL_WAIT, "searching", async {
                    self.call(
                        SERVICE_PATH,
                        SERVICE_IFACE,
                        "SearchItems",
                        &(attributes(url, user),),
                    )
                    .await
                    .map_err(failed("be searched"))
                })
                .await?;
            if !locked.is_empty() {
                self.unlock(locked.clone()).await?;
                unlocked.extend(locked);
            }
            Ok(unlocked)
        }

        /// Keeps `password` for `user` at `url`, replacing one kept before.
        pub(crate) async fn save(
            &self,
            url: &str,
            user: &str,
            password: &str,
        ) -> Result<(), KeyringError> {
            let collection: OwnedObjectPath =
                within(CALL_WAIT, "finding the default keyring", async {
                    self.call(SERVICE_PATH, SERVICE_IFACE, "ReadAlias", &("default",))
                        .await
                        .map_err(failed("name its default keyring"))
                })
                .await?;
            if collection.as_str() == "/" {
                return Err(KeyringError(
                    "the system keyring has no default keyring to keep it in".into(),
                ));
            }
            self.unlock(vec![collection.clone()]).await?;
            let properties: HashMap<&str, Variant<'_>> = HashMap::from([
                (
                    "org.freedesktop.Secret.Item.Label",
                    Variant::from(format!("Touchpoint sync password for {user} at {url}")),
                ),
                (
                    "org.freedesktop.Secret.Item.Attributes",
                    Variant::from(attributes(url, user)),
                ),
            ]);
            let secret: Secret = (
                self.session.clone(),
                Vec::new(),
                password.as_bytes().to_vec(),
                "text/plain; charset=utf8".into(),
            );
            let (_, prompt): (OwnedObjectPath, OwnedObjectPath) =
                within(CALL_WAIT, "saving", async {
                    self.call(
                        collection.as_str(),
                        COLLECTION_IFACE,
                        "CreateItem",
                        &(properties, secret, true),
                    )
                    .await
                    .map_err(failed("keep the password"))
                })
                .await?;
            self.prompt(prompt).await
        }

        /// The password kept for `user` at `url`, if any.
        pub(crate) async fn find(
            &self,
            url: &str,
            user: &str,
        ) -> Result<Option<String>, KeyringError> {
            let Some(item) = self.items(url, user).await?.into_iter().next() else {
                return Ok(None);
            };
            let (_, _, value, _): Secret = within(CALL_WAIT, "reading", async {
                self.call(item.as_str(), ITEM_IFACE, "GetSecret", &(&self.session,))
                    .await
                    .map_err(failed("give the password back"))
            })
            .await?;
            String::from_utf8(value)
                .map(Some)
                .map_err(|_| KeyringError("the password in the system keyring is not text".into()))
        }

        /// Removes every password kept for `user` at `url`.
        pub(crate) async fn forget(&self, url: &str, user: &str) -> Result<(), KeyringError> {
            for item in self.items(url, user).await? {
                let prompt: OwnedObjectPath = within(CALL_WAIT, "deleting", async {
                    self.call(item.as_str(), ITEM_IFACE, "Delete", &())
                        .await
                        .map_err(failed("remove the password"))
                })
                .await?;
                self.prompt(prompt).await?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
