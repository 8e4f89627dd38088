package org.onus.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link LedgerStore} in memory, for fast tests. It owes every guarantee the interface states,
 * and, unlike a real database, it <em>checks</em> what its callers must get right and throws
 * {@link IllegalStateException} naming the broken invariant instead of storing it:
 * <ul>
 *   <li>an appended entry's index is not the next dense index, or a field is missing;</li>
 *   <li>an entry's leaf hash is not SHA-256(0x00 ‖ bytes);</li>
 *   <li>a tile is not the next tile, covers leaves the log does not hold, does not carry exactly
 *       those leaves' hashes, or has a root that is not the RFC 9162 root of its leaves;</li>
 *   <li>an append leaves a completed tile unwritten (the contract says the caller hands in the
 *       tiles its entries complete);</li>
 *   <li>anything already written would be overwritten (a tenant name, a token, a tile).</li>
 * </ul>
 * Compare-and-swap conflicts and checkpoint refusals are the store's ordinary answers and throw
 * what {@link LedgerStore} documents ({@link AppendConflictException}, {@link StoreException}).
 *
 * <p>Fault hooks come in pairs, as in Sunlight's test store, because a failed write is
 * ambiguous in the real world: {@link #failNextAppend()} makes the next append throw and store
 * nothing, {@link #failNextAppendAfterPersisting()} makes it store everything and then throw
 * anyway. The same pair exists for checkpoints. Each hook fires once.
 *
 * <p>Concurrency: writes are serialized by one lock; reads take no lock and see only what a
 * finished write published (each log publishes its size through a volatile write after its
 * entries are in place), so readers never wait for a writer.
 *
 * <p>The annex (lookup keys, unique keys, blobs) and secrets are kept too, in {@link InMemoryAnnex};
 * an annex row pointing outside its append or a taken unique key fails the append whole.
 *
 * <p>{@link #reopen()} simulates a restart: the old instance refuses all further use and a new one
 * sees exactly what was committed.
 */
public final class InMemoryStore implements LedgerStore {

    /** What the next write does when a fault hook is armed. */
    private enum Fault { NONE, FAIL_WITHOUT_PERSISTING, FAIL_AFTER_PERSISTING }

    private final Data data;
    private volatile boolean closed;

    public InMemoryStore() {
        this(new Data());
    }

    private InMemoryStore(Data data) {
        this.data = data;
    }

    /** Everything that survives a "restart". */
    private static final class Data {
        final Object writeLock = new Object();
        final List<TenantRecord> tenants = new CopyOnWriteArrayList<>();
        final Map<Long, Log> logs = new ConcurrentHashMap<>();
        final Map<String, TokenRecord> tokensBySecret = new ConcurrentHashMap<>();
        final Map<String, TokenRecord> tokensById = new ConcurrentHashMap<>();
        final AtomicReference<Fault> appendFault = new AtomicReference<>(Fault.NONE);
        final AtomicReference<Fault> checkpointFault = new AtomicReference<>(Fault.NONE);
    }

    /** One tenant's log. Slots below {@code size} are immutable once published. */
    private static final class Log {
        final InMemoryAnnex annex = new InMemoryAnnex(() -> this.size);
        final Map<Long, StoredEntry> entries = new ConcurrentHashMap<>();
        final Map<Long, Tile> tiles = new ConcurrentHashMap<>();
        final List<CheckpointRecord> checkpoints = new CopyOnWriteArrayList<>();
        volatile long size;
        volatile long tileCount;
    }

    // ---- fault hooks -------------------------------------------------------------------------

    /** The next {@link #append} throws a {@link StoreException} and stores nothing. */
    public void failNextAppend() {
        data.appendFault.set(Fault.FAIL_WITHOUT_PERSISTING);
    }

    /** The next {@link #append} stores everything, as a commit whose acknowledgement was lost, then throws. */
    public void failNextAppendAfterPersisting() {
        data.appendFault.set(Fault.FAIL_AFTER_PERSISTING);
    }

    /** The next {@link #addCheckpoint} throws and stores nothing. */
    public void failNextCheckpoint() {
        data.checkpointFault.set(Fault.FAIL_WITHOUT_PERSISTING);
    }

    /** The next {@link #addCheckpoint} stores the checkpoint, then throws. */
    public void failNextCheckpointAfterPersisting() {
        data.checkpointFault.set(Fault.FAIL_AFTER_PERSISTING);
    }

    // ---- tampering, for tests of what Onus does with a damaged store --------------------------

    /**
     * Removes every entry at or above {@code newSize} and every tile above it, as an attacker or a
     * restored old backup would: the one operation the interface forbids, for rollback tests.
     */
    public void simulateRollback(long tenantId, long newSize) {
        synchronized (data.writeLock) {
            Log log = log(tenantId);
            long keepTiles = newSize / Tile.WIDTH;
            for (long i = newSize; i < log.size; i++) {
                log.entries.remove(i);
            }
            for (long t = keepTiles; t < log.tileCount; t++) {
                log.tiles.remove(t);
            }
            log.size = Math.min(log.size, newSize);
            log.tileCount = Math.min(log.tileCount, keepTiles);
        }
    }

    /** Replaces the bytes of one stored entry (keeping its stored leaf hash), as a tampered disk would. */
    public void simulateTamperedEntry(long tenantId, long index, byte[] newBytes) {
        synchronized (data.writeLock) {
            Log log = log(tenantId);
            StoredEntry e = log.entries.get(index);
            if (e == null || index >= log.size) {
                throw new IllegalArgumentException("tenant " + tenantId + " has no entry " + index);
            }
            log.entries.put(index, new StoredEntry(index, e.type(), e.recordedAtMillis(), newBytes.clone(), e.leafHash()));
        }
    }

    /** A new store over the same committed data, as after a restart; this one refuses further use. */
    public InMemoryStore reopen() {
        close();
        return new InMemoryStore(data);
    }

    // ---- LedgerStore -------------------------------------------------------------------------

    @Override
    public List<TenantRecord> tenants() {
        checkOpen();
        return List.copyOf(data.tenants);
    }

    @Override
    public Optional<TenantRecord> tenant(String name) {
        checkOpen();
        return data.tenants.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public TenantRecord createTenant(String name, long createdAtMillis) {
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new IllegalStateException("a tenant needs a name");
        }
        synchronized (data.writeLock) {
            if (tenant(name).isPresent()) {
                throw new StoreException("a tenant named '" + name + "' already exists");
            }
            TenantRecord t = new TenantRecord(data.tenants.size() + 1L, name, createdAtMillis);
            data.logs.put(t.id(), new Log());
            data.tenants.add(t);
            return t;
        }
    }

    @Override
    public long size(long tenantId) {
        checkOpen();
        return log(tenantId).size;
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles) {
        append(tenantId, firstIndex, entries, completedTiles, Annex.NONE);
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex) {
        checkOpen();
        synchronized (data.writeLock) {
            Log log = log(tenantId);
            Fault fault = data.appendFault.getAndSet(Fault.NONE);
            if (fault == Fault.FAIL_WITHOUT_PERSISTING) {
                throw new StoreException("injected fault: the append failed and nothing was stored");
            }
            long size = log.size;
            if (firstIndex != size) {
                throw new AppendConflictException(firstIndex, size);
            }
            List<StoredEntry> copies = checkedEntries(firstIndex, entries);
            long newSize = firstIndex + copies.size();
            List<Tile> tiles = checkedTiles(log, firstIndex, copies, completedTiles, newSize);
            log.annex.check(annex, firstIndex, newSize);
            for (StoredEntry e : copies) {
                if (log.entries.putIfAbsent(e.index(), e) != null) {
                    throw new IllegalStateException("entry " + e.index() + " of tenant " + tenantId
                            + " would be overwritten: an immutable slot was written twice");
                }
            }
            for (Tile t : tiles) {
                if (log.tiles.putIfAbsent(t.index(), t) != null) {
                    throw new IllegalStateException("tile " + t.index() + " of tenant " + tenantId + " would be overwritten");
                }
            }
            log.annex.write(annex, newSize);
            log.tileCount += tiles.size();
            log.size = newSize; // publishes everything above to lock-free readers
            if (fault == Fault.FAIL_AFTER_PERSISTING) {
                throw new StoreException("injected fault: the append was stored but its acknowledgement was lost");
            }
        }
    }

    private static List<StoredEntry> checkedEntries(long firstIndex, List<StoredEntry> entries) {
        List<StoredEntry> out = new ArrayList<>(entries.size());
        long expected = firstIndex;
        for (StoredEntry e : entries) {
            if (e.index() != expected) {
                throw new IllegalStateException("entries of an append must have dense indexes from " + firstIndex
                        + ", but entry " + (expected - firstIndex) + " of the batch has index " + e.index()
                        + " instead of " + expected);
            }
            if (e.type() == null || e.bytes() == null || e.leafHash() == null || e.leafHash().length != 32) {
                throw new IllegalStateException("entry " + e.index() + " lacks a type, its bytes or a 32-byte leaf hash");
            }
            if (!Arrays.equals(e.leafHash(), leafHash(e.bytes()))) {
                throw new IllegalStateException("entry " + e.index() + " carries a leaf hash that is not SHA-256(0x00 || bytes)");
            }
            out.add(new StoredEntry(e.index(), e.type(), e.recordedAtMillis(), e.bytes().clone(), e.leafHash().clone()));
            expected++;
        }
        return out;
    }

    private static List<Tile> checkedTiles(Log log, long firstIndex, List<StoredEntry> batch, List<Tile> tiles, long newSize) {
        List<Tile> out = new ArrayList<>(tiles.size());
        long next = log.tileCount;
        for (Tile t : tiles) {
            if (t.index() != next) {
                throw new IllegalStateException("tile " + t.index() + " is not the next tile (" + next + ")"
                        + (t.index() < next ? ": it would overwrite a stored tile" : ""));
            }
            long from = t.index() * Tile.WIDTH;
            long to = from + Tile.WIDTH;
            if (to > newSize) {
                throw new IllegalStateException("tile " + t.index() + " covers leaves up to " + to
                        + " but the log will hold only " + newSize);
            }
            if (t.leafHashes() == null || t.leafHashes().length != Tile.WIDTH * 32) {
                throw new IllegalStateException("tile " + t.index() + " must carry " + Tile.WIDTH + " leaf hashes");
            }
            for (long i = from; i < to; i++) {
                byte[] expected = i >= firstIndex ? batch.get((int) (i - firstIndex)).leafHash() : log.entries.get(i).leafHash();
                int off = (int) (i - from) * 32;
                if (!Arrays.equals(t.leafHashes(), off, off + 32, expected, 0, 32)) {
                    throw new IllegalStateException("tile " + t.index() + " holds a leaf hash for leaf " + i
                            + " that differs from the entry's");
                }
            }
            if (!Arrays.equals(t.root(), tileRoot(t.leafHashes()))) {
                throw new IllegalStateException("tile " + t.index() + " has a root that is not the root of its leaves");
            }
            out.add(new Tile(t.index(), t.leafHashes().clone(), t.root().clone(), t.mid() == null ? null : t.mid().clone()));
            next++;
        }
        if (next != newSize / Tile.WIDTH) {
            throw new IllegalStateException("after this append the log holds " + newSize + " entries, i.e. "
                    + newSize / Tile.WIDTH + " completed tiles, but only " + next + " tiles were handed in");
        }
        return out;
    }

    @Override
    public Map<String, Annex.UniqueKey> uniqueKeys(long tenantId, Collection<String> keys) {
        checkOpen();
        return log(tenantId).annex.uniqueKeys(keys);
    }

    @Override
    public List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis,
                                 Annex.Key after, int limit) {
        checkOpen();
        return log(tenantId).annex.keyed(kind, key, fromMillis, toMillis, after, limit);
    }

    @Override
    public List<String> keysOfKind(long tenantId, String kind) {
        checkOpen();
        return log(tenantId).annex.keysOfKind(kind);
    }

    @Override
    public Optional<byte[]> blob(long tenantId, long index, String digest) {
        checkOpen();
        return log(tenantId).annex.blob(index, digest);
    }

    @Override
    public void putSecret(long tenantId, String name, byte[] value, long createdAtMillis) {
        checkOpen();
        synchronized (data.writeLock) {
            log(tenantId).annex.putSecret(name, value);
        }
    }

    @Override
    public Optional<byte[]> secret(long tenantId, String name) {
        checkOpen();
        return log(tenantId).annex.secret(name);
    }

    @Override
    public boolean destroySecret(long tenantId, String name) {
        checkOpen();
        synchronized (data.writeLock) {
            return log(tenantId).annex.destroySecret(name);
        }
    }

    @Override
    public Optional<StoredEntry> entry(long tenantId, long index) {
        checkOpen();
        Log log = log(tenantId);
        if (index < 0 || index >= log.size) {
            return Optional.empty();
        }
        return Optional.of(copy(log.entries.get(index)));
    }

    @Override
    public void scan(long tenantId, long from, long to, Consumer<StoredEntry> sink) {
        checkOpen();
        Log log = log(tenantId);
        long end = Math.min(to, log.size);
        for (long i = Math.max(0, from); i < end; i++) {
            sink.accept(copy(log.entries.get(i)));
        }
    }

    @Override
    public List<byte[]> leafHashes(long tenantId, long from, long to) {
        checkOpen();
        Log log = log(tenantId);
        long end = Math.min(to, log.size);
        List<byte[]> out = new ArrayList<>();
        for (long i = Math.max(0, from); i < end; i++) {
            out.add(log.entries.get(i).leafHash().clone());
        }
        return out;
    }

    @Override
    public Optional<Tile> tile(long tenantId, long tileIndex) {
        checkOpen();
        Log log = log(tenantId);
        if (tileIndex < 0 || tileIndex >= log.tileCount) {
            return Optional.empty();
        }
        Tile t = log.tiles.get(tileIndex);
        return Optional.of(new Tile(t.index(), t.leafHashes().clone(), t.root().clone(), t.mid() == null ? null : t.mid().clone()));
    }

    @Override
    public List<byte[]> tileRoots(long tenantId) {
        checkOpen();
        Log log = log(tenantId);
        long n = log.tileCount;
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(log.tiles.get(i).root().clone());
        }
        return out;
    }

    @Override
    public void addCheckpoint(long tenantId, CheckpointRecord cp) {
        checkOpen();
        synchronized (data.writeLock) {
            Log log = log(tenantId);
            Fault fault = data.checkpointFault.getAndSet(Fault.NONE);
            if (fault == Fault.FAIL_WITHOUT_PERSISTING) {
                throw new StoreException("injected fault: the checkpoint failed and was not stored");
            }
            if (cp.root() == null || cp.root().length != 32 || cp.note() == null) {
                throw new IllegalStateException("a checkpoint needs a 32-byte root and its note");
            }
            if (cp.size() < 0 || cp.size() > log.size) {
                throw new StoreException("a checkpoint of size " + cp.size() + " cannot be stored for a log of " + log.size);
            }
            if (!log.checkpoints.isEmpty()) {
                long latest = log.checkpoints.get(log.checkpoints.size() - 1).size();
                if (latest >= cp.size()) {
                    throw new StoreException("a checkpoint of size " + latest + " already exists; checkpoints only grow");
                }
            }
            log.checkpoints.add(new CheckpointRecord(cp.size(), cp.root().clone(), cp.note(), cp.createdAtMillis()));
            if (fault == Fault.FAIL_AFTER_PERSISTING) {
                throw new StoreException("injected fault: the checkpoint was stored but its acknowledgement was lost");
            }
        }
    }

    @Override
    public Optional<CheckpointRecord> latestCheckpoint(long tenantId) {
        checkOpen();
        List<CheckpointRecord> cps = log(tenantId).checkpoints;
        return cps.isEmpty() ? Optional.empty() : Optional.of(copy(cps.get(cps.size() - 1)));
    }

    @Override
    public List<CheckpointRecord> checkpoints(long tenantId) {
        checkOpen();
        List<CheckpointRecord> out = new ArrayList<>();
        for (CheckpointRecord cp : log(tenantId).checkpoints) {
            out.add(copy(cp));
        }
        return out;
    }

    @Override
    public void addToken(TokenRecord token) {
        checkOpen();
        synchronized (data.writeLock) {
            if (data.tenants.stream().noneMatch(t -> t.id() == token.tenantId())) {
                throw new StoreException("token " + token.id() + " names tenant " + token.tenantId() + ", which does not exist");
            }
            String key = HexFormat.of().formatHex(token.secretHash());
            if (data.tokensBySecret.containsKey(key) || data.tokensById.containsKey(token.id())) {
                throw new StoreException("a token with this secret or the id " + token.id() + " already exists");
            }
            TokenRecord copy = copy(token);
            data.tokensBySecret.put(key, copy);
            data.tokensById.put(token.id(), copy);
        }
    }

    @Override
    public Optional<TokenRecord> tokenBySecretHash(byte[] secretHash) {
        checkOpen();
        return Optional.ofNullable(data.tokensBySecret.get(HexFormat.of().formatHex(secretHash))).map(InMemoryStore::copy);
    }

    @Override
    public List<TokenRecord> tokens(long tenantId) {
        checkOpen();
        return data.tokensById.values().stream().filter(t -> t.tenantId() == tenantId)
                .sorted(java.util.Comparator.comparingLong(TokenRecord::createdAtMillis).thenComparing(TokenRecord::id))
                .map(InMemoryStore::copy).toList();
    }

    @Override
    public boolean revokeToken(long tenantId, String tokenId, long atMillis) {
        checkOpen();
        if (atMillis == 0) {
            throw new IllegalArgumentException("a revocation time of 0 would read as 'not revoked'");
        }
        synchronized (data.writeLock) {
            TokenRecord t = data.tokensById.get(tokenId);
            if (t == null || t.tenantId() != tenantId) {
                throw new StoreException("no token " + tokenId + " in tenant " + tenantId);
            }
            if (t.revoked()) {
                return false;
            }
            TokenRecord revoked = new TokenRecord(t.secretHash(), t.id(), t.tenantId(), t.role(), t.label(), t.createdAtMillis(),
                    atMillis, t.party());
            data.tokensById.put(tokenId, revoked);
            data.tokensBySecret.put(HexFormat.of().formatHex(t.secretHash()), revoked);
            return true;
        }
    }

    @Override
    public boolean hasTokens() {
        checkOpen();
        return !data.tokensBySecret.isEmpty();
    }

    @Override
    public long sizeOnDisk() {
        checkOpen();
        long total = 0;
        for (Log log : data.logs.values()) {
            for (StoredEntry e : log.entries.values()) {
                total += e.bytes().length + 32 + 16;
            }
            total += log.tiles.size() * (Tile.WIDTH * 32L + 40);
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) {
            throw new StoreException("this store is closed; open it again to use it");
        }
    }

    private Log log(long tenantId) {
        Log log = data.logs.get(tenantId);
        if (log == null) {
            throw new IllegalStateException("there is no tenant with id " + tenantId + "; create it first");
        }
        return log;
    }

    private static StoredEntry copy(StoredEntry e) {
        return new StoredEntry(e.index(), e.type(), e.recordedAtMillis(), e.bytes().clone(), e.leafHash().clone());
    }

    private static CheckpointRecord copy(CheckpointRecord cp) {
        return new CheckpointRecord(cp.size(), cp.root().clone(), cp.note(), cp.createdAtMillis());
    }

    private static TokenRecord copy(TokenRecord t) {
        return new TokenRecord(t.secretHash().clone(), t.id(), t.tenantId(), t.role(), t.label(), t.createdAtMillis(),
                t.revokedAtMillis(), t.party());
    }

    static byte[] leafHash(byte[] bytes) {
        MessageDigest md = sha256();
        md.update((byte) 0x00);
        md.update(bytes);
        return md.digest();
    }

    /** The RFC 9162 root of a perfect tile, computed here so the fake depends on nothing it checks. */
    static byte[] tileRoot(byte[] packedLeafHashes) {
        int n = packedLeafHashes.length / 32;
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            level[i] = Arrays.copyOfRange(packedLeafHashes, i * 32, i * 32 + 32);
        }
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                MessageDigest md = sha256();
                md.update((byte) 0x01);
                md.update(level[2 * i]);
                md.update(level[2 * i + 1]);
                up[i] = md.digest();
            }
            level = up;
        }
        return level[0];
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
