package org.onus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storage bytes per entry beyond its payload: the store's size on disk divided by its entries,
 * minus the average canonical entry size. Not a timing, so a plain program rather than a JMH
 * benchmark. It reads (and if needed builds) the store the proof benchmark uses, closes it so
 * that SQLite folds the write-ahead log into the database file, then measures the file alone.
 *
 * <p>Run (reuses the {@link ProofBenchmark} store, or builds it):
 * <pre>
 * mvn -B -Pjmh package
 * java -cp target/benchmarks.jar org.onus.bench.StorageOverhead /tmp/onus-proofs-1e7 10000000
 * </pre>
 */
public final class StorageOverhead {

    private StorageOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("onus-bench-overhead");
        long size = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        System.setProperty(ProofStore.PROPERTY, dir.toString());
        long entries;
        long liveBytes;
        try (BenchLedger ledger = ProofStore.open(size)) {
            entries = ledger.log.size();
            liveBytes = ledger.store.sizeOnDisk();
        }
        AtomicLong payload = new AtomicLong();
        try (BenchLedger reopened = new BenchLedger(dir)) {
            reopened.store.scan(reopened.log.tenantId(), 0, entries, e -> payload.addAndGet(e.bytes().length));
        } // closing the last connection folds the write-ahead log into the database file
        long fileBytes = Files.size(dir.resolve("onus.db"));
        double avg = (double) payload.get() / entries;
        System.out.printf("entries                      %,d%n", entries);
        System.out.printf("average entry (payload)      %.1f bytes%n", avg);
        System.out.printf("store while open (with WAL)  %,d bytes = %.1f bytes/entry%n", liveBytes, (double) liveBytes / entries);
        System.out.printf("store file after close       %,d bytes = %.1f bytes/entry%n", fileBytes, (double) fileBytes / entries);
        System.out.printf("overhead beyond payload      %.1f bytes/entry%n", (double) fileBytes / entries - avg);
    }
}
