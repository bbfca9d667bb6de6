-- 14: which contacts changed since sync last sent them, so a sync with little
-- to send reads those cards only, not all of them. `generation` grows with
-- each change: a sync clears a mark only if no change came while it worked.
-- Every contact starts marked, so the first sync after this looks at all.
CREATE TABLE sync_dirty (
    contact_id INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_dirty (contact_id) SELECT id FROM contacts;

CREATE TRIGGER contacts_dirty_on_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER contacts_dirty_on_update AFTER UPDATE ON contacts BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER emails_dirty_on_insert AFTER INSERT ON contact_emails BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER emails_dirty_on_delete AFTER DELETE ON contact_emails BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (OLD.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER emails_dirty_on_update AFTER UPDATE ON contact_emails BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER phones_dirty_on_insert AFTER INSERT ON contact_phones BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER phones_dirty_on_delete AFTER DELETE ON contact_phones BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (OLD.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER phones_dirty_on_update AFTER UPDATE ON contact_phones BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER tags_dirty_on_insert AFTER INSERT ON contact_tags BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER tags_dirty_on_delete AFTER DELETE ON contact_tags BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (OLD.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER tags_dirty_on_update AFTER UPDATE ON contact_tags BEGIN
    INSERT INTO sync_dirty (contact_id) VALUES (NEW.contact_id)
    ON CONFLICT (contact_id) DO UPDATE SET generation = generation + 1;
END;
-- A deleted contact's mark goes with it (its card is deleted by what is
-- agreed, not by the mark).
CREATE TRIGGER contacts_dirty_on_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM sync_dirty WHERE contact_id = OLD.id;
END;
