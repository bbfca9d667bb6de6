-- 2: the full contact record, its search index and duplicate keys, settings.
-- Multi-valued fields that are searched or matched (emails, phones, tags) get
-- their own indexed tables; the rest is JSON in the contact row.
ALTER TABLE contacts RENAME TO contacts_v1;
DROP INDEX contacts_by_name;

CREATE TABLE contacts (
    id                   INTEGER PRIMARY KEY,
    display_name         TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    given_name           TEXT NOT NULL DEFAULT '',
    family_name          TEXT NOT NULL DEFAULT '',
    title                TEXT NOT NULL DEFAULT '',
    company              TEXT NOT NULL DEFAULT '',
    website              TEXT NOT NULL DEFAULT '',
    address              TEXT NOT NULL DEFAULT '{}',
    profiles             TEXT NOT NULL DEFAULT '[]',
    met_where            TEXT NOT NULL DEFAULT '',
    met_on               TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    stage                TEXT NOT NULL DEFAULT 'prospect'
        CHECK (stage IN ('prospect', 'customer', 'past_customer', 'lost', 'do_not_contact')),
    referred_by          INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    preferred_channels   TEXT NOT NULL DEFAULT '[]',
    preferred_every_days INTEGER,
    best_times           TEXT NOT NULL DEFAULT '[]',
    time_zone            TEXT NOT NULL DEFAULT '',
    birthday             TEXT NOT NULL DEFAULT '',
    -- folded "name|company", for the same-name-and-company duplicate rule
    name_key             TEXT NOT NULL DEFAULT '',
    last_touch_at        INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_by_name ON contacts (display_name COLLATE NOCASE);
-- contacts without a company sort last
CREATE INDEX contacts_by_company ON contacts (company = '', company COLLATE NOCASE, display_name COLLATE NOCASE);
CREATE INDEX contacts_by_stage ON contacts (stage, display_name COLLATE NOCASE);
CREATE INDEX contacts_by_created ON contacts (created_at);
CREATE INDEX contacts_by_last_touch ON contacts (coalesce(last_touch_at, 0), display_name COLLATE NOCASE);
CREATE INDEX contacts_by_untouched ON contacts (last_touch_at);
CREATE INDEX contacts_by_name_key ON contacts (name_key) WHERE name_key <> '';
CREATE INDEX contacts_by_referrer ON contacts (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE contact_emails (
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL,
    address_key TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_emails_by_key ON contact_emails (address_key);

CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    number     TEXT NOT NULL,
    e164       TEXT,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_phones_by_e164 ON contact_phones (e164) WHERE e164 IS NOT NULL;

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    tag        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);

-- rowid = contacts.id; kept in step by the core in the same transaction.
CREATE VIRTUAL TABLE contact_search USING fts5 (
    name, company, title, emails, phones, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO contacts (id, display_name, company, created_at, updated_at)
    SELECT id, name, company, created_at, updated_at FROM contacts_v1;
INSERT INTO contact_emails (contact_id, position, address, address_key)
    SELECT id, 0, email, lower(email) FROM contacts_v1 WHERE email IS NOT NULL;
INSERT INTO contact_phones (contact_id, position, number)
    SELECT id, 0, phone FROM contacts_v1 WHERE phone IS NOT NULL;
DROP TABLE contacts_v1;
