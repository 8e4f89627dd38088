package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.store.Annex;
import org.onus.store.InterceptingStore;
import org.onus.store.LedgerStore;
import org.onus.store.SecretConflictException;
import org.onus.store.StoreException;
import org.onus.store.TenantRecord;

/**
 * One tenant's log over a real store: the sequencer, group commit, failures in both directions,
 * proofs, checkpoints, reopening and rollback. Each store runs it through a subclass; after every
 * step, {@link LogChecker} checks the whole log.
 */
abstract class TenantLogTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String ORIGIN = "onus.test/t1";
    static final NoteKey KEY = NoteKey.fromSeed(ORIGIN, new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @TempDir
    Path dir;

    /** A fresh store in {@code dir}. */
    protected abstract LedgerStore openStore(Path dir);

    /** Closes {@code store} and opens the same data again. */
    protected abstract LedgerStore reopenStore(LedgerStore store, Path dir);

    /**
     * Closes {@code store}, removes the entries from {@code newSize} on and the tiles above it
     * behind the store's back (an attacker, or a restored old backup), and opens the data again.
     */
    protected abstract LedgerStore rollBack(LedgerStore store, Path dir, long tenantId, long newSize);

    /** Arms the next append to fail, having persisted ({@code persisted}) or not. */
    protected void failNextAppend(boolean persisted) {
        if (persisted) {
            store.failNextAppendAfterPersisting();
        } else {
            store.failNextAppend();
        }
    }

    protected InterceptingStore store;
    protected TenantRecord tenant;
    protected TenantLog log;
    /** What was acknowledged at each index. */
    protected final List<byte[]> acknowledged = new ArrayList<>();
    private int drafted;

    @BeforeEach
    void openLog() {
        store = new InterceptingStore(openStore(dir));
        tenant = store.createTenant("t1", 0);
        log = newLog();
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
        store.close();
    }

    protected TenantLog newLog() {
        return new TenantLog(tenant.id(), tenant.name(), ORIGIN, KEY, store, CLOCK);
    }

    // ---- the sequencer -----------------------------------------------------------------------

    @Test
    void concurrentAppendsFromManyThreadsGetGapFreeIndexesEachHoldingExactlyItsEntry() throws Exception {
        Map<Long, byte[]> acked = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                Random random = new Random(c);
                clients.add(pool.submit(() -> {
                    for (int op = 0; op < 40; op++) {
                        List<EntryDraft> drafts = new ArrayList<>();
                        int n = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : 1;
                        for (int i = 0; i < n; i++) {
                            drafts.add(draft());
                        }
                        long first = log.appendAll(drafts).join();
                        for (int i = 0; i < n; i++) {
                            if (acked.putIfAbsent(first + i, drafts.get(i).bytes()) != null) {
                                synchronized (duplicates) {
                                    duplicates.add("index " + (first + i) + " acknowledged twice");
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(log.size()).isEqualTo(acked.size());
        for (long i = 0; i < log.size(); i++) {
            assertThat(acked).as("index %d was acknowledged", i).containsKey(i);
            LogChecker.checkHolds(log, i, acked.get(i));
        }
        LogChecker.check(log, store);
    }

    @Test
    void aGroupCarryingAnotherValueOfAStoredSecretFailsAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        log.append(draft().withSecrets(List.of(new Annex.Secret("patient-key/pt-1", new byte[] {1})))).join();
        InterceptingStore.Hold hold = store.holdNextAppend();
        CompletableFuture<Long> first = log.append(draft());
        hold.awaitEntered();
        CompletableFuture<Long> lostTheRace = log.append(draft().withSecrets(List.of(new Annex.Secret("patient-key/pt-1", new byte[] {2}))));
        CompletableFuture<Long> plain = log.append(draft());
        hold.release();

        assertThat(first.join()).isEqualTo(1);
        assertThatThrownBy(lostTheRace::join).hasCauseInstanceOf(SecretConflictException.class);
        assertThat(plain.join()).as("the group beside it in the batch").isEqualTo(2);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.secret("patient-key/pt-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
        LogChecker.check(log, store);
    }

    @Test
    void aBatchGetsConsecutiveIndexesInItsOrderEvenAcrossATileBoundary() throws Exception {
        append(250);
        InterceptingStore.Hold hold = store.holdNextAppend();
        CompletableFuture<Long> single = log.append(draft());
        hold.awaitEntered();
        List<EntryDraft> batch = drafts(300);
        List<CompletableFuture<Long>> others = new ArrayList<>();
        others.add(log.append(draft()));
        CompletableFuture<Long> big = log.appendAll(batch);
        others.add(log.append(draft()));
        hold.release();
        assertThat(single.join()).isEqualTo(250);
        long first = big.join();
        assertThat(first).isEqualTo(252);
        for (int i = 0; i < batch.size(); i++) {
            LogChecker.checkHolds(log, first + i, batch.get(i).bytes());
        }
        assertThat(others.get(1).join()).isEqualTo(552);
        LogChecker.check(log, store);
    }

    @Test
    void groupCommitPutsEverythingQueuedDuringACommitIntoOneStoreTransaction() throws Exception {
        InterceptingStore.Hold hold = store.holdNextAppend();
        CompletableFuture<Long> first = log.append(draft());
        hold.awaitEntered(); // the sequencer is inside the store; everything now queues behind it
        List<CompletableFuture<Long>> queued = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<CompletableFuture<Long>>>> submitters = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                submitters.add(pool.submit(() -> {
                    List<CompletableFuture<Long>> mine = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        mine.add(log.append(draft()));
                    }
                    return mine;
                }));
            }
            for (Future<List<CompletableFuture<Long>>> s : submitters) {
                queued.addAll(s.get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        hold.release();
        assertThat(first.join()).isZero();
        List<Long> indexes = new ArrayList<>();
        queued.forEach(f -> indexes.add(f.join()));
        assertThat(indexes).doesNotHaveDuplicates().allMatch(i -> i >= 1 && i <= 400);
        assertThat(store.appendCalls()).as("store transactions for 401 entries").isEqualTo(2);
        assertThat(store.largestAppend()).isEqualTo(400);
        LogChecker.check(log, store);
    }

    @Test
    void readersGetVerifiableProofsWhileTheSequencerAppends() throws Exception {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Random random = new Random(r);
                readers.add(pool.submit(() -> {
                    long seenSize = 0;
                    byte[] seenRoot = Merkle.emptyRoot();
                    int rounds = 0;
                    while (writing.get() || rounds < 3) {
                        rounds++;
                        long n = log.size();
                        byte[] root = log.rootAt(n);
                        if (!Merkle.verifyConsistency(seenSize, n, seenRoot, root, log.consistencyProof(seenSize, n).hashes())) {
                            problems.add("size " + n + " is not consistent with size " + seenSize);
                        }
                        if (n > 0) {
                            long m = (long) (random.nextDouble() * n);
                            byte[] leaf = log.entry(m).orElseThrow().leafHash();
                            if (!Merkle.verifyInclusion(m, n, leaf, log.inclusionProof(m, n).hashes(), root)) {
                                problems.add("leaf " + m + " of " + n + " does not verify");
                            }
                        }
                        seenSize = n;
                        seenRoot = root;
                        Thread.yield(); // two cores: leave the writer room
                    }
                    return rounds;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    Random random = new Random(42);
                    for (int written = 0; written < 1200; ) { // crosses four tiles
                        int n = 1 + random.nextInt(40);
                        log.appendAll(drafts(n)).join();
                        written += n;
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(5, TimeUnit.MINUTES);
            for (Future<Integer> r : readers) {
                assertThat(r.get(5, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        LogChecker.check(log, store);
    }

    // ---- failures --------------------------------------------------------------------------

    @Test
    void anAppendThatFailedWithoutPersistingFailsItsFutureAndTheNextAppendGetsTheSameIndex() {
        append(10);
        failNextAppend(false);
        CompletableFuture<Long> failed = log.appendAll(drafts(3));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreException.class);
        assertThat(log.size()).isEqualTo(10);
        LogChecker.check(log, store);
        assertThat(append(1)).isEqualTo(10);
        LogChecker.check(log, store);
    }

    @Test
    void anAppendThatFailedButPersistedFailsItsFutureAndTheLogMovesPastItWithoutReusingAnIndex() {
        append(250);
        failNextAppend(true);
        List<EntryDraft> lost = drafts(10); // completes tile 0 inside the failed transaction
        CompletableFuture<Long> failed = log.appendAll(lost);
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreException.class);
        long next = log.append(draft()).join();
        assertThat(next).isEqualTo(260);
        for (int i = 0; i < lost.size(); i++) {
            LogChecker.checkHolds(log, 250 + i, lost.get(i).bytes());
        }
        assertThat(log.size()).isEqualTo(261);
        LogChecker.check(log, store);
    }

    @Test
    void aFailedTransactionFailsEveryGroupItCarriedAndNothingElse() throws Exception {
        for (boolean persisted : new boolean[] {false, true}) {
            long start = log.size();
            InterceptingStore.Hold hold = store.holdNextAppend();
            CompletableFuture<Long> before = log.append(draft());
            hold.awaitEntered();
            List<CompletableFuture<Long>> doomed = List.of(log.append(draft()), log.appendAll(drafts(3)), log.append(draft()));
            if (persisted) {
                store.failNextAppendAfterPersisting();
            } else {
                store.failNextAppend();
            }
            hold.release();
            assertThat(before.join()).isEqualTo(start);
            for (CompletableFuture<Long> f : doomed) {
                assertThatThrownBy(f::join).hasCauseInstanceOf(StoreException.class);
            }
            long after = log.append(draft()).join();
            assertThat(after).as("persisted=%s", persisted).isEqualTo(persisted ? start + 6 : start + 1);
            LogChecker.check(log, store);
        }
    }

    // ---- proofs and roots ------------------------------------------------------------------

    @Test
    void proofsFromTheLogVerifyForEveryIndexAtSizesAroundTileBoundaries() {
        long previous = 0;
        for (long size : new long[] {1, 2, 3, 255, 256, 257, 511, 512, 513}) {
            append((int) (size - previous));
            checkEveryIndexAndPrefix(size, previous);
            log.checkpoint();
            LogChecker.check(log, store);
            previous = size;
        }
        append((int) (65535 - previous));
        Random random = new Random(65535);
        byte[] root = naiveRoot(65535);
        assertThat(log.rootAt(65535)).isEqualTo(root);
        for (int i = 0; i < 100; i++) { // the tail tile is partial here: a sample
            checkInclusion(random.nextInt(65535), 65535, root);
        }
        append(2);
        for (long size : new long[] {65535, 65536, 65537}) {
            checkEveryIndexAndPrefix(size, size - 1);
        }
        log.checkpoint();
        LogChecker.check(log, store);
    }

    private void checkEveryIndexAndPrefix(long size, long previous) {
        byte[] root = naiveRoot(size);
        assertThat(log.rootAt(size)).as("root of %d", size).isEqualTo(root);
        for (long m = 0; m < size; m++) {
            checkInclusion(m, size, root);
        }
        for (long m : new long[] {0, 1, previous, size - 1, size}) {
            if (m >= 0 && m <= size) {
                ConsistencyProof p = log.consistencyProof(m, size);
                assertThat(Merkle.verifyConsistency(m, size, naiveRoot(m), root, p.hashes())).as("%d -> %d", m, size).isTrue();
            }
        }
    }

    private void checkInclusion(long m, long size, byte[] root) {
        InclusionProof p = log.inclusionProof(m, size);
        assertThat(Merkle.verifyInclusion(m, size, Merkle.leafHash(acknowledged.get((int) m)), p.hashes(), root))
                .as("leaf %d of %d", m, size).isTrue();
    }

    private byte[] naiveRoot(long size) {
        return NaiveMerkle.mth(acknowledged.subList(0, (int) size));
    }

    // ---- checkpoints -----------------------------------------------------------------------

    @Test
    void checkpointsAreSignedForTheLogOpenWithItsPublicKeyAndNeverShrink() {
        List<Long> sizes = new ArrayList<>();
        for (int grow : new int[] {0, 5, 0, 300, 1}) {
            append(grow);
            String note = log.checkpoint();
            Checkpoint cp = Checkpoint.open(note, log.publicKey());
            assertThat(cp.origin()).isEqualTo(ORIGIN);
            assertThat(cp.size()).isEqualTo(log.size());
            assertThat(cp.root()).isEqualTo(naiveRoot(log.size()));
            assertThat(log.checkpoint()).as("no new checkpoint without new entries").isEqualTo(note);
            NoteKey stranger = NoteKey.fromSeed(ORIGIN, new byte[32]).verifierOnly();
            assertThatThrownBy(() -> Checkpoint.open(note, stranger)).isInstanceOf(IllegalArgumentException.class);
            sizes.add(cp.size());
            LogChecker.check(log, store);
        }
        assertThat(store.checkpoints(tenant.id())).extracting(c -> c.size()).containsExactly(0L, 5L, 305L, 306L);
        assertThat(sizes).isSorted();
    }

    @Test
    void aFailedAppendDoesNotMoveTheLatestCheckpointBack() {
        append(20);
        log.checkpoint();
        failNextAppend(true);
        assertThatThrownBy(() -> log.appendAll(drafts(2)).join()).hasCauseInstanceOf(StoreException.class);
        append(1);
        assertThat(log.latestCheckpoint().orElseThrow().size()).isEqualTo(20);
        assertThat(Checkpoint.open(log.checkpoint(), log.publicKey()).size()).isEqualTo(23);
        LogChecker.check(log, store);
    }

    // ---- restart and rollback --------------------------------------------------------------

    @Test
    void reopeningTheLogRestoresItsSizeRootAndLatestCheckpoint() {
        append(300);
        String note = log.checkpoint();
        append(7);
        byte[] root = log.rootAt(307);
        log.close();
        log = null;
        store = new InterceptingStore(reopenStore(store.inner(), dir));
        log = newLog();
        assertThat(log.size()).isEqualTo(307);
        assertThat(log.rootAt(307)).isEqualTo(root);
        assertThat(log.latestCheckpoint().orElseThrow().size()).as("close signs a last checkpoint").isEqualTo(307);
        assertThat(store.checkpoints(tenant.id()).get(0).note()).isEqualTo(note);
        LogChecker.check(log, store);
        assertThat(append(1)).isEqualTo(307);
        LogChecker.check(log, store);
    }

    @Test
    void aStoreThatLostEntriesBelowTheLatestCheckpointCannotBeOpenedAndSaysItWasRolledBack() {
        append(600);
        log.checkpoint();
        log.close();
        log = null;
        for (long newSize : new long[] {599, 520, 300}) {
            store = new InterceptingStore(rollBack(store.inner(), dir, tenant.id(), newSize));
            assertThatThrownBy(this::newLog).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("rollback").hasMessageContaining(String.valueOf(newSize));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A new envelope entry with unique contents; its bytes are recorded once acknowledged. */
    protected EntryDraft draft() {
        int n;
        synchronized (this) {
            n = drafted++;
        }
        return Entries.draft("annotation", CLOCK.instant(), "test",
                JsonNodeFactory.instance.objectNode().put("n", n).put("note", "step " + n));
    }

    protected List<EntryDraft> drafts(int n) {
        List<EntryDraft> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(draft());
        }
        return out;
    }

    /** Appends {@code n} entries from this thread, in batches as large as allowed; returns the first index. */
    protected long append(int n) {
        long first = log.size();
        for (int done = 0; done < n; ) {
            List<EntryDraft> batch = drafts(Math.min(TenantLog.MAX_BATCH, n - done));
            long at = log.appendAll(batch).join();
            for (int i = 0; i < batch.size(); i++) {
                LogChecker.checkHolds(log, at + i, batch.get(i).bytes());
            }
            done += batch.size();
        }
        syncAcknowledged();
        return first;
    }

    /** Brings {@link #acknowledged} up to the log's size from the store (after concurrent or failed steps). */
    private void syncAcknowledged() {
        store.scan(tenant.id(), acknowledged.size(), log.size(), e -> acknowledged.add(e.bytes()));
    }
}
