package org.onus.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.onus.ledger.EntryDraft;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends into the embedded store through {@code TenantLog}: every operation returns only
 * once its entries are committed (SQLite WAL, {@code synchronous=FULL}), exactly what an
 * acknowledgement means in Onus. Scores are <b>entries per second</b> (each invocation counts as
 * as many operations as it appends). Entries are ~400-byte canonical annotation entries, drafted
 * (canonical JSON + leaf hash) in set-up, so the score is the ledger's write path, not JSON work;
 * {@link HashingBenchmark#canonicalDraftAndLeafHash} measures that part.
 *
 * <ul>
 *   <li>{@code batchesOf1000}: 4 producers, each {@code appendAll} of 1,000 entries and wait
 *       (what a batched EHR integration does);</li>
 *   <li>{@code singleEntriesFrom64Producers}: 64 producers, each {@code append} of one entry and
 *       wait (what 64 concurrent single-event HTTP clients cost the ledger, without HTTP).</li>
 * </ul>
 *
 * At tear-down it prints the store's size on disk per entry beyond the payload (live, WAL
 * included); {@link StorageOverhead} measures that figure properly at 10^7 entries.
 *
 * <p>Run: {@code mvn -B -Pjmh package && java -jar target/benchmarks.jar DurableAppendBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DurableAppendBenchmark {

    static final int BATCH = 1_000;
    private static final int POOL = 100_000;

    private BenchLedger ledger;
    private List<EntryDraft> pool;
    private final AtomicLong cursor = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        pool = BenchEntries.drafts(0, POOL, 1);
        ledger = BenchLedger.inTempDir("onus-bench-append");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long entries = ledger.log.size();
        long bytes = ledger.store.sizeOnDisk();
        double payload = BenchEntries.averageSize(pool);
        System.out.printf("%n[store] %,d entries, %,d bytes on disk (WAL included): %.1f bytes/entry, payload %.1f, beyond payload %.1f%n",
                entries, bytes, (double) bytes / entries, payload, (double) bytes / entries - payload);
        ledger.close();
        BenchLedger.deleteRecursively(ledger.dir);
    }

    private List<EntryDraft> nextBatch() {
        int start = (int) (cursor.getAndIncrement() % (POOL / BATCH)) * BATCH;
        return pool.subList(start, start + BATCH);
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH)
    public long batchesOf1000() {
        return ledger.log.appendAll(nextBatch()).join();
    }

    @Benchmark
    @Threads(64)
    public long singleEntriesFrom64Producers() {
        return ledger.log.append(pool.get((int) (cursor.getAndIncrement() % POOL))).join();
    }
}
