package org.onus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.onus.investigation.ExactIntervals;
import org.onus.investigation.IncidentState;
import org.onus.investigation.Incidents;
import org.onus.investigation.Investigation;
import org.onus.investigation.Investigator;
import org.onus.investigation.OwedReports;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Reconstructor;
import org.onus.investigation.rules.Catalogue;
import org.onus.ledger.KeyDirectory;
import org.onus.monitoring.Monitor;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One incident's reconstruction and rule evaluation (the work behind
 * {@code GET /v1/incidents/{id}/investigation}, without the access entry's commit) in a store of
 * {@code events} decisions and outcomes recorded through the real services: {@code deployments}
 * authorizations at one site, a year of traffic, one incident patient with a missed case.
 * The incident's deployment holds {@code events / deployments} entries, all inside the
 * performance window. {@code reconstructAndJudge} reads observed performance from a caught-up
 * monitor's day cells (the whole days) and the ledger (the incident's own day), as a running
 * server does; {@code reconstructAndJudgeFromLedger} counts it all from the ledger, as while the
 * monitor replays at start. The patient's and the decision's lookups are index reads.
 * Sample-time mode, so the report has p99.
 *
 * <pre>
 * mvn -B -Pjmh package
 * java -Donus.bench.store=/var/tmp/onus-incidents-1e7 -jar target/benchmarks.jar IncidentBenchmark \
 *     -p events=10000000 -p deployments=100 -wi 2 -w 3 -i 3 -r 5
 * </pre>
 * The store is built once (minutes at 10^7) and reused when {@code -Donus.bench.store} names it;
 * the monitor replays it at every start (printed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class IncidentBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Param({"1000000"})
    long events;

    @Param({"100"})
    int deployments;

    private BenchLedger bench;
    private Reconstructor reconstructor;
    private Reconstructor fromLedger;
    private Monitor monitor;
    private Investigator investigator;
    private IncidentState incident;

    @Setup(Level.Trial)
    public void build() throws Exception {
        String configured = System.getProperty(ProofStore.PROPERTY);
        Path dir = configured != null ? Path.of(configured) : Files.createTempDirectory("onus-bench-incidents");
        bench = new BenchLedger(dir);
        Clock clock = Clock.systemUTC();
        TenantServices services = new TenantServices.Directory(new KeyDirectory(dir, new SecureRandom()), clock, new SecureRandom())
                .of(bench.log);
        Incidents incidents = new Incidents(services, clock);
        if (!services.registry().exists(RecordKind.PARTY, "st-mary")) {
            world(services);
            record(services);
            incidents.file(json("{'id':'inc-1','kind':'harm','occurredAt':'2025-12-31T12:00:00Z','awareAt':'2025-12-31T13:00:00Z',"
                    + "'site':'st-mary','patient':{'id':'MRN-INCIDENT'},'severity':{'scale':'ahrq-harm','value':'severe-harm'},"
                    + "'decisions':['incident-decision'],'narrative':'missed sepsis','reporter':'pso'}"), "bench");
        }
        System.out.printf("%n[store] %s: %,d entries%n", dir, bench.log.size());
        incident = incidents.state("inc-1").orElseThrow();
        long replay = System.nanoTime();
        monitor = new Monitor(bench.log, services.registry(), clock);
        if (!monitor.awaitCaughtUp(Duration.ofHours(1))) {
            throw new IllegalStateException("the monitor did not catch up with the store");
        }
        System.out.printf("[monitor] replayed %,d entries in %.1f s%n", monitor.processed(), (System.nanoTime() - replay) / 1e9);
        reconstructor = new Reconstructor(services, clock, OwedReports.UNKNOWN, monitor);
        fromLedger = new Reconstructor(services, clock, OwedReports.UNKNOWN);
        // both paths must count the same: print what each finds for the incident's deployment
        System.out.printf("[observed] cells: %s%n[observed] ledger: %s%n", reconstructor.reconstruct(incident).decisions().get(0).performance(),
                fromLedger.reconstruct(incident).decisions().get(0).performance());
        investigator = new Investigator(Catalogue.rules(new ExactIntervals()));
    }

    private void world(TenantServices s) {
        var r = s.registry();
        r.write(RecordKind.PARTY, json("{'id':'acme','kind':'manufacturer','name':'Acme'}"), "bench", null, null, null);
        r.write(RecordKind.PARTY, json("{'id':'st-mary','kind':'deployer','name':'St Mary','units':[{'id':'ed','name':'ED','careSetting':'emergency'}]}"),
                "bench", null, null, null);
        r.write(RecordKind.PARTY, json("{'id':'committee','kind':'governance-body','name':'Committee'}"), "bench", null, null, null);
        r.write(RecordKind.AI_SYSTEM, json("{'id':'sepsis','name':'Sepsis','manufacturer':'acme','medicalDevice':true}"), "bench", null, null, null);
        r.write(RecordKind.PARTY, json("{'id':'pso','kind':'clinician','name':'PSO','role':'patient-safety officer'}"), "bench", null, null, null);
        r.write(RecordKind.PARTY, json("{'id':'dr-lee','kind':'clinician','name':'Dr Lee','role':'physician',"
                + "'training':[{'aiSystem':'sepsis','course':'onboarding','completedAt':'2024-12-01T00:00:00Z'}]}"), "bench", null, null, null);
        r.write(RecordKind.VERSION, json("{'system':'sepsis','version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2024-12-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'sepsis'},'intendedPopulation':{'ageMin':18},"
                + "'inputRequirements':{'quality':[{'indicator':'completeness','min':0.8}]},'output':{'kind':'score','operatingThreshold':0.6},"
                + "'performance':{'overall':[{'metric':'sensitivity','value':0.8,'ciLow':0.76,'ciHigh':0.84,'n':500}]}}}"), "bench", null, null, null);
        for (int d = 0; d < deployments; d++) {
            r.write(RecordKind.AUTHORIZATION, json("{'id':'auth-" + d + "','system':'sepsis','versions':['1.0'],'site':'st-mary',"
                    + "'oversight':{'reviewRequired':true,'minimumReviewSeconds':30},'validFrom':'2024-12-15T00:00:00Z',"
                    + "'authorizedBy':{'party':'committee','role':'committee'}}"), "bench", null, null, null);
        }
    }

    /** Half decisions, half outcomes, spread over the year and the deployments; then the incident's own decision. */
    private void record(TenantServices s) {
        SplittableRandom rnd = new SplittableRandom(7);
        long pairs = events / 2;
        long began = System.nanoTime();
        long step = Duration.ofDays(364).toMillis() / Math.max(1, pairs / deployments);
        List<JsonNode> decisions = new ArrayList<>();
        List<JsonNode> outcomes = new ArrayList<>();
        for (long i = 0; i < pairs; i++) {
            int dep = (int) (i % deployments);
            Instant at = START.plusMillis((i / deployments) * step);
            boolean truth = rnd.nextDouble() < 0.1;
            double score = truth ? (rnd.nextDouble() < 0.8 ? 0.8 : 0.2) : (rnd.nextDouble() < 0.9 ? 0.2 : 0.8);
            decisions.add(json("{'id':'d" + i + "','eventTime':'" + at + "','authorization':'auth-" + dep + "','reportedVersion':'1.0',"
                    + "'artifactDigest':'" + DIGEST + "','patient':{'id':'P" + (i % 200_000) + "','age':50},"
                    + "'input':{'quality':{'completeness':0.9}},'output':{'kind':'score','score':" + score + "}}"));
            outcomes.add(json("{'id':'o" + i + "','decisions':['d" + i + "'],'observedAt':'" + at.plus(Duration.ofHours(12)) + "','positive':" + truth + "}"));
            if (decisions.size() == 5_000) {
                flush(s, decisions, outcomes);
                if ((i + 1) % 500_000 == 0) {
                    System.out.printf("[store] %,d events recorded, %.0f s%n", 2 * (i + 1), (System.nanoTime() - began) / 1e9);
                }
            }
        }
        flush(s, decisions, outcomes);
        s.recorder().decision(json("{'id':'incident-decision','eventTime':'2025-12-31T08:00:00Z','authorization':'auth-0','reportedVersion':'1.0',"
                + "'artifactDigest':'" + DIGEST + "','patient':{'id':'MRN-INCIDENT','age':61},'input':{'quality':{'completeness':0.95}},"
                + "'output':{'kind':'score','score':0.3},'shownTo':['dr-lee']}"), "bench");
        s.recorder().action(json("{'id':'incident-view','decision':'incident-decision','clinician':'dr-lee','kind':'viewed','time':'2025-12-31T08:00:20Z'}"), "bench");
        s.recorder().action(json("{'id':'incident-accept','decision':'incident-decision','clinician':'dr-lee','kind':'accepted','time':'2025-12-31T08:01:00Z'}"), "bench");
        s.recorder().outcome(json("{'id':'incident-outcome','decisions':['incident-decision'],'observedAt':'2025-12-31T20:00:00Z','positive':true}"), "bench");
    }

    private static void flush(TenantServices s, List<JsonNode> decisions, List<JsonNode> outcomes) {
        if (!decisions.isEmpty()) {
            s.recorder().decisions(List.copyOf(decisions), "bench", true);
            s.recorder().outcomes(List.copyOf(outcomes), "bench", true);
            decisions.clear();
            outcomes.clear();
        }
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Benchmark
    public Investigation reconstructAndJudge() {
        Reconstruction r = reconstructor.reconstruct(incident);
        return investigator.investigate(r);
    }

    @Benchmark
    public Investigation reconstructAndJudgeFromLedger() {
        return investigator.investigate(fromLedger.reconstruct(incident));
    }

    @TearDown(Level.Trial)
    public void close() {
        monitor.close();
        Path dir = bench.dir;
        bench.close();
        if (ProofStore.isTemporary()) {
            BenchLedger.deleteRecursively(dir);
        }
    }
}
