package org.onus.store;

/**
 * One ledger entry as stored: its position in its tenant's log, its type (copied out of the
 * canonical bytes for querying), when Onus recorded it (epoch milliseconds), the canonical
 * bytes themselves and their RFC 9162 leaf hash.
 */
public record StoredEntry(long index, String type, long recordedAtMillis, byte[] bytes, byte[] leafHash) {
}
