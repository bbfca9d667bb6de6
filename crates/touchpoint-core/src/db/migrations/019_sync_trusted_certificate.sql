-- 19: the server certificate the user chose to trust for a sync account
-- (self-signed, or from an authority the system does not know), by its
-- SHA-256 fingerprint as "AB:CD:…"; NULL trusts the system's roots alone.
-- Only the fingerprint: the password stays in the system keyring.
ALTER TABLE sync_accounts ADD COLUMN trusted_certificate TEXT;
