package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.errorFields;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.post;
import static org.onus.http.RecordingFixtures.problemType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
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
 * /v1/monitoring over a real server: a deployment whose clinicians override nearly everything
 * raises an override-rate alert, governance acknowledges and resolves it, and each role sees
 * what it may.
 */
class MonitoringApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String governance;
    static String alertId;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        RecordingFixtures.registerWorld(server, server.admin);
        created(server, "/v1/authorizations", server.admin, "{'id':'auth-watch','system':'sepsis','versions':['1.0'],'site':'st-mary',"
                + "'units':['ed'],'oversight':{'reviewRequired':true,'alertResponseHours':24},"
                + "'monitoringThresholds':{'overrideRateMax':0.2,'windowDays':7},'validFrom':'2026-02-01T00:00:00Z',"
                + "'authorizedBy':{'party':'committee','role':'AI governance committee','decisionRef':'AIGC-7'}}");
        String integration = server.token(Role.INTEGRATION);
        List<String> decisions = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String t = String.format("2026-03-01T10:%02d:00Z", i);
            decisions.add(RecordingFixtures.decision("w" + i, "MRN-" + i, t).replace("'site':'st-mary'", "'authorization':'auth-watch','site':'st-mary'"));
            actions.add("{'id':'wa" + i + "','decision':'w" + i + "','clinician':'dr-lee','kind':'" + (i < 36 ? "overridden" : "accepted")
                    + "','time':'" + t.replace(":00Z", ":40Z") + "'}");
        }
        created(server, "/v1/decisions:batch", integration, RecordingFixtures.batch("decisions", decisions));
        created(server, "/v1/actions:batch", integration, RecordingFixtures.batch("actions", actions));
        governance = server.token(Role.GOVERNANCE);
        assertThat(server.onus.monitor(server.defaultLog()).awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        JsonNode open = ok(server, "/v1/monitoring/alerts?status=open", governance).path("alerts");
        assertThat(open).hasSize(1);
        alertId = open.get(0).path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDeploymentsFiguresAreServedBySliceWithTheirIntervalsAndTheCardsClaim() {
        JsonNode list = ok(server, "/v1/monitoring/deployments", governance).path("deployments");
        assertThat(list.findValuesAsText("deployment")).contains("auth-watch");

        JsonNode m = ok(server, "/v1/monitoring/deployments/auth-watch?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", governance);
        JsonNode all = m.path("slices").get(0);
        assertThat(all.path("slice").asText()).isEqualTo("all");
        assertThat(all.path("decisions").asLong()).isEqualTo(40);
        assertThat(all.path("actions").path("overridden").path("value").asDouble()).isEqualTo(0.9);
        assertThat(all.path("actions").path("overridden").path("ci").path("method").asText()).isEqualTo("wilson");
        assertThat(all.path("reviewSeconds").path("median").asDouble()).isBetween(40 / 1.15, 40 * 1.15);
        assertThat(all.path("performance").path("sensitivity").path("tooFew").asText()).isEqualTo("no cases");
        assertThat(all.path("performance").path("sensitivity").path("claim").path("value").asDouble()).isEqualTo(0.85);
        assertThat(m.path("slices").findValuesAsText("slice")).contains("version:1.0", "unit:ed", "age:50-59", "sex:female");
    }

    @Test
    void theFiguresExportAsCsv() {
        HttpResponse<String> r = server.get("/v1/monitoring/deployments/auth-watch/csv", governance);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.body()).startsWith("deployment,from,to,slice,metric,n,value,ci_lower,ci_upper,claim,note\n")
                .contains("auth-watch,").contains(",all,overriddenRate,40,0.9,");
    }

    @Test
    void theAlertNamesTheRuleTheFiguresTheWindowAndTheDeployersResponsiblePerson() {
        JsonNode a = ok(server, "/v1/monitoring/alerts/" + alertId, governance);
        assertThat(a.path("rule").asText()).isEqualTo("override-rate-above-threshold");
        assertThat(a.path("figures").path("x").asLong()).isEqualTo(36);
        assertThat(a.path("figures").path("n").asLong()).isEqualTo(40);
        assertThat(a.path("figures").path("threshold").asDouble()).isEqualTo(0.2);
        assertThat(a.path("window").path("days").asInt()).isEqualTo(7);
        assertThat(a.path("addressees").findValuesAsText("party")).containsExactly("committee");
        assertThat(a.path("postMarketSignal").asBoolean()).isFalse();
        assertThat(a.path("responseHours").asDouble()).isEqualTo(24.0);
    }

    @Test
    void governanceAcknowledgesThenResolvesAndAResolvedAlertTakesNoMore() {
        HttpResponse<String> missing = post(server, "/v1/monitoring/alerts/" + alertId + "/actions", governance, "{'resolves':true}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(errorFields(missing)).containsExactly("/action");

        created(server, "/v1/monitoring/alerts/" + alertId + "/acknowledgements", governance, "{'note':'CMIO informed'}");
        created(server, "/v1/monitoring/alerts/" + alertId + "/actions", governance,
                "{'action':'ED leads reviewed override reasons; threshold too strict for this workflow','resolves':true}");
        JsonNode a = ok(server, "/v1/monitoring/alerts/" + alertId, governance);
        assertThat(a.path("status").asText()).isEqualTo("resolved");
        assertThat(a.path("acknowledgements").get(0).path("note").asText()).isEqualTo("CMIO informed");

        HttpResponse<String> again = post(server, "/v1/monitoring/alerts/" + alertId + "/actions", governance, "{'action':'more'}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(problemType(again)).endsWith("alert-resolved");
        assertThat(ok(server, "/v1/monitoring/alerts?status=resolved", governance).path("alerts").findValuesAsText("id")).contains(alertId);
    }

    @Test
    void eachRoleSeesWhatItMay() {
        assertThat(server.get("/v1/monitoring/deployments", server.token(Role.INTEGRATION)).statusCode()).isEqualTo(403);
        assertThat(server.get("/v1/monitoring/deployments", server.token(Role.AUDITOR)).statusCode()).isEqualTo(200);
        assertThat(post(server, "/v1/monitoring/alerts/" + alertId + "/acknowledgements", server.token(Role.AUDITOR), "{}").statusCode())
                .isEqualTo(403);
        assertThat(server.get("/v1/monitoring/deployments", null).statusCode()).isEqualTo(401);

        String acme = server.onus.tokens().issue("default", Role.VENDOR, "acme", "test", "acme").secret();
        String other = server.onus.tokens().issue("default", Role.VENDOR, "other", "test", "other-maker").secret();
        assertThat(ok(server, "/v1/monitoring/deployments", acme).path("deployments").findValuesAsText("deployment")).contains("auth-watch");
        assertThat(ok(server, "/v1/monitoring/deployments", other).path("deployments").findValuesAsText("deployment")).doesNotContain("auth-watch");
        assertThat(server.get("/v1/monitoring/deployments/auth-watch", other).statusCode()).isEqualTo(404);
        // an override-rate alert is the deployer's, not a post-market signal: the maker does not see it
        assertThat(ok(server, "/v1/monitoring/alerts", acme).path("alerts")).isEmpty();
        assertThat(server.get("/v1/monitoring/alerts/" + alertId, acme).statusCode()).isEqualTo(404);
    }

    @Test
    void badParametersAreNamed() {
        HttpResponse<String> r = server.get("/v1/monitoring/deployments/auth-watch?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", governance);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("to");
        HttpResponse<String> s = server.get("/v1/monitoring/alerts?status=maybe", governance);
        assertThat(s.statusCode()).isEqualTo(400);
        assertThat(errorFields(s)).containsExactly("status");
        assertThat(server.get("/v1/monitoring/deployments/nowhere", governance).statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/monitoring/alerts/alert-nope", governance).statusCode()).isEqualTo(404);
    }
}
