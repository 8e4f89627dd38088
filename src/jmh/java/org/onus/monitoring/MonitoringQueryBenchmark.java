package org.onus.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The monitoring dashboard of one deployment at 10^7 events: 4,000,000 decisions over 365 days
 * (two units, ages 18-79, scores, three input features), 4,000,000 clinician actions and
 * 2,000,000 outcomes, taken in by the same {@link Aggregator} the monitor runs (set-up feeds it
 * directly, without a ledger, since the query never reads one). The benchmark answers the full
 * figures: every slice over the whole year ({@code wholeYear}) or the last 30 days
 * ({@code last30Days}), with intervals, claims, drift and calibration; what
 * {@code GET /v1/monitoring/deployments/{id}} renders before serialization.
 *
 * <p>Run: {@code mvn -B -Pjmh package && java -jar target/benchmarks.jar MonitoringQueryBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class MonitoringQueryBenchmark {

    static final int DECISIONS = 4_000_000;
    static final int DAYS = 365;
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private BenchHospital hospital;
    private Aggregator aggregator;
    private DeploymentState deployment;
    private long events;

    @Setup(Level.Trial)
    public void setUp() {
        hospital = new BenchHospital("onus-bench-monitoring-query");
        aggregator = new Aggregator(hospital.registry, Thresholds.DEFAULTS, i -> null);
        SplittableRandom r = new SplittableRandom(7);
        ObjectNode d = BenchHospital.JSON.createObjectNode();
        d.put("authorization", BenchHospital.AUTHORIZATION);
        d.put("site", "general");
        d.put("system", "mammo");
        d.put("reportedVersion", "1.0");
        d.put("artifactDigest", BenchHospital.DIGEST);
        ObjectNode patient = d.putObject("patient");
        patient.put("sex", "female");
        patient.put("careSetting", "screening");
        ObjectNode attributes = patient.putObject("attributes");
        ObjectNode quality = d.putObject("input").putObject("quality");
        ObjectNode output = d.putObject("output").put("kind", "score");
        ArrayNode flags = d.putArray("flags");
        ObjectNode a = BenchHospital.JSON.createObjectNode();
        ObjectNode o = BenchHospital.JSON.createObjectNode();
        ArrayNode outcomeOf = o.putArray("decisionIndexes");
        String[] densities = {"a", "b", "c", "c", "b", "b", "c", "d", "a", "c"};
        long index = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < DECISIONS; i++) {
            long millis = START.toEpochMilli() + (long) ((double) i / DECISIONS * DAYS * 86_400_000L);
            d.put("eventTime", Instant.ofEpochMilli(millis).toString());
            d.put("unit", (i & 1) == 0 ? "screening" : "mobile");
            patient.put("age", 18 + r.nextInt(62));
            attributes.put("breastDensity", densities[r.nextInt(densities.length)]);
            quality.put("snrDb", 40 + 3 * gaussian(r));
            boolean positive = r.nextDouble() < 0.2;
            boolean called = positive ? r.nextDouble() < 0.9 : r.nextDouble() >= 0.9;
            output.put("score", called ? 0.5 + 0.5 * r.nextDouble() : 0.5 * r.nextDouble());
            flags.removeAll();
            if (r.nextDouble() < 0.01) {
                flags.addObject().put("code", "outside-authorized-population");
            }
            long decision = index++;
            aggregator.accept(decision, "decision", d);
            a.put("decisionIndex", decision);
            a.put("kind", r.nextDouble() < 0.1 ? "overridden" : "accepted");
            a.put("time", Instant.ofEpochMilli(millis + 5_000 + r.nextInt(120_000)).toString());
            aggregator.accept(index++, "action", a);
            if ((i & 1) == 0) {
                outcomeOf.removeAll();
                outcomeOf.add(decision);
                o.put("positive", positive);
                aggregator.accept(index++, "outcome", o);
            }
        }
        events = index;
        deployment = aggregator.deployments.get(BenchHospital.AUTHORIZATION);
        System.out.printf("%n[set-up] %,d events (decisions, actions, outcomes) taken in at %.0f events/s on one thread; %d day buckets, %d slices%n",
                events, events / ((System.nanoTime() - t0) / 1e9), deployment.days.size(), aggregator.sliceNames.size());
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hospital.close();
    }

    @Benchmark
    public ObjectNode wholeYear() {
        return Report.metrics(aggregator, deployment, START, START.plusSeconds(DAYS * 86_400L));
    }

    @Benchmark
    public ObjectNode last30Days() {
        return Report.metrics(aggregator, deployment, START.plusSeconds((DAYS - 30) * 86_400L), START.plusSeconds(DAYS * 86_400L));
    }
}
