-- 21: a count of the changes that can move a contact in name order (a
-- contact added, deleted or renamed), kept by triggers in the same
-- statement as the change, whichever connection makes it. Each connection
-- keeps every contact's place by name in memory for search and reads them
-- again only when this count moved: a commit elsewhere that left the names
-- alone (a sync, a command, the reminder runtime) costs the next keystroke
-- nothing. It only ever grows, a restore included, so an unchanged count
-- means unchanged places. Not in the undo journal (undo's own changes move
-- it on), not a change for sync to send.
CREATE TABLE name_order_version (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    n    INTEGER NOT NULL
) STRICT;
INSERT INTO name_order_version (only, n) VALUES (1, 0);

CREATE TRIGGER name_order_on_insert AFTER INSERT ON contacts BEGIN
    UPDATE name_order_version SET n = n + 1;
END;
CREATE TRIGGER name_order_on_delete AFTER DELETE ON contacts BEGIN
    UPDATE name_order_version SET n = n + 1;
END;
CREATE TRIGGER name_order_on_rename AFTER UPDATE OF display_name, id ON contacts
WHEN OLD.display_name IS NOT NEW.display_name OR OLD.id IS NOT NEW.id BEGIN
    UPDATE name_order_version SET n = n + 1;
END;
