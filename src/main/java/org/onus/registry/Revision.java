package org.onus.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One revision of a registry record as the ledger holds it: the entry's index, when Onus learned
 * it ({@code recordedAt}), from when it is in force in the world ({@code effectiveAt}), whether it
 * revokes the record, which entry it corrects (if it is a correction), and the record itself.
 * These two times make the registry bitemporal: "in force at T, as known at K".
 */
public record Revision(RecordKind kind, String id, long index, Instant recordedAt, Instant effectiveAt, boolean revoked,
                       Long corrects, String reason, JsonNode record) {
}
