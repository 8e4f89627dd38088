package org.onus.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.onus.store.Annex;
import org.onus.store.CheckpointRecord;
import org.onus.store.LedgerStore;
import org.onus.store.StoredEntry;
import org.onus.store.Tile;

/**
 * One tenant's append-only Merkle log: its sequencer, its in-memory upper tree, its proofs and
 * its signed checkpoints.
 *
 * <h2>Writes: one sequencer, group commit</h2>
 * Appends from any thread go into a queue as groups (a group is one request: a single entry or a
 * whole batch). One sequencer thread takes everything queued, up to {@link #MAX_BATCH} entries,
 * gives it the next indexes, builds the tiles it completes, and hands it all to
 * {@link LedgerStore#append} as one transaction. Only when that returns, i.e. when the store has
 * made it durable, are the groups' futures completed: an acknowledged entry is a committed entry.
 * While one transaction commits the next batch gathers in the queue, so the cost of a commit is
 * shared by all who arrived meanwhile. A group is never split across transactions, so its
 * entries get consecutive indexes and are committed together or not at all.
 *
 * <p>If the store throws, the groups fail, and since a failed write may still have persisted,
 * the sequencer reloads its state from the store before taking more work. Indexes therefore
 * stay gap-free and are never reused.
 *
 * <h2>Reads: off the write path</h2>
 * Proofs and entries are served from committed data only: the published {@link #size()} moves
 * after the commit, the upper tree is immutable below it, and tiles come from the store (with a
 * small cache), never from the sequencer's working state.
 *
 * <h2>Checkpoints</h2>
 * {@link #checkpoint()} signs a checkpoint for the current size when the latest one is stale;
 * the ledger's timer calls it every second, so a checkpoint trails the writes by at most that.
 *
 * <h2>Several nodes on one store</h2>
 * On a store shared by several Onus processes (PostgreSQL), every node runs a sequencer for every
 * tenant and any of them may append. The store serialises them: an append holds the tenant's lock
 * for its transaction and is refused ({@link AppendConflictException}, nothing written) unless its
 * first index is the log's size at that moment. So at any instant exactly one transaction is
 * extending a log, and a node whose view is stale cannot fork the tree; there is no lease to
 * expire, because the lock dies with the transaction (and with the connection of a node that
 * died), and what a dead node had not committed it had not acknowledged.
 *
 * <p>A refused sequencer <em>catches up</em> before trying again ({@link #catchUp}): it reads the
 * entries the others appended since its size, adds their leaf hashes to its partial tile and each
 * completed tile's root to its upper tree (the same state {@link #reload} builds at start, grown
 * instead of rebuilt), publishes the new size and hands those entries to its commit listeners
 * (the monitor, the registry), exactly as if it had committed them itself. It then re-plans the
 * batch from the new size: indexes, tiles and unique keys (a key another node took meanwhile is
 * now answered with that node's index, or refused as a duplicate). All of this runs under
 * {@code writing}, the lock that owns the sequencer's state, so listeners see every entry once, in
 * index order. An idle sequencer also catches up every {@value #IDLE_CATCH_UP_MILLIS} ms, and a
 * read naming an index, size or key beyond what this node has published catches up first, so a
 * client that wrote through one node and reads through another sees its write. Checkpoints are
 * signed by whichever node asks first; a node adopts a newer one another node stored rather than
 * signing a smaller one (checkpoints only grow).
 *
 * <p>A secret an entry carries (a new patient's wrapped key) may lose a race too: two nodes made
 * a key for the same patient and the other committed first. The store then refuses the whole
 * append ({@link org.onus.store.SecretConflictException}, nothing written); the sequencer fails
 * only the groups carrying that secret, whose writers seal again under the stored key, and
 * commits the rest of the batch.
 *
 * <p>On a store no one else writes to (the embedded one), a conflict never happens and catching
 * up finds nothing: one size query per idle interval.
 */
public final class TenantLog {

