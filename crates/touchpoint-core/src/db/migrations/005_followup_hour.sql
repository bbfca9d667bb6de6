-- 5: the weekly follow-up hour's start notification, shown once per week
-- across restarts like the morning digest.
CREATE TABLE followup_hour_notices (
    -- the user's local date the hour starts on
    day          TEXT PRIMARY KEY,
    delivered_at INTEGER NOT NULL
) STRICT;
-- re-engagement: customers and past customers by how long since the last touch
CREATE INDEX contacts_by_stage_and_touch ON contacts (stage, coalesce(last_touch_at, 0));
