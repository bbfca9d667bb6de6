-- 15: follow-ups as replicated state, synced with a CalDAV task list: each
-- follow-up and each enrolment gets a UID that stays with it on every
-- machine and on the server (a VTODO's UID, and the enrolment it belongs
-- to, so a machine receiving a step joins the same cadence rather than
-- planning its own). An account remembers its calendar and where the last
-- calendar sync ended; each VTODO remembers its href, its ETag and the text
-- as last agreed with the server.
ALTER TABLE followups ADD COLUMN uid TEXT;
UPDATE followups SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX followups_by_uid ON followups (uid);
CREATE TRIGGER followups_get_a_uid AFTER INSERT ON followups WHEN NEW.uid IS NULL BEGIN
    UPDATE followups SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

ALTER TABLE enrolments ADD COLUMN uid TEXT;
UPDATE enrolments SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX enrolments_by_uid ON enrolments (uid);
CREATE TRIGGER enrolments_get_a_uid AFTER INSERT ON enrolments WHEN NEW.uid IS NULL BEGIN
    UPDATE enrolments SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

ALTER TABLE sync_accounts ADD COLUMN calendar TEXT;
ALTER TABLE sync_accounts ADD COLUMN calendar_token TEXT;

CREATE TABLE sync_todos (
    account_id INTEGER NOT NULL REFERENCES sync_accounts (id) ON DELETE CASCADE,
    uid        TEXT NOT NULL,
    href       TEXT NOT NULL,
    etag       TEXT,
    -- the VTODO as the server last had it, both sides agreeing
    agreed     TEXT NOT NULL,
    PRIMARY KEY (account_id, uid)
) STRICT;
CREATE INDEX sync_todos_by_href ON sync_todos (account_id, href);

-- VTODOs for a contact this machine does not have (yet): kept as they came
-- and taken once the contact's card arrives.
CREATE TABLE sync_todos_waiting (
    account_id INTEGER NOT NULL REFERENCES sync_accounts (id) ON DELETE CASCADE,
    href       TEXT NOT NULL,
    etag       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (account_id, href)
) STRICT;

-- Which follow-ups changed since sync last sent them, as sync_dirty does for
-- contacts. Only open ones start marked: a follow-up closed before this
-- version was never on a server and has nothing to say there.
CREATE TABLE sync_dirty_followups (
    followup_id INTEGER PRIMARY KEY,
    generation  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_dirty_followups (followup_id) SELECT id FROM followups WHERE status = 'open';
CREATE TRIGGER followups_dirty_on_insert AFTER INSERT ON followups BEGIN
    INSERT INTO sync_dirty_followups (followup_id) VALUES (NEW.id)
    ON CONFLICT (followup_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER followups_dirty_on_update AFTER UPDATE ON followups BEGIN
    INSERT INTO sync_dirty_followups (followup_id) VALUES (NEW.id)
    ON CONFLICT (followup_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER followups_dirty_on_delete AFTER DELETE ON followups BEGIN
    DELETE FROM sync_dirty_followups WHERE followup_id = OLD.id;
END;
