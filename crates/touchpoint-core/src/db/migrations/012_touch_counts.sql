-- 12: touches counted by channel, direction, outcome and UTC day, kept by
-- triggers in the same statement as each change to a touch (logged,
-- corrected, deleted, undone, or deleted with its contact): Insights sums a
-- few thousand rows instead of counting a million touches (50 ms at that
-- scale). Not in the undo journal: the triggers keep it when undo changes
-- the touches. A day is floor(happened_at / 86 400 000), before 1970 too.
CREATE TABLE touch_counts (
    channel   TEXT NOT NULL,
    direction TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    day       INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (channel, direction, outcome, day)
) STRICT, WITHOUT ROWID;

INSERT INTO touch_counts (channel, direction, outcome, day, n)
SELECT channel, direction, outcome,
       (happened_at - ((happened_at % 86400000) + 86400000) % 86400000) / 86400000,
       count(*)
FROM touches GROUP BY 1, 2, 3, 4;

CREATE TRIGGER touch_counts_insert AFTER INSERT ON touches BEGIN
    INSERT INTO touch_counts (channel, direction, outcome, day, n)
    VALUES (NEW.channel, NEW.direction, NEW.outcome,
            (NEW.happened_at - ((NEW.happened_at % 86400000) + 86400000) % 86400000) / 86400000,
            1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER touch_counts_delete AFTER DELETE ON touches BEGIN
    UPDATE touch_counts SET n = n - 1
    WHERE channel = OLD.channel AND direction = OLD.direction AND outcome = OLD.outcome
      AND day = (OLD.happened_at - ((OLD.happened_at % 86400000) + 86400000) % 86400000) / 86400000;
    DELETE FROM touch_counts
    WHERE channel = OLD.channel AND direction = OLD.direction AND outcome = OLD.outcome
      AND day = (OLD.happened_at - ((OLD.happened_at % 86400000) + 86400000) % 86400000) / 86400000
      AND n = 0;
END;

CREATE TRIGGER touch_counts_update
AFTER UPDATE OF channel, direction, outcome, happened_at ON touches BEGIN
    UPDATE touch_counts SET n = n - 1
    WHERE channel = OLD.channel AND direction = OLD.direction AND outcome = OLD.outcome
      AND day = (OLD.happened_at - ((OLD.happened_at % 86400000) + 86400000) % 86400000) / 86400000;
    INSERT INTO touch_counts (channel, direction, outcome, day, n)
    VALUES (NEW.channel, NEW.direction, NEW.outcome,
            (NEW.happened_at - ((NEW.happened_at % 86400000) + 86400000) % 86400000) / 86400000,
            1)
    ON CONFLICT DO UPDATE SET n = n + 1;
    DELETE FROM touch_counts
    WHERE channel = OLD.channel AND direction = OLD.direction AND outcome = OLD.outcome
      AND day = (OLD.happened_at - ((OLD.happened_at % 86400000) + 86400000) % 86400000) / 86400000
      AND n = 0;
END;
