package org.onus.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onus.auth.Role;
import org.onus.http.TestServer;
import org.onus.ledger.BundleVerification;
import org.onus.ledger.EvidenceBundle;

/**
 * The scenarios under {@code src/test/resources/scenarios}, end to end through the HTTP API: each
 * in a tenant of its own, the hospital of {@code world.json} is registered, the scenario's
 * history is recorded (its {@code series} of decisions with outcomes, then its own decisions,
 * actions and outcomes), the incident is filed and the investigator's determinations recorded,
 * and the investigation must implicate exactly the parties the scenario expects. Its evidence
 * bundle must then verify offline and hold every entry a finding cites.
 *
 * <p>A new scenario is one more JSON file (see the README there).
 */
class ScenarioTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Paths.get("src/test/resources/scenarios");
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("onus-scenarios");
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+-.*\\.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_investigation_implicates_exactly_whom_the_scenario_expects(String file) {
        JsonNode scenario = read(DIR.resolve(file));
        String tenant = "scenario-" + file.substring(0, file.indexOf('-'));
        String admin = server.token(tenant, Role.ADMIN);
        String integration = server.token(tenant, Role.INTEGRATION);
        String investigator = server.token(tenant, Role.INVESTIGATOR);

        for (JsonNode step : read(DIR.resolve("world.json")).get("registry")) {
            created(step.get("post").asText(), admin, step.get("body"));
        }
        for (JsonNode step : scenario.path("registry")) {
            created(step.get("post").asText(), admin, step.get("body"));
        }
        for (JsonNode series : scenario.path("series")) {
            record(series, integration);
        }
        scenario.path("decisions").forEach(d -> created("/v1/decisions", integration, d));
        scenario.path("actions").forEach(a -> created("/v1/actions", integration, a));
        scenario.path("outcomes").forEach(o -> created("/v1/outcomes", integration, o));
        String incident = scenario.get("incident").get("id").asText();
        created("/v1/incidents", investigator, scenario.get("incident"));
        scenario.path("determinations").forEach(d -> created("/v1/incidents/" + incident + "/determinations", investigator, d));
        fileReports(incident, investigator, scenario.path("reportsFiledAfterHours").asLong(1));

        JsonNode investigation = ok("/v1/incidents/" + incident + "/investigation", investigator);
        JsonNode expect = scenario.get("expect");
        keep(file, investigation);

        Set<String> implicated = new TreeSet<>();
        investigation.get("findings").forEach(f -> {
            if (f.get("verdict").asText().equals("IMPLICATED")) {
                implicated.add(key(f));
            }
        });
        assertThat(implicated).as("%s: implicated findings\n%s", file, investigation.get("conclusion").asText())
                .isEqualTo(strings(expect.get("implicated")));
        for (String expected : strings(expect.path("notImplicated"))) {
            assertThat(investigation.get("findings")).as("%s: %s not implicated", file, expected)
                    .anyMatch(f -> key(f).equals(expected) && f.get("verdict").asText().equals("NOT_IMPLICATED"));
        }
        Set<String> contributors = new TreeSet<>();
        investigation.get("primaryContributors").forEach(c -> contributors.add(c.get("role").asText() + ":" + c.path("party").asText("")));
        assertThat(contributors).as(file).isEqualTo(strings(expect.get("primaryContributors")));
        assertThat(investigation.get("conclusion").asText()).as(file).contains(expect.get("conclusionContains").asText());
        expect.path("becauseContains").fields().forEachRemaining(e -> assertThat(investigation.get("findings"))
                .as("%s: a %s finding saying '%s'", file, e.getKey(), e.getValue().asText())
                .anyMatch(f -> f.get("rule").asText().equals(e.getKey()) && f.get("because").asText().contains(e.getValue().asText())));

        HttpResponse<String> bundle = server.get("/v1/incidents/" + incident + "/bundle", investigator);
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
        EvidenceBundle parsed = EvidenceBundle.parse(bundle.body());
        BundleVerification check = EvidenceBundle.verify(parsed, Optional.of(server.log(tenant).publicKey()));
        assertThat(check.ok()).as("%s: bundle verifies: %s", file, check.problems()).isTrue();
        Set<Long> inBundle = new HashSet<>();
        parsed.entries().forEach(e -> inBundle.add(e.index()));
        List<Long> cited = new ArrayList<>();
        investigation.get("findings").forEach(f -> f.get("evidence").forEach(i -> cited.add(i.asLong())));
        assertThat(inBundle).as("%s: the bundle holds every cited entry", file).containsAll(cited);
    }

    /**
     * Files every regulatory report the incident owes, {@code afterHours} after its clock
     * started: on time unless a scenario says otherwise, so that a scenario about something
     * else is not also about reporting.
     */
    private static void fileReports(String incident, String token, long afterHours) {
        for (JsonNode r : ok("/v1/incidents/" + incident + "/reports", token).path("reports")) {
            ObjectNode filing = JSON.createObjectNode();
            filing.put("regime", r.get("regime").asText());
            filing.put("kind", r.get("kind").asText());
            filing.put("stage", "initial");
            filing.put("filedAt", Instant.parse(r.get("startsAt").asText()).plus(Duration.ofHours(afterHours)).toString());
            filing.put("reference", "REF-" + r.get("kind").asText());
            filing.put("by", r.get("owedBy").asText());
            created("/v1/incidents/" + incident + "/reports", token, filing);
        }
    }

    /** Leaves the investigation under target/scenarios for a reader to see what the rules said. */
    private static void keep(String file, JsonNode investigation) {
        try {
            Path out = Paths.get("target/scenarios");
            Files.createDirectories(out);
            Files.writeString(out.resolve(file), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(investigation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(JsonNode f) {
        return f.get("rule").asText() + " " + f.get("partyRole").asText() + ":" + f.path("party").asText("");
    }

    /** A series: decisions every few minutes from a start, in groups that share an output and an outcome. */
    private static void record(JsonNode series, String token) {
        String prefix = series.get("prefix").asText();
        Instant at = Instant.parse(series.get("from").asText());
        Duration step = Duration.ofMinutes(series.get("everyMinutes").asLong());
        ArrayNode decisions = JSON.createArrayNode();
        ArrayNode outcomes = JSON.createArrayNode();
        int i = 0;
        for (JsonNode group : series.get("groups")) {
            for (int k = 0; k < group.get("count").asInt(); k++, i++, at = at.plus(step)) {
                ObjectNode d = series.get("decision").deepCopy();
                String id = prefix + "-" + i;
                d.put("id", id);
                d.put("eventTime", at.toString());
                ((ObjectNode) d.get("patient")).put("id", prefix + "-MRN-" + i);
                d.set("output", group.get("output"));
                decisions.add(d);
                ObjectNode o = outcomes.addObject();
                o.put("id", prefix + "-out-" + i);
                o.putArray("decisions").add(id);
                o.put("observedAt", at.plus(Duration.ofDays(1)).toString());
                o.set("positive", group.get("positive"));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("decisions", decisions);
        created("/v1/decisions:batch", token, body);
        ObjectNode out = JSON.createObjectNode();
        out.set("outcomes", outcomes);
        created("/v1/outcomes:batch", token, out);
    }

    private static void created(String path, String token, JsonNode body) {
        HttpResponse<String> r = server.post(path, token, body.toString());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(201);
    }

    private static JsonNode ok(String path, String token) {
        HttpResponse<String> r = server.get(path, token);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
