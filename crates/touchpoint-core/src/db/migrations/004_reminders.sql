-- 4: reminders. A follow-up with a remind_at is notified on its own (promised
-- callbacks, times the user chose); cadence steps come in the morning digest.
-- delivered_at is written in the same transaction that shows the notification,
-- so an occurrence is shown once across restarts and crashes; a snooze moves
-- remind_at and clears delivered_at: a new occurrence.
ALTER TABLE followups ADD COLUMN remind_at INTEGER;
ALTER TABLE followups ADD COLUMN delivered_at INTEGER;
-- promised callbacks: 1 kept on time, 0 late or missed, NULL while open
ALTER TABLE followups ADD COLUMN kept INTEGER;
UPDATE followups SET remind_at = due_at WHERE kind IN ('promise', 'custom');
CREATE INDEX followups_to_remind ON followups (remind_at)
    WHERE status = 'open' AND delivered_at IS NULL AND remind_at IS NOT NULL;

CREATE TABLE digests (
    -- the user's local date the digest was for
    day          TEXT PRIMARY KEY,
    delivered_at INTEGER NOT NULL
) STRICT;
