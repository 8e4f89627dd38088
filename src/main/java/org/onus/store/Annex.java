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
 * @param blobs content-addressed bytes (e.g. ciphertexts whose digest an entry commits to)
 */
public record Annex(List<Key> keys, List<UniqueKey> unique, List<Blob> blobs) {

    public static final Annex NONE = new Annex(List.of(), List.of(), List.of());

    public Annex {
        keys = List.copyOf(keys);
        unique = List.copyOf(unique);
        blobs = List.copyOf(blobs);
    }

    public boolean isEmpty() {
        return keys.isEmpty() && unique.isEmpty() && blobs.isEmpty();
    }

    /** A lookup key of entry {@code index}. */
    public record Key(long index, String kind, String key, long atMillis) {
    }

    /** A unique key held by entry {@code index}, with the digest of the body that claimed it. */
    public record UniqueKey(String key, long index, byte[] bodyDigest) {
    }

    /** Bytes stored under their digest ({@code sha256:<hex>}). */
    public record Blob(String digest, byte[] bytes) {
    }
}
