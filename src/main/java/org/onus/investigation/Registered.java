package org.onus.investigation;

import java.time.Instant;

/**
 * A registry record as it stood at a moment: the record, the ledger index of the revision in
 * force, from when it was in force, and whether that revision revoked it.
 */
public record Registered<T>(T record, long index, Instant effectiveAt, boolean revoked, String reason) {
}
