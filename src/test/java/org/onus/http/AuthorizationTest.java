package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.ProblemResponsesTest.assertProblem;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onus.auth.Role;
import org.onus.auth.Tokens;
import org.onus.store.TokenRecord;

@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class AuthorizationTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    private long sizeBefore;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void rememberSize() {
        sizeBefore = server.defaultLog().size();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(server.defaultLog().size()).isEqualTo(sizeBefore);
    }

    @Test
    void a_request_without_a_token_is_401_with_a_bearer_challenge_and_writes_nothing() {
        HttpResponse<String> r = server.post("/v1/ledger/entries", null, "{\"type\":\"t\"}");

        assertProblem(r, 401, "unauthorized", "Authorization: Bearer");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"onus\"");
    }

    @Test
    void an_unknown_token_and_a_revoked_token_get_the_same_401() {
        String revoked = "onus_revoked-secret-of-at-least-thirty-two-chars";
        server.onus.ledger().store().addToken(new TokenRecord(Tokens.hash(revoked), "tok_revoked", server.defaultLog().tenantId(),
                "admin", "revoked admin", 0, 1));

        HttpResponse<String> unknown = server.post("/v1/ledger/entries", "onus_no-such-token", "{\"type\":\"t\"}");
        HttpResponse<String> refused = server.post("/v1/ledger/entries", revoked, "{\"type\":\"t\"}");

        assertProblem(unknown, 401, "unauthorized", "not valid");
        assertProblem(refused, 401, "unauthorized", "not valid");
        assertThat(refused.body()).isEqualTo(unknown.body());
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"onus\", error=\"invalid_token\"");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).isEqualTo(refused.headers().firstValue("WWW-Authenticate"));
    }

    @Test
    void a_header_with_another_scheme_is_401() {
        HttpResponse<String> r = server.send(server.request("/v1/ledger/key").header("Authorization", "Basic " + server.admin));

        assertProblem(r, 401, "unauthorized", "not valid");
    }

    @Test
    void the_bearer_scheme_is_case_insensitive() {
        HttpResponse<String> r = server.send(server.request("/v1/ledger/key").header("Authorization", "bearer " + server.admin));

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void unauthenticated_requests_are_refused_before_the_body_is_even_parsed() {
        HttpResponse<String> r = server.post("/v1/ledger/entries", null, "not json at all");

        assertThat(r.statusCode()).isEqualTo(401);
    }

    /** The role table, as seen from outside: which role gets which status on which route. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "vendor,       GET,  /v1/ledger/checkpoint,            200",
        "vendor,       GET,  /v1/ledger/key,                   200",
        "vendor,       GET,  /v1/ledger/proofs/inclusion?index=0&size=1, 200",
        "vendor,       GET,  /v1/ledger/entries/0,             403",
        "vendor,       POST, /v1/ledger/entries,               403",
        "vendor,       GET,  /metrics,                         403",
        "integration,  POST, /v1/ledger/entries,               201",
        "integration,  GET,  /v1/ledger/entries/0,             403",
        "integration,  GET,  /v1/ledger/proofs/consistency?from=0&to=1, 200",
        "integration,  POST, /v1/tokens,                       403",
        "auditor,      GET,  /v1/ledger/entries/0,             200",
        "auditor,      POST, /v1/ledger/entries,               403",
        "auditor,      POST, /v1/tokens,                       403",
        "investigator, GET,  /v1/ledger/entries/0,             200",
        "investigator, POST, /v1/ledger/entries,               201",
        "investigator, POST, /v1/tokens,                       403",
        "metrics,      GET,  /metrics,                         200",
        "metrics,      GET,  /v1/ledger/checkpoint,            403",
        "admin,        POST, /v1/tokens,                       201",
        "admin,        GET,  /metrics,                         200",
    })
    void each_role_may_do_exactly_what_its_permissions_say(String role, String method, String path, int expected) {
        String token = server.token(Role.parse(role).orElseThrow());
        sizeBefore = server.defaultLog().size();
        String body = path.equals("/v1/tokens") ? "{\"role\":\"auditor\",\"label\":\"x\"}" : "{\"type\":\"t\"}";

        HttpResponse<String> r = method.equals("GET") ? server.get(path, token) : server.post(path, token, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        if (expected == 403) {
            assertProblem(r, 403, "forbidden", role);
        }
        if (expected == 201) {
            sizeBefore++;
        }
    }

    @Test
    void a_403_says_which_roles_would_be_allowed() {
        String vendor = server.token(Role.VENDOR);
        sizeBefore = server.defaultLog().size();

        HttpResponse<String> r = server.get("/v1/ledger/entries/0", vendor);

        assertProblem(r, 403, "forbidden", "admin, investigator, auditor");
    }

    @Test
    void an_admin_of_another_tenant_may_not_read_metrics_which_cover_every_tenant() {
        String otherAdmin = server.token("clinic-m", Role.ADMIN);

        HttpResponse<String> r = server.get("/metrics", otherAdmin);

        assertProblem(r, 403, "forbidden", "operator tenant 'default'");
    }
}
