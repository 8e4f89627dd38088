package org.onus.ledger;

/**
 * The first thing a {@link LogVerifier} found wrong with a log: what kind of thing, where (an
 * entry index, a tile index, or a checkpoint's tree size) and a message that says what is wrong
 * and what to do about it.
 */
public record VerificationProblem(Kind kind, long position, String message) {

    /** What {@link #position()} counts. */
    public enum Kind {
        /** A stored entry is missing, altered or malformed; the position is its index. */
        ENTRY,
        /** A stored tile disagrees with the entries or is missing; the position is the tile index. */
        TILE,
        /** A signed checkpoint is forged, altered, or no longer matches the entries; the position is its tree size. */
        CHECKPOINT,
        /** Entries a signed checkpoint covers are gone; the position is that checkpoint's tree size. */
        ROLLBACK,
        /** The store itself could not be read; the position is the entry index reached. */
        STORE
    }

    @Override
    public String toString() {
        return message;
    }
}
