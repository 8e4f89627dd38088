package org.onus.store;

import java.util.List;

/**
 * What an append writes beside its entries, in the same transaction: lookup keys, unique keys and
 * blobs. None of it is part of the Merkle tree; all of it can be rebuilt from the entries (the
 * blobs from the records that produced them), and the verifier never trusts it.
 *
 * @param keys lookup keys: entry {@code index} is found under ({@code kind}, {@code key}),
 *     ordered by {@code atMillis} (usually the event time) and then index
 * @param unique unique keys (idempotency keys, record ids): at most one entry per key and tenant,
 *     with the digest of the request body that created it
 * @param blobs bytes filed under the entry that commits to their digest (e.g. the ciphertexts of
 *     its sealed fields), found by that entry's index and the digest
 * @param secrets small secrets stored if no secret of that name exists yet (e.g. a new patient's
 *     wrapped key, committed with the first entry sealed under it); one of that name with another
 *     value refuses the append ({@link SecretConflictException})
 */
public record Annex(List<Key> keys, List<UniqueKey> unique, List<Blob> blobs, List<Secret> secrets) {

    public static final Annex NONE = new Annex(List.of(), List.of(), List.of(), List.of());

    public Annex {
        keys = List.copyOf(keys);
        unique = List.copyOf(unique);
        blobs = List.copyOf(blobs);
        secrets = List.copyOf(secrets);
    }

    public Annex(List<Key> keys, List<UniqueKey> unique, List<Blob> blobs) {
        this(keys, unique, blobs, List.of());
    }

    public boolean isEmpty() {
        return keys.isEmpty() && unique.isEmpty() && blobs.isEmpty() && secrets.isEmpty();
    }

    /** A named secret, stored unless one of that name exists. */
    public record Secret(String name, byte[] value) {
    }

    /** A lookup key of entry {@code index}. */
    public record Key(long index, String kind, String key, long atMillis) {
    }

    /** A unique key held by entry {@code index}, with the digest of the body that claimed it. */
    public record UniqueKey(String key, long index, byte[] bodyDigest) {
    }

    /**
     * Bytes stored under their digest ({@code sha256:<hex>}), filed with entry {@code index}, the
     * one that commits to the digest; {@link #UNPLACED} until the sequencer numbers that entry.
     */
    public record Blob(long index, String digest, byte[] bytes) {

        public static final long UNPLACED = -1;

        /** A blob for an entry not numbered yet. */
        public Blob(String digest, byte[] bytes) {
            this(UNPLACED, digest, bytes);
        }

        /** The same bytes, filed with entry {@code entryIndex}. */
        public Blob at(long entryIndex) {
            return new Blob(entryIndex, digest, bytes);
        }
    }
}
