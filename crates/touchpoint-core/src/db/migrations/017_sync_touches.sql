-- 16: touches as replicated state, synced as VJOURNAL entries in the task
-- list beside the follow-ups: each touch gets a UID that stays with it on
-- every machine and on the server; each journal entry remembers its href,
-- its ETag and the text as last agreed with the server.
ALTER TABLE touches ADD COLUMN uid TEXT;
UPDATE touches SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX touches_by_uid ON touches (uid);
CREATE TRIGGER touches_get_a_uid AFTER INSERT ON touches WHEN NEW.uid IS NULL BEGIN
    UPDATE touches SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

CREATE TABLE sync_journals (
    account_id INTEGER NOT NULL REFERENCES sync_accounts (id) ON DELETE CASCADE,
    uid        TEXT NOT NULL,
    href       TEXT NOT NULL,
    etag       TEXT,
    -- the VJOURNAL as the server last had it, both sides agreeing
    agreed     TEXT NOT NULL,
    PRIMARY KEY (account_id, uid)
) STRICT;
CREATE INDEX sync_journals_by_href ON sync_journals (account_id, href);

-- Which touches changed since sync last sent them. None start marked: a
-- touch an account has no journal entry of is sent anyway (all of them,
-- the first time).
CREATE TABLE sync_dirty_touches (
    touch_id   INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TRIGGER touches_dirty_on_insert AFTER INSERT ON touches BEGIN
    INSERT INTO sync_dirty_touches (touch_id) VALUES (NEW.id)
    ON CONFLICT (touch_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER touches_dirty_on_update AFTER UPDATE ON touches BEGIN
    INSERT INTO sync_dirty_touches (touch_id) VALUES (NEW.id)
    ON CONFLICT (touch_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER touches_dirty_on_delete AFTER DELETE ON touches BEGIN
    DELETE FROM sync_dirty_touches WHERE touch_id = OLD.id;
END;
