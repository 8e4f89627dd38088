package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Jetty refuses before a route runs is answered as problem+json like everything else. */
class JettyErrorsTest {

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

    String exchange(String head) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.onus.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                all.write(buf, 0, n);
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static JsonNode body(String response) throws Exception {
        return new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void headersTooLargeAre431AsAProblem() throws Exception {
        String response = exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(body(response).get("status").asInt()).isEqualTo(431);
        assertThat(body(response).get("detail").asText()).contains("headers are too large");
    }

    @Test
    void anUnparseableRequestIs400AsAProblem() throws Exception {
        String response = exchange("GET /v1/ledger/key HTTP/1.1\r\nHost: x\r\nContent-Length: nonsense\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(body(response).get("type").asText()).startsWith("https://onus.dev/problems/");
    }
}
