package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.onus.Onus;
import org.onus.auth.IssuedToken;
import org.onus.auth.Role;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.ledger.TenantLog;
import org.onus.store.TestStores;

/**
 * A real Onus on port 0 over a temporary data directory, and a small HTTP client for it. Time is
 * a fixed clock, so entries' {@code recordedAt} is known in advance and no test reads the wall clock.
 */
public final class TestServer implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Onus onus;
    public final String admin;
    private final ByteArrayOutputStream out;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(Onus onus, ByteArrayOutputStream out) {
        this.onus = onus;
        this.out = out;
        this.admin = onus.bootstrap().map(b -> b.token().secret()).orElse(null);
    }

    /**
     * Port 0, the fixed clock, and the store of the run: the embedded one in {@code dataDir}, or a
     * PostgreSQL database of its own under {@code -Donus.test.store=postgres} (see {@link TestStores}).
     */
    public static Onus.Config config(Path dataDir) {
        return Onus.Config.of(dataDir).withPort(0).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withStore(TestStores.storeOption(dataDir));
    }

    public static TestServer start(Path dataDir) {
        return start(config(dataDir));
    }

    public static TestServer start(Onus.Config config) {
        return start(config, null);
    }

    /** A server whose regulatory clocks take incidents' facts from {@code incidentFacts}. */
    public static TestServer start(Onus.Config config, IncidentFactsSource incidentFacts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new TestServer(Onus.start(config.withOut(new PrintStream(out, true, StandardCharsets.UTF_8)), incidentFacts), out);
    }

    /** What Onus printed to its standard output. */
    public String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public TenantLog log(String tenant) {
        return onus.ledger().log(tenant).orElseThrow();
    }

    public TenantLog defaultLog() {
        return log(Onus.DEFAULT_TENANT);
    }

    /** A fresh token of {@code role} in {@code tenant}, creating the tenant if needed. */
    public String token(String tenant, Role role) {
        onus.ledger().createTenant(tenant);
        IssuedToken t = onus.tokens().issue(tenant, role, "test " + role.wireName(), "test");
        return t.secret();
    }

    public String token(Role role) {
        return token(Onus.DEFAULT_TENANT, role);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + onus.port() + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    public HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Appends an annotation through the API and returns its index. */
    public long append(String token, String json) {
        HttpResponse<String> r = post("/v1/ledger/entries", token, json);
        if (r.statusCode() != 201) {
            throw new AssertionError("append failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("index").asLong();
    }

    @Override
    public void close() {
        onus.close();
    }
}
