-- Text keys compare byte by byte (COLLATE "C"), as in the embedded store, whatever the database locale.
-- Lookup keys of entries (patient, deployment, record id ...), ordered by time then index.
CREATE TABLE entry_keys (
    tenant_id  BIGINT NOT NULL,
    kind       TEXT   COLLATE "C" NOT NULL,
    key        TEXT   COLLATE "C" NOT NULL,
    at         BIGINT NOT NULL,
    idx        BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, key, at, idx)
);

-- Unique keys (idempotency keys, record ids) with the digest of the body that claimed them.
CREATE TABLE unique_keys (
    tenant_id    BIGINT NOT NULL,
    key          TEXT   COLLATE "C" NOT NULL,
    idx          BIGINT NOT NULL,
    body_digest  BYTEA  NOT NULL,
    PRIMARY KEY (tenant_id, key)
);

-- Content-addressed blobs, e.g. ciphertexts of patient payloads whose digests entries commit to.
CREATE TABLE blobs (
    tenant_id  BIGINT NOT NULL,
    digest     TEXT   NOT NULL,
    bytes      BYTEA  NOT NULL,
    PRIMARY KEY (tenant_id, digest)
);

-- Small secrets, e.g. wrapped per-patient keys; deleted for crypto-shredding. Stored inline
-- (never compressed or moved out of line), so that rewriting the table removes every copy.
CREATE TABLE secrets (
    tenant_id   BIGINT NOT NULL,
    name        TEXT   NOT NULL,
    value       BYTEA  NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
ALTER TABLE secrets ALTER COLUMN value SET STORAGE PLAIN;
