-- 1: contacts, the first slice.
CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    company     TEXT NOT NULL DEFAULT '' CHECK (length(company) <= 200),
    email       TEXT CHECK (length(email) <= 254),
    phone       TEXT CHECK (length(phone) <= 40),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE, id);
