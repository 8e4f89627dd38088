package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.NoteKey;
import org.onus.store.SqliteStore;
import org.onus.store.TenantRecord;

/** {@code onus serve} as its own process: what it prints, and how it stops. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeCommandTest {

    private static final String TOKEN = "serve-test-admin-secret-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");
    private static final Pattern KEY = Pattern.compile("verifier key of tenant ([a-z0-9-]+): (\\S+)");

    @TempDir
    Path dir;
    @TempDir
    Path logs;
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serve_prints_each_tenant_s_verifier_key_and_exactly_one_listening_line_with_the_real_port() throws Exception {
        Process p = serve(TOKEN);
        List<String> out = readUntilListening(p);

        List<String> listening = out.stream().filter(l -> LISTENING.matcher(l).matches()).toList();
        assertThat(listening).hasSize(1);
        Matcher port = LISTENING.matcher(listening.get(0));
        assertThat(port.matches()).isTrue();
        assertThat(Integer.parseInt(port.group(1))).isPositive();
        assertThat(out).last().isEqualTo(listening.get(0));

        List<String> keys = out.stream().filter(l -> KEY.matcher(l).matches()).toList();
        assertThat(keys).hasSize(1);
        Matcher key = KEY.matcher(keys.get(0));
        assertThat(key.matches()).isTrue();
        assertThat(key.group(1)).isEqualTo("default");
        assertThat(NoteKey.parseVerifier(key.group(2)).name()).isEqualTo("onus.local/default");

        String base = "http://localhost:" + port.group(1);
        assertThat(get(base + "/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> served = get(base + "/v1/ledger/key", TOKEN);
        assertThat(served.statusCode()).as("the token from ONUS_BOOTSTRAP_TOKEN works").isEqualTo(200);
        assertThat(served.body()).isEqualTo(key.group(2));
        assertThat(String.join("\n", out)).doesNotContain(TOKEN);
    }

    @Test
    void sigterm_stops_serve_gracefully_with_a_final_checkpoint_over_every_acknowledged_entry() throws Exception {
        Process p = serve(TOKEN);
        String base = baseUrl(readUntilListening(p));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/ledger/entries"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"t\",\"i\":" + i + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
        }

        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();

        try (SqliteStore store = SqliteStore.open(dir)) {
            TenantRecord tenant = store.tenant("default").orElseThrow();
            long size = store.size(tenant.id());
            assertThat(size).isEqualTo(6);
            assertThat(store.latestCheckpoint(tenant.id()).orElseThrow().size()).isEqualTo(size);
        }
    }

    @Test
    void serve_refuses_a_weak_bootstrap_token_naming_the_variable_and_exits_non_zero() throws Exception {
        Process p = serve("short");
        String stderr;
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        stderr = Files.readString(logs.resolve("serve.err"));

        assertThat(p.exitValue()).isNotZero();
        assertThat(stderr).contains("ONUS_BOOTSTRAP_TOKEN").contains("at least 32 characters");
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("listening on");
    }

    private Process serve(String bootstrapToken) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.onus.cli.Main",
                "serve", "--port", "0", "--data", dir.toString());
        pb.environment().put("ONUS_BOOTSTRAP_TOKEN", bootstrapToken);
        pb.redirectError(logs.resolve("serve.err").toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** Stdout lines up to and including the listening line. */
    private static List<String> readUntilListening(Process p) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
            if (LISTENING.matcher(line).matches()) {
                return lines;
            }
        }
        throw new AssertionError("serve ended without a listening line; stdout was " + lines);
    }

    private static String baseUrl(List<String> out) {
        Matcher m = LISTENING.matcher(out.get(out.size() - 1));
        assertThat(m.matches()).isTrue();
        return "http://localhost:" + m.group(1);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
