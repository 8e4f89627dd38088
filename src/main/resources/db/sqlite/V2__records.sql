-- Lookup keys of entries (patient, deployment, record id ...), ordered by time then index.
CREATE TABLE entry_keys (
    tenant_id  INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kind, key, at, idx)
) WITHOUT ROWID;

-- Unique keys (idempotency keys, record ids) with the digest of the body that claimed them.
CREATE TABLE unique_keys (
    tenant_id    INTEGER NOT NULL,
    key          TEXT    NOT NULL,
    idx          INTEGER NOT NULL,
    body_digest  BLOB    NOT NULL,
    PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;

-- Content-addressed blobs, e.g. ciphertexts of patient payloads whose digests entries commit to.
CREATE TABLE blobs (
    tenant_id  INTEGER NOT NULL,
    digest     TEXT    NOT NULL,
    bytes      BLOB    NOT NULL,
    PRIMARY KEY (tenant_id, digest)
);

-- Small secrets, e.g. wrapped per-patient keys; deleted for crypto-shredding.
CREATE TABLE secrets (
    tenant_id   INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    value       BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
