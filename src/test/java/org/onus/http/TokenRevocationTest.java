package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.auth.Tokens;
import org.onus.ledger.Entries;

/** Listing and revoking tokens: who may, what it leaves in the ledger, and that a revoked token is refused at once. */
class TokenRevocationTest {

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> delete(String path, String token) {
        return server.send(server.request(path).header("Authorization", "Bearer " + token).DELETE());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndTheRevocationIsALedgerEntry() {
        String integration = server.token(Role.INTEGRATION);
        assertThat(server.get("/v1/ledger/checkpoint", integration).statusCode()).isEqualTo(200); // now held as recently seen
        String id = tokenId(integration);

        HttpResponse<String> revoked = delete("/v1/tokens/" + id + "?reason=device%20lost", server.admin);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode answer = TestServer.json(revoked);
        assertThat(answer.get("id").asText()).isEqualTo(id);

        assertThat(server.get("/v1/ledger/checkpoint", integration).statusCode()).isEqualTo(401);
        JsonNode entry = Entries.parse(server.defaultLog().entry(answer.get("ledgerIndex").asLong()).orElseThrow().bytes());
        assertThat(entry.get("type").asText()).isEqualTo(Tokens.REVOKED_ENTRY_TYPE);
        assertThat(entry.at("/data/tokenId").asText()).isEqualTo(id);
        assertThat(entry.at("/data/reason").asText()).isEqualTo("device lost");

        long size = server.defaultLog().size();
        HttpResponse<String> again = delete("/v1/tokens/" + id, server.admin);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again).get("alreadyRevoked").asBoolean()).isTrue();
        assertThat(server.defaultLog().size()).as("a repeat writes nothing").isEqualTo(size);

        JsonNode listed = listedToken(id);
        assertThat(listed.get("role").asText()).isEqualTo("integration");
        assertThat(listed.has("revokedAt")).isTrue();
    }

    @Test
    void theListNeverShowsASecret() {
        String secret = server.token(Role.AUDITOR);
        HttpResponse<String> list = server.get("/v1/tokens", server.admin);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("secret").doesNotContain("Hash");
    }

    @Test
    void onlyAdminsRevokeAndOnlyInTheirOwnTenant() {
        String victim = server.token(Role.INVESTIGATOR);
        String id = tokenId(victim);
        for (Role r : new Role[] {Role.GOVERNANCE, Role.INTEGRATION, Role.INVESTIGATOR, Role.AUDITOR}) {
            assertThat(delete("/v1/tokens/" + id, server.token(r)).statusCode()).as(r.wireName()).isEqualTo(403);
            assertThat(server.get("/v1/tokens", server.token(r)).statusCode()).as(r.wireName()).isEqualTo(403);
        }
        String otherAdmin = server.token("elsewhere", Role.ADMIN);
        HttpResponse<String> foreign = delete("/v1/tokens/" + id, otherAdmin);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/tokens", otherAdmin).body()).doesNotContain(id);
        assertThat(server.get("/v1/ledger/checkpoint", victim).statusCode()).isEqualTo(200);
        assertThat(delete("/v1/tokens/tok_0000000000000000", server.admin).statusCode()).isEqualTo(404);
        HttpResponse<String> badReason = delete("/v1/tokens/" + id + "?reason=%20", server.admin);
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(badReason.body()).contains("reason");
    }

    @Test
    void theLastValidAdminTokenOfATenantIsKept() {
        String onlyAdmin = server.token("lonely", Role.ADMIN);
        String id = tokenId(onlyAdmin);
        HttpResponse<String> refused = delete("/v1/tokens/" + id, onlyAdmin);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("last-admin-token");
        assertThat(server.get("/v1/tokens", onlyAdmin).statusCode()).isEqualTo(200);

        String second = server.token("lonely", Role.ADMIN);
        assertThat(delete("/v1/tokens/" + id, second).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/tokens", onlyAdmin).statusCode()).isEqualTo(401);
    }

    private static String tokenId(String secret) {
        return server.onus.tokens().authenticate(secret).orElseThrow().tokenId();
    }

    private static JsonNode listedToken(String id) {
        for (JsonNode t : TestServer.json(server.get("/v1/tokens", server.admin)).get("tokens")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("token " + id + " is not listed");
    }
}
