package org.onus.ledger;

/**
 * An entry ready to be appended: its canonical bytes (see {@link CanonicalJson}), its type and
 * when Onus received it. The leaf hash is computed here, on the caller's thread, so the
 * sequencer's single thread only orders and writes.
 */
public record EntryDraft(String type, long recordedAtMillis, byte[] bytes, byte[] leafHash) {

    public static EntryDraft of(String type, long recordedAtMillis, byte[] canonicalBytes) {
        return new EntryDraft(type, recordedAtMillis, canonicalBytes, Merkle.leafHash(canonicalBytes));
    }
}
