package org.onus.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.http.TestServer;
import org.onus.ledger.Entries;
import org.onus.monitoring.Monitor;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;

/**
 * Observed performance before an incident, read from monitoring's day cells, equals the same
 * figures counted from the ledger (the path taken while the monitor replays), and both equal a
 * tally of the generated stream by the definition in {@link ObservedPerformance}: decisions from
 * 00:00 UTC of the span's first day up to the incident's time, as last corrected, flagged ones
 * left out, each with its first outcome as known now however late it was observed or recorded.
 */
class ObservedPerformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:" + "b".repeat(64);
    static final Instant INCIDENT = Instant.parse("2026-10-20T13:30:00Z");
    static final double THRESHOLD = 0.6;

    @TempDir
    Path data;

    /** What the stream finally says about one decision, as the test's own tally sees it. */
    static final class Truth {
        String id;
        Instant at;
        String deployment;
        double score;
        boolean flagged;
        String firstOutcome;
        Boolean positive;
    }

    final Map<String, Truth> truth = new LinkedHashMap<>();

    @Test
    void cells_and_the_ledger_give_the_same_figures_as_the_definition_with_late_outcomes_and_corrections() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            TenantServices s = server.onus.services(server.defaultLog());
            world(s);
            stream(s, new Random(42));
            Monitor monitor = server.onus.monitor(server.defaultLog());
            assertThat(monitor.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

            for (Instant incident : List.of(INCIDENT, INCIDENT.minus(Duration.ofDays(3)).plusSeconds(7 * 3600), Instant.parse("2026-10-21T00:00:00Z"))) {
                for (int windowDays : new int[] {365, 20, 5}) {
                    long size = s.log().size();
                    ObservedPerformance.Answer cells = new ObservedPerformance(s.log(), s.registry(), monitor).rates("auth-a", incident, windowDays, size);
                    ObservedPerformance.Answer ledger = new ObservedPerformance(s.log(), s.registry(), null).rates("auth-a", incident, windowDays, size);

                    assertThat(cells.source()).isEqualTo(ObservedPerformance.Source.CELLS);
                    assertThat(ledger.source()).isEqualTo(ObservedPerformance.Source.LEDGER);
                    assertThat(cells.rates()).as("incident %s, window %d days", incident, windowDays).isEqualTo(ledger.rates()).isNotEmpty();
                    for (ObservedRate r : cells.rates()) {
                        long[] expected = tally(r.metric(), "auth-a", r.from(), incident);
                        assertThat(new long[] {r.events(), r.trials()}).as("%s from %s to %s", r.metric(), r.from(), incident).isEqualTo(expected);
                        assertThat(r.from()).isEqualTo(Instant.ofEpochMilli(Math.floorDiv(r.from().toEpochMilli(), 86_400_000L) * 86_400_000L));
                        assertThat(r.to()).isEqualTo(incident);
                    }
                }
            }
        }
    }

    @Test
    void a_monitor_that_has_not_caught_up_is_not_read_and_the_ledger_answers_the_same() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            TenantServices s = server.onus.services(server.defaultLog());
            world(s);
            stream(s, new Random(7));
            Monitor stopped = new Monitor(s.log(), s.registry(), Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
            stopped.close();
            server.append(server.admin, "{\"type\":\"note\",\"text\":\"after the monitor stopped\"}");

            ObservedPerformance.Answer behind = new ObservedPerformance(s.log(), s.registry(), stopped).rates("auth-a", INCIDENT, 365, s.log().size());
            Monitor live = server.onus.monitor(server.defaultLog());
            assertThat(live.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            ObservedPerformance.Answer caughtUp = new ObservedPerformance(s.log(), s.registry(), live).rates("auth-a", INCIDENT, 365, s.log().size());

            assertThat(behind.source()).isEqualTo(ObservedPerformance.Source.LEDGER);
            assertThat(caughtUp.source()).isEqualTo(ObservedPerformance.Source.CELLS);
            assertThat(behind.rates()).isEqualTo(caughtUp.rates());
        }
    }

    @Test
    void a_decision_after_the_incident_on_its_day_does_not_count_and_an_outcome_learnt_after_it_does() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            TenantServices s = server.onus.services(server.defaultLog());
            world(s);
            // before the incident: a missed positive whose outcome is observed (and recorded) a week after it
            decision(s, "before", INCIDENT.minus(Duration.ofHours(2)), 0.2, false, "auth-a");
            outcome(s, "o-before", "before", INCIDENT.plus(Duration.ofDays(7)), true);
            // after the incident, the same day: a caught positive, known at once
            decision(s, "after", INCIDENT.plus(Duration.ofHours(1)), 0.9, false, "auth-a");
            outcome(s, "o-after", "after", INCIDENT.plus(Duration.ofHours(2)), true);
            Monitor monitor = server.onus.monitor(server.defaultLog());
            assertThat(monitor.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

            ObservedPerformance.Answer a = new ObservedPerformance(s.log(), s.registry(), monitor).rates("auth-a", INCIDENT, 365, s.log().size());

            assertThat(a.rates()).singleElement().satisfies(r -> {
                assertThat(r.metric()).isEqualTo("sensitivity");
                assertThat(r.events()).isZero();
                assertThat(r.trials()).isEqualTo(1);
            });
        }
    }

    /** Events and trials by the definition, from the test's own record of the stream. */
    long[] tally(String metric, String deployment, Instant from, Instant to) {
        long events = 0;
        long trials = 0;
        for (Truth t : truth.values()) {
            if (!t.deployment.equals(deployment) || t.flagged || t.positive == null || t.at.isBefore(from) || t.at.isAfter(to)) {
                continue;
            }
            boolean called = t.score >= THRESHOLD;
            if (metric.equals("sensitivity") && t.positive) {
                trials++;
                events += called ? 1 : 0;
            } else if (metric.equals("specificity") && !t.positive) {
                trials++;
                events += called ? 0 : 1;
            }
        }
        return new long[] {events, trials};
    }

    void world(TenantServices s) {
        write(s, RecordKind.PARTY, "{'id':'acme','kind':'manufacturer','name':'Acme'}");
        write(s, RecordKind.PARTY, "{'id':'st-mary','kind':'deployer','name':'St Mary'}");
        write(s, RecordKind.PARTY, "{'id':'committee','kind':'governance-body','name':'Committee'}");
        write(s, RecordKind.AI_SYSTEM, "{'id':'sepsis','name':'Sepsis','manufacturer':'acme','medicalDevice':true}");
        write(s, RecordKind.VERSION, "{'system':'sepsis','version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2025-12-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'sepsis'},'intendedPopulation':{'ageMin':18},'inputRequirements':{},'output':{'kind':'score','operatingThreshold':" + THRESHOLD + "},"
                + "'performance':{'overall':[{'metric':'sensitivity','value':0.8,'ciLow':0.76,'ciHigh':0.84,'n':500}]}}}");
        for (String a : List.of("auth-a", "auth-b")) {
            write(s, RecordKind.AUTHORIZATION, "{'id':'" + a + "','system':'sepsis','versions':['1.0'],'site':'st-mary',"
                    + "'validFrom':'2026-01-01T00:00:00Z','authorizedBy':{'party':'committee','role':'committee'}}");
        }
    }

    /**
     * Forty days of decisions at two deployments up to the day after the incident, outcomes for
     * most of them observed up to five days later and recorded in shuffled order, some outcome
     * and decision corrections (a score changed, a decision moved to another day or past the
     * incident), flagged outputs, and second outcomes that must not count.
     */
    void stream(TenantServices s, Random rnd) throws Exception {
        Instant start = Instant.parse("2026-09-12T00:00:00Z");
        List<JsonNode> decisions = new ArrayList<>();
        List<String[]> outcomes = new ArrayList<>();
        int n = 0;
        for (Instant at = start; at.isBefore(Instant.parse("2026-10-22T00:00:00Z")); at = at.plusSeconds(1800 + rnd.nextInt(1800))) {
            String id = "d" + n++;
            String dep = rnd.nextInt(5) == 0 ? "auth-b" : "auth-a";
            boolean positive = rnd.nextDouble() < 0.3;
            double score = positive ? (rnd.nextDouble() < 0.8 ? 0.7 : 0.3) : (rnd.nextDouble() < 0.85 ? 0.2 : 0.9);
            boolean flagged = rnd.nextInt(40) == 0;
            decisions.add(decisionBody(id, at, score, flagged, dep));
            track(id, at, score, flagged, dep);
            if (rnd.nextInt(10) != 0) {
                Instant observed = at.plusSeconds(3600 + rnd.nextInt(5 * 86_400));
                outcomes.add(new String[] {"o-" + id, id, observed.toString(), String.valueOf(positive)});
                if (rnd.nextInt(25) == 0) {
                    outcomes.add(new String[] {"o2-" + id, id, observed.plusSeconds(60).toString(), String.valueOf(!positive)});
                }
            }
        }
        s.recorder().decisions(decisions, "test", true);
        Collections.shuffle(outcomes, rnd);
        for (String[] o : outcomes) {
            outcome(s, o[0], o[1], Instant.parse(o[2]), Boolean.parseBoolean(o[3]));
        }
        // corrections: flip some outcomes, change some scores, move some decisions
        List<String> ids = new ArrayList<>(truth.keySet());
        for (int i = 0; i < 40; i++) {
            Truth t = truth.get(ids.get(rnd.nextInt(ids.size())));
            if (t.firstOutcome != null && t.positive != null) {
                boolean flipped = !t.positive;
                String decisionId = t.id;
                s.recorder().correct("outcome", t.firstOutcome, outcomeBody(t.firstOutcome, decisionId, observedOf(s, t.firstOutcome), flipped),
                        "lab result re-read", "test");
                t.positive = flipped;
            }
        }
        for (int i = 0; i < 30; i++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            Truth t = truth.get(id);
            Instant moved = switch (i % 3) {
                case 0 -> t.at;
                case 1 -> t.at.minus(Duration.ofDays(1 + rnd.nextInt(3)));
                default -> INCIDENT.plusSeconds(60);
            };
            if (t.firstOutcome != null && !moved.isBefore(observedOf(s, t.firstOutcome))) {
                moved = t.at;
            }
            double score = i % 2 == 0 ? 1 - t.score : t.score;
            s.recorder().correct("decision", id, decisionBody(id, moved, score, t.flagged, t.deployment), "wrong time or score", "test");
            t.at = moved;
            t.score = score;
        }
    }

    void track(String id, Instant at, double score, boolean flagged, String dep) {
        Truth t = new Truth();
        t.id = id;
        t.at = at;
        t.score = score;
        t.flagged = flagged;
        t.deployment = dep;
        truth.put(id, t);
    }

    void decision(TenantServices s, String id, Instant at, double score, boolean flagged, String dep) {
        s.recorder().decision(decisionBody(id, at, score, flagged, dep), "test");
        track(id, at, score, flagged, dep);
    }

    void outcome(TenantServices s, String id, String decision, Instant observed, boolean positive) {
        s.recorder().outcome(outcomeBody(id, decision, observed, positive), "test");
        Truth t = truth.get(decision);
        if (t.firstOutcome == null) {
            t.firstOutcome = id;
            t.positive = positive;
        }
    }

    static Instant observedOf(TenantServices s, String outcomeId) {
        long index = s.log().uniqueKeyIndex("outcome/" + outcomeId).orElseThrow();
        return Instant.parse(Entries.parse(s.log().entry(index).orElseThrow().bytes()).get("data").get("observedAt").asText());
    }

    static JsonNode decisionBody(String id, Instant at, double score, boolean flagged, String dep) {
        return json("{'id':'" + id + "','eventTime':'" + at + "','authorization':'" + dep + "','reportedVersion':'1.0',"
                + "'artifactDigest':'" + DIGEST + "','patient':{'id':'P-" + id + "','age':50},"
                + "'output':{'kind':'score','score':" + score + (flagged ? ",'flagged':true,'flagReason':'input unreadable'" : "") + "}}");
    }

    static JsonNode outcomeBody(String id, String decision, Instant observed, boolean positive) {
        return json("{'id':'" + id + "','decisions':['" + decision + "'],'observedAt':'" + observed + "','positive':" + positive + "}");
    }

    static void write(TenantServices s, RecordKind kind, String singleQuoted) {
        s.registry().write(kind, json(singleQuoted), "test", null, null, null);
    }

    static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
