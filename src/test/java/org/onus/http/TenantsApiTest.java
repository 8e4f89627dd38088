package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;

class TenantsApiTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theOperatorCreatesATenantWithItsOwnLogKeyAndFirstAdmin() {
        HttpResponse<String> r = server.post("/v1/tenants", server.admin, "{\"name\":\"st-marys\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = TestServer.json(r);
        assertThat(created.get("origin").asText()).isEqualTo("onus.local/st-marys");
        String admin = created.get("adminToken").get("secret").asText();
        assertThat(server.get("/v1/ledger/key", admin).body()).isEqualTo(created.get("verifierKey").asText());
        assertThat(server.get("/v1/ledger/key", server.admin).body()).isNotEqualTo(created.get("verifierKey").asText());
        long defaultSize = server.defaultLog().size();
        server.append(admin, "{\"type\":\"note\"}");
        assertThat(server.defaultLog().size()).isEqualTo(defaultSize);
        assertThat(server.log("st-marys").size()).isGreaterThan(1);
        assertThat(server.defaultLog().entry(defaultSize - 2).orElseThrow().type()).isIn("tenant.created", "token.issued");
    }

    @Test
    void aTenantNameIsTakenOnceAndMustBeWellFormed() {
        assertThat(server.post("/v1/tenants", server.admin, "{\"name\":\"st-marys\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> again = server.post("/v1/tenants", server.admin, "{\"name\":\"st-marys\"}");
        HttpResponse<String> bad = server.post("/v1/tenants", server.admin, "{\"name\":\"St Marys!\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(bad).get("errors").get(0).get("field").asText()).isEqualTo("/name");
    }

    @Test
    void onlyTheOperatorTenantsAdminsMayCreateTenants() {
        JsonNode created = TestServer.json(server.post("/v1/tenants", server.admin, "{\"name\":\"st-marys\"}"));
        String otherAdmin = created.get("adminToken").get("secret").asText();

        assertThat(server.post("/v1/tenants", otherAdmin, "{\"name\":\"another\"}").statusCode()).isEqualTo(403);
        assertThat(server.post("/v1/tenants", server.token(Role.INVESTIGATOR), "{\"name\":\"another\"}").statusCode()).isEqualTo(403);
        assertThat(server.onus.ledger().log("another")).isEmpty();
    }
}
