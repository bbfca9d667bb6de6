-- 6: the undo journal. Each undoable action leaves the statements that take
-- it back, written in the action's own transaction, so an undo survives a
-- restart and is exact.
CREATE TABLE undo_journal (
    id        INTEGER PRIMARY KEY,
    -- what the user did, as the undo toast names it: "Deleted Ada Lovelace"
    label     TEXT NOT NULL,
    done_at   INTEGER NOT NULL,
    -- JSON array of single SQL statements, newest change first
    steps     TEXT NOT NULL,
    -- JSON array of the contacts whose rows changed (their search rows are
    -- rebuilt after an undo: the full-text index is not journaled)
    contacts  TEXT NOT NULL
) STRICT;
