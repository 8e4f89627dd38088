package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onus.demo.DemoSummary.IncidentCandidate;
import org.onus.demo.DemoSummary.PlantedProblem;

/** Every problem the summary says was planted is really in the stream, where it says, even at a small scale. */
class PlantedProblemsTest {

    static DemoHospital h;
    static DemoSummary summary;
    static Map<String, ObjectNode> decisions = new HashMap<>();
    static Map<String, ObjectNode> outcomes = new HashMap<>();
    static List<DemoRecord> registry;

    @BeforeAll
    static void generate() {
        h = new DemoHospital(7L, Instant.parse("2026-03-02T00:00:00Z"), 0.02);
        summary = h.summary();
        registry = h.records().filter(r -> {
            switch (r.kind()) {
                case DemoRecord.DECISION -> decisions.put(r.id(), r.body());
                case DemoRecord.OUTCOME -> outcomes.put(r.id(), r.body());
                case DemoRecord.ACTION -> { }
                default -> {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Test
    void everyDecisionTheSummaryNamesIsInTheStream() {
        for (PlantedProblem p : summary.problems()) {
            assertThat(decisions.keySet()).as(p.code()).containsAll(p.decisions());
        }
        for (String code : List.of("authorization-wider-than-card", "outside-authorized-population", "unauthorized-unit",
                "unregistered-version", "review-faster-than-minimum", "input-quality-below-threshold-unflagged", "training-expired",
                "training-missing", "sensitivity-drift", "notice-applied-late", "unvalidated-subgroup")) {
            assertThat(summary.problem(code).decisions()).as(code).isNotEmpty();
        }
    }

    @Test
    void theWiderAuthorizationScoresAdolescentsTheCardExcludes() {
        ObjectNode auth = registryBody(DemoRecord.AUTHORIZATION, Governance.WIDER);
        assertThat(auth.at("/population/ageMin").asInt()).as("all ages, stated explicitly: a silent dimension inherits the card's").isZero();
        assertThat(auth.has("localValidation")).isFalse();
        assertThat(version("sentinel-srs@2.3.1").at("/card/intendedPopulation/ageMin").asInt()).isEqualTo(18);
        assertThat(version("sentinel-srs@2.3.1").at("/card/localValidationRequired").asBoolean()).isTrue();
        for (String id : summary.problem("authorization-wider-than-card").decisions()) {
            assertThat(decisions.get(id).at("/patient/age").asInt()).isLessThan(18);
            assertThat(decisions.get(id).get("site").asText()).isEqualTo("site-lakeshore");
        }
    }

    @Test
    void outOfScopeUsesIncludeKoelnAdolescentsAndImplants() {
        List<ObjectNode> out = summary.problem("outside-authorized-population").decisions().stream().map(decisions::get).toList();
        assertThat(out).anyMatch(d -> d.get("unit").asText().equals("koeln-ed") && d.at("/patient/age").asInt() < 18);
        assertThat(out).anyMatch(d -> d.at("/patient/attributes/breast-implants").asText().equals("true"));
        assertThat(summary.problem("unauthorized-unit").decisions()).allMatch(id -> decisions.get(id).get("unit").asText().equals("koeln-icu"));
    }

    @Test
    void theSilentUpdateReportsADigestNoVersionHas() {
        Set<String> registered = Set.copyOf(registry.stream().filter(r -> r.kind().equals(DemoRecord.VERSION))
                .map(r -> r.body().get("artifactDigest").asText()).toList());
        List<String> ids = summary.problem("unregistered-version").decisions();
        assertThat(ids).allSatisfy(id -> {
            assertThat(decisions.get(id).get("reportedVersion").asText()).isEqualTo("4.2.0-rc1");
            assertThat(registered).doesNotContain(decisions.get(id).get("artifactDigest").asText());
        });
        long days = ids.stream().map(id -> time(decisions.get(id).get("eventTime")).toString().substring(0, 10)).distinct().count();
        assertThat(days).isBetween(3L, 5L);
    }

    @Test
    void lowQualityImagesScoredWithoutAFlag() {
        assertThat(summary.problem("input-quality-below-threshold-unflagged").decisions()).allSatisfy(id -> {
            JsonNode d = decisions.get(id);
            assertThat(d.at("/input/quality/positioningScore").asDouble()).isLessThan(0.60);
            assertThat(d.at("/output/score").isNumber()).isTrue();
            assertThat(d.at("/output/flagged").asBoolean(false)).isFalse();
        });
    }

    @Test
    void trainingLapsesAreExactlyThePlantedOnes() {
        assertThat(summary.problem("training-expired").subjects())
                .containsExactlyInAnyOrder("clin-koeln-rad-02", "clin-lakeshore-surg-03", "clin-lakeshore-ed-02");
        assertThat(summary.problem("training-missing").subjects())
                .containsExactlyInAnyOrder("clin-koeln-ed-04", "clin-lakeshore-gp-05", "clin-koeln-icu-01");
        List<DemoRecord> rad02 = registry.stream().filter(r -> r.id().equals("clin-koeln-rad-02")).toList();
        assertThat(rad02).hasSize(2);
        assertThat(rad02.get(1).body().get("training")).hasSize(2);
    }

    @Test
    void theAmendmentIsALaterRecordWithTheSameId() {
        List<DemoRecord> auths = registry.stream().filter(r -> r.id().equals(Governance.AMENDED)).toList();
        assertThat(auths).hasSize(2);
        assertThat(auths.get(1).at()).isAfter(h.start());
        assertThat(auths.get(1).body().get("units").toString()).contains("koeln-mammobil");
        assertThat(auths.get(0).body().get("units").toString()).doesNotContain("koeln-mammobil");
        assertThat(auths.get(1).body().at("/monitoringThresholds/sensitivityFloor").asDouble())
                .isNotEqualTo(auths.get(0).body().at("/monitoringThresholds/sensitivityFloor").asDouble());
    }

    @Test
    void noticesReachBothSitesAndLakeshoreIsLateOrNeverApplies() {
        ObjectNode fsn = registryBody(DemoRecord.NOTICE, Governance.FSN);
        Instant applyBy = time(fsn.get("applyBy"));
        List<JsonNode> lakeshore = registry.stream().filter(r -> r.kind().equals(DemoRecord.NOTICE_RECEIPT)
                && r.body().get("deployer").asText().equals("site-lakeshore")).map(r -> (JsonNode) r.body()).toList();
        assertThat(lakeshore).anyMatch(r -> r.get("notice").asText().equals(Governance.FSN) && r.has("appliedAt")
                && time(r.get("appliedAt")).isAfter(applyBy));
        assertThat(lakeshore).filteredOn(r -> r.get("notice").asText().equals(Governance.LIMITATION_NOTICE))
                .isNotEmpty().noneMatch(r -> r.has("appliedAt"));
        ObjectNode robot = registryBody(DemoRecord.AUTHORIZATION, Governance.MISSING_PRECAUTION);
        assertThat(robot.get("precautions").toString()).doesNotContain("proctoring");
        assertThat(version("surgenix-orion@5.4.1").at("/card/requiredPrecautions").toString()).contains("proctoring");
    }

    @Test
    void everyScriptedIncidentHasItsDecisionsAndTheOutcomeThatReportsTheHarm() {
        assertThat(summary.incidents()).hasSize(8);
        for (IncidentCandidate i : summary.incidents()) {
            assertThat(decisions.keySet()).as(i.code()).containsAll(i.decisions());
            ObjectNode outcome = outcomes.get(i.outcome());
            assertThat(outcome).as(i.code()).isNotNull();
            assertThat(StreamSupport.stream(outcome.get("decisions").spliterator(), false).map(JsonNode::asText))
                    .contains(i.decisions().get(0));
            assertThat(outcome.has("adverseEvent")).as(i.code()).isTrue();
            assertThat(decisions.get(i.decisions().get(0)).at("/patient/id").asText()).isEqualTo(i.patient());
        }
        String dose = summary.incident("scribe-wrong-dose-signed-unreviewed").decisions().get(0);
        assertThat(summary.problem("review-faster-than-minimum").decisions()).contains(dose);
        String thermal = summary.incident("robot-thermal-injury-notice-late").decisions().get(0);
        assertThat(decisions.get(thermal).at("/output/deviceAction/code").asText()).isEqualTo("E-402");
        assertThat(summary.problem("notice-applied-late").decisions()).contains(thermal);
        assertThat(summary.problem("training-expired").decisions())
                .contains(summary.incident("robot-conversion-untrained-surgeon").decisions().get(0));
        assertThat(summary.problem("unregistered-version").decisions())
                .contains(summary.incident("scribe-silent-update-near-miss").decisions().get(0));
    }

    static ObjectNode registryBody(String kind, String id) {
        return registry.stream().filter(r -> r.kind().equals(kind) && r.id().equals(id)).findFirst().orElseThrow().body();
    }

    static ObjectNode version(String key) {
        return registryBody(DemoRecord.VERSION, key);
    }

    static Instant time(JsonNode n) {
        return OffsetDateTime.parse(n.asText()).toInstant();
    }
}
