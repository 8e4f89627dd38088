package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.cli.Main;

class BundleApiTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAuditorExportsABundleThatVerifiesOfflineWithThePublishedKey() throws Exception {
        long a = server.append(server.admin, "{\"type\":\"note\",\"text\":\"one\"}");
        long b = server.append(server.admin, "{\"type\":\"note\",\"text\":\"two\"}");
        String key = server.get("/v1/ledger/key", server.admin).body();

        HttpResponse<String> r = server.post("/v1/ledger/bundles", server.token(Role.AUDITOR), "{\"indexes\":[" + a + "," + b + "]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Path file = dir.resolve("bundle.json");
        Files.writeString(file, r.body());
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true));
            exit = Main.run("verify", "--key", key, file.toString());
        } finally {
            System.setOut(out);
        }
        assertThat(exit).as(captured.toString()).isZero();
    }

    @Test
    void aBundleRequestNamingAMissingEntryIsRefusedNamingIt() {
        server.append(server.admin, "{\"type\":\"note\"}");

        HttpResponse<String> r = server.post("/v1/ledger/bundles", server.token(Role.AUDITOR), "{\"indexes\":[0, 99]}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(r).get("errors").get(0).get("field").asText()).isEqualTo("/indexes/1");
        assertThat(server.post("/v1/ledger/bundles", server.token(Role.INTEGRATION), "{\"indexes\":[0]}").statusCode()).isEqualTo(403);
    }
}
