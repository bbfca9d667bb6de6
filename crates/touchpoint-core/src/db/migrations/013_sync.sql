-- 13: sync with a CardDAV address book. Each contact gets a UID that stays
-- with it on every machine and on the server (a new contact gets one as it
-- is inserted); an account remembers its address book and where the last
-- sync ended (RFC 6578's token); each card remembers its href, its ETag and
-- the card as last agreed with the server, to tell who changed what since.
ALTER TABLE contacts ADD COLUMN uid TEXT;
UPDATE contacts SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX contacts_by_uid ON contacts (uid);
CREATE TRIGGER contacts_get_a_uid AFTER INSERT ON contacts WHEN NEW.uid IS NULL BEGIN
    UPDATE contacts SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

CREATE TABLE sync_accounts (
    id           INTEGER PRIMARY KEY,
    -- as the user gave it
    url          TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    -- the address book's URL, once found or made
    address_book TEXT,
    sync_token   TEXT,
    last_sync_at INTEGER,
    last_error   TEXT,
    UNIQUE (url, user_name)
) STRICT;

CREATE TABLE sync_cards (
    account_id INTEGER NOT NULL REFERENCES sync_accounts (id) ON DELETE CASCADE,
    uid        TEXT NOT NULL,
    href       TEXT NOT NULL,
    etag       TEXT,
    -- the card (as Touchpoint writes it) both sides last agreed on
    agreed     TEXT NOT NULL,
    PRIMARY KEY (account_id, uid)
) STRICT;
CREATE INDEX sync_cards_by_href ON sync_cards (account_id, href);
