-- Lookup keys are filed behind the log, in a derived index file of their own (index.db, see
-- SqliteIndex). What an append commits here is a compact record of its keys, one row per append
-- in log order, from which that file is built and, after a crash, caught up. The postings of
-- version 6 are moved into this record when the store is opened (SqliteStore.moveLegacyPostings).
CREATE TABLE annex_log (
    id    INTEGER PRIMARY KEY,
    keys  BLOB    NOT NULL
);

-- Names this store file, so that an index file built for another one is never taken for its own.
CREATE TABLE store_identity (
    id  TEXT NOT NULL
);
INSERT INTO store_identity(id) VALUES (lower(hex(randomblob(16))));
