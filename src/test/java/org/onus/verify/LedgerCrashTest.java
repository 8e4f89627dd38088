package org.onus.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.ConsistencyProof;
import org.onus.ledger.Entries;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;
import org.onus.ledger.TenantLog;
import org.onus.ledger.VerificationReport;
import org.onus.store.SqliteStore;
import org.onus.store.StoredEntry;

/**
 * Onus killed hard (no shutdown hook, no final checkpoint) while sixteen clients append: every
 * entry it acknowledged must survive, the log must verify, and it must still extend the
 * checkpoint it signed before the kill.
 *
 * <p>Onus runs as a child JVM on the test's class path ({@code onus serve --port 0}), driven over
 * HTTP exactly as an EHR integration would drive it.
 */
class LedgerCrashTest {

    private static final String TOKEN = "crash-test-bootstrap-token-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://localhost:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 16;
    private static final int ACKS_BEFORE_CHECKPOINT = 500;
    private static final int ACKS_BEFORE_KILL = 1000;

    @TempDir
    Path temp;
    private Path dir; // the data directory
    private Path childErr;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void noChildOutlivesTheTest() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedEntrySurvivesAHardKillAndTheLogStillExtendsItsLastCheckpoint() throws Exception {
        dir = temp.resolve("data");
        childErr = temp.resolve("child-stderr.log");
        Child onus = start();
        String publishedKey = get(onus.url + "/v1/ledger/key").strip();
        NoteKey key = NoteKey.parseVerifier(publishedKey);

        Clients clients = new Clients(onus.url);
        clients.start();
        assertThat(clients.acknowledgedAtLeast(ACKS_BEFORE_CHECKPOINT)).as("appends are acknowledged").isTrue();
        String preKillNote = get(onus.url + "/v1/ledger/checkpoint");
        Checkpoint preKill = Checkpoint.open(preKillNote, key);
        assertThat(preKill.size()).isGreaterThan(0);

        assertThat(clients.acknowledgedAtLeast(ACKS_BEFORE_KILL)).as("appends continue after the checkpoint").isTrue();
        int inFlightAtKill = clients.inFlight.get();
        clients.killed.set(true);
        onus.process.destroyForcibly();
        assertThat(onus.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<Long, JsonNode> acked = clients.joinAll();
        System.out.printf("crash test: %d entries acknowledged, %d requests in flight at the kill, checkpoint at %d%n",
                acked.size(), inFlightAtKill, preKill.size());

        // Restart on the crashed directory: it must start, and its new tree must extend the pre-kill checkpoint.
        Child restarted = start();
        assertThat(get(restarted.url + "/v1/ledger/key").strip()).isEqualTo(publishedKey);
        Checkpoint after = Checkpoint.open(get(restarted.url + "/v1/ledger/checkpoint"), key);
        long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(after.size()).isGreaterThan(maxAcked).isGreaterThanOrEqualTo(preKill.size());
        JsonNode proof = JSON.readTree(get(restarted.url + "/v1/ledger/proofs/consistency?from=" + preKill.size()
                + "&to=" + after.size()));
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        assertThat(Merkle.verifyConsistency(preKill.size(), after.size(), preKill.root(), after.root(), hashes))
                .as("the restarted log is consistent with the checkpoint signed before the kill").isTrue();
        restarted.process.destroy(); // a graceful stop this time
        assertThat(restarted.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then check the data directory in-process, trusting only the key published before the kill.
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport report = new LogVerifier(store).verify("default", key);
            assertThat(report.problem()).as(report.toString()).isEmpty();
            assertThat(report.entries()).isGreaterThan(maxAcked); // and LogVerifier found no gap below
            long tenantId = store.tenant("default").orElseThrow().id();
            for (Map.Entry<Long, JsonNode> a : acked.entrySet()) {
                StoredEntry e = store.entry(tenantId, a.getKey()).orElseThrow(() ->
                        new AssertionError("acknowledged entry " + a.getKey() + " is missing after the kill"));
                assertThat(Entries.parse(e.bytes()).get("data")).as("entry %d", a.getKey()).isEqualTo(a.getValue());
            }
        }
        VerifyFixtures.CliRun cli = VerifyFixtures.onus("verify", "--data", dir.toString(), "--key", publishedKey);
        assertThat(cli.exit()).as(cli.all()).isZero();
        assertThat(cli.out()).contains("[pinned key]");

        Ledger ledger = VerifyFixtures.open(dir);
        try {
            TenantLog log = ledger.log("default").orElseThrow();
            assertThat(log.rootAt(preKill.size())).as("recomputed root at the pre-kill checkpoint").isEqualTo(preKill.root());
            ConsistencyProof p = log.consistencyProof(preKill.size(), log.size());
            assertThat(Merkle.verifyConsistency(preKill.size(), log.size(), preKill.root(), log.rootAt(log.size()), p.hashes()))
                    .isTrue();
        } finally {
            VerifyFixtures.close(ledger);
        }
    }

    private record Child(Process process, String url) {
    }

    /** Sixteen clients appending in closed loops, recording what Onus acknowledged, until the kill. */
    private final class Clients {
        final String url;
        final Map<Long, JsonNode> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean killed = new AtomicBoolean();
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();
        final java.util.concurrent.Semaphore acks = new java.util.concurrent.Semaphore(0);

        Clients(String url) {
            this.url = url;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try {
                        appendUntilKilled(client);
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                }, "crash-client-" + c);
                t.start();
                threads.add(t);
            }
        }

        boolean acknowledgedAtLeast(int n) throws InterruptedException {
            if (!acks.tryAcquire(n, 120, TimeUnit.SECONDS)) {
                return false;
            }
            acks.release(n);
            return true;
        }

        private void appendUntilKilled(int client) throws InterruptedException, IOException {
            for (int seq = 0; !killed.get(); seq++) {
                ObjectNode body = JSON.createObjectNode();
                body.put("type", "crash-test");
                body.put("client", client);
                body.put("seq", seq);
                body.put("note", "client " + client + " append " + seq + " \u00e9\u00e8 \"quoted\"");
                inFlight.incrementAndGet();
                HttpResponse<String> r;
                try {
                    r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/ledger/entries"))
                            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    if (killed.get()) {
                        return; // the server is gone: this append was not acknowledged, its fate is unknown
                    }
                    throw e;
                } finally {
                    inFlight.decrementAndGet();
                }
                if (r.statusCode() == 201) {
                    long index = JSON.readTree(r.body()).get("index").asLong();
                    if (acknowledged.put(index, body) != null) {
                        throw new AssertionError("index " + index + " was acknowledged twice");
                    }
                    acks.release();
                } else if (!killed.get()) {
                    throw new AssertionError("append answered " + r.statusCode() + ": " + r.body());
                }
            }
        }

        Map<Long, JsonNode> joinAll() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).as("client failures").isEmpty();
            return Map.copyOf(acknowledged);
        }
    }

    private Child start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.onus.cli.Main",
                "serve", "--port", "0", "--data", dir.toString());
        pb.environment().put("ONUS_BOOTSTRAP_TOKEN", TOKEN);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(childErr.toFile()));
        Process p = pb.start();
        children.add(p);
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new AssertionError("onus serve exited (" + p.waitFor()
                        + ") before listening; its stderr is in " + childErr));
            } catch (IOException | InterruptedException e) {
                url.completeExceptionally(e);
            }
        }, "onus-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return new Child(p, url.get(120, TimeUnit.SECONDS));
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return r.body();
    }
}
