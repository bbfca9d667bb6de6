-- 10: a promised callback not made is notified once more, a set time after
-- its reminder was shown (Settings.renotifyPromisesAfterMinutes). renotified_at marks
-- that second showing, so it comes once for each promised time; moving the
-- promise to another time clears it.
ALTER TABLE followups ADD COLUMN renotified_at INTEGER;
CREATE INDEX followups_to_renotify ON followups (delivered_at)
    WHERE status = 'open' AND kind = 'promise' AND delivered_at IS NOT NULL
      AND renotified_at IS NULL;
