package org.onus.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import org.onus.http.ScenarioLoader;
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
        try (Stream<Path> files = Files.list(ScenarioLoader.DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+-.*\\.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_investigation_implicates_exactly_whom_the_scenario_expects(String file) {
        String tenant = "scenario-" + file.substring(0, file.indexOf('-'));
        ScenarioLoader.Played played = ScenarioLoader.play(server, file, tenant);
        JsonNode scenario = played.scenario();
        String incident = played.incident();
        String investigator = played.investigator();

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
}
