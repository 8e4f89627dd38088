package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.onus.recording.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable decision ingest through the {@link Recorder} (validation, scope check, pseudonym,
 * group commit into the embedded store), batches of 1,000 from 2 threads, with
 * {@code monitoring=false} and {@code monitoring=true} (a {@link Monitor} consuming every commit
 * on its own thread). Scores are decisions per second. At tear-down the monitored run reports
 * how far the monitor trailed the ledger and how long it took to catch up.
 *
 * <p>On a shared machine the throughput of two runs differs by more than monitoring costs, so
 * each iteration also prints the process's CPU time per decision recorded ({@code [cpu]}): the
 * difference between the two settings is what monitoring costs, and where ingest is bound by
 * CPU, throughput falls by that share.
 *
 * <p>Run: {@code mvn -B -Pjmh package && java -jar target/benchmarks.jar MonitoredIngestBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MonitoredIngestBenchmark {

    static final int BATCH = 1_000;

    @Param({"false", "true"})
    public boolean monitoring;

    private BenchHospital hospital;
    private Recorder recorder;
    private Monitor monitor;
    private final AtomicLong ids = new AtomicLong();
    private long cpuAtStart;
    private long sizeAtStart;

    @Setup(Level.Iteration)
    public void startIteration() {
        if (monitor != null) {
            monitor.awaitProcessed(hospital.log.size(), Duration.ofMinutes(1));
        }
        cpuAtStart = processCpuNanos();
        sizeAtStart = hospital.log.size();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long size = hospital.log.size();
        if (monitor != null) {
            monitor.awaitProcessed(size, Duration.ofMinutes(1));
        }
        long decisions = size - sizeAtStart;
        System.out.printf("%n[cpu] monitoring=%s: %.1f us of CPU per decision recorded (%,d decisions)%n", monitoring,
                (processCpuNanos() - cpuAtStart) / 1e3 / Math.max(1, decisions), decisions);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Setup(Level.Trial)
    public void setUp() {
        hospital = new BenchHospital("onus-bench-monitored-ingest");
        recorder = hospital.recorder();
        if (monitoring) {
            monitor = new Monitor(hospital.log, hospital.registry, Clock.systemUTC());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (monitor != null) {
            long size = hospital.log.size();
            long behind = size - monitor.processed();
            long t0 = System.nanoTime();
            boolean caughtUp = monitor.awaitProcessed(size, Duration.ofMinutes(5));
            System.out.printf("%n[monitor] %,d entries in the ledger; the monitor trailed by %,d at the end and caught up in %.2f s (%s)%n",
                    size, behind, (System.nanoTime() - t0) / 1e9, caughtUp ? "caught up" : "timed out");
            monitor.close();
        }
        hospital.close();
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public long[] batchesOf1000() {
        SplittableRandom r = new SplittableRandom(ids.get());
        List<JsonNode> bodies = new ArrayList<>(BATCH);
        Instant at = Instant.now().minusSeconds(3600);
        for (int i = 0; i < BATCH; i++) {
            long id = ids.incrementAndGet();
            ObjectNode d = BenchHospital.JSON.createObjectNode();
            d.put("id", "d" + id);
            d.put("eventTime", at.plusMillis(i).toString());
            d.put("authorization", BenchHospital.AUTHORIZATION);
            d.put("site", "general");
            d.put("unit", (id & 1) == 0 ? "screening" : "mobile");
            d.put("reportedVersion", "1.0");
            d.put("artifactDigest", BenchHospital.DIGEST);
            ObjectNode p = d.putObject("patient");
            p.put("id", "MRN-" + (id % 50_000));
            p.put("age", 18 + r.nextInt(62));
            p.put("sex", "female");
            p.putObject("attributes").put("breastDensity", "abcd".substring(r.nextInt(4)).substring(0, 1));
            d.putObject("input").putObject("quality").put("snrDb", 35 + 10 * r.nextDouble());
            d.putObject("output").put("kind", "score").put("score", r.nextDouble());
            bodies.add(d);
        }
        return recorder.decisions(bodies, "bench", true);
    }
}
