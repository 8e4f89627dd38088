package org.onus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.onus.ledger.EntryDraft;

/**
 * A large benchmark ledger, built once and reused: building 10^7 entries takes minutes, so a
 * store left at {@code -Donus.bench.store=DIR} is reopened, and grown if it holds fewer entries
 * than asked for. Without the property, the store is built in a temporary directory and deleted
 * afterwards.
 */
final class ProofStore {

    static final String PROPERTY = "onus.bench.store";
    private static final int BATCH = 10_000;

    private ProofStore() {
    }

    /** Opens the store at {@code -Donus.bench.store} (or a temp dir), holding at least {@code size} entries. */
    static BenchLedger open(long size) throws Exception {
        String configured = System.getProperty(PROPERTY);
        Path dir = configured != null ? Path.of(configured) : Files.createTempDirectory("onus-bench-proofs");
        BenchLedger ledger = new BenchLedger(dir);
        long have = ledger.log.size();
        if (have >= size) {
            System.out.printf("%n[store] reusing %s: %,d entries%n", dir, have);
        } else {
            System.out.printf("%n[store] building %s: %,d -> %,d entries%s%n", dir, have, size,
                    configured == null ? " (pass -D" + PROPERTY + "=DIR to keep it for the next run)" : "");
            grow(ledger, size);
        }
        return ledger;
    }

    static boolean isTemporary() {
        return System.getProperty(PROPERTY) == null;
    }

    /**
     * Appends until the log holds {@code size} entries: two threads draft entries (canonical JSON
     * is the costly part) while the sequencer commits; a few batches stay in flight at once.
     */
    static void grow(BenchLedger ledger, long size) {
        ExecutorService drafters = Executors.newFixedThreadPool(2);
        Deque<CompletableFuture<Long>> inFlight = new ArrayDeque<>();
        long started = System.nanoTime();
        long from = ledger.log.size();
        long next = from;
        long reported = from;
        try {
            while (next < size) {
                long first = next;
                int n = (int) Math.min(BATCH, size - first);
                next += n;
                inFlight.add(CompletableFuture
                        .supplyAsync(() -> BenchEntries.drafts(first, n, first), drafters)
                        .thenCompose((List<EntryDraft> drafts) -> ledger.log.appendAll(drafts)));
                if (inFlight.size() >= 8) {
                    inFlight.poll().join();
                }
                long committed = ledger.log.size();
                if (committed - reported >= 1_000_000) {
                    reported = committed;
                    double secs = (System.nanoTime() - started) / 1e9;
                    System.out.printf("[store] %,d entries, %.0f entries/s, %,d bytes on disk%n",
                            committed, (committed - from) / secs, ledger.store.sizeOnDisk());
                }
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().join();
            }
        } finally {
            drafters.shutdown();
        }
        double secs = (System.nanoTime() - started) / 1e9;
        System.out.printf("[store] built %,d entries in %.0f s (%.0f entries/s, drafting included)%n",
                size - from, secs, (size - from) / secs);
    }
}
