//! The daily backup: a minute after start-up and then every hour, a copy is
//! made unless today's (in the user's time zone) exists. It reads through a
//! connection of its own, so the window and the reminders carry on meanwhile.

use std::time::Duration;

use crate::store::Store;

const LOOK_EVERY: Duration = Duration::from_secs(60 * 60);

/// The day's first copy reads the whole file (half a gigabyte for a heavy
/// user): not while the window starts, on two cores it slowed the first
/// paint (scripts/bench-start.sh).
const FIRST_AFTER: Duration = Duration::from_secs(60);

pub(crate) fn start(store: Store) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_AFTER).await;
        loop {
            if let Err(error) = daily(&store).await {
                tracing::error!("the daily backup failed: {error}");
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

async fn daily(store: &Store) -> Result<(), crate::error::ApiError> {
    let zone = store.read(|db| Ok(db.settings()?.zone())).await?;
    let (folder, path, now) = (
        store.backups(),
        store.path().to_path_buf(),
        store.clock().now(),
    );
    let made = tauri::async_runtime::spawn_blocking(move || {
        folder.daily(&path, now, |t| t.with_timezone(&zone).date_naive())
    })
    .await
    .map_err(|e| crate::error::ApiError::internal(format!("the backup task failed: {e}")))??;
    if let Some(copy) = made {
        tracing::info!(bytes = copy.size_bytes, "backed up to {}", copy.name);
    }
    Ok(())
}
