package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.cli.Main;
import org.onus.store.TestPostgres;

/**
 * Two whole Onus nodes on one PostgreSQL database, sharing one key directory: whatever is
 * written through one is served by the other, and the database verifies with {@code onus verify}.
 */
class TwoNodesApiTest {

    @TempDir
    Path dataDir;

    @Test
    void tokensTenantsRecordsAndEntriesWrittenThroughOneNodeAreServedByTheOther() {
        String url = TestPostgres.url(TestPostgres.freshDatabase());
        try (TestServer a = TestServer.start(TestServer.config(dataDir).withStore(url));
             TestServer b = TestServer.start(TestServer.config(dataDir).withStore(url))) {
            assertThat(b.admin).as("only the first node to start bootstraps").isNull();
            String admin = a.admin;

            long index = a.append(admin, "{\"type\":\"note\",\"text\":\"through a\"}");
            HttpResponse<String> entry = b.get("/v1/ledger/entries/" + index, admin);
            assertThat(entry.statusCode()).as(entry.body()).isEqualTo(200);
            assertThat(b.append(admin, "{\"type\":\"note\",\"text\":\"through b\"}")).isEqualTo(index + 1);

            HttpResponse<String> tenant = a.post("/v1/tenants", admin, "{\"name\":\"st-marys\"}");
            assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
            String stMarys = TestServer.json(tenant).get("adminToken").get("secret").asText();
            assertThat(b.append(stMarys, "{\"type\":\"note\",\"text\":\"st marys through b\"}")).isPositive();

            String governance = a.token(Role.GOVERNANCE);
            HttpResponse<String> party = a.post("/v1/parties", governance, "{\"id\":\"acme\",\"kind\":\"manufacturer\",\"name\":\"Acme AI\"}");
            assertThat(party.statusCode()).as(party.body()).isEqualTo(201);
            HttpResponse<String> system = b.post("/v1/ai-systems", governance,
                    "{\"id\":\"reader\",\"name\":\"Reader\",\"manufacturer\":\"acme\",\"medicalDevice\":true,\"aiActRiskClass\":\"high\"}");
            assertThat(system.statusCode()).as("b knows the manufacturer a registered: " + system.body()).isEqualTo(201);
            JsonNode seen = TestServer.json(b.get("/v1/parties/acme", governance));
            assertThat(seen.toString()).contains("Acme AI");

            assertThat(b.get("/v1/ledger/key", admin).body()).isEqualTo(a.get("/v1/ledger/key", admin).body());
        }
        assertThat(Main.run("verify", "--data", dataDir.toString(), "--store", url)).isZero();
    }
}
