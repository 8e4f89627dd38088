package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.action;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.post;
import static org.onus.http.RecordingFixtures.problemType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onus.auth.Role;

/** What each role may do on the registry and recording endpoints, what a vendor sees, and that tenants never meet. */
class RolesAndTenantsTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        RecordingFixtures.registerWorld(server, server.admin);
        for (Role r : Role.values()) {
            TOKENS.put(r, r == Role.VENDOR
                    ? server.onus.tokens().issue("default", r, "acme vendor", "test", "acme").secret()
                    : server.token(r));
        }
        String integration = TOKENS.get(Role.INTEGRATION);
        created(server, "/v1/decisions", integration, decision("r-dec", "MRN-R", "2026-03-01T10:00:00Z"));
        created(server, "/v1/decisions", integration, "{'id':'r-triage','eventTime':'2026-03-01T12:00:00Z','authorization':'auth-2',"
                + "'reportedVersion':'2.0','artifactDigest':'" + RecordingFixtures.OTHER_DIGEST + "','patient':{'id':'MRN-R','age':60},"
                + "'output':{'kind':'class','label':'urgent','recommendation':'see within 10 minutes'}}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The requests of the table: each is valid, so the status depends on the role alone. */
    static HttpResponse<String> call(String request, String token) {
        return switch (request) {
            case "write-registry" -> post(server, "/v1/parties", token, "{'id':'roles-co','kind':'manufacturer','name':'Roles Co'}");
            case "revoke" -> post(server, "/v1/authorizations/auth-1/revocations", token, "{'effectiveAt':'2099-01-01T00:00:00Z','reason':'roles test'}");
            case "read-registry" -> server.get("/v1/ai-systems/sepsis", token);
            case "list-registry" -> server.get("/v1/authorizations", token);
            case "record-decision" -> post(server, "/v1/decisions", token, decision("r-dec", "MRN-R", "2026-03-01T10:00:00Z"));
            case "record-batch" -> post(server, "/v1/decisions:batch", token, "{'decisions':[" + decision("r-dec", "MRN-R", "2026-03-01T10:00:00Z") + "]}");
            case "record-action" -> post(server, "/v1/actions", token, action("r-act", "r-dec", "dr-lee"));
            case "record-outcome" -> post(server, "/v1/outcomes", token, RecordingFixtures.outcome("r-out", "r-dec"));
            case "timeline" -> server.get("/v1/patients/MRN-R/timeline", token);
            case "decision-chain" -> server.get("/v1/decisions/r-dec", token);
            case "deployment-events" -> server.get("/v1/deployments/auth-1/events", token);
            case "erase" -> RecordingFixtures.delete(server, "/v1/patients/MRN-NOBODY/personal-data", token);
            case "read-entry" -> server.get("/v1/ledger/entries/0", token);
            case "checkpoint" -> server.get("/v1/ledger/checkpoint", token);
            case "issue-token" -> post(server, "/v1/tokens", token, "{'role':'auditor','label':'roles test'}");
            case "metrics" -> server.get("/metrics", token);
            default -> throw new IllegalArgumentException(request);
        };
    }

    @ParameterizedTest(name = "{0}: admin {1}, governance {2}, integration {3}, investigator {4}, auditor {5}, vendor {6}, metrics {7}")
    @CsvSource(delimiter = '|', value = {
        // request         | admin | governance | integration | investigator | auditor | vendor | metrics
        "write-registry    | 201   | 201        | 403         | 403          | 403     | 403    | 403",
        "revoke            | 201   | 201        | 403         | 403          | 403     | 403    | 403",
        "read-registry     | 200   | 200        | 200         | 200          | 200     | 200    | 403",
        "list-registry     | 200   | 200        | 200         | 200          | 200     | 200    | 403",
        "record-decision   | 201   | 403        | 201         | 403          | 403     | 403    | 403",
        "record-batch      | 201   | 403        | 201         | 403          | 403     | 403    | 403",
        "record-action     | 201   | 403        | 201         | 403          | 403     | 403    | 403",
        "record-outcome    | 201   | 403        | 201         | 403          | 403     | 403    | 403",
        "timeline          | 200   | 403        | 403         | 200          | 403     | 403    | 403",
        "decision-chain    | 200   | 403        | 403         | 200          | 403     | 403    | 403",
        "deployment-events | 200   | 403        | 403         | 200          | 403     | 200    | 403",
        "erase             | 200   | 403        | 403         | 403          | 403     | 403    | 403",
        "read-entry        | 200   | 403        | 403         | 200          | 200     | 403    | 403",
        "checkpoint        | 200   | 200        | 200         | 200          | 200     | 200    | 403",
        "issue-token       | 201   | 403        | 403         | 403          | 403     | 403    | 403",
        "metrics           | 200   | 403        | 403         | 403          | 403     | 403    | 200",
    })
    void each_role_may_do_exactly_what_the_table_says(String request, int admin, int governance, int integration,
                                                      int investigator, int auditor, int vendor, int metrics) {
        Map<Role, Integer> expected = Map.of(Role.ADMIN, admin, Role.GOVERNANCE, governance, Role.INTEGRATION, integration,
                Role.INVESTIGATOR, investigator, Role.AUDITOR, auditor, Role.VENDOR, vendor, Role.METRICS, metrics);
        assertThat(expected.keySet()).containsExactlyInAnyOrder(Role.values());
        for (Role role : Role.values()) {
            HttpResponse<String> r = call(request, TOKENS.get(role));
            assertThat(r.statusCode()).as("%s by %s: %s", request, role.wireName(), r.body()).isEqualTo(expected.get(role));
            if (r.statusCode() == 403) {
                assertThat(problemType(r)).endsWith("/forbidden");
            }
        }
        assertThat(call(request, null).statusCode()).as("%s without a token", request).isEqualTo(401);
    }

    @Test
    void a_vendor_token_must_be_bound_to_a_registered_manufacturer() {
        String admin = server.admin;

        assertThat(post(server, "/v1/tokens", admin, "{'role':'vendor','label':'v'}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/v1/tokens", admin, "{'role':'vendor','label':'v','party':'st-mary'}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/v1/tokens", admin, "{'role':'vendor','label':'v','party':'nobody'}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/v1/tokens", admin, "{'role':'auditor','label':'a','party':'acme'}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/v1/tokens", admin, "{'role':'vendor','label':'v','party':'acme'}").statusCode()).isEqualTo(201);
    }

    @Test
    void a_vendor_sees_only_its_own_products_registry_records_and_lists_are_filtered() {
        String vendor = TOKENS.get(Role.VENDOR);

        assertThat(server.get("/v1/ai-systems/sepsis", vendor).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/ai-systems/sepsis/versions/1.0", vendor).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/authorizations/auth-1/history", vendor).statusCode()).isEqualTo(200);
        for (String hidden : List.of("/v1/ai-systems/triage", "/v1/ai-systems/triage/versions/2.0", "/v1/authorizations/auth-2",
                "/v1/authorizations/auth-2/history", "/v1/parties/other-maker", "/v1/parties/dr-lee")) {
            HttpResponse<String> r = server.get(hidden, vendor);
            assertThat(r.statusCode()).as(hidden).isEqualTo(404);
            assertThat(problemType(r)).as(hidden).endsWith("/record-not-found");
        }
        assertThat(ok(server, "/v1/ai-systems", vendor).get("ai-systems")).extracting(r -> r.get("id").asText()).containsExactly("sepsis");
        assertThat(ok(server, "/v1/authorizations", vendor).get("authorizations")).extracting(r -> r.get("id").asText())
                .containsExactly("auth-1");
        assertThat(ok(server, "/v1/parties", vendor).get("parties")).extracting(r -> r.get("id").asText())
                .containsExactlyInAnyOrder("acme", "st-mary");
    }

    @Test
    void a_vendor_sees_its_own_deployments_events_pseudonymized_and_sealed_and_nothing_of_another_makers() {
        String vendor = TOKENS.get(Role.VENDOR);

        JsonNode own = ok(server, "/v1/deployments/auth-1/events", vendor).get("events");
        JsonNode others = ok(server, "/v1/deployments/auth-2/events", vendor).get("events");

        assertThat(own).isNotEmpty();
        JsonNode d = own.get(0).get("data");
        assertThat(d.get("patient").has("id")).isFalse();
        assertThat(d.get("patient").get("pseudonym").asText()).startsWith("pt-");
        assertThat(d.get("output").get("recommendation").get("sealed").asText()).startsWith("sha256:");
        assertThat(d.get("input").get("payload").get("sealed").asText()).startsWith("sha256:");
        assertThat(own.toString()).doesNotContain("MRN-R").doesNotContain("sepsis bundle");
        assertThat(others).isEmpty();
        assertThat(ok(server, "/v1/deployments/auth-2/events", server.admin).get("events")).isNotEmpty();
    }

    @Test
    void an_auditor_reads_the_registry_and_the_ledger_but_writes_nothing() {
        String auditor = TOKENS.get(Role.AUDITOR);
        long size = server.defaultLog().size();

        assertThat(server.get("/v1/authorizations/auth-1/history", auditor).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/ledger/proofs/inclusion?index=0&size=1", auditor).statusCode()).isEqualTo(200);
        assertThat(post(server, "/v1/notices", auditor, "{}").statusCode()).isEqualTo(403);
        assertThat(post(server, "/v1/ai-systems/sepsis/versions", auditor, "{}").statusCode()).isEqualTo(403);
        assertThat(post(server, "/v1/outcomes:batch", auditor, "{}").statusCode()).isEqualTo(403);
        assertThat(post(server, "/v1/ledger/entries", auditor, "{'type':'note'}").statusCode()).isEqualTo(403);
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    @Test
    void another_tenants_tokens_see_none_of_this_tenants_records_and_write_only_to_their_own_log() {
        server.onus.ledger().createTenant("other");
        String otherAdmin = server.onus.tokens().issue("other", Role.ADMIN, "other admin", "test").secret();
        String otherInvestigator = server.onus.tokens().issue("other", Role.INVESTIGATOR, "other investigator", "test").secret();
        long defaultSize = server.defaultLog().size();
        long otherSize = server.log("other").size();

        assertThat(server.get("/v1/parties/acme", otherAdmin).statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/authorizations/auth-1", otherAdmin).statusCode()).isEqualTo(404);
        assertThat(ok(server, "/v1/parties", otherAdmin).get("parties")).isEmpty();
        assertThat(ok(server, "/v1/ai-systems", otherAdmin).get("ai-systems")).isEmpty();
        assertThat(server.get("/v1/decisions/r-dec", otherInvestigator).statusCode()).isEqualTo(404);
        assertThat(ok(server, "/v1/patients/MRN-R/timeline", otherInvestigator).get("events")).isEmpty();
        assertThat(ok(server, "/v1/deployments/auth-1/events", otherInvestigator).get("events")).isEmpty();
        assertThat(post(server, "/v1/decisions", otherAdmin, decision("r-dec", "MRN-R", "2026-03-01T10:00:00Z")).statusCode())
                .as("st-mary is not a site of tenant other").isEqualTo(422);
        created(server, "/v1/parties", otherAdmin, "{'id':'acme','kind':'manufacturer','name':'Acme of the other tenant'}");

        assertThat(server.defaultLog().size()).as("nothing reached tenant default").isEqualTo(defaultSize);
        assertThat(server.log("other").size()).as("the party and the two logged reads that found something to log").isEqualTo(otherSize + 3);
        assertThat(ok(server, "/v1/parties/acme", server.admin).get("record").get("name").asText()).isEqualTo("Acme AI");
        assertThat(ok(server, "/v1/parties/acme", otherAdmin).get("record").get("name").asText()).isEqualTo("Acme of the other tenant");
    }
}