    static final int MAX_BATCH = 20_000;
    /** How often an idle sequencer looks for entries other nodes appended. */
    static final long IDLE_CATCH_UP_MILLIS = 200;
    /** How long a batch keeps trying while other nodes keep appending first, before it fails. */
    static final long MAX_CONFLICT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final long tenantId;
    private final String tenant;
    private final String origin;
    private final NoteKey key;
    private final LedgerStore store;
    private final Clock clock;
    private final LinkedBlockingQueue<Group> queue = new LinkedBlockingQueue<>();
    private final Thread sequencer;
    /**
     * Completes the futures of each commit, in commit order, off the sequencer's thread: every
     * completion may wake a waiting thread or hand work to an executor, and the next commit of the
     * tenant should not wait for that.
     */
    private final java.util.concurrent.ExecutorService acknowledger;
    private final Map<Long, TileNodes> tileCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TileNodes> eldest) {
            return size() > 1024;
        }
    };
    private final Object checkpointLock = new Object();
    /**
     * Appenders hold it shared while they enqueue, close() exclusively while it sets closed, so
     * nothing joins the queue after close() decided to stop; shared, because with dozens of
     * request threads on two cores a plain monitor made them queue behind a descheduled holder.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock closeLock = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** Owns {@code tree}'s growth, {@code tail} and the publication of {@code size}: the sequencer's commits and catching up. */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
    private volatile TreeState tree;
    private volatile long size;
    private List<byte[]> tail; // under writing: leaf hashes of the incomplete last tile
    private volatile boolean closed;
    private volatile CheckpointRecord latest;

    private record Group(List<EntryDraft> drafts, CompletableFuture<long[]> done) {
    }

    /**
     * Told of every commit, on the sequencer thread, after the entries are durable and published
     * and before their appenders are answered: the committed entries, in index order. It must
     * only hand them off (e.g. enqueue); whatever it throws is dropped, never failing the commit.
     */
    public interface CommitListener {
        void committed(List<StoredEntry> entries);
    }

    private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    TenantLog(long tenantId, String tenant, String origin, NoteKey key, LedgerStore store, Clock clock) {
        this.tenantId = tenantId;
        this.tenant = tenant;
        this.origin = origin;
        this.key = key;
        this.store = store;
        this.clock = clock;
        reload();
        checkAgainstLatestCheckpoint();
        this.acknowledger = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onus-acknowledger-" + tenant);
            t.setDaemon(true);
            return t;
        });
        this.sequencer = new Thread(this::sequence, "onus-sequencer-" + tenant);
        this.sequencer.setDaemon(true);
        this.sequencer.start();
    }

    public String tenant() {
        return tenant;
    }

    public long tenantId() {
        return tenantId;
    }

    public String origin() {
        return origin;
    }

    /** The verifier key for this log's checkpoints, in signed-note encoding. */
    public String verifierKey() {
        return key.verifierKey();
    }

    public NoteKey publicKey() {
        return key.verifierOnly();
    }

    /** Number of committed entries. */
    public long size() {
        return size;
    }

    /** Appends one entry; completes with its index once durably committed. */
    public CompletableFuture<Long> append(EntryDraft draft) {
        return appendAll(List.of(draft));
    }

    /**
     * Appends entries atomically; completes with the index of the first once all are durably
     * committed, or exceptionally if none were acknowledged. Without unique keys the entries get
     * consecutive indexes.
     */
    public CompletableFuture<Long> appendAll(List<EntryDraft> drafts) {
        return appendGroup(drafts).thenApply(indexes -> indexes[0]);
    }

    /**
     * Appends a group of entries all or nothing and completes, once they are durably committed,
     * with each draft's index: a new one, or, for a draft whose unique key is already held with
     * the same body digest, the index of the entry holding it. If any unique key is held with
     * another digest the group fails with {@link DuplicateKeyException} and nothing of it is written.
     */
    public CompletableFuture<long[]> appendGroup(List<EntryDraft> drafts) {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        if (drafts.isEmpty()) {
            done.completeExceptionally(new IllegalArgumentException("nothing to append"));
            return done;
        }
        if (drafts.size() > MAX_BATCH) {
            done.completeExceptionally(new IllegalArgumentException("at most " + MAX_BATCH + " entries per append"));
            return done;
        }
        closeLock.readLock().lock();
        try {
            // under the lock, so that nothing joins the queue after close() has decided to stop:
            // the sequencer drains whatever was queued before closed was set
            if (closed) {
                done.completeExceptionally(new LedgerException("the log of tenant " + tenant + " is closed"));
                return done;
            }
            queue.add(new Group(List.copyOf(drafts), done));
        } finally {
            closeLock.readLock().unlock();
        }
        return done;
    }

    private void sequence() {
        List<Group> batch = new ArrayList<>();
        long lastLook = System.nanoTime();
        while (!closed || !queue.isEmpty()) {
            try {
                Group first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!closed && System.nanoTime() - lastLook >= TimeUnit.MILLISECONDS.toNanos(IDLE_CATCH_UP_MILLIS)) {
                        lastLook = System.nanoTime();
                        try {
                            catchUp();
                        } catch (RuntimeException storeUnavailable) {
                            // the next commit or look reports it; an idle look has no one to tell
                        }
                    }
                    continue;
                }
                batch.add(first);
                int count = first.drafts.size();
                Group next;
                while (count < MAX_BATCH && (next = queue.peek()) != null && count + next.drafts.size() <= MAX_BATCH) {
                    batch.add(queue.poll());
                    count += next.drafts.size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                for (Group g : batch) {
                    g.done.completeExceptionally(t);
                }
                try {
                    reload();
                } catch (RuntimeException reloadFailure) {
                    t.addSuppressed(reloadFailure);
                }
            } finally {
                batch.clear();
            }
        }
        for (Group g; (g = queue.poll()) != null; ) {
            g.done.completeExceptionally(new LedgerException("the log of tenant " + tenant + " closed before the entry was written"));
        }
    }

    /** Commits a batch, catching up and re-planning it each time another node appended first. */
    private void commit(List<Group> batch) {
        writing.lock();
        try {
            long giveUpAt = System.nanoTime() + MAX_CONFLICT_NANOS;
            for (int conflicts = 0; ; conflicts++) {
                try {
                    commitOnce(batch);
                    return;
                } catch (org.onus.store.SecretConflictException e) {
                    batch = refuseCarriers(batch, e);
                    if (batch.isEmpty()) {
                        return;
                    }
                } catch (org.onus.store.AppendConflictException e) {
                    if (System.nanoTime() - giveUpAt > 0) {
                        throw e;
                    }
                    absorb(e.actual());
                    if (conflicts >= 2) {
                        // lost several races in a row: step aside for a moment (randomly, so that
                        // two losers do not keep colliding) while the winners' commits land
                        long pause = java.util.concurrent.ThreadLocalRandom.current().nextLong(1 + Math.min(20, conflicts));
                        Thread.sleep(pause);
                        absorb(store.size(tenantId));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while appending to the log of tenant " + tenant, e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * After the store refused a batch because a secret it carries differs from the stored one
     * (another node made the same patient's key first): fails the groups carrying such a secret
     * with that refusal, for their writers to redo under the stored secret, and answers the rest.
     */
    private static List<Group> refuseCarriers(List<Group> batch, org.onus.store.SecretConflictException e) {
        List<Group> rest = new ArrayList<>(batch.size());
        for (Group g : batch) {
            boolean carries = g.drafts.stream().anyMatch(d -> d.secrets().stream().anyMatch(sec -> e.names().contains(sec.name())));
            if (carries) {
                g.done.completeExceptionally(e);
            } else {
                rest.add(g);
            }
        }
        if (rest.size() == batch.size()) {
            throw e; // refused for a secret none of the batch carries: the store is not keeping its contract
        }
        return rest;
    }

    /** Plans the batch from the current size and appends it; completes the futures only once it is durable. */
    private void commitOnce(List<Group> batch) {
        Map<String, Annex.UniqueKey> held = heldUniqueKeys(batch);
        long first = size;
        long next = first;
        List<StoredEntry> entries = new ArrayList<>();
        List<Annex.Key> keys = new ArrayList<>();
        List<Annex.UniqueKey> unique = new ArrayList<>();
        List<Annex.Blob> blobs = new ArrayList<>();
        List<Annex.Secret> secrets = new ArrayList<>();
        List<Group> accepted = new ArrayList<>();
        List<long[]> results = new ArrayList<>();
        Map<Group, DuplicateKeyException> refused = new LinkedHashMap<>();
        for (Group g : batch) {
            long[] result = new long[g.drafts.size()];
            Map<String, Annex.UniqueKey> claims = new HashMap<>();
            List<EntryDraft> fresh = new ArrayList<>();
            DuplicateKeyException conflict = null;
            for (int i = 0; i < result.length && conflict == null; i++) {
                EntryDraft d = g.drafts.get(i);
                if (d.uniqueKey() != null) {
                    Annex.UniqueKey existing = claims.containsKey(d.uniqueKey()) ? claims.get(d.uniqueKey()) : held.get(d.uniqueKey());
                    if (existing != null) {
                        if (java.util.Arrays.equals(existing.bodyDigest(), d.uniqueDigest())) {
                            result[i] = existing.index();
                            continue;
                        }
                        conflict = new DuplicateKeyException(d.uniqueKey(), existing.index());
                        continue;
                    }
                    claims.put(d.uniqueKey(), new Annex.UniqueKey(d.uniqueKey(), next + fresh.size(), d.uniqueDigest()));
                }
                result[i] = next + fresh.size();
                fresh.add(d);
            }
            if (conflict != null) {
                refused.put(g, conflict);
                continue;
            }
            for (EntryDraft d : fresh) {
                long index = next++;
                entries.add(new StoredEntry(index, d.type(), d.recordedAtMillis(), d.bytes(), d.leafHash()));
                for (EntryDraft.Lookup l : d.lookups()) {
                    keys.add(new Annex.Key(index, l.kind(), l.key(), l.atMillis()));
                }
                for (Annex.Blob b : d.blobs()) {
                    blobs.add(b.at(index));
                }
                secrets.addAll(d.secrets());
            }
            unique.addAll(claims.values());
            held.putAll(claims);
            accepted.add(g);
            results.add(result);
        }
        if (!entries.isEmpty()) {
            List<byte[]> newTail = new ArrayList<>(tail);
            List<Tile> tiles = new ArrayList<>();
            long tileIndex = tree.completedTiles();
            for (StoredEntry e : entries) {
                newTail.add(e.leafHash());
                if (newTail.size() == Tile.WIDTH) {
                    tiles.add(TreeState.tile(tileIndex++, newTail));
                    newTail = new ArrayList<>();
                }
            }
            store.append(tenantId, first, entries, tiles, new Annex(keys, unique, blobs, secrets));
            for (Tile t : tiles) {
                tree.addTileRoot(t.root());
            }
            tail = newTail;
            size = next;
            tell(entries);
        }
        acknowledger.execute(() -> {
            refused.forEach((g, conflict) -> g.done.completeExceptionally(conflict));
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).done.complete(results.get(i));
            }
        });
    }

    private void tell(List<StoredEntry> entries) {
        for (CommitListener l : listeners) {
            try {
                l.committed(entries);
            } catch (RuntimeException ignored) {
                // a listener's failure is its own; the commit stands and is acknowledged
            }
        }
    }

    /**
     * Takes in what other nodes sharing the store appended since this node's size (see the class
     * comment); returns whether there was anything. Safe from any thread; costs one size query
     * when there is nothing new.
     */
    public boolean catchUp() {
        if (store.size(tenantId) <= size) {
            return false; // nothing new: no need to wait for a commit in progress
        }
        writing.lock();
        try {
            return absorb(store.size(tenantId));
        } finally {
            writing.unlock();
        }
    }

    /**
     * Makes sure this node has taken in every entry committed before the call, by any node: on a
     * store shared with other nodes, {@link #catchUp} (one size query when nothing is new); on a
     * store only this process writes to, nothing at all. For decisions that must be checked
     * against everything recorded before them (the registry's authorizations).
     */
    public void catchUpWithOtherNodes() {
        if (store.sharedWithOtherNodes()) {
            catchUp();
        }
    }

    /** Under {@code writing}: grows the tree, tail and size to {@code storedSize}, telling the listeners. */
    private boolean absorb(long storedSize) {
        if (storedSize <= size) {
            return false;
        }
        for (long from = size; from < storedSize; from = size) {
            long to = Math.min(storedSize, from + MAX_BATCH);
            List<StoredEntry> foreign = new ArrayList<>((int) (to - from));
            store.scan(tenantId, from, to, foreign::add);
            if (foreign.size() != to - from) {
                throw new LedgerException("the store of tenant " + tenant + " holds " + storedSize + " entries but "
                        + foreign.size() + " of [" + from + ", " + to + ") could be read; run `onus verify`");
            }
            List<byte[]> newTail = new ArrayList<>(tail);
            long tileIndex = tree.completedTiles();
            for (StoredEntry e : foreign) {
                newTail.add(e.leafHash());
                if (newTail.size() == Tile.WIDTH) {
                    tree.addTileRoot(TreeState.tile(tileIndex++, newTail).root());
                    newTail = new ArrayList<>();
                }
            }
            tail = newTail;
            size = to;
            tell(foreign);
        }
        return true;
    }

    /** Catches up if {@code wanted} lies beyond what this node has published (another node may have written it). */
    private void catchUpFor(long wanted) {
        if (wanted >= size) {
            catchUp();
        }
    }

    /** Unique keys of the batch already held in the store (one query for the whole batch). */
    private Map<String, Annex.UniqueKey> heldUniqueKeys(List<Group> batch) {
        List<String> wanted = new ArrayList<>();
        for (Group g : batch) {
            for (EntryDraft d : g.drafts) {
                if (d.uniqueKey() != null) {
                    wanted.add(d.uniqueKey());
                }
            }
        }
        return wanted.isEmpty() ? new HashMap<>() : new HashMap<>(store.uniqueKeys(tenantId, wanted));
    }

    /** Rebuilds the in-memory state from the store (at start, and after a failed write). */
    private void reload() {
        writing.lock();
        try {
            reloadLocked();
        } finally {
            writing.unlock();
        }
    }

    private void reloadLocked() {
        TreeState fresh = new TreeState();
        // size, tiles, size again: on a shared store another node may append in between, and tiles
        // only match a size read on both sides of them
        long stored = store.size(tenantId);
        List<byte[]> roots = store.tileRoots(tenantId);
        for (int attempt = 0; attempt < 10; attempt++) {
            long again = store.size(tenantId);
            if (again == stored) {
                break;
            }
            stored = again;
            roots = store.tileRoots(tenantId);
        }
        for (byte[] r : roots) {
            fresh.addTileRoot(r);
        }
        long tailStart = (long) roots.size() * Tile.WIDTH;
        if (stored < tailStart || stored - tailStart >= Tile.WIDTH) {
            CheckpointRecord signed = store.latestCheckpoint(tenantId).orElse(null);
            String why = signed != null && signed.size() > stored
                    ? "entries were removed (rollback) below checkpoint " + signed.size() + "; run `onus verify` and restore from a backup"
                    : "the data is damaged; run `onus verify`";
            throw new LedgerException("the store of tenant " + tenant + " holds " + stored + " entries but "
                    + roots.size() + " completed tiles: " + why);
        }
        List<byte[]> freshTail = new ArrayList<>(store.leafHashes(tenantId, tailStart, stored));
        synchronized (tileCache) {
            tileCache.clear();
        }
        this.tail = freshTail;
        this.tree = fresh;
        this.size = stored;
        this.latest = store.latestCheckpoint(tenantId).orElse(null);
    }

    /**
     * Refuses to run on a log that no longer matches what it signed: fewer entries than the
     * latest checkpoint (a rollback) or a different root at that size (a rewrite).
     */
    private void checkAgainstLatestCheckpoint() {
        CheckpointRecord cp = latest;
        if (cp == null) {
            return;
        }
        if (cp.size() > size) {
            catchUp(); // on a shared store, another node may have appended and signed since the reload
        }
        if (cp.size() > size) {
            throw new LedgerException("the log of tenant " + tenant + " holds " + size + " entries but checkpoint "
                    + cp.size() + " was signed: entries were removed (rollback); run `onus verify` and restore from a backup");
        }
        Checkpoint signed;
        try {
            signed = Checkpoint.open(cp.note(), key);
        } catch (IllegalArgumentException e) {
            throw new LedgerException("the latest checkpoint of tenant " + tenant + " does not verify: " + e.getMessage(), e);
        }
        if (!java.util.Arrays.equals(signed.root(), rootAt(cp.size()))) {
            throw new LedgerException("the log of tenant " + tenant + " no longer has the root signed in checkpoint "
                    + cp.size() + ": entries were altered; run `onus verify`");
        }
    }

    /** Adds a listener told of each later commit; see {@link CommitListener}. */
    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    public void removeCommitListener(CommitListener listener) {
        listeners.remove(listener);
    }

    /** Committed entries {@code from <= index < to} (clipped to the committed size), in index order. */
    public void scan(long from, long to, java.util.function.Consumer<StoredEntry> sink) {
        long end = Math.min(to, size);
        if (from < end) {
            store.scan(tenantId, from, end, sink);
        }
    }

    public Optional<StoredEntry> entry(long index) {
        if (index >= 0) {
            catchUpFor(index);
        }
        if (index < 0 || index >= size) {
            return Optional.empty();
        }
        return store.entry(tenantId, index);
    }

    /** Root hash of the tree of the first {@code treeSize} entries. */
    public byte[] rootAt(long treeSize) {
        checkSize(treeSize);
        return builder().hash(0, treeSize);
    }

    public InclusionProof inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " is not below tree size " + treeSize);
        }
        return new InclusionProof(index, treeSize, builder().inclusion(index, treeSize));
    }

    public ConsistencyProof consistencyProof(long from, long to) {
        checkSize(to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("need 0 <= from <= to, got from=" + from + " to=" + to);
        }
        return new ConsistencyProof(from, to, builder().consistency(from, to));
    }

    private void checkSize(long treeSize) {
        if (treeSize > size) {
            catchUp();
        }
        long committed = size;
        if (treeSize < 0 || treeSize > committed) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the log's " + committed + " entries");
        }
    }

    private ProofBuilder builder() {
        TreeState t = tree;
        // One proof visits at most two tiles; remembering them spares re-reading (and, for the
        // partial last tile, re-hashing) the same tile once per level.
        Map<Long, TileNodes> visited = new HashMap<>(4);
        return new ProofBuilder((level, index) -> {
            if (level >= Tile.HEIGHT) {
                return t.node(level, index);
            }
            long firstLeaf = index << level;
            TileNodes nodes = visited.computeIfAbsent(firstLeaf / Tile.WIDTH, ti -> tileNodes(ti, t));
            return nodes.node(level, (int) ((firstLeaf % Tile.WIDTH) >> level));
        });
    }

    /** Inner nodes of a tile: from the store's tile when complete, else from the partial tail. */
    private TileNodes tileNodes(long tileIndex, TreeState t) {
        if (tileIndex < t.completedTiles()) {
            synchronized (tileCache) {
                TileNodes cached = tileCache.get(tileIndex);
                if (cached != null) {
                    return cached;
                }
            }
            Tile tile = store.tile(tenantId, tileIndex).orElseThrow(() ->
                    new LedgerException("tile " + tileIndex + " of tenant " + tenant + " is missing; run `onus verify`"));
            TileNodes nodes = TileNodes.of(tile);
            synchronized (tileCache) {
                tileCache.put(tileIndex, nodes);
            }
            return nodes;
        }
        long from = tileIndex * Tile.WIDTH;
        return TileNodes.whole(store.leafHashes(tenantId, from, Math.min(size, from + Tile.WIDTH)));
    }

    /** Entries filed under a lookup key, in (time, index) order; see {@link LedgerStore#keyed}. */
    public List<Annex.Key> lookup(String kind, String key, long fromMillis, long toMillis, Annex.Key after, int limit) {
        return store.keyed(tenantId, kind, key, fromMillis, toMillis, after, limit);
    }

    /** Every key of a lookup kind. */
    public List<String> lookupKeys(String kind) {
        return store.keysOfKind(tenantId, kind);
    }

    /** The index of the entry holding a unique key (an idempotency key, a record id), if any. */
    public Optional<Long> uniqueKeyIndex(String key) {
        Annex.UniqueKey u = store.uniqueKeys(tenantId, List.of(key)).get(key);
        if (u != null) {
            catchUpFor(u.index());
        }
        return u == null || u.index() >= size ? Optional.empty() : Optional.of(u.index());
    }

    /** The bytes behind {@code digest}, filed with entry {@code index}, the one committing to it. */
    public Optional<byte[]> blob(long index, String digest) {
        return store.blob(tenantId, index, digest);
    }

    /** Tenant-scoped secrets (wrapped patient keys); see {@link LedgerStore#putSecret}. */
    public void putSecret(String name, byte[] value) {
        store.putSecret(tenantId, name, value, clock.millis());
    }

    public Optional<byte[]> secret(String name) {
        return store.secret(tenantId, name);
    }

    public boolean destroySecret(String name) {
        return store.destroySecret(tenantId, name);
    }

    /**
     * The latest signed checkpoint, first signing a new one if entries arrived since. On a shared
     * store, a newer checkpoint another node stored is adopted instead of signing a smaller one.
     */
    public String checkpoint() {
        synchronized (checkpointLock) {
            catchUp();
            for (int attempt = 0; ; attempt++) {
                long n = size;
                CheckpointRecord cp = newerOf(latest, n);
                if (cp == null || cp.size() < n) {
                    byte[] root = rootAt(n);
                    String note = new Checkpoint(origin, n, root).sign(key);
                    CheckpointRecord mine = new CheckpointRecord(n, root, note, clock.millis());
                    try {
                        store.addCheckpoint(tenantId, mine);
                        cp = mine;
                    } catch (RuntimeException e) {
                        // A failed write may still have persisted; if it did, this note is the latest
                        // checkpoint (signing is deterministic), and signing it again would be refused.
                        CheckpointRecord stored = store.latestCheckpoint(tenantId).orElse(null);
                        if (stored != null && note.equals(stored.note())) {
                            cp = mine;
                        } else if (stored != null && stored.size() > n && attempt < 3) {
                            catchUp(); // another node signed a larger one first: take in its entries, adopt it
                            continue;
                        } else {
                            throw e;
                        }
                    }
                }
                latest = cp;
                return cp.note();
            }
        }
    }

    /** {@code known}, or the store's latest checkpoint if another node stored a newer one within {@code n} entries. */
    private CheckpointRecord newerOf(CheckpointRecord known, long n) {
        if (known != null && known.size() >= n) {
            return known;
        }
        CheckpointRecord stored = store.latestCheckpoint(tenantId).orElse(null);
        if (stored != null && stored.size() <= n && (known == null || stored.size() > known.size())) {
            return stored;
        }
        return known;
    }

    /** The latest checkpoint already signed, without signing a new one. */
    public Optional<CheckpointRecord> latestCheckpoint() {
        return Optional.ofNullable(latest);
    }

    /** Signs a checkpoint if the log grew since the last one. Called by the ledger's timer. */
    void checkpointIfGrown() {
        CheckpointRecord cp = latest;
        if (size > 0 && (cp == null || cp.size() < size)) {
            checkpoint();
        }
    }

    /** Stops taking appends, finishes those queued, and signs a final checkpoint. */
    void close() {
        closeLock.writeLock().lock();
        try {
            closed = true;
        } finally {
            closeLock.writeLock().unlock();
        }
        try {
            sequencer.join(30_000);
            acknowledger.shutdown();
            acknowledger.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointIfGrown();
    }
}
