-- 20: the notices shown once a day (the morning digest, the follow-up
-- hour's start) synced, so a machine does not show again what another
-- showed that day: one journal entry per local day in the task list. Each
-- remembers its href, its ETag and the entry as last agreed with the server.
CREATE TABLE sync_day_marks (
    account_id INTEGER NOT NULL REFERENCES sync_accounts (id) ON DELETE CASCADE,
    -- the user's local date, as the digests and followup_hour_notices keep it
    day        TEXT NOT NULL,
    href       TEXT NOT NULL,
    etag       TEXT,
    agreed     TEXT NOT NULL,
    PRIMARY KEY (account_id, day)
) STRICT;
CREATE INDEX sync_day_marks_by_href ON sync_day_marks (account_id, href);
