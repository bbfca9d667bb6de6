-- 8: each notification handed to the OS, so that showing it happens outside
-- any transaction and a restart can take over what is still on screen. A row
-- is written (with the occurrences' delivered marks) before the server is
-- called; the server's id is added when it answers; the row goes when the
-- notification is closed, or at once for one that closes by itself.
CREATE TABLE notices_sent (
    -- never reused: it tags the notification on screen (a stack tag)
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- the notice as shown (JSON), to show it again in place after a restart
    notice      TEXT NOT NULL,
    -- JSON [[follow-up id, remind_at], ...]: the occurrences it delivers
    occurrences TEXT NOT NULL,
    -- the delivered_at its marks carry, to take exactly those back
    claimed_at  INTEGER NOT NULL,
    -- the notification server's id; NULL until the server answered
    server_id   INTEGER
) STRICT;
