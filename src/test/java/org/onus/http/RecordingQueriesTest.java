package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.action;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.IssuedToken;
import org.onus.auth.Role;
import org.onus.ledger.Entries;

/**
 * The patient-linked reads over HTTP: a patient's timeline with the card and authorization in
 * force, a deployment's paged event stream, a decision's chain; and each read leaving an
 * {@code access} entry that names the reader.
 */
class RecordingQueriesTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String integration;
    static IssuedToken investigator;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        integration = server.token(Role.INTEGRATION);
        investigator = RecordingFixtures.issue(server, Role.INVESTIGATOR);
        RecordingFixtures.registerWorld(server, server.admin);
        created(server, "/v1/decisions", integration, decision("q-feb", "MRN-Q", "2026-02-15T09:00:00Z"));
        created(server, "/v1/decisions", integration, decision("q-mar", "MRN-Q", "2026-03-01T10:00:00Z"));
        created(server, "/v1/actions", integration, action("q-act", "q-mar", "dr-lee"));
        created(server, "/v1/outcomes", integration, outcome("q-out", "q-mar"));
        created(server, "/v1/decisions", integration, decision("q-other", "MRN-OTHER", "2026-03-01T11:00:00Z"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Reads through the API and checks that exactly one entry was appended: an access entry naming the reader. */
    static JsonNode loggedRead(String path, String query) {
        long before = server.defaultLog().size();
        JsonNode answer = ok(server, path, investigator.secret());
        assertThat(server.defaultLog().size()).as("one access entry per read").isEqualTo(before + 1);
        var entry = server.defaultLog().entry(before).orElseThrow();
        assertThat(entry.type()).isEqualTo("access");
        JsonNode data = Entries.parse(entry.bytes()).get("data");
        assertThat(data.get("reader").asText()).isEqualTo(investigator.id());
        assertThat(data.get("role").asText()).isEqualTo("investigator");
        assertThat(data.get("query").asText()).isEqualTo(query);
        return answer;
    }

    static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("type").asText()));
        return out;
    }

    @Test
    void a_patients_timeline_holds_their_events_in_the_window_each_decision_with_the_card_and_authorization_in_force() {
        JsonNode t = loggedRead("/v1/patients/MRN-Q/timeline?from=2026-02-20T00:00:00Z&to=2026-04-01T00:00:00Z", "patient-timeline");

        JsonNode events = t.get("events");
        assertThat(types(events)).containsExactly("decision", "action", "outcome");
        JsonNode decision = events.get(0);
        assertThat(decision.get("time").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(decision.get("data").get("id").asText()).isEqualTo("q-mar");
        assertThat(decision.get("inForce").get("authorization").get("record").get("id").asText()).isEqualTo("auth-1");
        assertThat(decision.get("inForce").get("version").get("record").get("card").get("intendedPopulation").get("ageMin").asInt())
                .isEqualTo(18);
        assertThat(t.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void a_timeline_without_a_window_holds_every_event_of_that_patient_and_none_of_another() {
        JsonNode t = loggedRead("/v1/patients/MRN-Q/timeline", "patient-timeline");

        assertThat(t.get("events")).extracting(e -> e.get("data").path("id").asText()).containsExactly("q-feb", "q-mar", "q-act", "q-out");
        assertThat(server.get("/v1/patients/MRN-Q/timeline?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z", investigator.secret())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void a_deployments_events_come_a_page_at_a_time_following_the_next_cursor() {
        String path = "/v1/deployments/auth-1/events?from=2026-01-01T00:00:00Z&to=2026-03-02T00:00:00Z&limit=3";

        JsonNode first = loggedRead(path, "deployment-stream");
        JsonNode second = loggedRead(path + "&cursor=" + first.get("next").asText(), "deployment-stream");

        List<String> ids = new ArrayList<>();
        first.get("events").forEach(e -> ids.add(e.get("data").get("id").asText()));
        second.get("events").forEach(e -> ids.add(e.get("data").get("id").asText()));
        assertThat(first.get("events")).hasSize(3);
        assertThat(ids).containsExactly("q-feb", "q-mar", "q-act", "q-other");
        assertThat(second.has("next")).isFalse();
        assertThat(first.get("events").get(0).has("inForce")).isFalse();
        assertThat(server.get(path + "&cursor=garbage", investigator.secret()).statusCode()).isEqualTo(422);
        assertThat(server.get("/v1/deployments/auth-1/events?limit=0", investigator.secret()).statusCode()).isEqualTo(400);
    }

    @Test
    void a_decisions_chain_holds_the_decision_its_actions_and_its_outcomes() {
        JsonNode chain = loggedRead("/v1/decisions/q-mar", "decision");

        assertThat(chain.get("decision").asText()).isEqualTo("q-mar");
        assertThat(types(chain.get("events"))).containsExactly("decision", "action", "outcome");
        assertThat(server.get("/v1/decisions/never-recorded", investigator.secret()).statusCode()).isEqualTo(404);
    }

    @Test
    void reading_a_decision_entry_through_the_raw_ledger_api_is_logged_too() {
        long index = server.defaultLog().size();
        created(server, "/v1/decisions", integration, decision("q-raw", "MRN-RAW", "2026-03-02T10:00:00Z"));

        JsonNode entry = loggedRead("/v1/ledger/entries/" + index, "ledger-entry");

        assertThat(entry.get("type").asText()).isEqualTo("decision");
    }
}
