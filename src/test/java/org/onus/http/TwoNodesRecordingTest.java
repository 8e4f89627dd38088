package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.cli.Main;
import org.onus.store.TestPostgres;

/**
 * Two Onus nodes on one PostgreSQL database recording the same hospital's events: what one node
 * learns (a new patient's key, an authorization) the other one must not contradict.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoNodesRecordingTest {

    @TempDir
    Path dataDir;

    private String url;
    private TestServer a;
    private TestServer b;
    private String integration;
    private String investigator;
    private String governance;

    @BeforeEach
    void startTwoNodes() {
        url = TestPostgres.url(TestPostgres.freshDatabase());
        a = TestServer.start(TestServer.config(dataDir).withStore(url));
        b = TestServer.start(TestServer.config(dataDir).withStore(url));
        integration = a.token(Role.INTEGRATION);
        investigator = a.token(Role.INVESTIGATOR);
        governance = a.token(Role.GOVERNANCE);
    }

    @AfterEach
    void stopNodes() {
        b.close();
        a.close();
        assertThat(Main.run("verify", "--data", dataDir.toString(), "--store", url)).isZero();
    }

    @Test
    void aNewPatientFirstSeenOnBothNodesAtOnceHasEveryPayloadSealedUnderTheKeyTheStoreKeeps() throws Exception {
        RecordingFixtures.registerWorld(a, governance);
        b.defaultLog().catchUp();
        int patients = 40;
        CyclicBarrier together = new CyclicBarrier(2);
        for (int p = 0; p < patients; p++) {
            String patient = "MRN-RACE-" + p;
            CompletableFuture<HttpResponse<String>> throughA = CompletableFuture.supplyAsync(() -> postTogether(together, a,
                    decision("a-" + patient, patient, "2026-03-01T10:00:00Z")));
            HttpResponse<String> throughB = postTogether(together, b, decision("b-" + patient, patient, "2026-03-01T10:00:01Z"));
            assertThat(throughA.get().statusCode()).as(throughA.get().body()).isEqualTo(201);
            assertThat(throughB.statusCode()).as(throughB.body()).isEqualTo(201);
        }

        for (int p = 0; p < patients; p++) {
            TestServer reader = p % 2 == 0 ? a : b;
            JsonNode events = ok(reader, "/v1/patients/MRN-RACE-" + p + "/timeline", investigator).get("events");
            List<String> payloads = new ArrayList<>();
            events.forEach(e -> payloads.add(e.path("data").path("input").path("payload").toString()));
            assertThat(payloads).as("patient %d's payloads, opened through %s", p, reader == a ? "a" : "b")
                    .containsExactly("\"lactate 4.1 mmol/l\"", "\"lactate 4.1 mmol/l\"");
        }
    }

    @Test
    void aDecisionRecordedThroughOneNodeRightAfterAnAuthorizationWrittenThroughTheOtherRunsUnderIt() {
        RecordingFixtures.registerWorld(a, governance);
        b.defaultLog().catchUp();
        String inIcu = decision("dec-icu", "MRN-ICU", "2026-03-01T10:00:00Z").replace("'unit':'ed'", "'unit':'icu'");
        assertThat(RecordingFixtures.storedFlags(b, a.admin, RecordingFixtures.created(b, "/v1/decisions", integration, inIcu)
                .get("index").asLong())).as("before the authorization, the icu is not covered").contains("unit-not-authorized");

        RecordingFixtures.created(a, "/v1/authorizations", governance,
                RecordingFixtures.authorization("auth-icu", "['icu']", "{'ageMin':18}"));
        long index = RecordingFixtures.created(b, "/v1/decisions", integration,
                inIcu.replace("dec-icu", "dec-icu-2").replace("10:00:00Z", "10:05:00Z")).get("index").asLong();

        JsonNode data = ok(b, "/v1/ledger/entries/" + index, a.admin).get("json").get("data");
        assertThat(data.path("authorization").asText()).isEqualTo("auth-icu");
        assertThat(RecordingFixtures.storedFlags(b, a.admin, index)).doesNotContain("no-authorization", "unit-not-authorized",
                "authorization-not-in-force", "version-not-authorized");
    }

    @Test
    void aThresholdCrossedInAStreamBothNodesIngestRaisesOneAlert() {
        RecordingFixtures.registerWorld(a, governance);
        RecordingFixtures.created(a, "/v1/authorizations", governance, "{'id':'auth-watch','system':'sepsis','versions':['1.0'],"
                + "'site':'st-mary','units':['ed'],'oversight':{'reviewRequired':true,'alertResponseHours':24},"
                + "'monitoringThresholds':{'overrideRateMax':0.2,'windowDays':7},'validFrom':'2026-02-01T00:00:00Z',"
                + "'authorizedBy':{'party':'committee','role':'AI governance committee','decisionRef':'AIGC-7'}}");
        List<String> decisions = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String t = String.format("2026-03-01T10:%02d:00Z", i);
            decisions.add(decision("w" + i, "MRN-" + i, t).replace("'site':'st-mary'", "'authorization':'auth-watch','site':'st-mary'"));
            actions.add("{'id':'wa" + i + "','decision':'w" + i + "','clinician':'dr-lee','kind':'" + (i % 10 == 0 ? "accepted" : "overridden")
                    + "','time':'" + t.replace(":00Z", ":40Z") + "'}");
        }
        RecordingFixtures.created(b, "/v1/decisions:batch", integration, RecordingFixtures.batch("decisions", decisions));
        RecordingFixtures.created(a, "/v1/actions:batch", integration, RecordingFixtures.batch("actions", actions.subList(0, 30)));
        RecordingFixtures.created(b, "/v1/actions:batch", integration, RecordingFixtures.batch("actions", actions.subList(30, 60)));

        for (int round = 0; round < 3; round++) { // the alerts one node raises reach the other, which may raise again
            for (TestServer node : List.of(a, b)) {
                node.defaultLog().catchUp();
                assertThat(node.onus.monitor(node.defaultLog()).awaitCaughtUp(java.time.Duration.ofSeconds(30))).isTrue();
            }
        }
        List<String> alerts = new ArrayList<>();
        a.defaultLog().scan(0, a.defaultLog().size(), e -> {
            if (e.type().equals("alert")) {
                alerts.add(org.onus.ledger.Entries.parse(e.bytes()).path("data").path("key").asText());
            }
        });
        assertThat(alerts).containsExactly("auth-watch|override-rate-above-threshold|all");
        assertThat(ok(b, "/v1/monitoring/alerts?status=open", governance).path("alerts")).as("b knows the alert a or b raised").hasSize(1);
    }

    private HttpResponse<String> postTogether(CyclicBarrier together, TestServer node, String body) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return RecordingFixtures.post(node, "/v1/decisions", integration, body);
    }
}
