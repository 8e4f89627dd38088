package org.onus.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Wraps any {@link LedgerStore} to watch and steer what its caller does: it counts {@link #append}
 * calls and the entries they carry, can hold the next append until the test lets it go (so that
 * the test decides, without sleeping, what queues up behind it), and injects the two kinds of
 * failed append into any store: failed and not persisted, failed but persisted. Everything else,
 * the annex included, passes through unchanged.
 */
public final class InterceptingStore implements LedgerStore {

    private final LedgerStore inner;
    private final AtomicInteger appendCalls = new AtomicInteger();
    private final AtomicLong appendedEntries = new AtomicLong();
    private final AtomicInteger largestAppend = new AtomicInteger();
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicReference<String> fault = new AtomicReference<>();

    public InterceptingStore(LedgerStore inner) {
        this.inner = inner;
    }

    public LedgerStore inner() {
        return inner;
    }

    public int appendCalls() {
        return appendCalls.get();
    }

    public long appendedEntries() {
        return appendedEntries.get();
    }

    /** Most entries a single append call carried. */
    public int largestAppend() {
        return largestAppend.get();
    }

    /** The next append throws and does not reach the wrapped store. */
    public void failNextAppend() {
        fault.set("before");
    }

    /** The next append reaches the wrapped store and commits, then throws as if the commit's answer was lost. */
    public void failNextAppendAfterPersisting() {
        fault.set("after");
    }

    /** A held append: it has entered the store and waits for {@link #release}. */
    public static final class Hold {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the held append has arrived (bounded only to turn a bug into a failure, not a hang). */
        public void awaitEntered() throws InterruptedException {
            if (!entered.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no append reached the store");
            }
        }

        public void release() {
            released.countDown();
        }
    }

    /** Makes the next append wait, inside the store, until the returned hold is released. */
    public Hold holdNextAppend() {
        Hold h = new Hold();
        hold.set(h);
        return h;
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles) {
        append(tenantId, firstIndex, entries, completedTiles, Annex.NONE);
    }

    @Override
    public void append(long tenantId, long firstIndex, List<StoredEntry> entries, List<Tile> completedTiles, Annex annex) {
        appendCalls.incrementAndGet();
        String f = fault.getAndSet(null); // armed before this call began, so a fault armed while it is held hits the next one
        Hold h = hold.getAndSet(null);
        if (h != null) {
            h.entered.countDown();
            try {
                h.released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held", e);
            }
        }
        if ("before".equals(f)) {
            throw new StoreException("injected fault: the append failed and nothing was stored");
        }
        inner.append(tenantId, firstIndex, entries, completedTiles, annex);
        appendedEntries.addAndGet(entries.size());
        largestAppend.accumulateAndGet(entries.size(), Math::max);
        if ("after".equals(f)) {
            throw new StoreException("injected fault: the append was stored but its acknowledgement was lost");
        }
    }

    @Override
    public Map<String, Annex.UniqueKey> uniqueKeys(long tenantId, Collection<String> keys) {
        return inner.uniqueKeys(tenantId, keys);
    }

    @Override
    public List<Annex.Key> keyed(long tenantId, String kind, String key, long fromMillis, long toMillis,
                                 Annex.Key after, int limit) {
        return inner.keyed(tenantId, kind, key, fromMillis, toMillis, after, limit);
    }

    @Override
    public List<String> keysOfKind(long tenantId, String kind) {
        return inner.keysOfKind(tenantId, kind);
    }

    @Override
    public Optional<byte[]> blob(long tenantId, long index, String digest) {
        return inner.blob(tenantId, index, digest);
    }

    @Override
    public boolean sharedWithOtherNodes() {
        return inner.sharedWithOtherNodes();
    }

    @Override
    public void putSecret(long tenantId, String name, byte[] value, long createdAtMillis) {
        inner.putSecret(tenantId, name, value, createdAtMillis);
    }

    @Override
    public Optional<byte[]> secret(long tenantId, String name) {
        return inner.secret(tenantId, name);
    }

    @Override
    public boolean destroySecret(long tenantId, String name) {
        return inner.destroySecret(tenantId, name);
    }

    @Override
    public List<TenantRecord> tenants() {
        return inner.tenants();
    }

    @Override
    public Optional<TenantRecord> tenant(String name) {
        return inner.tenant(name);
    }

    @Override
    public TenantRecord createTenant(String name, long createdAtMillis) {
        return inner.createTenant(name, createdAtMillis);
    }

    @Override
    public long size(long tenantId) {
        return inner.size(tenantId);
    }

    @Override
    public Optional<StoredEntry> entry(long tenantId, long index) {
        return inner.entry(tenantId, index);
    }

    @Override
    public void scan(long tenantId, long from, long to, Consumer<StoredEntry> sink) {
        inner.scan(tenantId, from, to, sink);
    }

    @Override
    public List<byte[]> leafHashes(long tenantId, long from, long to) {
        return inner.leafHashes(tenantId, from, to);
    }

    @Override
    public Optional<Tile> tile(long tenantId, long tileIndex) {
        return inner.tile(tenantId, tileIndex);
    }

    @Override
    public List<byte[]> tileRoots(long tenantId) {
        return inner.tileRoots(tenantId);
    }

    @Override
    public void addCheckpoint(long tenantId, CheckpointRecord checkpoint) {
        inner.addCheckpoint(tenantId, checkpoint);
    }

    @Override
    public Optional<CheckpointRecord> latestCheckpoint(long tenantId) {
        return inner.latestCheckpoint(tenantId);
    }

    @Override
    public List<CheckpointRecord> checkpoints(long tenantId) {
        return inner.checkpoints(tenantId);
    }

    @Override
    public void addToken(TokenRecord token) {
        inner.addToken(token);
    }

    @Override
    public Optional<TokenRecord> tokenBySecretHash(byte[] secretHash) {
        return inner.tokenBySecretHash(secretHash);
    }

    @Override
    public boolean hasTokens() {
        return inner.hasTokens();
    }

    @Override
    public List<TokenRecord> tokens(long tenantId) {
        return inner.tokens(tenantId);
    }

    @Override
    public boolean revokeToken(long tenantId, String tokenId, long atMillis) {
        return inner.revokeToken(tenantId, tokenId, atMillis);
    }

    @Override
    public long sizeOnDisk() {
        return inner.sizeOnDisk();
    }

    @Override
    public void close() {
        inner.close();
    }
}
