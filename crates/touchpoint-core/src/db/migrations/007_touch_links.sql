-- 7: which touch made a promised callback, and which touch ended it, so a
-- logged touch can be corrected or deleted and the promises follow: a
-- promise made by a voicemail that was not one goes, a promise ended by a
-- deleted touch is open again.
ALTER TABLE followups ADD COLUMN made_by_touch INTEGER REFERENCES touches (id) ON DELETE SET NULL;
ALTER TABLE followups ADD COLUMN closed_by_touch INTEGER REFERENCES touches (id) ON DELETE SET NULL;
-- Touches logged before this version: the promise and the touch were written
-- in one transaction, with the same created_at / closed_at.
UPDATE followups SET made_by_touch = (
    SELECT t.id FROM touches t
    WHERE t.contact_id = followups.contact_id AND t.created_at = followups.created_at
    ORDER BY t.id DESC LIMIT 1)
WHERE kind = 'promise';
UPDATE followups SET closed_by_touch = (
    SELECT t.id FROM touches t
    WHERE t.contact_id = followups.contact_id AND t.created_at = followups.closed_at
    ORDER BY t.id DESC LIMIT 1)
WHERE kind = 'promise' AND status = 'done';
CREATE INDEX followups_by_touch ON followups (made_by_touch) WHERE made_by_touch IS NOT NULL;
CREATE INDEX followups_closed_by_touch ON followups (closed_by_touch) WHERE closed_by_touch IS NOT NULL;
