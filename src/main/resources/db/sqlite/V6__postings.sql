-- Lookup keys, each (tenant, kind, key) once, numbered; entries are filed under the number, so
-- that an entry's lookup rows are a few integers each rather than repeated text.
CREATE TABLE lookup_keys (
    id         INTEGER PRIMARY KEY,
    tenant_id  INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    UNIQUE (tenant_id, kind, key)
);

-- The entries filed under each lookup key, ordered by time then index.
CREATE TABLE postings (
    key_id  INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    idx     INTEGER NOT NULL,
    PRIMARY KEY (key_id, at, idx)
) WITHOUT ROWID;

INSERT INTO lookup_keys(tenant_id, kind, key) SELECT DISTINCT tenant_id, kind, key FROM entry_keys ORDER BY tenant_id, kind, key;
INSERT INTO postings(key_id, at, idx)
    SELECT k.id, e.at, e.idx FROM entry_keys e JOIN lookup_keys k ON k.tenant_id = e.tenant_id AND k.kind = e.kind AND k.key = e.key;
DROP TABLE entry_keys;

-- Blobs filed under the entry that commits to their digest (entry packs tenant and index as the
-- entries' id does), so that they are written in log order; blobs stored before stay in "blobs".
CREATE TABLE entry_blobs (
    entry   INTEGER NOT NULL,
    digest  TEXT    NOT NULL,
    bytes   BLOB    NOT NULL,
    PRIMARY KEY (entry, digest)
) WITHOUT ROWID;
