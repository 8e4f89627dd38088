-- Blobs filed under the entry that commits to their digest, so that they are written in log
-- order rather than scattered by digest; blobs stored before stay in "blobs". (The embedded
-- store's version 6 also numbers its lookup keys; here they stay text rows in entry_keys.)
CREATE TABLE entry_blobs (
    tenant_id  BIGINT NOT NULL,
    idx        BIGINT NOT NULL,
    digest     TEXT   COLLATE "C" NOT NULL,
    bytes      BYTEA  NOT NULL,
    PRIMARY KEY (tenant_id, idx, digest)
);
