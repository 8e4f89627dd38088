package org.onus.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.store.StoredEntry;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What monitoring costs per committed decision, on the monitor's one thread: the same
 * {@code Monitor.process} the commit listener feeds (parse the canonical entry, add it to the
 * day cells and the window, evaluate the rules every 50 events), batches of 1,000 decision
 * entries shaped as the recorder writes them. Set beside the CPU the recording path spends per
 * decision ({@link MonitoredIngestBenchmark}'s {@code [cpu]} lines), it bounds how much ingest
 * can slow down when the machine is CPU-bound. On a shared machine wall time mostly measures the
 * neighbours, so each iteration also prints the benchmark thread's own CPU time per decision
 * ({@code [cpu]}; garbage collection, on other threads, is not in it).
 *
 * <p>Run: {@code mvn -B -Pjmh package && java -jar target/benchmarks.jar MonitorCostBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MonitorCostBenchmark {

    static final int BATCH = 1_000;
    static final int POOL = 20_000;

    private BenchHospital hospital;
    private Monitor monitor;
    private final List<EntryDraft> pool = new ArrayList<>();
    private long index = 1_000_000;
    private long cpu;
    private long decisions;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Setup(Level.Iteration)
    public void startIteration() {
        cpu = 0;
        decisions = 0;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        System.out.printf("%n[cpu] %.1f us of the monitor thread's CPU per decision (%,d decisions)%n", cpu / 1e3 / Math.max(1, decisions), decisions);
    }

    @Setup(Level.Trial)
    public void setUp() {
        hospital = new BenchHospital("onus-bench-monitor-cost");
        monitor = new Monitor(hospital.log, hospital.registry, Clock.systemUTC());
        SplittableRandom r = new SplittableRandom(3);
        Instant start = Instant.parse("2025-06-01T00:00:00Z");
        for (int i = 0; i < POOL; i++) {
            ObjectNode d = BenchHospital.JSON.createObjectNode();
            d.put("id", "d" + i);
            d.put("eventTime", start.plusSeconds(i * 30L).toString());
            d.put("authorization", BenchHospital.AUTHORIZATION);
            d.put("site", "general");
            d.put("unit", (i & 1) == 0 ? "screening" : "mobile");
            d.put("system", "mammo");
            d.put("reportedVersion", "1.0");
            d.put("artifactDigest", BenchHospital.DIGEST);
            ObjectNode p = d.putObject("patient");
            p.put("pseudonym", "pt-" + Long.toHexString(r.nextLong()));
            p.put("age", 18 + r.nextInt(62));
            p.put("sex", "female");
            p.put("careSetting", "screening");
            p.putObject("attributes").put("breastDensity", "abcd".substring(r.nextInt(4)).substring(0, 1));
            d.putObject("input").put("digest", "sha256:" + "e".repeat(64)).putObject("quality").put("snrDb", 35 + 10 * r.nextDouble());
            d.putObject("output").put("kind", "score").put("score", r.nextDouble());
            d.putArray("shownTo").add("dr-1");
            d.putArray("flags");
            pool.add(Entries.draft("decision", Instant.now(), "tok_integration", d));
        }
        hospital.log.size();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
        hospital.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long processBatchesOf1000Decisions() {
        List<StoredEntry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            EntryDraft d = pool.get((int) (index % POOL));
            batch.add(new StoredEntry(index++, d.type(), d.recordedAtMillis(), d.bytes(), d.leafHash()));
        }
        long t0 = THREADS.getCurrentThreadCpuTime();
        monitor.process(batch, false);
        cpu += THREADS.getCurrentThreadCpuTime() - t0;
        decisions += BATCH;
        return monitor.processed();
    }
}
