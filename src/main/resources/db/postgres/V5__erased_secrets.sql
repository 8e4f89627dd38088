-- Fingerprints (SHA-256 of the stored value) of destroyed secrets: a write still in flight when a
-- patient's key was destroyed must not bring that key back.
CREATE TABLE erased_secrets (
    tenant_id     BIGINT NOT NULL,
    value_digest  BYTEA  NOT NULL,
    erased_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, value_digest)
);
