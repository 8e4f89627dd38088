package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.onus.auth.Role;

/**
 * Plays a scenario of {@code src/test/resources/scenarios} into a tenant of its own through the
 * HTTP API: the hospital of {@code world.json}, the scenario's registry, its history (each
 * {@code series} of decisions with outcomes, then its own decisions, actions and outcomes), the
 * incident, the investigator's determinations, and the filing of every regulatory report the
 * incident owes {@code reportsFiledAfterHours} (default 1) after its clock started, so that a
 * scenario about something else is not also about reporting.
 */
public final class ScenarioLoader {

    public static final Path DIR = Path.of("src/test/resources/scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A played scenario: its JSON, its tenant, its incident's id and an investigator's token there. */
    public record Played(JsonNode scenario, String tenant, String incident, String investigator) {
    }

    private ScenarioLoader() {
    }

    public static Played play(TestServer server, String file, String tenant) {
        JsonNode scenario = read(DIR.resolve(file));
        String admin = server.token(tenant, Role.ADMIN);
        String integration = server.token(tenant, Role.INTEGRATION);
        String investigator = server.token(tenant, Role.INVESTIGATOR);
        for (JsonNode step : read(DIR.resolve("world.json")).get("registry")) {
            created(server, step.get("post").asText(), admin, step.get("body"));
        }
        scenario.path("registry").forEach(step -> created(server, step.get("post").asText(), admin, step.get("body")));
        scenario.path("series").forEach(series -> record(server, series, integration));
        scenario.path("decisions").forEach(d -> created(server, "/v1/decisions", integration, d));
        scenario.path("actions").forEach(a -> created(server, "/v1/actions", integration, a));
        scenario.path("outcomes").forEach(o -> created(server, "/v1/outcomes", integration, o));
        String incident = scenario.get("incident").get("id").asText();
        created(server, "/v1/incidents", investigator, scenario.get("incident"));
        scenario.path("determinations").forEach(d ->
                created(server, "/v1/incidents/" + incident + "/determinations", investigator, d));
        long afterHours = scenario.path("reportsFiledAfterHours").asLong(1);
        HttpResponse<String> owed = server.get("/v1/incidents/" + incident + "/reports", investigator);
        assertThat(owed.statusCode()).as(owed.body()).isEqualTo(200);
        for (JsonNode r : TestServer.json(owed).path("reports")) {
            ObjectNode filing = JSON.createObjectNode();
            filing.put("regime", r.get("regime").asText());
            filing.put("kind", r.get("kind").asText());
            filing.put("stage", "initial");
            filing.put("filedAt", Instant.parse(r.get("startsAt").asText()).plus(Duration.ofHours(afterHours)).toString());
            filing.put("reference", "REF-" + r.get("kind").asText());
            filing.put("by", r.get("owedBy").asText());
            created(server, "/v1/incidents/" + incident + "/reports", investigator, filing);
        }
        return new Played(scenario, tenant, incident, investigator);
    }

    /** A series: decisions every few minutes from a start, in groups that share an output and an outcome. */
    private static void record(TestServer server, JsonNode series, String token) {
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
        created(server, "/v1/decisions:batch", token, body);
        ObjectNode out = JSON.createObjectNode();
        out.set("outcomes", outcomes);
        created(server, "/v1/outcomes:batch", token, out);
    }

    private static void created(TestServer server, String path, String token, JsonNode body) {
        HttpResponse<String> r = server.post(path, token, body.toString());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(201);
    }

    public static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
