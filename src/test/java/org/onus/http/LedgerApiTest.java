package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;

@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class LedgerApiTest {

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

    @Test
    void health_answers_ok_without_a_token() {
        HttpResponse<String> r = server.get("/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(TestServer.json(r).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void an_appended_entry_is_acknowledged_with_its_index_and_reads_back_as_the_exact_bytes_that_were_hashed() {
        long sizeBefore = server.defaultLog().size();

        HttpResponse<String> posted = server.post("/v1/ledger/entries", server.admin,
                "{\"type\":\"investigator.note\",\"text\":\"pump alarm silenced at 03:12\",\"n\":3,\"ratio\":0.25}");

        assertThat(posted.statusCode()).isEqualTo(201);
        JsonNode ack = TestServer.json(posted);
        long index = ack.get("index").asLong();
        assertThat(index).isEqualTo(sizeBefore);
        assertThat(posted.headers().firstValue("Location")).hasValue("/v1/ledger/entries/" + index);
        assertThat(server.defaultLog().size()).isEqualTo(sizeBefore + 1);

        HttpResponse<String> got = server.get("/v1/ledger/entries/" + index, server.admin);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode entry = TestServer.json(got);
        byte[] canonical = Base64.getDecoder().decode(entry.get("entry").asText());
        assertThat(entry.get("index").asLong()).isEqualTo(index);
        assertThat(entry.get("type").asText()).isEqualTo("annotation");
        assertThat(entry.get("recordedAt").asText()).isEqualTo(TestServer.NOW.toString());
        assertThat(entry.get("leafHash").asText()).isEqualTo(ack.get("leafHash").asText());
        assertThat(Base64.getDecoder().decode(entry.get("leafHash").asText())).isEqualTo(Merkle.leafHash(canonical));
        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(
                "{\"actor\":\"" + entry.get("json").get("actor").asText() + "\",\"data\":{\"n\":3,\"ratio\":0.25,"
                        + "\"text\":\"pump alarm silenced at 03:12\",\"type\":\"investigator.note\"},"
                        + "\"recordedAt\":\"2026-11-25T10:00:00.123Z\",\"type\":\"annotation\",\"v\":1}");
        assertThat(entry.get("json").get("actor").asText()).startsWith("tok_");
        assertThat(entry.get("json").get("data").get("text").asText()).isEqualTo("pump alarm silenced at 03:12");
    }

    @Test
    void the_checkpoint_is_a_signed_note_that_verifies_with_the_served_key() {
        server.append(server.admin, "{\"type\":\"t\"}");

        HttpResponse<String> key = server.get("/v1/ledger/key", server.admin);
        HttpResponse<String> note = server.get("/v1/ledger/checkpoint", server.admin);

        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(note.statusCode()).isEqualTo(200);
        assertThat(key.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(note.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(key.body()).isEqualTo(server.defaultLog().verifierKey());
        Checkpoint cp = Checkpoint.open(note.body(), NoteKey.parseVerifier(key.body()));
        assertThat(cp.origin()).isEqualTo("onus.local/default");
        assertThat(cp.size()).isEqualTo(server.defaultLog().size());
        assertThat(cp.root()).isEqualTo(server.defaultLog().rootAt(cp.size()));
    }

    @Test
    void inclusion_proofs_from_the_api_verify_against_the_root_of_the_checkpoint_from_the_api() {
        for (int i = 0; i < 7; i++) {
            server.append(server.admin, "{\"type\":\"t\",\"i\":" + i + "}");
        }
        NoteKey key = NoteKey.parseVerifier(server.get("/v1/ledger/key", server.admin).body());
        Checkpoint cp = Checkpoint.open(server.get("/v1/ledger/checkpoint", server.admin).body(), key);

        for (long index = 0; index < cp.size(); index++) {
            JsonNode entry = TestServer.json(server.get("/v1/ledger/entries/" + index, server.admin));
            byte[] leaf = Merkle.leafHash(Base64.getDecoder().decode(entry.get("entry").asText()));
            HttpResponse<String> r = server.get("/v1/ledger/proofs/inclusion?index=" + index + "&size=" + cp.size(), server.admin);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode proof = TestServer.json(r);
            assertThat(proof.get("index").asLong()).isEqualTo(index);
            assertThat(proof.get("size").asLong()).isEqualTo(cp.size());
            assertThat(proof.get("leafHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(leaf));
            assertThat(Merkle.verifyInclusion(index, cp.size(), leaf, hashes(proof), cp.root()))
                    .as("inclusion of entry %d in tree of size %d", index, cp.size()).isTrue();
            assertThat(Merkle.verifyInclusion(index, cp.size(), Merkle.leafHash(new byte[] {1}), hashes(proof), cp.root()))
                    .as("a different leaf must not verify").isFalse();
        }
    }

    @Test
    void a_consistency_proof_from_the_api_links_an_older_checkpoint_to_a_newer_one() {
        server.append(server.admin, "{\"type\":\"t\"}");
        NoteKey key = NoteKey.parseVerifier(server.get("/v1/ledger/key", server.admin).body());
        Checkpoint older = Checkpoint.open(server.get("/v1/ledger/checkpoint", server.admin).body(), key);
        for (int i = 0; i < 5; i++) {
            server.append(server.admin, "{\"type\":\"t\",\"i\":" + i + "}");
        }
        Checkpoint newer = Checkpoint.open(server.get("/v1/ledger/checkpoint", server.admin).body(), key);

        HttpResponse<String> r = server.get("/v1/ledger/proofs/consistency?from=" + older.size() + "&to=" + newer.size(), server.admin);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode proof = TestServer.json(r);
        assertThat(proof.get("from").asLong()).isEqualTo(older.size());
        assertThat(proof.get("to").asLong()).isEqualTo(newer.size());
        assertThat(newer.size()).isGreaterThan(older.size());
        assertThat(Merkle.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), hashes(proof))).isTrue();
        assertThat(Merkle.verifyConsistency(older.size(), newer.size(), newer.root(), newer.root(), hashes(proof))).isFalse();
    }

    @Test
    void an_admin_issues_a_token_whose_secret_is_shown_once_and_whose_issuance_is_in_the_ledger_without_the_secret() {
        HttpResponse<String> r = server.post("/v1/tokens", server.admin, "{\"role\":\"auditor\",\"label\":\"external auditor\"}");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode issued = TestServer.json(r);
        String secret = issued.get("secret").asText();
        assertThat(secret).startsWith("onus_");
        assertThat(issued.get("id").asText()).startsWith("tok_");
        assertThat(issued.get("role").asText()).isEqualTo("auditor");
        assertThat(issued.get("tenant").asText()).isEqualTo("default");

        JsonNode record = TestServer.json(server.get("/v1/ledger/entries/" + issued.get("ledgerIndex").asLong(), server.admin));
        assertThat(record.get("type").asText()).isEqualTo("token.issued");
        assertThat(record.get("json").get("data").get("tokenId").asText()).isEqualTo(issued.get("id").asText());
        assertThat(record.get("json").get("data").get("role").asText()).isEqualTo("auditor");
        assertThat(record.get("json").get("data").get("label").asText()).isEqualTo("external auditor");
        assertThat(new String(Base64.getDecoder().decode(record.get("entry").asText()), StandardCharsets.UTF_8)).doesNotContain(secret);

        assertThat(server.get("/v1/ledger/entries/0", secret).statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_show_requests_appends_log_size_and_the_jvm_in_prometheus_text() {
        server.append(server.admin, "{\"type\":\"t\"}");
        server.get("/health", null);

        HttpResponse<String> r = server.get("/metrics", server.admin);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(r.body())
                .contains("onus_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}")
                .contains("onus_http_requests_seconds_count{method=\"POST\",route=\"/v1/ledger/entries\",status=\"201\"}")
                .contains("onus_ledger_appended_entries_total{tenant=\"default\"}")
                .contains("onus_ledger_size{tenant=\"default\"} " + server.defaultLog().size())
                .contains("jvm_memory_used_bytes");
        assertThat(server.get("/metrics", server.token(Role.METRICS)).statusCode()).isEqualTo(200);
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        proof.get("hashes").forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        return out;
    }
}
