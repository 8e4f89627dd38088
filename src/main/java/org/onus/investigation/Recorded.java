package org.onus.investigation;

import java.time.Instant;

/** Something as the ledger holds it: its index, when it was recorded, by which token, and the thing itself. */
public record Recorded<T>(long index, Instant recordedAt, String actor, T value) {
}
