package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;

/**
 * Observed sensitivity far below the card's claim: a post-market signal addressed to the
 * deployer's committee and to the manufacturer, whose vendor token sees it and may respond, while
 * another manufacturer's does not.
 */
class PostMarketSignalApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static JsonNode signal;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        RecordingFixtures.registerWorld(server, server.admin);
        String integration = server.token(Role.INTEGRATION);
        List<String> decisions = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String t = String.format("2026-03-01T11:%02d:00Z", i);
            // scored 0.2, below the operating threshold 0.6, and then sepsis was confirmed: a false negative
            decisions.add(RecordingFixtures.decision("m" + i, "MRN-" + i, t).replace("'score':0.82", "'score':0.2"));
            outcomes.add("{'id':'mo" + i + "','decisions':['m" + i + "'],'observedAt':'2026-03-03T00:00:00Z','positive':" + (i < 36) + "}");
        }
        created(server, "/v1/decisions:batch", integration, RecordingFixtures.batch("decisions", decisions));
        created(server, "/v1/outcomes:batch", integration, RecordingFixtures.batch("outcomes", outcomes));
        assertThat(server.onus.monitor(server.defaultLog()).awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        JsonNode alerts = ok(server, "/v1/monitoring/alerts?status=open", server.admin).path("alerts");
        for (JsonNode a : alerts) {
            if (a.path("rule").asText().equals("sensitivity-below-claim")) {
                signal = a;
            }
        }
        assertThat(signal).as("alerts: %s", alerts).isNotNull();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSignalNamesTheClaimTheObservedFigureAndBothAddressees() {
        assertThat(signal.path("postMarketSignal").asBoolean()).isTrue();
        assertThat(signal.path("deployment").asText()).isEqualTo("auth-1");
        assertThat(signal.path("addressees").findValuesAsText("party")).containsExactly("committee", "acme");
        assertThat(signal.path("figures").path("x").asLong()).isZero();
        assertThat(signal.path("figures").path("n").asLong()).isEqualTo(36);
        assertThat(signal.path("figures").path("ci").path("method").asText()).isEqualTo("clopper-pearson");
        // exact 99% upper bound with 0 of 36: 1 - 0.005^(1/36)
        assertThat(signal.path("figures").path("ci").path("upper").asDouble()).isCloseTo(1 - Math.pow(0.005, 1.0 / 36),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(signal.path("figures").path("claim").path("ciLow").asDouble()).isEqualTo(0.8);
    }

    @Test
    void theManufacturerSeesAndAcknowledgesItsSignalAndAnotherManufacturerCannot() {
        String acme = server.onus.tokens().issue("default", Role.VENDOR, "acme", "test", "acme").secret();
        String other = server.onus.tokens().issue("default", Role.VENDOR, "other", "test", "other-maker").secret();
        String id = signal.path("id").asText();

        assertThat(ok(server, "/v1/monitoring/alerts", acme).path("alerts").findValuesAsText("id")).containsExactly(id);
        assertThat(post(server, "/v1/monitoring/alerts/" + id + "/acknowledgements", other, "{}").statusCode()).isEqualTo(404);
        created(server, "/v1/monitoring/alerts/" + id + "/acknowledgements", acme, "{'note':'field investigation opened, ref FI-2026-031'}");

        JsonNode a = ok(server, "/v1/monitoring/alerts/" + id, server.admin);
        assertThat(a.path("status").asText()).isEqualTo("acknowledged");
        assertThat(a.path("acknowledgements").get(0).path("by").path("party").asText()).isEqualTo("acme");
        assertThat(a.path("acknowledgements").get(0).path("by").path("role").asText()).isEqualTo("vendor");
    }
}
