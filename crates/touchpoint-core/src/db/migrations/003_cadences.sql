-- 3: cadence templates, enrolments, the touch log and scheduled follow-ups.

CREATE TABLE cadences (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- JSON CadencePlan: steps with day offsets, or a recurrence
    plan       TEXT NOT NULL,
    -- which built-in default this is ('new_prospect', ...), NULL for the user's own
    seeded_key TEXT UNIQUE,
    retired_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE enrolments (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    cadence_id  INTEGER NOT NULL REFERENCES cadences (id),
    schedule    TEXT NOT NULL CHECK (schedule IN ('anchored', 'rolling')),
    -- day 0 of the plan, a local date in the contact's zone
    anchor_on   TEXT NOT NULL,
    -- index of the next step to do
    step        INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    end_reason  TEXT
) STRICT;
CREATE UNIQUE INDEX enrolments_one_active ON enrolments (contact_id) WHERE ended_at IS NULL;

CREATE TABLE followups (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    enrolment_id INTEGER REFERENCES enrolments (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('cadence', 'custom', 'promise')),
    step         INTEGER,
    -- the local date it is due on, in time_zone; the instant follows from it
    due_on       TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    time_zone    TEXT NOT NULL,
    channel      TEXT NOT NULL,
    prompt       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    closed_at    INTEGER,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX followups_open_by_due ON followups (due_at) WHERE status = 'open';
CREATE INDEX followups_by_contact ON followups (contact_id, status);
-- every open contact has at most one next step (promises come on top)
CREATE UNIQUE INDEX followups_one_next_step ON followups (contact_id)
    WHERE status = 'open' AND kind <> 'promise';
-- first touches per local day, for staggering a pile of new cards
CREATE INDEX followups_first_touch_by_day ON followups (due_on) WHERE step = 0;

CREATE TABLE touches (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    happened_at  INTEGER NOT NULL,
    channel      TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    outcome      TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    hook         TEXT NOT NULL DEFAULT '',
    objections   TEXT NOT NULL DEFAULT '[]',
    -- the follow-up this touch carried out, if any
    followup_id  INTEGER REFERENCES followups (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX touches_by_contact ON touches (contact_id, happened_at DESC);
