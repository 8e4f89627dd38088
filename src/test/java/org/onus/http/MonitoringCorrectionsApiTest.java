package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.ok;

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
 * Corrections change the figures as if the corrected event had been recorded in the first place:
 * the earlier contribution is taken back, the corrected one counted, and a corrected decision
 * keeps its action and outcome.
 */
class MonitoringCorrectionsApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static JsonNode figures;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        RecordingFixtures.registerWorld(server, server.admin);
        String integration = server.token(Role.INTEGRATION);
        List<String> decisions = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String t = String.format("2026-03-01T12:%02d:00Z", i);
            decisions.add(RecordingFixtures.decision("k" + i, "MRN-" + i, t));
            actions.add("{'id':'ka" + i + "','decision':'k" + i + "','clinician':'dr-lee','kind':'accepted','time':'"
                    + t.replace(":00Z", ":45Z") + "'}");
            outcomes.add("{'id':'ko" + i + "','decisions':['k" + i + "'],'observedAt':'2026-03-03T00:00:00Z','positive':true}");
        }
        created(server, "/v1/decisions:batch", integration, RecordingFixtures.batch("decisions", decisions));
        created(server, "/v1/actions:batch", integration, RecordingFixtures.batch("actions", actions));
        created(server, "/v1/outcomes:batch", integration, RecordingFixtures.batch("outcomes", outcomes));

        created(server, "/v1/actions/ka0/corrections", integration, "{'reason':'the clinician overrode it; the EHR mapped the wrong code',"
                + "'corrected':{'id':'ka0','decision':'k0','clinician':'dr-lee','kind':'overridden','time':'2026-03-01T12:00:45Z'}}");
        created(server, "/v1/outcomes/ko1/corrections", integration, "{'reason':'cultures were contaminated; no sepsis',"
                + "'corrected':{'id':'ko1','decisions':['k1'],'observedAt':'2026-03-04T00:00:00Z','positive':false}}");
        String older = RecordingFixtures.decision("k2", "MRN-2", "2026-03-01T12:02:00Z").replace("'age':54", "'age':75");
        created(server, "/v1/decisions/k2/corrections", integration, "{'reason':'age was taken from the wrong record','corrected':"
                + older + "}");
        assertThat(server.onus.monitor(server.defaultLog()).awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        figures = ok(server, "/v1/monitoring/deployments/auth-1", server.admin);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode slice(String name) {
        for (JsonNode s : figures.path("slices")) {
            if (s.path("slice").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void aCorrectedActionCountsAsTheCorrectedKindOnly() {
        JsonNode actions = slice("all").path("actions");
        assertThat(actions.path("overridden").path("x").asLong()).isEqualTo(1);
        assertThat(actions.path("accepted").path("x").asLong()).isEqualTo(29);
        assertThat(actions.path("overridden").path("n").asLong()).isEqualTo(30);
    }

    @Test
    void aCorrectedOutcomeMovesItsCaseFromTruePositiveToFalsePositive() {
        JsonNode performance = slice("all").path("performance");
        assertThat(performance.path("sensitivity").path("n").asLong()).isEqualTo(29);
        assertThat(performance.path("sensitivity").path("tooFew").asText()).as("29 positives").contains("fewer than 30");
        assertThat(performance.path("specificity").path("n").asLong()).isEqualTo(1);
        assertThat(performance.path("ppv").path("x").asLong()).isEqualTo(29);
        assertThat(performance.path("ppv").path("n").asLong()).isEqualTo(30);
    }

    @Test
    void aCorrectedDecisionMovesToItsNewSubgroupWithItsActionAndOutcome() {
        assertThat(slice("all").path("decisions").asLong()).isEqualTo(30);
        assertThat(slice("age:70-79").path("decisions").asLong()).isEqualTo(1);
        assertThat(slice("age:70-79").path("decided").asLong()).isEqualTo(1);
        assertThat(slice("age:70-79").path("withOutcome").asLong()).isEqualTo(1);
        assertThat(slice("age:50-59").path("decisions").asLong()).isEqualTo(29);
        assertThat(slice("age:50-59").path("withOutcome").asLong()).isEqualTo(29);
    }
}
