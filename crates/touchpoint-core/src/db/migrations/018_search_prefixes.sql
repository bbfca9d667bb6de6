-- One-letter prefixes get an index of their own: typing "m" reads one list
-- instead of merging every word that starts with m. FTS5 options cannot be
-- altered, so the table is built again from its own rows.
CREATE VIRTUAL TABLE contact_search_017 USING fts5 (
    name, company, title, emails, phones, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO contact_search_017 (rowid, name, company, title, emails, phones, notes, tags)
    SELECT rowid, name, company, title, emails, phones, notes, tags FROM contact_search;
DROP TABLE contact_search;
ALTER TABLE contact_search_017 RENAME TO contact_search;
