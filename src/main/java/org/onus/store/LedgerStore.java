package org.onus.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where Onus keeps its tenants' logs. The contract is shaped by what an append-only Merkle log
 * needs (append a batch, read ranges, keep signed checkpoints), not by any one database, so that
 * the embedded SQLite store and a PostgreSQL store are interchangeable behind it.
 *
 * <p>Guarantees every implementation owes:
 * <ul>
 *   <li><b>Durable on return.</b> When {@link #append} returns normally, the entries and tiles
 *       are committed and survive a crash of the process; when it throws, the caller must not
 *       assume either way and must reload the log's state (a write may fail yet persist).</li>
 *   <li><b>Atomic and gap-free.</b> An append writes all of its entries and tiles or none, and
 *       only if {@code firstIndex} equals the log's size at that moment (compare-and-swap);
 *       otherwise it throws {@link AppendConflictException} and writes nothing. So indexes are
 *       dense and never reused.</li>
 *   <li><b>Immutable once written.</b> Nothing appended is ever updated or deleted through this
 *       interface.</li>
 *   <li><b>Checkpoints only grow.</b> {@link #addCheckpoint} refuses a checkpoint smaller than
 *       the latest one or larger than the log.</li>
 *   <li><b>Concurrent use.</b> Every method may be called from many threads at once; reads never
 *       wait for an append's transaction to finish and see only committed data.</li>
 * </ul>
 */
public interface LedgerStore extends AutoCloseable {

    /** Every tenant, in order of creation. */
    List<TenantRecord> tenants();

    Optional<TenantRecord> tenant(String name);

    /** Creates a tenant with an empty log; fails if the name is taken. */
    TenantRecord createTenant(String name, long createdAtMillis);

    /** Number of entries in the tenant's log. */
    long size(long tenantId);

    /**
     * Appends {@code entries}, whose indexes must run from {@code firstIndex} without a gap,
     * together with the tiles they complete. See the class comment for the guarantees.
     */
    default void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles) {
        append(tenantId, firstIndex, entries, completedTiles, Annex.NONE);
    }

    /**
     * Appends like {@link #append(long, long, List, List)} and, in the same transaction, writes
     * the annex: lookup keys, unique keys, blobs and secrets. A unique key that is already taken
     * fails the whole append with {@link StoreException} and writes nothing (the sequencer checks
     * unique keys before appending, so this is a last line of defence, not the normal path).
     * A secret is stored unless one of its name exists (or its value was destroyed, see
     * {@link #destroySecret}); if one of its name exists <em>with another value</em>, the whole
     * append fails with {@link SecretConflictException} and writes nothing. So an entry sealed
     * under a key it carries is committed only if that key is the one the store keeps.
     */
    void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex);

    /** The unique keys among {@code keys} that are taken, by key. */
    java.util.Map<String, Annex.UniqueKey> uniqueKeys(long tenantId, java.util.Collection<String> keys);

    /**
     * Indexes of the entries filed under ({@code kind}, {@code key}) with {@code fromMillis <= at
     * < toMillis}, in (at, index) order, after the position {@code after} (exclusive; pass null
     * to start at the beginning), at most {@code limit}.
     */
    List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis, Annex.Key after, int limit);

    /** Distinct keys of a kind (e.g. every record id of the registry), in key order. */
    List<String> keysOfKind(long tenantId, String kind);

    /**
     * The bytes stored under {@code digest} with entry {@code index} (the entry committing to the
     * digest), if any. Stores written before blobs were filed by entry also find a blob of that
     * digest stored with no entry.
     */
    Optional<byte[]> blob(long tenantId, long index, String digest);

    /**
     * Stores a small secret (e.g. a wrapped per-patient key) durably under a name; fails if the
     * name is taken. Secrets are the one thing a store deletes: see {@link #destroySecret}.
     */
    void putSecret(long tenantId, String name, byte[] value, long createdAtMillis);

    Optional<byte[]> secret(long tenantId, String name);

    /**
     * Destroys a secret beyond recovery from the store's files (overwriting freed pages), for
     * crypto-shredding, and remembers its fingerprint: an annex that carries the same value later
     * (a write that was already in flight) does not bring it back. Returns whether it existed.
     */
    boolean destroySecret(long tenantId, String name);

    Optional<StoredEntry> entry(long tenantId, long index);

    /** Entries with {@code from <= index < to}, in index order, handed to {@code sink} one by one. */
    void scan(long tenantId, long from, long to, Consumer<StoredEntry> sink);

    /** Leaf hashes of entries {@code from <= index < to}, in index order. */
    List<byte[]> leafHashes(long tenantId, long from, long to);

    Optional<Tile> tile(long tenantId, long tileIndex);

    /** Roots of all completed tiles, in order: enough to rebuild the upper tree at start. */
    List<byte[]> tileRoots(long tenantId);

    void addCheckpoint(long tenantId, CheckpointRecord checkpoint);

    Optional<CheckpointRecord> latestCheckpoint(long tenantId);

    /** Every checkpoint ever issued for the tenant, oldest first. */
    List<CheckpointRecord> checkpoints(long tenantId);

    void addToken(TokenRecord token);

    Optional<TokenRecord> tokenBySecretHash(byte[] secretHash);

    /** Whether any token, revoked or not, was ever stored: false only before the first bootstrap. */
    boolean hasTokens();

    /** Every token of the tenant, revoked ones included, oldest first. */
    List<TokenRecord> tokens(long tenantId);

    /**
     * Marks the tenant's token {@code tokenId} revoked at {@code atMillis}, once: answers true if
     * it was valid until now, false if it was already revoked (its first revocation time stays).
     * A token id unknown in the tenant is a {@link StoreException}.
     */
    boolean revokeToken(long tenantId, String tokenId, long atMillis);

    /**
     * Whether other processes may append to this store's logs (several nodes on one database).
     * Only then can a log grow without this process appending, and readers that must see every
     * committed entry ask the store for its size first.
     */
    default boolean sharedWithOtherNodes() {
        return false;
    }

    /** Bytes the store occupies, for metrics and benchmarks (an estimate where exactness is costly). */
    long sizeOnDisk();

    @Override
    void close();
}
