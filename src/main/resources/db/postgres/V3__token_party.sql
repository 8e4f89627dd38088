-- A token may be bound to a registry party (a vendor token to its manufacturer).
ALTER TABLE tokens ADD COLUMN party TEXT;
