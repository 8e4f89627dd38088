package org.onus.ledger;

import java.util.List;
import org.onus.store.Annex;

/**
 * An entry ready to be appended: its canonical bytes (see {@link CanonicalJson}), its type and
 * when Onus received it, with the leaf hash computed here, on the caller's thread, so that the
 * sequencer's single thread only orders and writes.
 *
 * <p>Optionally it carries what the store files beside it in the same transaction: lookup keys
 * ({@code kind}, {@code key}, time), blobs, and one unique key (an idempotency key or a record id)
 * with the digest of the request body that claims it. The sequencer resolves unique keys: the
 * same key with the same digest is answered with the index that already holds it, and the same
 * key with another digest fails the whole group with {@link DuplicateKeyException}.
 */
public record EntryDraft(String type, long recordedAtMillis, byte[] bytes, byte[] leafHash,
                         List<Lookup> lookups, List<Annex.Blob> blobs, String uniqueKey, byte[] uniqueDigest,
                         List<Annex.Secret> secrets) {

    /** A lookup key without its index, which the sequencer fills in. */
    public record Lookup(String kind, String key, long atMillis) {
    }

    public EntryDraft {
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        blobs = blobs == null ? List.of() : List.copyOf(blobs);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if ((uniqueKey == null) != (uniqueDigest == null)) {
            throw new IllegalArgumentException("a unique key needs the digest of the body that claims it");
        }
    }

    public EntryDraft(String type, long recordedAtMillis, byte[] bytes, byte[] leafHash) {
        this(type, recordedAtMillis, bytes, leafHash, List.of(), List.of(), null, null, List.of());
    }

    public static EntryDraft of(String type, long recordedAtMillis, byte[] canonicalBytes) {
        return new EntryDraft(type, recordedAtMillis, canonicalBytes, Merkle.leafHash(canonicalBytes));
    }

    public EntryDraft withLookups(List<Lookup> more) {
        List<Lookup> all = new java.util.ArrayList<>(lookups);
        all.addAll(more);
        return new EntryDraft(type, recordedAtMillis, bytes, leafHash, all, blobs, uniqueKey, uniqueDigest, secrets);
    }

    public EntryDraft withBlobs(List<Annex.Blob> more) {
        List<Annex.Blob> all = new java.util.ArrayList<>(blobs);
        all.addAll(more);
        return new EntryDraft(type, recordedAtMillis, bytes, leafHash, lookups, all, uniqueKey, uniqueDigest, secrets);
    }

    public EntryDraft withUniqueKey(String key, byte[] bodyDigest) {
        return new EntryDraft(type, recordedAtMillis, bytes, leafHash, lookups, blobs, key, bodyDigest, secrets);
    }

    /** Secrets to store with the entry unless they exist, e.g. the wrapped key its sealed content needs. */
    public EntryDraft withSecrets(List<Annex.Secret> more) {
        List<Annex.Secret> all = new java.util.ArrayList<>(secrets);
        all.addAll(more);
        return new EntryDraft(type, recordedAtMillis, bytes, leafHash, lookups, blobs, uniqueKey, uniqueDigest, all);
    }
}
