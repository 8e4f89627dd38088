package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.store.PostgresSettings;
import org.onus.store.PostgresStore;
import org.onus.store.StoredEntry;
import org.onus.store.TenantRecord;
import org.onus.store.TestPostgres;

/**
 * Three Onus nodes (each its own ledger and connection pool) on one PostgreSQL database, sharing
 * one key directory: they write one tenant's log together, and one of them dies mid-stream.
 * Whatever happens, the log is gap-free, holds every acknowledged entry, and verifies.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MultiNodeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path keys;

    private PostgresSettings database;
    private final List<Node> nodes = new ArrayList<>();

    private record Node(String name, PostgresStore store, Ledger ledger) {
        TenantLog log() {
            return ledger.log("t1").orElseThrow();
        }
    }

    @BeforeEach
    void startThreeNodes() {
        database = TestPostgres.freshDatabase();
        for (String name : new String[] {"node-a", "node-b", "node-c"}) {
            PostgresStore store = PostgresStore.open(database.withApplicationName(name).withPoolSize(4));
            nodes.add(new Node(name, store, new Ledger(store, new KeyDirectory(keys, new SecureRandom()), "onus.test", CLOCK)));
        }
        nodes.get(0).ledger().createTenant("t1");
    }

    @AfterEach
    void stopNodes() {
        for (Node n : nodes) {
            try {
                n.ledger().close();
            } catch (RuntimeException dead) {
                // the killed node has nothing left to close cleanly
            }
            n.store().close();
        }
    }

    @Test
    void concurrentWritersOnOneTenantFromEveryNodeMakeOneGapFreeLogThatVerifies() throws Exception {
        Map<Long, byte[]> acked = new ConcurrentHashMap<>();
        List<String> twice = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            AtomicInteger seq = new AtomicInteger();
            for (Node n : nodes) {
                for (int w = 0; w < 3; w++) {
                    writers.add(pool.submit(() -> {
                        go.await();
                        for (int op = 0; op < 60; op++) {
                            int batch = op % 7 == 0 ? 5 : 1;
                            List<EntryDraft> drafts = new ArrayList<>();
                            for (int i = 0; i < batch; i++) {
                                drafts.add(draft(n.name() + "-" + seq.incrementAndGet()));
                            }
                            long first = n.log().appendAll(drafts).join();
                            for (int i = 0; i < batch; i++) {
                                if (acked.putIfAbsent(first + i, drafts.get(i).bytes()) != null) {
                                    twice.add("index " + (first + i) + " acknowledged twice");
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : writers) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(twice).isEmpty();
        long size = nodes.get(0).store().size(tenant().id());
        assertThat(size).isEqualTo(acked.size()).isEqualTo(9 * (60 + 9 * 4));
        assertHoldsExactly(acked);
        for (Node n : nodes) {
            assertThat(n.log().rootAt(n.log().size() == size ? size : catchUp(n, size)))
                    .as("root on %s", n.name()).isEqualTo(nodes.get(0).log().rootAt(size));
        }
        nodes.get(1).log().checkpoint();
        assertVerifies();
    }

    @Test
    void killingANodeMidStreamLosesNothingItAcknowledgedAndTheOthersCarryOn() throws Exception {
        Node doomed = nodes.get(0);
        Map<Long, byte[]> acked = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger failedOnDoomed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (Node n : nodes) {
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int op = 0; op < 150; op++) {
                            EntryDraft d = draft(n.name() + "-" + writer + "-" + op);
                            CompletableFuture<Long> ack = n.log().append(d);
                            try {
                                acked.put(ack.get(30, TimeUnit.SECONDS), d.bytes());
                            } catch (java.util.concurrent.ExecutionException e) {
                                if (n != doomed || !killed.get()) {
                                    throw e;
                                }
                                failedOnDoomed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
            }
            // let the three nodes write for a while, then pull the plug on one of them: its server
            // connections are cut (as when its machine dies) and it can never reconnect
            while (acked.size() < 200) {
                Thread.sleep(5);
            }
            killed.set(true);
            doomed.store().close();
            try (Connection c = TestPostgres.superuser(database);
                 PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
                ps.setString(1, doomed.name());
                ps.execute();
            }
            for (Future<?> f : writers) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        Node survivor = nodes.get(1);
        long size = survivor.store().size(tenant().id());
        assertThat(size).as("everything acknowledged is in the log, nothing else").isEqualTo(acked.size());
        assertThat(acked.size()).as("the surviving nodes wrote all of theirs").isGreaterThanOrEqualTo(4 * 150);
        assertThat(failedOnDoomed.get()).as("appends on the dead node were refused, not acknowledged").isPositive();
        assertHoldsExactly(acked);
        long more = survivor.log().append(draft("after the crash")).join();
        assertThat(more).isEqualTo(size);
        assertThat(nodes.get(2).log().entry(more)).as("read through the third node").isPresent();
        survivor.log().checkpoint();
        assertVerifies();
    }

    @Test
    void aNodeThatFellBehindCatchesUpBeforeAppendingAndItsListenersSeeEveryEntryOnceInOrder() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        List<Long> seenByB = new CopyOnWriteArrayList<>();
        b.log().addCommitListener(entries -> entries.forEach(e -> seenByB.add(e.index())));
        List<EntryDraft> fromA = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fromA.add(draft("a-" + i));
        }
        a.log().appendAll(fromA).join();

        long index = b.log().append(draft("b-0")).join();

        assertThat(index).as("b's entry follows a's, not on top of them").isEqualTo(300);
        assertThat(seenByB).hasSize(301);
        for (int i = 0; i < seenByB.size(); i++) {
            assertThat(seenByB.get(i)).isEqualTo(i);
        }
        assertThat(b.log().rootAt(301)).isEqualTo(a.log().rootAt(catchUp(a, 301)));
        InclusionProof proof = b.log().inclusionProof(5, 301);
        assertThat(Merkle.verifyInclusion(5, 301, b.log().entry(5).orElseThrow().leafHash(), proof.hashes(), b.log().rootAt(301)))
                .as("b proves a's entry").isTrue();
    }

    @Test
    void anEntryWrittenThroughOneNodeIsReadableAtOnceThroughAnother() {
        long index = nodes.get(0).log().append(draft("written on a")).join();
        assertThat(nodes.get(2).log().entry(index)).map(StoredEntry::bytes).isPresent();
        assertThat(nodes.get(2).log().rootAt(index + 1)).isEqualTo(nodes.get(0).log().rootAt(index + 1));
    }

    @Test
    void aTenantCreatedOnOneNodeIsServedByTheOthersWithTheSameKey() {
        TenantLog created = nodes.get(2).ledger().createTenant("t2");
        TenantLog seen = nodes.get(1).ledger().log("t2").orElseThrow();
        assertThat(seen.tenantId()).isEqualTo(created.tenantId());
        assertThat(seen.verifierKey()).isEqualTo(created.verifierKey());
        assertThat(nodes.get(0).ledger().createTenant("t2").tenantId()).as("creating it again elsewhere opens it").isEqualTo(created.tenantId());
    }

    private long catchUp(Node n, long size) {
        n.log().catchUp();
        assertThat(n.log().size()).isEqualTo(size);
        return size;
    }

    private TenantRecord tenant() {
        return nodes.get(1).store().tenant("t1").orElseThrow();
    }

    private void assertHoldsExactly(Map<Long, byte[]> acked) {
        Node reader = nodes.get(2);
        List<StoredEntry> all = new ArrayList<>();
        reader.store().scan(tenant().id(), 0, Long.MAX_VALUE, all::add);
        assertThat(all).hasSize(acked.size());
        for (StoredEntry e : all) {
            assertThat(acked).as("index %d was acknowledged", e.index()).containsKey(e.index());
            assertThat(e.bytes()).as("entry %d", e.index()).isEqualTo(acked.get(e.index()));
        }
    }

    private void assertVerifies() {
        Node any = nodes.get(2);
        VerificationReport report = new LogVerifier(any.store()).verify(tenant(), any.log().publicKey());
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.summary()).contains("t1");
    }

    private static EntryDraft draft(String text) {
        return Entries.draft("annotation", CLOCK.instant(), "test", JsonNodeFactory.instance.objectNode().put("text", text));
    }
}
