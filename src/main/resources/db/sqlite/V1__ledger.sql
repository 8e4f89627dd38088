-- Tenants: each owns one independent log.
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

-- Ledger entries. The row id packs (tenant, index) as tenant * 2^40 + index, so that entries sit
-- in one B-tree in log order with no secondary index: 2^40 entries per tenant is ample.
CREATE TABLE entries (
    id           INTEGER PRIMARY KEY,
    type         TEXT    NOT NULL,
    recorded_at  INTEGER NOT NULL,
    leaf_hash    BLOB    NOT NULL,
    entry        BLOB    NOT NULL
);

-- Completed tiles of 256 leaves (leaf hashes concatenated, and their subtree root); same id packing.
CREATE TABLE tiles (
    id           INTEGER PRIMARY KEY,
    leaf_hashes  BLOB    NOT NULL,
    root         BLOB    NOT NULL
);

CREATE TABLE checkpoints (
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    size        INTEGER NOT NULL,
    root        BLOB    NOT NULL,
    note        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, size)
);

-- API tokens: only the SHA-256 of each secret.
CREATE TABLE tokens (
    secret_hash BLOB    PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    tenant_id   INTEGER NOT NULL REFERENCES tenants(id),
    role        TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NOT NULL DEFAULT 0
);
