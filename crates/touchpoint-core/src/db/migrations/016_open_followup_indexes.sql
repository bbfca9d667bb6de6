-- Indexes for the views that read open follow-ups at heavy-user scale
-- (100,000 contacts, 100,000 open follow-ups):
-- - open follow-ups by due time with their kind, so the calendar's counts
--   per day and Today's counts per part are read from the index alone
--   (it replaces the index on due time only);
-- - promised callbacks by due time, so Today and the due list put them
--   first without reading every row due;
-- - each contact's open follow-ups by due time, for "due this week?" and
--   "next due" per contact (the re-engagement list, the contact list).
DROP INDEX followups_open_by_due;
CREATE INDEX followups_open_by_due ON followups (due_at, kind) WHERE status = 'open';
CREATE INDEX followups_open_promises ON followups (due_at)
    WHERE status = 'open' AND kind = 'promise';
CREATE INDEX followups_open_by_contact ON followups (contact_id, due_at)
    WHERE status = 'open';
-- Silent customers by last touch with their names, so the re-engagement
-- list finds its first ten from the index without reading every row.
DROP INDEX contacts_by_stage_and_touch;
CREATE INDEX contacts_by_stage_and_touch
    ON contacts (stage, coalesce(last_touch_at, 0), display_name COLLATE NOCASE);
