package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.store.InMemoryStore;

/**
 * A tenant with {@code n} deployments of one scored product whose true behaviour the test sets
 * day by day, recorded as the ledger entries the recorder writes (same types and shapes), and
 * watched by a real {@link Monitor}. Simulated days come from a clock, never from sleeping. The
 * stream tallies its own truth so that tests compare the monitor with figures computed here.
 *
 * <p>The card claims sensitivity 0.90 (lower bound 0.87) and specificity 0.90 (0.885) overall,
 * sensitivity 0.90 (0.85) in the subgroup "age 70-79", and declares a baseline for age (uniform
 * 18-79), the signal-to-noise indicator (normal, mean 40 dB, sd 3) and breast density (a-d).
 */
final class SyntheticStream implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String DIGEST = "sha256:" + "c".repeat(64);
    static final double[] SNR_EDGES = {20, 30, 35, 40, 45, 60};
    static final double SNR_MEAN = 40;
    static final double SNR_SD = 3;

    /** The truth of one day at one deployment. */
    record Truth(double sensitivity, double specificity, double sensitivityAge70, double snrMean, double overrideRate,
                 int decisions, double prevalence) {

        static Truth asClaimed() {
            return new Truth(0.90, 0.90, 0.90, SNR_MEAN, 0.10, 80, 0.25);
        }

        Truth withSensitivity(double s) {
            return new Truth(s, specificity, s, snrMean, overrideRate, decisions, prevalence);
        }

        Truth withSensitivityAge70(double s) {
            return new Truth(sensitivity, specificity, s, snrMean, overrideRate, decisions, prevalence);
        }

        Truth withSnrMean(double m) {
            return new Truth(sensitivity, specificity, sensitivityAge70, m, overrideRate, decisions, prevalence);
        }
    }

    /** What the stream knows for itself, per deployment and subgroup. */
    static final class Tally {
        long tp;
        long fn;
        long tn;
        long fp;
        long decisions;
        long overridden;
    }

    /** A clock the test moves; the monitor stamps alerts with it. */
    static final class SimClock extends Clock {
        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final SimClock clock = new SimClock();
    final InMemoryStore store = new InMemoryStore();
    final Ledger ledger;
    final TenantLog log;
    final Registry registry;
    final Monitor monitor;
    final int deployments;
    final Random random;
    final Map<String, Tally> tallies = new java.util.TreeMap<>();
    private long sequence;

    SyntheticStream(Path dir, int deployments, long seed, Map<String, Double> thresholds) {
        this.deployments = deployments;
        this.random = new Random(seed);
        this.ledger = new Ledger(store, new KeyDirectory(dir, new SecureRandom()), "onus.local", clock);
        this.log = ledger.createTenant("default");
        this.registry = new Registry(log, clock);
        register(thresholds);
        this.monitor = new Monitor(log, registry, clock);
    }

    static String deployment(int k) {
        return "auth-" + k;
    }

    static double[] snrShares() {
        NormalDistribution n = new NormalDistribution(null, SNR_MEAN, SNR_SD);
        double[] s = new double[SNR_EDGES.length - 1];
        for (int i = 0; i < s.length; i++) {
            s[i] = n.cumulativeProbability(SNR_EDGES[i + 1]) - n.cumulativeProbability(SNR_EDGES[i]);
        }
        return s;
    }

    private void register(Map<String, Double> thresholds) {
        write(RecordKind.PARTY, "{'id':'acme','kind':'manufacturer','name':'Acme Imaging'}");
        write(RecordKind.PARTY, "{'id':'committee','kind':'governance-body','name':'AI committee'}");
        write(RecordKind.PARTY, "{'id':'general','kind':'deployer','name':'General Hospital','jurisdiction':'DE',"
                + "'units':[{'id':'screening','name':'Screening','careSetting':'screening'}]}");
        write(RecordKind.AI_SYSTEM, "{'id':'mammo','name':'Mammo Detect','manufacturer':'acme','medicalDevice':true}");
        ArrayNode snr = JSON.createArrayNode();
        for (double s : snrShares()) {
            snr.add(s);
        }
        String card = "{'intendedUse':{'task':'screening'},'intendedPopulation':{'ageMin':18,'ageMax':79,'sexes':['female']},"
                + "'inputRequirements':{'quality':[{'indicator':'snrDb','min':28}]},"
                + "'output':{'kind':'score','operatingThreshold':0.5},"
                + "'performance':{'overall':[{'metric':'sensitivity','value':0.90,'ciLow':0.87,'ciHigh':0.93,'n':1000},"
                + "{'metric':'specificity','value':0.90,'ciLow':0.885,'ciHigh':0.915,'n':5000}],"
                + "'subgroups':[{'name':'age 70-79','population':{'ageMin':70,'ageMax':79},"
                + "'claims':[{'metric':'sensitivity','value':0.90,'ciLow':0.85,'n':300}]}]},"
                + "'inputBaseline':{'age':{'edges':[18,40,60,70,80],'shares':[" + (22 / 62.0) + "," + (20 / 62.0) + ","
                + (10 / 62.0) + "," + (10 / 62.0) + "]},'quality.snrDb':{'edges':[20,30,35,40,45,60],'shares':" + snr + "},"
                + "'attributes.breastDensity':{'categories':{'a':0.1,'b':0.4,'c':0.4,'d':0.1}}}}";
        write(RecordKind.VERSION, "{'system':'mammo','version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2025-06-01T00:00:00Z',"
                + "'card':" + card + "}");
        String t = JSON.valueToTree(thresholds).toString().replace('"', '\'');
        for (int k = 0; k < deployments; k++) {
            write(RecordKind.AUTHORIZATION, "{'id':'" + deployment(k) + "','system':'mammo','versions':['1.0'],'site':'general',"
                    + "'units':['screening'],'oversight':{'reviewRequired':true,'alertResponseHours':48},"
                    + "'monitoringThresholds':" + t + ",'validFrom':'2025-12-01T00:00:00Z',"
                    + "'authorizedBy':{'party':'committee','role':'AI governance committee','decisionRef':'AIGC-1'}}");
        }
    }

    private void write(RecordKind kind, String json) {
        try {
            registry.write(kind, JSON.readTree(json.replace('\'', '"')), "setup", START.minus(Duration.ofDays(60)), null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Tally tally(String key) {
        return tallies.computeIfAbsent(key, k -> new Tally());
    }

    /** Records one simulated day at every deployment, with {@code truth} per deployment. */
    void day(int day, java.util.function.IntFunction<Truth> truth) {
        Instant midnight = START.plus(Duration.ofDays(day));
        clock.now = midnight.plus(Duration.ofHours(23));
        for (int k = 0; k < deployments; k++) {
            Truth t = truth.apply(k);
            List<EntryDraft> decisions = new ArrayList<>();
            List<boolean[]> facts = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < t.decisions(); i++) {
                Instant at = midnight.plusSeconds(8 * 3600 + random.nextInt(10 * 3600));
                int age = 18 + random.nextInt(62);
                boolean positive = random.nextDouble() < t.prevalence();
                double sens = age >= 70 ? t.sensitivityAge70() : t.sensitivity();
                boolean called = positive ? random.nextDouble() < sens : random.nextDouble() >= t.specificity();
                double score = called ? 0.5 + 0.5 * random.nextDouble() : 0.5 * random.nextDouble();
                double snr = t.snrMean() + SNR_SD * random.nextGaussian();
                String density = pick(new String[] {"a", "b", "c", "d"}, new double[] {0.1, 0.4, 0.4, 0.1});
                ObjectNode d = JSON.createObjectNode();
                String id = "d" + (++sequence);
                d.put("id", id);
                d.put("eventTime", at.toString());
                d.put("authorization", deployment(k));
                d.put("site", "general");
                d.put("unit", "screening");
                d.put("system", "mammo");
                d.put("reportedVersion", "1.0");
                d.put("artifactDigest", DIGEST);
                ObjectNode p = d.putObject("patient");
                p.put("pseudonym", "pt-" + random.nextLong());
                p.put("age", age);
                p.put("sex", "female");
                p.put("careSetting", "screening");
                p.putObject("attributes").put("breastDensity", density);
                d.putObject("input").putObject("quality").put("snrDb", Math.round(snr * 100) / 100.0);
                d.putObject("output").put("kind", "score").put("score", score);
                d.putArray("flags");
                decisions.add(Entries.draft("decision", clock.instant(), "integration", d)
                        .withLookups(List.of(new EntryDraft.Lookup(Recorder.DEPLOYMENT, deployment(k), at.toEpochMilli()))));
                facts.add(new boolean[] {positive, called, age >= 70});
                times.add(at);
                Tally all = tally(deployment(k));
                Tally sub = tally(deployment(k) + " age 70-79");
                for (Tally x : age >= 70 ? List.of(all, sub) : List.of(all)) {
                    x.decisions++;
                    if (positive) {
                        if (called) {
                            x.tp++;
                        } else {
                            x.fn++;
                        }
                    } else if (called) {
                        x.fp++;
                    } else {
                        x.tn++;
                    }
                }
            }
            long[] indexes = append(decisions);
            List<EntryDraft> actions = new ArrayList<>();
            List<EntryDraft> outcomes = new ArrayList<>();
            for (int i = 0; i < indexes.length; i++) {
                boolean overridden = random.nextDouble() < t.overrideRate();
                if (overridden) {
                    tally(deployment(k)).overridden++;
                }
                // review time: log-normal, median 45 s
                double seconds = Math.exp(Math.log(45) + 0.5 * random.nextGaussian());
                ObjectNode a = JSON.createObjectNode();
                a.put("id", "a" + (++sequence));
                a.put("decision", "d" + indexes[i]);
                a.put("clinician", "dr-" + random.nextInt(20));
                a.put("kind", overridden ? "overridden" : "accepted");
                a.put("time", times.get(i).plusMillis(Math.round(seconds * 1000)).toString());
                a.put("decisionIndex", indexes[i]);
                a.put("deployment", deployment(k));
                a.putArray("flags");
                actions.add(Entries.draft("action", clock.instant(), "integration", a));
                ObjectNode o = JSON.createObjectNode();
                o.put("id", "o" + (++sequence));
                o.putArray("decisions").add("d" + indexes[i]);
                o.put("observedAt", times.get(i).plus(Duration.ofHours(6)).toString());
                o.put("positive", facts.get(i)[0]);
                o.putArray("decisionIndexes").add(indexes[i]);
                outcomes.add(Entries.draft("outcome", clock.instant(), "integration", o));
            }
            append(actions);
            append(outcomes);
        }
    }

    private String pick(String[] values, double[] shares) {
        double u = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            u -= shares[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    long[] append(List<EntryDraft> drafts) {
        try {
            return log.appendGroup(drafts).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the monitor to take in everything, alerts it wrote included. */
    void settle() {
        for (int i = 0; i < 3; i++) {
            if (!monitor.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the monitor did not catch up");
            }
        }
    }

    List<JsonNode> alerts() {
        settle();
        List<JsonNode> out = new ArrayList<>();
        monitor.alerts("all", null, null).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        monitor.close();
        ledger.close();
        store.close();
    }
}
