-- Fingerprints (SHA-256 of the stored value) of destroyed secrets: a write still in flight when a
-- patient's key was destroyed must not bring that key back.
CREATE TABLE erased_secrets (
    tenant_id     INTEGER NOT NULL,
    value_digest  BLOB    NOT NULL,
    erased_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, value_digest)
) WITHOUT ROWID;
