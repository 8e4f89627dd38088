-- Inner nodes of each tile at level 4 (16 hashes), so that a proof hashes a few dozen nodes, not 247.
ALTER TABLE tiles ADD COLUMN mid BYTEA;
