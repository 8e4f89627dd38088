package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.NoteKey;

/** A token acts in its own tenant's log only, whatever it asks for. */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class TenantIsolationTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String adminA;
    static String adminB;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        adminA = server.token("hospital-a", Role.ADMIN);
        adminB = server.token("hospital-b", Role.ADMIN);
        for (int i = 0; i < 5; i++) {
            server.append(adminA, "{\"type\":\"a.secret\",\"patient\":\"a-" + i + "\"}");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_token_of_tenant_b_cannot_read_the_entries_of_tenant_a() {
        long sizeA = server.log("hospital-a").size();
        long sizeB = server.log("hospital-b").size();
        assertThat(sizeA).isGreaterThan(sizeB);

        for (long i = 0; i < sizeA; i++) {
            HttpResponse<String> r = server.get("/v1/ledger/entries/" + i, adminB);
            if (i < sizeB) {
                assertThat(TestServer.json(r).get("json").get("data").toString()).doesNotContain("a.secret");
            } else {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.body()).contains("tenant 'hospital-b'").doesNotContain("hospital-a");
            }
        }
    }

    @Test
    void what_tenant_b_appends_goes_to_tenant_b_and_leaves_tenant_a_untouched() {
        long sizeA = server.log("hospital-a").size();
        long sizeB = server.log("hospital-b").size();

        long index = server.append(adminB, "{\"type\":\"b.note\"}");

        assertThat(index).isEqualTo(sizeB);
        assertThat(server.log("hospital-b").size()).isEqualTo(sizeB + 1);
        assertThat(server.log("hospital-a").size()).isEqualTo(sizeA);
    }

    @Test
    void each_tenant_gets_its_own_key_and_checkpoint() {
        String keyA = server.get("/v1/ledger/key", adminA).body();
        String keyB = server.get("/v1/ledger/key", adminB).body();
        Checkpoint cpB = Checkpoint.open(server.get("/v1/ledger/checkpoint", adminB).body(), NoteKey.parseVerifier(keyB));

        assertThat(keyA).startsWith("onus.local/hospital-a+");
        assertThat(keyB).startsWith("onus.local/hospital-b+");
        assertThat(cpB.origin()).isEqualTo("onus.local/hospital-b");
        assertThat(cpB.size()).isEqualTo(server.log("hospital-b").size());
    }

    @Test
    void proofs_for_tenant_b_are_bounded_by_tenant_b_s_log() {
        long sizeA = server.log("hospital-a").size();

        HttpResponse<String> r = server.get("/v1/ledger/proofs/inclusion?index=0&size=" + sizeA, adminB);

        assertThat(r.statusCode()).isEqualTo(sizeA > server.log("hospital-b").size() ? 400 : 200);
    }

    @Test
    void tokens_issued_by_an_admin_of_tenant_b_belong_to_tenant_b() {
        HttpResponse<String> r = server.post("/v1/tokens", adminB, "{\"role\":\"auditor\",\"label\":\"b auditor\"}");
        JsonNode issued = TestServer.json(r);

        assertThat(issued.get("tenant").asText()).isEqualTo("hospital-b");
        String auditorB = issued.get("secret").asText();
        assertThat(server.get("/v1/ledger/key", auditorB).body()).startsWith("onus.local/hospital-b+");
    }
}
